/**
 * Secrets sent by email (invitation links, email-change links): 32 random bytes, base64url. The database keeps only
 * their SHA-256, so a leaked table cannot be replayed.
 */

/** A fresh unguessable token (Convex seeds crypto per execution from a secure source, as Convex Auth relies on). */
export function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The SHA-256 (hex) under which a token is stored and looked up. */
export async function hashToken(token: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
