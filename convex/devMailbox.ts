/**
 * Email delivery: the queue behind `queueEmail`, the dev mailbox (where email
 * goes in local mode, ACADEMY_LOCAL_MODE=1) and the alert platform admins get
 * when a deployment has no email service.
 */
import { v } from "convex/values";
import { appError } from "./errors";
import { internalAction, internalMutation, query } from "./functions";
import { isLocalMode } from "./model/env";
import { sendEmail } from "./model/mailer";
import { notifyUsers } from "./model/notifications";
import { rateLimiter } from "./model/rateLimits";
import { vOutgoingEmail } from "./validators";

function requireLocalMode() {
  if (!isLocalMode()) throw appError("NOT_AVAILABLE", "The dev mailbox exists only in local mode.");
}

export const deliver = internalMutation({
  args: vOutgoingEmail,
  handler: async (ctx, email) => {
    requireLocalMode();
    await ctx.db.insert("devEmails", { ...email, to: email.to.trim().toLowerCase(), createdAt: Date.now() });
  },
});

/** Sends an email queued by a mutation (see queueEmail). */
export const send = internalAction({
  args: vOutgoingEmail,
  handler: async (ctx, email) => {
    await sendEmail(ctx, email);
  },
});

/**
 * Tells platform admins in the app that email could not be sent because no
 * email service is configured; at most one alert per window, however many fail.
 */
export const reportEmailNotConfigured = internalMutation({
  args: { subject: v.string() },
  returns: v.null(),
  handler: async (ctx, { subject }) => {
    const { ok } = await rateLimiter.limit(ctx, "emailNotConfiguredAlerts");
    if (!ok) return null;
    const admins = await ctx.db
      .query("users")
      .withIndex("by_role", (q) => q.eq("role", "platform_admin"))
      .take(50);
    await notifyUsers(ctx, admins, {
      category: "account",
      title: "Email is not being sent",
      body: `The deployment has no email service, so "${subject.slice(0, 120)}" and every other email (sign-in links included) were refused. Set RESEND_API_KEY and EMAIL_FROM in the deployment's environment.`,
      url: "/admin",
    });
    return null;
  },
});

const vMailboxEntry = v.object({ _id: v.id("devEmails"), ...vOutgoingEmail, createdAt: v.number() });

/** The latest emails, optionally for one address. Local mode only. */
export const list = query({
  args: { to: v.optional(v.string()) },
  returns: v.array(vMailboxEntry),
  handler: async (ctx, { to }) => {
    requireLocalMode();
    const emails = to
      ? await ctx.db
          .query("devEmails")
          .withIndex("by_to", (q) => q.eq("to", to.trim().toLowerCase()))
          .order("desc")
          .take(50)
      : await ctx.db.query("devEmails").order("desc").take(50);
    return emails.map(({ _creationTime, ...email }) => email);
  },
});
