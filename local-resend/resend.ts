/**
 * The part of Resend's REST API the academy calls, as a function from Request to Response, so the same stand-in
 * serves the local HTTP server (local-resend/server.ts) and the unit suites' stubbed `fetch`:
 * - `POST /emails` (the SDK's `emails.send`, attachments as base64) and `POST /emails/batch` (what the
 *   `@convex-dev/resend` component sends: up to 100 emails, no attachments), with Resend's `Idempotency-Key`
 *   (the same key and body answers the first response again; the same key with another body is a 409);
 * - `GET /emails/:id`;
 * - Bearer API key (401 without one, 403 for another), Resend's error shape `{ statusCode, name, message }`.
 * Every recipient's copy goes to `deliver` (the dev mailbox), and each email's fate comes back as svix-signed
 * webhooks (`email.sent`, then `email.delivered`, or `email.bounced` for Resend's test address
 * bounced@resend.dev; complained@resend.dev is delivered and then `email.complained`).
 */
import { Webhook } from "svix";
import type { OutgoingEmail } from "../convex/integrations/email";

/** A recipient's copy as the academy's dev mailbox takes it (`dev/mailbox:deliver`). */
export type MailboxEmail = OutgoingEmail;

export type StoredEmail = {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html?: string;
  text?: string;
  createdAt: string;
  lastEvent: string;
};

export type ResendStandInOptions = {
  apiKey: string;
  /** The webhook signing secret, `whsec_<base64>` as Resend shows it. */
  webhookSecret: string;
  /** Puts one recipient's copy in the mailbox. */
  deliver: (email: MailboxEmail) => Promise<void>;
  /** Posts a signed webhook to the app; a non-2xx answer or a throw is retried. */
  postWebhook: (body: string, headers: Record<string, string>) => Promise<Response>;
  log?: (line: string) => void;
  /** Pause between webhook attempts (ms); the unit suites use 0. */
  retryDelayMs?: number;
  /**
   * How long after accepting an email it is delivered and announced (Resend takes a moment too; the component
   * records Resend's id for an email only after the API call returns). `"manual"`: when `release()` is called.
   */
  deliverAfterMs?: number | "manual";
};

/** Resend's limits that the stand-in holds callers to. */
export const RESEND_LIMITS = { recipients: 50, batch: 100, idempotencyKey: 256 };
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

