import { Resend } from "resend";
import { internal } from "../_generated/api";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import { emailFrom, isLocalMode, resendApiKey } from "./env";

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

/**
 * Sends an email from an action: through Resend when a key is configured,
 * otherwise into the dev mailbox (local mode).
 */
export async function sendEmail(ctx: Pick<ActionCtx, "runMutation">, email: OutgoingEmail) {
  if (isLocalMode()) {
    await ctx.runMutation(internal.devMailbox.deliver, email);
    return;
  }
  const resend = new Resend(resendApiKey());
  const { error } = await resend.emails.send({
    from: emailFrom(),
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    attachments: email.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  });
  if (error) throw new Error(`Resend refused the email to ${email.to}: ${error.message}`);
}

/** Queues an email from a mutation; it is sent after the transaction commits. */
export async function queueEmail(ctx: Pick<MutationCtx, "scheduler">, email: OutgoingEmail) {
  await ctx.scheduler.runAfter(0, internal.devMailbox.send, email);
}
