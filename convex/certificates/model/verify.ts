/**
 * Checking credentials for anyone who asks: what a check answers, and the limits of the public doors —
 * who is asking (as Convex records it, not as the caller says), how often, and how much they may send.
 */
import { MINUTE } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import { internal } from "../../_generated/api";
import type { ActionCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { extractPng, extractSvg } from "../shared/baking";
import { statusListUrl } from "./urls";
import { academyTrust } from "./signing";
import {
  type CheckResult,
  type Credential,
  verifyAchievementCredential,
  type VerificationResult,
} from "../shared/openBadges";
import { clientNetworkKey, rateLimiter } from "../../rateLimits";

/** The largest credential file (JSON, PNG or SVG) the verify endpoint reads: 1 MB. */
export const MAX_UPLOAD_BYTES = 1_000_000;
/** The longest credential JSON checked (ours are about 3 KB; the canonicalization cost grows with size). */
export const MAX_CREDENTIAL_CHARS = 200_000;

/**
 * Takes one credential check from the caller's allowance and one from everyone's; says when to retry if either is
 * spent.
 */
export async function takeCredentialCheck(ctx: ActionCtx): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const own = await rateLimiter.limit(ctx, "credentialChecks", { key: await clientNetworkKey(ctx) });
  if (!own.ok) return own;
  return await rateLimiter.limit(ctx, "credentialChecksAll");
}

/** As `takeCredentialCheck`, for functions the app calls: throws RATE_LIMITED with when to try again. */
export async function requireCredentialCheck(ctx: ActionCtx) {
  const taken = await takeCredentialCheck(ctx);
  if (!taken.ok) throw appError("RATE_LIMITED", tooManyChecks(taken.retryAfter));
}

export function tooManyChecks(retryAfterMs: number) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const wait = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(retryAfterMs / MINUTE)} minutes`;
  return `Too many credential checks from your network. Try again in ${wait}.`;
}

/** The request body, or null when it is larger than `max` bytes (declared or as it streams in; reading stops there). */
export async function readBodyCapped(request: Request, max = MAX_UPLOAD_BYTES): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > max) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The credential JSON in an uploaded body: as sent, or baked into a PNG or SVG (null when an image carries none). */
export function credentialFromUpload(contentType: string, body: Uint8Array) {
  if (contentType.startsWith("image/png")) return extractPng(body);
  const text = new TextDecoder().decode(body);
  return contentType.startsWith("image/svg") ? extractSvg(text) : text;
}

export const vVerification = v.object({
  verified: v.boolean(),
  issuedByAcademy: v.boolean(),
  signer: v.union(v.null(), v.string()),
  checks: v.array(
    v.object({
      check: v.union(
        v.literal("structure"),
        v.literal("signature"),
        v.literal("issuer"),
        v.literal("record"),
        v.literal("dates"),
        v.literal("status"),
      ),
      ok: v.boolean(),
      message: v.string(),
    }),
  ),
});
export type Verification = VerificationResult;

/** A verification that stopped before any check could run (not JSON, no proof, too large, rate-limited). */
export function refused(message: string): Verification {
  return {
    verified: false,
    issuedByAcademy: false,
    signer: null,
    checks: [{ check: "signature", ok: false, message }],
  };
}

/** Resolves status-list URLs from our own database (no network). */
function statusLoader(ctx: Pick<ActionCtx, "runQuery">) {
  return async (url: string) => {
    const match = /\/status\/(\d+)$/.exec(url);
    if (!match || url !== statusListUrl(Number(match[1]))) return null;
    const json: string | null = await ctx.runQuery(internal.certificates.revocation.statusListJson, {
      listNumber: Number(match[1]),
    });
    return json ? (JSON.parse(json) as unknown) : null;
  };
}

/** Whether two JSON values are the same data (object key order and whitespace do not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== "object" ||
    typeof b !== "object" ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((item, i) => sameJson(item, (b as unknown[])[i]));
  const aKeys = Object.keys(a);
  const bObject = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(bObject).length &&
    aKeys.every((key) => Object.hasOwn(bObject, key) && sameJson((a as Record<string, unknown>)[key], bObject[key]))
  );
}

const OUR_ID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * How the credential compares with our records: one claiming the id of a credential we issued must be
 * that credential, and one signed with our key must be on record. Null for a stranger's credential
 * with an id we never gave out (there is nothing to compare).
 */
async function recordCheck(
  ctx: Pick<ActionCtx, "runQuery">,
  credential: Credential,
  issuedByAcademy: boolean,
): Promise<CheckResult | null> {
  const publicId = typeof credential.id === "string" ? OUR_ID.exec(credential.id)?.[1]?.toLowerCase() : undefined;
  const stored: string | null = publicId
    ? await ctx.runQuery(internal.certificates.verify.credentialJson, { publicId })
    : null;
  if (stored !== null) {
    return sameJson(JSON.parse(stored), credential)
      ? { check: "record", ok: true, message: `Matches the credential this academy issued (${credential.id}).` }
      : {
          check: "record",
          ok: false,
          message: `Claims to be ${credential.id}, which this academy issued, but differs from it.`,
        };
  }
  return issuedByAcademy
    ? {
        check: "record",
        ok: false,
        message: "Signed with this academy's key, but this academy has no record of issuing it.",
      }
    : null;
}

/** Checks a credential given as JSON text against this academy's issuer, records and revocation list. */
export async function verifyCredentialText(ctx: Pick<ActionCtx, "runQuery">, text: string): Promise<Verification> {
  let credential: Credential;
  try {
    credential = JSON.parse(text) as Credential;
  } catch {
    return refused("This is not JSON.");
  }
  if (typeof credential !== "object" || credential === null || Array.isArray(credential) || !credential.proof)
    return refused("This credential has no proof.");
  const result = await verifyAchievementCredential(credential, {
    trust: academyTrust(),
    statusLists: statusLoader(ctx),
  });
  const record = await recordCheck(ctx, credential, result.issuedByAcademy);
  if (record === null) return result;
  const checks = [...result.checks];
  checks.splice(checks.findIndex((c) => c.check === "issuer") + 1, 0, record);
  return { ...result, verified: checks.every((c) => c.ok), checks };
}