class ResendError extends Error {
  constructor(
    readonly statusCode: number,
    readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

type EmailInput = Record<string, unknown>;

const asList = (value: unknown): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
/** `Name <address>` or a bare address. */
const addressOf = (value: string) => /<([^>]+)>\s*$/.exec(value)?.[1] ?? value.trim();

function base64ToText(content: string) {
  const binary = atob(content);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** The email's main link as a reader sees it: the first link of the HTML (the frame's button), else of the text. */
export function mainLink(html: string | undefined, text: string | undefined) {
  const href = html ? /<a\b[^>]*\bhref="(https?:[^"]+)"/i.exec(html)?.[1] : undefined;
  if (href) return decodeEntities(href);
  return text ? /https?:\/\/[^\s<>")\]]+/.exec(text)?.[0] : undefined;
}

function validate(input: EmailInput, inBatch: boolean) {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new ResendError(422, "validation_error", "Each email must be an object");
  for (const field of ["from", "to", "subject"] as const) {
    if (input[field] === undefined || input[field] === "")
      throw new ResendError(422, "missing_required_field", `Missing \`${field}\` field.`);
  }
  if (input.html === undefined && input.text === undefined)
    throw new ResendError(422, "missing_required_field", "Missing `html` or `text` field.");
  const to = asList(input.to);
  const everyone = [...to, ...asList(input.cc), ...asList(input.bcc)];
  if (to.length > RESEND_LIMITS.recipients)
    throw new ResendError(422, "validation_error", `Too many recipients: at most ${RESEND_LIMITS.recipients}.`);
  for (const address of [String(input.from), ...everyone]) {
    if (!EMAIL.test(addressOf(address)))
      throw new ResendError(
        422,
        "validation_error",
        "Invalid `to` field. " +
          "The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.",
      );
  }
  if (inBatch && input.attachments !== undefined)
    throw new ResendError(422, "validation_error", "Attachments are not supported in batch emails.");
  const attachments = input.attachments === undefined ? [] : (input.attachments as unknown[]);
  if (!Array.isArray(attachments)) throw new ResendError(422, "validation_error", "`attachments` must be an array.");
  return {
    from: String(input.from),
    to,
    cc: asList(input.cc),
    bcc: asList(input.bcc),
    subject: String(input.subject),
    html: typeof input.html === "string" ? input.html : undefined,
    text: typeof input.text === "string" ? input.text : undefined,
    attachments: attachments.map((a) => {
      const attachment = a as { filename?: unknown; content?: unknown; content_type?: unknown };
      if (typeof attachment.filename !== "string" || typeof attachment.content !== "string") {
        throw new ResendError(422, "validation_error", "Each attachment needs a `filename` and base64 `content`.");
      }
      let content: string;
      try {
        content = base64ToText(attachment.content);
      } catch {
        throw new ResendError(422, "validation_error", `Attachment ${attachment.filename} is not base64.`);
      }
      return {
        filename: attachment.filename,
        contentType: typeof attachment.content_type === "string" ? attachment.content_type : "application/octet-stream",
        content,
      };
    }),
  };
}

export function createResendStandIn(options: ResendStandInOptions) {
  const log = options.log ?? (() => {});
  const signer = new Webhook(options.webhookSecret);
  const emails = new Map<string, StoredEmail>();
  const replies = new Map<string, { body: string; status: number; json: unknown; at: number }>();
  const inFlight = new Set<Promise<void>>();
  const waiting: Array<() => Promise<void>> = [];

  async function announce(email: StoredEmail, type: string, extra: Record<string, unknown> = {}) {
    const createdAt = new Date().toISOString();
    const body = JSON.stringify({
      type,
      created_at: createdAt,
      data: {
        created_at: email.createdAt,
        email_id: email.id,
        from: email.from,
        to: email.to,
        subject: email.subject,
        ...extra,
      },
    });
    const messageId = `msg_${crypto.randomUUID().replace(/-/g, "")}`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      const now = new Date();
      const headers = {
        "content-type": "application/json",
        "svix-id": messageId,
        "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
        "svix-signature": signer.sign(messageId, now, body),
      };
      try {
        const response = await options.postWebhook(body, headers);
        log(`webhook ${type} ${email.id} → ${response.status}`);
        if (response.ok) {
          email.lastEvent = type.slice("email.".length);
          return;
        }
      } catch (error) {
        log(`webhook ${type} failed: ${(error as Error).message}`);
      }
      if (options.retryDelayMs !== 0)
        await new Promise((r) => setTimeout(r, (options.retryDelayMs ?? 300) * 2 ** attempt));
    }
  }

  /** Delivers every recipient's copy, then tells the app what happened, in order. */
  async function dispatch(email: StoredEmail, attachments: MailboxEmail["attachments"]) {
    const recipients = [...email.to, ...email.cc, ...email.bcc].map(addressOf);
    await announce(email, "email.sent");
    const bounced = recipients.some((r) => /^bounced(\+[\w-]*)?@resend\.dev$/i.test(r));
    if (bounced) {
      await announce(email, "email.bounced", {
        bounce: {
          type: "Permanent",
          subType: "General",
          message: "The recipient's mail server permanently rejected the email.",
        },
      });
      return;
    }
    const actionUrl = mainLink(email.html, email.text);
    for (const to of recipients) {
      await options.deliver({
        to,
        subject: email.subject,
        html: email.html ?? "",
        text: email.text ?? "",
        ...(actionUrl ? { actionUrl } : {}),
        ...(attachments?.length ? { attachments } : {}),
      });
    }
    await announce(email, "email.delivered");
    if (recipients.some((r) => /^complained(\+[\w-]*)?@resend\.dev$/i.test(r)))
      await announce(email, "email.complained");
  }

  function accept(input: ReturnType<typeof validate>) {
    const email: StoredEmail = {
      id: crypto.randomUUID(),
      from: input.from,
      to: input.to,
      cc: input.cc,
      bcc: input.bcc,
      subject: input.subject,
      html: input.html,
      text: input.text,
      createdAt: new Date().toISOString(),
      lastEvent: "queued",
    };
    emails.set(email.id, email);
    waiting.push(() => dispatch(email, input.attachments));
    const after = options.deliverAfterMs ?? 500;
    if (after !== "manual") setTimeout(release, after);
    return email;
  }

