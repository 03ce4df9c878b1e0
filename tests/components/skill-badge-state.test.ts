import { describe, expect, test } from "vitest";
import { badgeState } from "@/components/skills/badge-state";

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 20, 12);

describe("a skill badge's state on the profile and the portfolio", () => {
  test("valid, expiring within 30 days (amber, with the days left), expired (red); revoked and issuing say so", () => {
    expect(badgeState({ expiresAt: now + 400 * DAY }, now)).toMatchObject({ label: "Valid", tone: "success" });
    expect(badgeState({ expiresAt: now + 30 * DAY }, now)).toMatchObject({
      label: "Expires in 30 days",
      tone: "warning",
    });
    expect(badgeState({ expiresAt: now + 0.5 * DAY }, now).label).toBe("Expires in 1 day");
    expect(badgeState({ expiresAt: now }, now)).toMatchObject({ label: "Expired", tone: "danger" });
    expect(badgeState({ expiresAt: now - DAY }, now).expiryText).toMatch(/^expired /);
    expect(badgeState({ expiresAt: null }, now)).toEqual({
      label: "Valid",
      tone: "success",
      expiryText: "does not expire",
    });
    expect(badgeState({ expiresAt: now - DAY, revoked: true }, now).label).toBe("Revoked");
    expect(badgeState({ expiresAt: now + DAY, issuing: true }, now).label).toBe("Being issued");
  });
});
