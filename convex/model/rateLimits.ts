import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { appError } from "../errors";

/** The most addresses one CSV upload may invite (the invitation bucket holds at least this many). */
export const INVITES_PER_UPLOAD = 500;

/** Every rate limit in the academy, in one place (Convex rate-limiter component). */
export const rateLimiter = new RateLimiter(components.rateLimiter, {
  /** Sign-in links per email address: a few retries, not a mail cannon. */
  magicLink: { kind: "token bucket", rate: 5, period: 15 * MINUTE, capacity: 5 },
  /**
   * Invitation emails per organization (sending and resending), one token per address: a full
   * CSV upload at once, refilled at the same number an hour. The capacity must hold the largest
   * upload, or that upload could never pass.
   */
  orgInvites: { kind: "token bucket", rate: INVITES_PER_UPLOAD, period: HOUR, capacity: INVITES_PER_UPLOAD },
  /** "Buy for my team" requests per email address. */
  teamRequests: { kind: "fixed window", rate: 3, period: HOUR },
  /** Manager nudges per manager: enough for a morning's follow-up, not a spam cannon. */
  managerNudges: { kind: "token bucket", rate: 20, period: HOUR, capacity: 20 },
});

type LimitName = "magicLink" | "orgInvites" | "teamRequests" | "managerNudges";

/** Consumes `count` tokens or throws RATE_LIMITED with when to try again. */
export async function enforceLimit(
  ctx: MutationCtx,
  name: LimitName,
  key: string,
  what: string,
  count = 1,
) {
  const status = await rateLimiter.limit(ctx, name, { key, count });
  if (!status.ok) {
    const minutes = Math.max(1, Math.ceil(status.retryAfter / MINUTE));
    throw appError("RATE_LIMITED", `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}