  /** Delivers and announces every accepted email not yet under way. */
  function release() {
    for (const start of waiting.splice(0)) {
      const work = start().catch((error: unknown) =>
        log(`delivery failed: ${(error as Error).stack ?? String(error)}`),
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
  }

  async function route(method: string, path: string, body: string): Promise<{ status: number; json: unknown }> {
    if (method === "POST" && path === "/emails") {
      const email = accept(validate(parseJson(body) as EmailInput, false));
      log(`accepted ${email.id} to ${email.to.join(", ")}: ${email.subject}`);
      return { status: 200, json: { id: email.id } };
    }
    if (method === "POST" && path === "/emails/batch") {
      const list = parseJson(body);
      if (!Array.isArray(list) || list.length === 0)
        throw new ResendError(422, "validation_error", "The batch must be a non-empty array of emails.");
      if (list.length > RESEND_LIMITS.batch)
        throw new ResendError(422, "validation_error", `A batch holds at most ${RESEND_LIMITS.batch} emails.`);
      // Resend checks the whole batch before sending any of it.
      const checked = list.map((item) => validate(item as EmailInput, true));
      const accepted = checked.map(accept);
      log(`accepted a batch of ${accepted.length}`);
      return { status: 200, json: { data: accepted.map((e) => ({ id: e.id })) } };
    }
    const one = /^\/emails\/([\w-]+)$/.exec(path);
    if (method === "GET" && one) {
      const email = emails.get(one[1]);
      if (!email) throw new ResendError(404, "not_found", "Email not found");
      return {
        status: 200,
        json: {
          object: "email",
          id: email.id,
          from: email.from,
          to: email.to,
          cc: email.cc,
          bcc: email.bcc,
          subject: email.subject,
          html: email.html ?? null,
          text: email.text ?? null,
          created_at: email.createdAt,
          last_event: email.lastEvent,
        },
      };
    }
    throw new ResendError(404, "not_found", `The stand-in has no ${method} ${path}`);
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    try {
      if (url.pathname === "/_health") return Response.json({ ok: true });
      const authorization = request.headers.get("authorization");
      if (!authorization)
        throw new ResendError(
          401,
          "missing_api_key",
          "Missing API key in the authorization header. " +
            "Include the following header in the request: Authorization: Bearer YOUR_API_KEY",
        );
      if (authorization !== `Bearer ${options.apiKey}`)
        throw new ResendError(403, "invalid_api_key", "API key is invalid");
      const body = method === "GET" ? "" : await request.text();
      const key = request.headers.get("idempotency-key");
      if (key === null || method !== "POST") {
        const { status, json } = await route(method, url.pathname, body);
        return Response.json(json, { status });
      }
      if (key.length === 0 || key.length > RESEND_LIMITS.idempotencyKey) {
        throw new ResendError(
          400,
          "invalid_idempotency_key",
          `The idempotency key must be between 1 and ${RESEND_LIMITS.idempotencyKey} characters.`,
        );
      }
      const scope = `${url.pathname} ${key}`;
      const earlier = replies.get(scope);
      if (earlier && Date.now() - earlier.at < IDEMPOTENCY_WINDOW_MS) {
        if (earlier.body !== body)
          throw new ResendError(
            409,
            "invalid_idempotent_request",
            "Same idempotency key used with a different request payload. Change your idempotency key or payload.",
          );
        log(`replayed ${scope}`);
        return Response.json(earlier.json, { status: earlier.status });
      }
      const { status, json } = await route(method, url.pathname, body);
      replies.set(scope, { body, status, json, at: Date.now() });
      return Response.json(json, { status });
    } catch (error) {
      if (error instanceof ResendError)
        return Response.json(
          { statusCode: error.statusCode, name: error.name, message: error.message },
          { status: error.statusCode },
        );
      log(`error: ${(error as Error).stack ?? String(error)}`);
      return Response.json(
        { statusCode: 500, name: "application_error", message: "Internal server error" },
        { status: 500 },
      );
    }
  }

  return {
    handle,
    emails,
    release,
    /** Resolves when every email released so far has been delivered and announced. */
    settled: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ResendError(400, "validation_error", "The body is not valid JSON.");
  }
}
