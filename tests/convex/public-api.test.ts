/** No public function takes an argument that names its caller: callers come from ctx.auth. */
import { describe, expect, test } from "vitest";
import { modules } from "./helpers";

const CALLER_ARGS = ["userId", "callerId", "viewerId", "role", "actorId"];

describe("public functions derive the caller from ctx.auth", () => {
  test("no public function declares a caller-identifying argument", async () => {
    const offenders: string[] = [];
    let publicFunctions = 0;
    for (const [path, load] of Object.entries(modules)) {
      if (path.includes("/_generated/") || path.endsWith("/convex.config.ts")) continue;
      const mod = (await load()) as Record<string, { isPublic?: boolean; exportArgs?: () => string }>;
      for (const [name, fn] of Object.entries(mod)) {
        if (!fn?.isPublic || typeof fn.exportArgs !== "function") continue;
        publicFunctions += 1;
        const args = JSON.parse(fn.exportArgs()) as { type: string; value?: Record<string, unknown> };
        for (const arg of Object.keys(args.value ?? {})) {
          if (CALLER_ARGS.includes(arg)) offenders.push(`${path}:${name}(${arg})`);
        }
      }
    }
    expect(publicFunctions).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
