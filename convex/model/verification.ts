/**
 * Checking credentials for anyone who asks: what a check answers, and the limits of the public doors —
 * who is asking (as Convex records it, not as the caller says), how often, and how much they may send.
 */
import { MINUTE } from "@convex-dev/rate-limiter";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { ActionCtx } from "../_generated/server";
import { appError } from "../errors";
import { extractPng, extractSvg } from "./baking";
import { statusListUrl } from "./certificates";
import { type Credential, verifyAchievementCredential } from "./openBadges";
import { rateLimiter } from "./rateLimits";

/** The largest credential file (JSON, PNG or SVG) the verify endpoint reads: 1 MB. */
export const MAX_UPLOAD_BYTES = 1_000_000;
/** The longest credential JSON checked (ours are about 3 KB; the canonicalization cost grows with size). */
export const MAX_CREDENTIAL_CHARS = 200_000;

/**
 * The rate-limit key of the client that made the request: the address Convex's front end recorded for it
 * (`ctx.meta.getRequestMetadata().ip`), never a header the caller writes. IPv6 addresses count by their /64,
 * which one subscriber usually holds whole. Without an address (scheduled work), everyone shares one key.
 */
export function clientKey(ip: string | null) {
  if (!ip) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** Takes one credential check from the caller's allowance and one from everyone's; says when to retry if either is spent. */
export async function takeCredentialCheck(ctx: ActionCtx): Promise<{ ok: true } | { ok: false; retryAfter: number }> {
  const { ip } = await ctx.meta.getRequestMetadata();
  const own = await rateLimiter.limit(ctx, "credentialChecks", { key: clientKey(ip) });
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
  return `Too many credential checks from your network. Try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(retryAfterMs / MINUTE)} minutes`}.`;
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

const vCheck = v.object({ check: v.union(v.literal("signature"), v.literal("dates"), v.literal("status"), v.literal("schema")), ok: v.boolean(), message: v.string() });
export const vVerification = v.object({ verified: v.boolean(), checks: v.array(vCheck) });
export type Verification = { verified: boolean; checks: Array<{ check: "signature" | "dates" | "status" | "schema"; ok: boolean; message: string }> };

/** Resolves status-list URLs from our own database (no network). */
function statusLoader(ctx: Pick<ActionCtx, "runQuery">) {
  return async (url: string) => {
    const match = /\/status\/(\d+)$/.exec(url);
    if (!match || url !== statusListUrl(Number(match[1]))) return null;
    const json: string | null = await ctx.runQuery(internal.certificates.statusListJson, { listNumber: Number(match[1]) });
    return json ? (JSON.parse(json) as unknown) : null;
  };
}

/** Checks a credential given as JSON text. */
export async function verifyCredentialText(ctx: Pick<ActionCtx, "runQuery">, text: string): Promise<Verification> {
  let credential: Credential;
  try {
    credential = JSON.parse(text) as Credential;
  } catch {
    return { verified: false, checks: [{ check: "signature" as const, ok: false, message: "This is not JSON." }] };
  }
  if (typeof credential !== "object" || credential === null || !credential.proof) {
    return { verified: false, checks: [{ check: "signature" as const, ok: false, message: "This credential has no proof." }] };
  }
  return await verifyAchievementCredential(credential, statusLoader(ctx));
}
