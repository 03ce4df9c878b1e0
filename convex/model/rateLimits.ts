import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { appError } from "../errors";

/** Every rate limit in the academy, in one place (Convex rate-limiter component). */
export const rateLimiter = new RateLimiter(components.rateLimiter, {
  /** Sign-in links per email address: a few retries, not a mail cannon. */
  magicLink: { kind: "token bucket", rate: 5, period: 15 * MINUTE, capacity: 5 },
  /** Invitation emails per organization (sending and resending). */
  orgInvites: { kind: "token bucket", rate: 300, period: HOUR, capacity: 200 },
  /** "Buy for my team" requests per email address. */
  teamRequests: { kind: "fixed window", rate: 3, period: HOUR },
  /** Manager nudges per manager: enough for a morning's follow-up, not a spam cannon. */
  managerNudges: { kind: "token bucket", rate: 20, period: HOUR, capacity: 20 },
  /** Credential checks (verify endpoint, uploads, the verify page's server check) per client address. */
  credentialChecks: { kind: "token bucket", rate: 60, period: MINUTE, capacity: 30 },
  /** All credential checks together: the ceiling when many addresses take part. */
  credentialChecksAll: { kind: "token bucket", rate: 1_200, period: MINUTE, capacity: 300, shards: 10 },
});

type LimitName = "magicLink" | "orgInvites" | "teamRequests" | "managerNudges" | "credentialChecks" | "credentialChecksAll";

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
