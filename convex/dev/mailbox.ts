/** The dev mailbox: where email goes in local mode (ACADEMY_LOCAL_MODE=1) instead of being sent. */
import { v } from "convex/values";
import { appError } from "../errors";
import { internalMutation, query } from "../functions";
import { isLocalMode } from "../env";
import { vOutgoingEmail } from "../validators";

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
