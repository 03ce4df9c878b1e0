/**
 * Email for notifications: the email twin of a notification, rendered once and sent to each recipient after the
 * notifying mutation committed, and the in-app alert platform admins get when email cannot be sent at all.
 */
import { v } from "convex/values";
import { sessionEmail } from "./model/emails";
import { internalAction, internalMutation } from "../functions";
import { siteUrl } from "../env";
import { sendEmail } from "../integrations/email";
import { rateLimiter } from "../rateLimits";
import { notifyUsers } from "./model/notify";

/** Renders one email and sends it to each recipient (after the notifying mutation committed). */
export const email = internalAction({
  args: {
    recipients: v.array(v.string()),
    url: v.string(),
    subject: v.string(),
    heading: v.string(),
    lines: v.array(v.string()),
    actionLabel: v.string(),
    calendar: v.optional(v.object({ filename: v.string(), content: v.string() })),
  },
  returns: v.null(),
  handler: async (ctx, { recipients, url, calendar, ...content }) => {
    const absolute = url.startsWith("http") ? url : `${siteUrl()}${url}`;
    const rendered = await sessionEmail({ ...content, url: absolute });
    const attachments = calendar
      ? [{ filename: calendar.filename, contentType: "text/calendar", content: calendar.content }]
      : undefined;
    for (const to of recipients) {
      await sendEmail(ctx, { to, ...rendered, actionUrl: absolute, ...(attachments ? { attachments } : {}) });
    }
    return null;
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
      body:
        `The deployment has no email service, so "${subject.slice(0, 120)}" and every other email ` +
        "(sign-in links included) were refused. Set RESEND_API_KEY and EMAIL_FROM in the deployment's environment.",
      url: "/admin",
    });
    return null;
  },
});
