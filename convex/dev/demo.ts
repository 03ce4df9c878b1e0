/** "Sign in as…" demo accounts, offered only in local mode. */
import { v } from "convex/values";
import { appError } from "../errors";
import { query } from "../functions";
import { DEMO_ACCOUNTS } from "./model/demoData";
import { isLocalMode } from "../env";

export const accounts = query({
  args: {},
  returns: v.array(v.object({ email: v.string(), name: v.string(), label: v.string() })),
  handler: async (ctx) => {
    if (!isLocalMode()) throw appError("NOT_AVAILABLE", "Demo sign-in exists only in local mode.");
    const accounts = [];
    for (const account of DEMO_ACCOUNTS) {
      const user = await ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", account.email))
        .unique();
      if (user) accounts.push({ email: account.email, name: user.name, label: account.label });
    }
    return accounts;
  },
});
