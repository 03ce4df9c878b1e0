/**
 * Email: where it goes, decided in one place (`emailDelivery` in env.ts).
 * - Resend, through the `@convex-dev/resend` component: a durable queue sent in batches with retries and idempotency
 *   keys; Resend's svix-signed webhook (`/resend/webhook`) records whether each email was delivered, bounced or
 *   marked as spam. In local mode the stand-in's key selects this path too, and the local backend routes Resend's API
 *   to the stand-in (local-resend/), which fills the dev mailbox and sends the signed webhooks back.
 * - Local mode without the stand-in's key (the unit suites, a backend started alone): straight into the dev mailbox.
 * - Otherwise sending refuses (NOT_AVAILABLE) and platform admins are told in the app
 *   (notifications/delivery.reportEmailNotConfigured).
 */
import { Resend as ResendComponent, type EmailId, vEmailId } from "@convex-dev/resend";
import { Resend as ResendApi } from "resend";
import { WebhookVerificationError } from "svix";
import { v } from "convex/values";
import { components, internal } from "../_generated/api";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import { appError } from "../errors";
import { emailDelivery, emailFrom, resendApiKey, resendWebhookSecret } from "../env";
import { internalAction, internalMutation } from "../functions";
import { vOutgoingEmail } from "../validators";
import type { ObjectType } from "convex/values";

export type OutgoingEmail = ObjectType<typeof vOutgoingEmail>;

export type SendOptions = {
  /** Emails queued with the same key are sent once (the first one queued wins). */
  idempotencyKey?: string;
};

/** What people see when the deployment has no email service (never a silent fallback to the dev mailbox). */
export const EMAIL_NOT_CONFIGURED_MESSAGE =
  "This academy cannot send email yet because its email service is not set up. " +
  "Our administrators have been told; please try again later.";

/** The Resend component with this deployment's settings (read per call, so a changed key applies at once). */
function resendComponent() {
  return new ResendComponent(components.resend, {
    apiKey: resendApiKey() ?? "",
    webhookSecret: resendWebhookSecret() ?? "",
    // The component only sends to Resend's test addresses until told otherwise; the academy mails real people.
    testMode: false,
  });
}

/**
 * Sends an email from an action: queued on the Resend component (or, with attachments, which Resend's batch API
 * does not take, sent at once and tracked by it), into the dev mailbox in local mode without the stand-in's key.
 * Without an email service it refuses (NOT_AVAILABLE) and platform admins are told in the app.
 */
export async function sendEmail(
  ctx: Pick<ActionCtx, "runQuery" | "runMutation" | "runAction">,
  email: OutgoingEmail,
  options: SendOptions = {},
): Promise<EmailId | null> {
  const delivery = emailDelivery();
  if (delivery === "dev_mailbox") {
    await ctx.runMutation(internal.dev.mailbox.deliver, email);
    return null;
  }
  if (delivery === "not_configured") {
    await ctx.runMutation(internal.notifications.delivery.reportEmailNotConfigured, { subject: email.subject });
    throw appError("NOT_AVAILABLE", EMAIL_NOT_CONFIGURED_MESSAGE);
  }
  if (email.attachments?.length) return await sendWithAttachments(ctx, email, options);
  return await resendComponent().sendEmail(ctx, queuedEmail(email, options));
}

/** An email without attachments as the Resend component queues it, from this deployment's sender. */
function queuedEmail(email: OutgoingEmail, options: SendOptions) {
  const { to, subject, html, text } = email;
  return { from: emailFrom(), to, subject, html, text, idempotencyKey: options.idempotencyKey };
}

/**
 * Queues an email from a mutation. On Resend it joins the component's queue in the same transaction (so it is sent
 * exactly when the mutation commits); otherwise an action delivers or refuses it after the commit.
 */
export async function queueEmail(
  ctx: Pick<MutationCtx, "runQuery" | "runMutation" | "scheduler">,
  email: OutgoingEmail,
  options: SendOptions = {},
) {
  if (emailDelivery() === "resend" && !email.attachments?.length) {
    await resendComponent().sendEmail(ctx, queuedEmail(email, options));
    return;
  }
  await ctx.scheduler.runAfter(0, internal.integrations.email.send, {
    ...email,
    idempotencyKey: options.idempotencyKey,
  });
}

/** Sends an email queued by a mutation (see queueEmail); returns the Resend component's id for it, if it went there. */
export const send = internalAction({
  args: { ...vOutgoingEmail, idempotencyKey: v.optional(v.string()) },
  returns: v.union(vEmailId, v.null()),
  handler: async (ctx, { idempotencyKey, ...email }) => await sendEmail(ctx, email, { idempotencyKey }),
});

/**
 * Resend's batch API takes no attachments, so such an email goes to `/emails` at once, recorded by the component
 * (its status follows the same webhook). With an idempotency key it is sent once: the key is claimed first
 * (emailSends), and Resend's Idempotency-Key covers a call repeated after a crash.
 */
