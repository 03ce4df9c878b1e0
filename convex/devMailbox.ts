/** The dev mailbox: where emails go in local mode (no Resend key). */
import { v } from "convex/values";
import { internalAction, internalMutation, query } from "./functions";
import { appError } from "./errors";
import { isLocalMode } from "./model/env";
import { sendEmail } from "./model/mailer";
import { vOutgoingEmail } from "./validators";


export const deliver = internalMutation({
  args: vOutgoingEmail,
  handler: async (ctx, email) => {
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

const vMailboxEntry = v.object({ _id: v.id("devEmails"), ...vOutgoingEmail, createdAt: v.number() });

/** The latest emails, optionally for one address. Local mode only. */
export const list = query({
  args: { to: v.optional(v.string()) },
  returns: v.array(vMailboxEntry),
  handler: async (ctx, { to }) => {
    if (!isLocalMode()) throw appError("NOT_AVAILABLE", "The dev mailbox exists only in local mode.");
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
