/** The email twin of a notification, rendered once and sent to each recipient after the notifying mutation committed. */
import { v } from "convex/values";
import { sessionEmail } from "./model/emails";
import { internalAction } from "../functions";
import { siteUrl } from "../env";
import { sendEmail } from "../integrations/email";

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
    const attachments = calendar ? [{ filename: calendar.filename, contentType: "text/calendar", content: calendar.content }] : undefined;
    for (const to of recipients) {
      await sendEmail(ctx, { to, ...rendered, actionUrl: absolute, ...(attachments ? { attachments } : {}) });
    }
    return null;
  },
});
