/** #15.14: every public function's arguments are bounded by the builders, whatever the function declares. */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { ARG_LIMITS, assertArgsBounded, boundedText } from "../../convex/limits";
import { expectAppError, newTest } from "./helpers";

describe("#15.14 argument limits", () => {
  test("a public query refuses a string longer than the outer bound before its handler runs", async () => {
    const t = newTest();
    const message = await expectAppError(
      t.query(api.catalog.browse.getCourse, { slug: "x".repeat(ARG_LIMITS.string + 1) }),
      "INVALID_INPUT",
    );
    expect(message).toMatch(/too long/);
    expect(await t.query(api.catalog.browse.getCourse, { slug: "no-such-course" })).toBeNull();
  });

  test("arrays and nesting are bounded too", () => {
    expect(() => assertArgsBounded({ rows: Array.from({ length: ARG_LIMITS.array + 1 }, () => "a") })).toThrow();
    let deep: unknown = "leaf";
    for (let i = 0; i < ARG_LIMITS.depth + 1; i++) deep = { deep };
    expect(() => assertArgsBounded(deep)).toThrow();
    expect(() => assertArgsBounded({ rows: ["a", "b"], nested: { ok: true } })).not.toThrow();
  });

  test("boundedText trims, and names the field when it is too long or missing", () => {
    expect(boundedText("  Ada  ", "your name", 10)).toBe("Ada");
    expect(() => boundedText("x".repeat(11), "your name", 10)).toThrow(/Your name is too long: at most 10 characters/);
    expect(() => boundedText("   ", "your name", 10, { min: 1 })).toThrow(/Please enter your name/);
  });
});
