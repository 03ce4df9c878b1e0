/** "Sign in as…" demo accounts, offered only in local mode. */
import { v } from "convex/values";
import { devQuery } from "../functions";
import { DEMO_ACCOUNTS } from "./model/demoData";

export const accounts = devQuery({
  localFeature: "Demo sign-in",
  args: {},
  returns: v.array(v.object({ email: v.string(), name: v.string(), label: v.string() })),
  handler: async (ctx) => {
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
