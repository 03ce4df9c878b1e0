import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import { errorCode, errorMessage } from "@/lib/errors";

describe("error messages shown to people", () => {
  test("an app error shows its own message and code", () => {
    const error = new ConvexError({ code: "COHORT_FULL", message: "This cohort just sold out. Join the waitlist?" });
    expect(errorMessage(error)).toBe("This cohort just sold out. Join the waitlist?");
    expect(errorCode(error)).toBe("COHORT_FULL");
  });

  test("anything else never leaks internals", () => {
    expect(errorMessage(new Error("Uncaught TypeError: x is undefined at handler"))).toBe(
      "Something went wrong on our side. Please try again in a moment.",
    );
    expect(errorCode(new ConvexError({ code: "MADE_UP", message: "?" }))).toBeNull();
  });
});
