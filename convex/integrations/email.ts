/**
 * Email: where it goes, decided in one place. Into the dev mailbox in local mode (convex/dev/mailbox.ts),
 * through Resend when a key is configured; otherwise sending refuses (NOT_AVAILABLE) and platform admins are
 * told in the app (notifications/delivery.reportEmailNotConfigured).
 */
import { Resend } from "resend";
import { internal } from "../_generated/api";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import { appError } from "../errors";
import { emailDelivery, emailFrom, resendApiKey } from "../env";
import { internalAction } from "../functions";
import { vOutgoingEmail } from "../validators";

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The email's main link, shown as a button in the dev mailbox. */
  actionUrl?: string;
  /** Text attachments such as calendar files. */
  attachments?: Array<{ filename: string; contentType: string; content: string }>;
};

/** What people see when the deployment has no email service (never a silent fallback to the dev mailbox). */
export const EMAIL_NOT_CONFIGURED_MESSAGE =
  "This academy cannot send email yet because its email service is not set up. Our administrators have been told; please try again later.";

/**
 * Sends an email from an action: into the dev mailbox in local mode, through
 * Resend when a key is configured. Otherwise it refuses (NOT_AVAILABLE) and
 * platform admins are told in the app.
 */
export async function sendEmail(ctx: Pick<ActionCtx, "runMutation">, email: OutgoingEmail) {
  const delivery = emailDelivery();
  if (delivery === "dev_mailbox") {
    await ctx.runMutation(internal.dev.mailbox.deliver, email);
    return;
  }
  if (delivery === "not_configured") {
    await ctx.runMutation(internal.notifications.delivery.reportEmailNotConfigured, { subject: email.subject });
    throw appError("NOT_AVAILABLE", EMAIL_NOT_CONFIGURED_MESSAGE);
  }
  const resend = new Resend(resendApiKey());
  const { error } = await resend.emails.send({
    from: emailFrom(),
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments: email.attachments?.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  });
  if (error) throw new Error(`Resend refused the email to ${email.to}: ${error.message}`);
}

/** Queues an email from a mutation; it is sent after the transaction commits. */
export async function queueEmail(ctx: Pick<MutationCtx, "scheduler">, email: OutgoingEmail) {
  await ctx.scheduler.runAfter(0, internal.integrations.email.send, email);
}

/** Sends an email queued by a mutation (see queueEmail). */
export const send = internalAction({
  args: vOutgoingEmail,
  handler: async (ctx, email) => {
    await sendEmail(ctx, email);
  },
});
