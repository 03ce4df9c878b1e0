/** Recomputing members' dashboard rows (model/memberStats.ts), scheduled by the triggers of convex/triggers.ts. */
import { v } from "convex/values";
import { internalMutation } from "../functions";
import { refreshMember } from "./model/memberStats";

export const refresh = internalMutation({
  args: { userIds: v.array(v.id("users")) },
  returns: v.null(),
  handler: async (ctx, { userIds }) => {
    for (const userId of userIds) await refreshMember(ctx, userId);
    return null;
  },
});
