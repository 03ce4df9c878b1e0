/**
 * What the local backend lets through: which browser origins may talk to it,
 * who holds the admin key, and how large a request body may be. The backend
 * serves the dev mailbox and accepts the deployment's admin key, so a web page
 * the developer happens to visit must not be able to read or drive it.
 */
import crypto from "node:crypto";
import type http from "node:http";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Origins allowed to call the backend from a browser: the app's configured
 * SITE_URL and pages served from this machine (localhost / 127.0.0.1 / ::1 on
 * any port: `npm run dev`, the browser tests with their port offset, the
 * local Stripe and Cal.com stand-ins). Requests without an Origin header come
 * from programs (Node clients, curl, the Next.js server), not from web pages.
 */
export function originPolicy(siteUrl: string | undefined) {
  let site: string | null = null;
  try {
    site = siteUrl ? new URL(siteUrl).origin : null;
  } catch {
    site = null;
  }
  return (origin: string | undefined): boolean => {
    if (origin === undefined) return true;
    if (site !== null && origin === site) return true;
    try {
      const url = new URL(origin);
      return (
        (url.protocol === "http:" || url.protocol === "https:") &&
        LOOPBACK_HOSTS.has(url.hostname) &&
        url.origin === origin
      );
    } catch {
      return false;
    }
  };
}

/** True when the Authorization header carries `Convex <admin key>`; compared in constant time. */
export function adminKeyMatcher(adminKey: string | undefined) {
  const expected = adminKey ? digest(`Convex ${adminKey}`) : null;
  return (header: string | undefined): boolean => {
    if (expected === null || header === undefined) return false;
    // Hashing first gives equal lengths, so timingSafeEqual never leaks the key's length or a matching prefix.
    return crypto.timingSafeEqual(digest(header), expected);
  };
}

function digest(value: string) {
  return crypto.createHash("sha256").update(value, "utf8").digest();
}

/** Largest request bodies, in bytes (Convex's own limits where it has them). */
export type BodyLimits = {
  /** `/api/query|mutation|action|function|run/…`: function arguments (Convex: 16 MiB). */
  functionCall: number;
  /** HTTP actions on the site URL (Convex: 20 MiB). */
  httpAction: number;
  /** Files sent to an upload URL. */
  upload: number;
};

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  functionCall: 16 * 1024 * 1024,
  httpAction: 20 * 1024 * 1024,
  upload: 1024 * 1024 * 1024,
};

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than the ${limit.toLocaleString("en-US")} bytes allowed here.`);
  }
}

/**
 * Reads a request body of at most `limit` bytes. A larger declared length is
 * refused before reading; a body that grows past the limit stops being kept.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new PayloadTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        chunks.length = 0;
        reject(new PayloadTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks));
    });
    req.on("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
  });
}

/**
 * Answers 413. The rest of the body is read and dropped (nothing is kept), so
 * the client, still sending, gets the answer instead of a broken pipe.
 */
export function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, error: PayloadTooLargeError) {
  req.resume();
  res.writeHead(413, { "content-type": "application/json" });
  res.end(JSON.stringify({ code: "PayloadTooLarge", message: error.message }));
}
