/**
 * The dev mailbox: where email goes in local mode (ACADEMY_LOCAL_MODE=1) instead of being sent
 * (integrations/email.ts decides); the /dev/mailbox page reads it.
 */
import { v } from "convex/values";
import { devInternalMutation, devQuery } from "../functions";
import { vOutgoingEmail } from "../validators";

export const deliver = devInternalMutation({
  localFeature: "The dev mailbox",
  args: vOutgoingEmail,
  handler: async (ctx, email) => {
    await ctx.db.insert("devEmails", { ...email, to: email.to.trim().toLowerCase(), createdAt: Date.now() });
  },
});

const vMailboxEntry = v.object({ _id: v.id("devEmails"), ...vOutgoingEmail, createdAt: v.number() });

/** The latest emails, optionally for one address. Local mode only. */
export const list = devQuery({
  localFeature: "The dev mailbox",
  args: { to: v.optional(v.string()) },
  returns: v.array(vMailboxEntry),
  handler: async (ctx, { to }) => {
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
