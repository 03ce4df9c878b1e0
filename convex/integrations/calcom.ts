/** Cal.com glue: webhook signatures (X-Cal-Signature-256) and the v2 bookings API, with fetch only. */
import { appError } from "../errors";
import { calcomSettings } from "../env";

const encoder = new TextEncoder();

function hexToBytes(hex: string) {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * True when `signature` is the hex HMAC-SHA256 of the raw body under the
 * webhook secret. `crypto.subtle.verify` compares in constant time.
 */
export async function verifyCalSignature(rawBody: string, signature: string | null, secret: string | undefined) {
  if (!secret || !signature) return false;
  const expected = hexToBytes(signature.trim());
  if (expected === null) return false;
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  return await crypto.subtle.verify("HMAC", key, expected, encoder.encode(rawBody));
}

/** Cancels a booking through Cal.com's v2 API (the webhook that follows updates our records). */
export async function cancelCalBooking(uid: string, reason: string) {
  const { apiKey, apiBase } = calcomSettings();
  if (!apiKey) throw appError("NOT_AVAILABLE", "Office hours are not connected to Cal.com on this deployment.");
  const response = await fetch(`${apiBase}/v2/bookings/${encodeURIComponent(uid)}/cancel`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "cal-api-version": "2024-08-13", "Content-Type": "application/json" },
    body: JSON.stringify({ cancellationReason: reason }),
  });
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`Cal.com refused to cancel booking ${uid}: ${response.status} ${text.slice(0, 200)}`);
  }
}

/** The part of a Cal.com webhook body we use. */
export type CalWebhook = {
  triggerEvent: string;
  payload: {
    uid?: string;
    rescheduleUid?: string;
    startTime?: string;
    endTime?: string;
    eventTypeId?: number | string;
    attendees?: Array<{ email?: string; name?: string }>;
    metadata?: Record<string, unknown>;
    cancellationReason?: string;
  };
};