async function sendWithAttachments(
  ctx: Pick<ActionCtx, "runQuery" | "runMutation" | "runAction">,
  email: OutgoingEmail,
  options: SendOptions,
) {
  const key = options.idempotencyKey;
  if (key !== undefined) {
    const claim = await ctx.runMutation(internal.integrations.email.claimSend, { idempotencyKey: key });
    if (claim.kind === "sent") return claim.emailId as EmailId;
    if (claim.kind === "in_progress") throw new Error(`The email "${key}" is being sent by another call.`);
  }
  try {
    const emailId = await sendAttachmentEmail(ctx, email, key);
    if (key !== undefined)
      await ctx.runMutation(internal.integrations.email.recordSend, { idempotencyKey: key, emailId });
    return emailId;
  } catch (error) {
    if (key !== undefined) await ctx.runMutation(internal.integrations.email.releaseSend, { idempotencyKey: key });
    throw error;
  }
}

async function sendAttachmentEmail(
  ctx: Pick<ActionCtx, "runQuery" | "runMutation" | "runAction">,
  email: OutgoingEmail,
  idempotencyKey: string | undefined,
) {
  const from = emailFrom();
  const api = new ResendApi(resendApiKey());
  return await resendComponent().sendEmailManually(
    ctx,
    { from, to: email.to, subject: email.subject },
    async (emailId) => {
      const { data, error } = await api.emails.send(
        {
          from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          // Resend reads string content as base64; the SDK encodes bytes.
          attachments: email.attachments!.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: new TextEncoder().encode(a.content),
          })),
        },
        { idempotencyKey: idempotencyKey ?? emailId },
      );
      if (error || !data)
        throw new Error(`Resend refused the email to ${email.to}: ${error?.message ?? "no id returned"}`);
      return data.id;
    },
  );
}

/** A claim on an attachment email's key older than this belongs to a call that died; it may be taken over. */
const SEND_CLAIM_MS = 10 * 60 * 1000;

export const claimSend = internalMutation({
  args: { idempotencyKey: v.string() },
  returns: v.union(
    v.object({ kind: v.literal("claimed") }),
    v.object({ kind: v.literal("sent"), emailId: v.string() }),
    v.object({ kind: v.literal("in_progress") }),
  ),
  handler: async (ctx, { idempotencyKey }) => {
    const existing = await ctx.db
      .query("emailSends")
      .withIndex("by_idempotencyKey", (q) => q.eq("idempotencyKey", idempotencyKey))
      .unique();
    if (existing?.emailId !== undefined) return { kind: "sent" as const, emailId: existing.emailId };
    if (existing && Date.now() - existing.claimedAt < SEND_CLAIM_MS) return { kind: "in_progress" as const };
    if (existing) await ctx.db.patch("emailSends", existing._id, { claimedAt: Date.now() });
    else await ctx.db.insert("emailSends", { idempotencyKey, claimedAt: Date.now() });
    return { kind: "claimed" as const };
  },
});

export const recordSend = internalMutation({
  args: { idempotencyKey: v.string(), emailId: v.string() },
  returns: v.null(),
  handler: async (ctx, { idempotencyKey, emailId }) => {
    const claim = await ctx.db
      .query("emailSends")
      .withIndex("by_idempotencyKey", (q) => q.eq("idempotencyKey", idempotencyKey))
      .unique();
    if (claim) await ctx.db.patch("emailSends", claim._id, { emailId });
    return null;
  },
});

export const releaseSend = internalMutation({
  args: { idempotencyKey: v.string() },
  returns: v.null(),
  handler: async (ctx, { idempotencyKey }) => {
    const claim = await ctx.db
      .query("emailSends")
      .withIndex("by_idempotencyKey", (q) => q.eq("idempotencyKey", idempotencyKey))
      .unique();
    if (claim && claim.emailId === undefined) await ctx.db.delete("emailSends", claim._id);
    return null;
  },
});

/**
 * Resend's delivery webhook: the svix signature is checked on the raw body, then the component records the event
 * (delivered, bounced, complained, …) on the email it belongs to.
 */
export async function receiveResendWebhook(
  ctx: Pick<ActionCtx, "runQuery" | "runMutation" | "runAction">,
  request: Request,
) {
  if (!resendWebhookSecret()) {
    console.error("A Resend webhook arrived but RESEND_WEBHOOK_SECRET is not set; no delivery status is recorded.");
    return new Response("Resend webhooks are not set up on this deployment", { status: 503 });
  }
  try {
    return await resendComponent().handleResendEventWebhook(ctx, request);
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      return new Response(`Webhook signature verification failed: ${error.message}`, { status: 401 });
    }
    throw error;
  }
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The Resend component keeps each email it sent (address, subject, body) until told to forget it: a week after it
 * was sent once delivered or failed, four weeks when it never finished. Daily (crons.ts), so erased people's
 * addresses do not linger there either.
 */
export const cleanup = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await ctx.scheduler.runAfter(0, components.resend.lib.cleanupOldEmails, { olderThan: WEEK_MS });
    await ctx.scheduler.runAfter(0, components.resend.lib.cleanupAbandonedEmails, { olderThan: 4 * WEEK_MS });
    return null;
  },
});
