/**
 * Office-hours booking tokens: `/learn` asks for one, the Cal.com embed carries
 * it as booking metadata (`metadata[bookingToken]`), and Cal.com's webhook
 * hands it back. Only a booking that carries a valid token counts, so the
 * email address typed on the booking page never decides whose booking it is.
 *
 * A token is `oh1.<claims>.<signature>`: base64url JSON claims and the
 * base64url HMAC-SHA256 of `oh1.<claims>` under CALCOM_BOOKING_TOKEN_SECRET.
 * Without that secret no token is issued and none verifies.
 */
import type { Id } from "../../_generated/dataModel";

/** How long a token may start a booking (the booking page stays open that long). */
export const BOOKING_TOKEN_TTL_MS = 30 * 60_000;
/** Cal.com's webhook may arrive (or be retried) a little after the booking was made. */
export const BOOKING_TOKEN_DELIVERY_GRACE_MS = 10 * 60_000;

const VERSION = "oh1";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type BookingTokenClaims = {
  userId: Id<"users">;
  enrollmentId: Id<"enrollments">;
  /** The enrollment's office-hours window when the token was issued. */
  eligibleUntil: number;
  expiresAt: number;
  /** Makes every token unique, so one token makes one booking. */
  nonce: string;
};

type WireClaims = { u: string; e: string; w: number; x: number; n: string };

function toBase64Url(bytes: Uint8Array) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

async function hmacKey(secret: string, usage: "sign" | "verify") {
  return await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    usage,
  ]);
}

/** Signs a booking token for these claims. */
export async function signBookingToken(claims: BookingTokenClaims, secret: string) {
  const wire: WireClaims = {
    u: claims.userId,
    e: claims.enrollmentId,
    w: claims.eligibleUntil,
    x: claims.expiresAt,
    n: claims.nonce,
  };
  const body = `${VERSION}.${toBase64Url(encoder.encode(JSON.stringify(wire)))}`;
  const signature = new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(secret, "sign"), encoder.encode(body)),
  );
  return `${body}.${toBase64Url(signature)}`;
}

/**
 * The claims of a token signed with `secret`, or null when there is no secret,
 * no token, or the token is malformed or forged. Expiry is the caller's to check.
 */
export async function readBookingToken(token: unknown, secret: string | undefined): Promise<BookingTokenClaims | null> {
  if (!secret || typeof token !== "string" || token.length > 1_000) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) return null;
  const signature = fromBase64Url(parts[2]);
  const claimBytes = fromBase64Url(parts[1]);
  if (signature === null || claimBytes === null) return null;
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret, "verify"),
    signature,
    encoder.encode(`${parts[0]}.${parts[1]}`),
  );
  if (!valid) return null;
  let wire: Partial<WireClaims>;
  try {
    wire = JSON.parse(decoder.decode(claimBytes)) as Partial<WireClaims>;
  } catch {
    return null;
  }
  if (
    typeof wire.u !== "string" ||
    typeof wire.e !== "string" ||
    typeof wire.n !== "string" ||
    typeof wire.w !== "number" ||
    typeof wire.x !== "number"
  )
    return null;
  return {
    userId: wire.u as Id<"users">,
    enrollmentId: wire.e as Id<"enrollments">,
    eligibleUntil: wire.w,
    expiresAt: wire.x,
    nonce: wire.n,
  };
}

/** A fresh nonce for a token. */
export function newNonce() {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
