import { HOUR, MINUTE, RateLimiter } from "@convex-dev/rate-limiter";
import { components } from "./_generated/api";
import type { MutationCtx } from "./_generated/server";
import { appError } from "./errors";

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
  /** "Buy for my team" requests per client network (see clientNetworkKey), whatever email is typed. */
  teamRequests: { kind: "fixed window", rate: 3, period: HOUR },
  /** Manager nudges per manager: enough for a morning's follow-up, not a spam cannon. */
  managerNudges: { kind: "token bucket", rate: 20, period: HOUR, capacity: 20 },
  /** "Email is not being sent" alerts to platform admins: one per window, however many emails fail. */
  emailNotConfiguredAlerts: { kind: "fixed window", rate: 1, period: 6 * HOUR },
  /** All anonymous "Buy for my team" requests together: a ceiling no number of addresses gets past. */
  teamRequestsGlobal: { kind: "token bucket", rate: 30, period: HOUR, capacity: 30 },
  /**
   * All sign-in links together: a ceiling on what a flood of different addresses can make us send. (Not per
   * network: sign-in goes through the Next.js server, so Convex sees the server's address, not the person's.)
   */
  magicLinkGlobal: { kind: "token bucket", rate: 1_000, period: HOUR, capacity: 1_000 },
  /** Credential checks (verify endpoint, uploads, the verify page's server check) per client address. */
  credentialChecks: { kind: "token bucket", rate: 60, period: MINUTE, capacity: 30 },
  /** All credential checks together: the ceiling when many addresses take part. */
  credentialChecksAll: { kind: "token bucket", rate: 1_200, period: MINUTE, capacity: 300, shards: 10 },
  /** Requests to change one's sign-in address, per person: each sends a link to an address they type. */
  emailChanges: { kind: "token bucket", rate: 5, period: HOUR, capacity: 5 },
  /** Checkouts started with a promotion code, per person: each tries a code, so codes cannot be guessed in bulk. */
  promotionCodeAttempts: { kind: "token bucket", rate: 10, period: HOUR, capacity: 10 },
  /**
   * Checkouts started per person (a seat held and a Stripe Checkout Session created, course or path bundle): releasing
   * and reserving again in a loop cannot hold seats or create sessions without end. Continuing one is free.
   */
  checkoutStarts: { kind: "token bucket", rate: 30, period: HOUR, capacity: 30 },
  /** Enrollment codes tried at /redeem, per person. */
  enrollmentCodeAttempts: { kind: "token bucket", rate: 10, period: HOUR, capacity: 10 },
  /** Transfer and refund requests a learner files for admins (each emails nobody yet, but fills a queue). */
  enrollmentRequests: { kind: "token bucket", rate: 5, period: HOUR, capacity: 5 },
  /** Public skills portfolio views per client network (/portfolio/<slug>). */
  portfolioViews: { kind: "token bucket", rate: 60, period: MINUTE, capacity: 30 },
  /** All portfolio views together: the ceiling when many addresses take part. */
  portfolioViewsAll: { kind: "token bucket", rate: 1_200, period: MINUTE, capacity: 300, shards: 10 },
  /** New portfolio links a learner makes (each retires the last one). */
  portfolioLinks: { kind: "token bucket", rate: 10, period: HOUR, capacity: 10 },
  /** A learner's own transfers between cohorts (each one emails a calendar and may offer a seat to the waitlist). */
  selfTransfers: { kind: "token bucket", rate: 3, period: 24 * HOUR, capacity: 3 },
});

type LimitName =
  | "magicLink"
  | "orgInvites"
  | "teamRequests"
  | "managerNudges"
  | "emailNotConfiguredAlerts"
  | "teamRequestsGlobal"
  | "magicLinkGlobal"
  | "credentialChecks"
  | "credentialChecksAll"
  | "emailChanges"
  | "promotionCodeAttempts"
  | "checkoutStarts"
  | "enrollmentCodeAttempts"
  | "enrollmentRequests"
  | "selfTransfers"
  | "portfolioLinks";

/** Consumes `count` tokens or throws RATE_LIMITED with when to try again. */
export async function enforceLimit(ctx: MutationCtx, name: LimitName, key: string, what: string, count = 1) {
  const status = await rateLimiter.limit(ctx, name, { key, count });
  if (!status.ok) {
    const minutes = Math.max(1, Math.ceil(status.retryAfter / MINUTE));
    throw appError("RATE_LIMITED", `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/**
 * A rate-limit key for an anonymous caller that the caller cannot choose: the
 * network address Convex saw (`ctx.meta.getRequestMetadata()`), IPv4 as is,
 * IPv6 by its /64 (one household or server gets a whole /64). Callers without
 * an address (none on a deployment's public functions) share one key.
 */
export async function clientNetworkKey(ctx: { meta: { getRequestMetadata(): Promise<{ ip: string | null }> } }) {
  const { ip } = await ctx.meta.getRequestMetadata();
  return ip ? networkOf(ip) : "address-unknown";
}

/** The network part of an address that rate limits count by. */
export function networkOf(ip: string) {
  const address = ip
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .split("%")[0];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(":")) return address;
  const [head, tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
