/** The viewer's in-app notifications. */
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";

/** Unread count for the header badge; capped so the query reads a bounded number of rows. */
export const unreadCount = userQuery({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    if (ctx.viewer === null) return 0;
    const viewerId = ctx.viewer._id;
    const unread = await ctx.db
      .query("notifications")
      .withIndex("by_userId_and_readAt", (q) => q.eq("userId", viewerId).eq("readAt", undefined))
      .take(100);
    return unread.length;
  },
});

export const list = userQuery({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    if (ctx.viewer === null) return { page: [], isDone: true, continueCursor: "" };
    const viewerId = ctx.viewer._id;
    return await ctx.db
      .query("notifications")
      .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", viewerId))
      .order("desc")
      .paginate(paginationOpts);
  },
});

export const markRead = userMutation({
  args: { notificationId: v.id("notifications") },
  returns: v.null(),
  handler: async (ctx, { notificationId }) => {
    const notification = await ctx.db.get("notifications", notificationId);
    if (notification === null || notification.userId !== ctx.viewer._id)
      throw appError("NOT_FOUND", "This notification no longer exists.");
    if (notification.readAt === undefined) await ctx.db.patch("notifications", notificationId, { readAt: Date.now() });
    return null;
  },
});

export const markAllRead = userMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const viewerId = ctx.viewer._id;
    const unread = await ctx.db
      .query("notifications")
      .withIndex("by_userId_and_readAt", (q) => q.eq("userId", viewerId).eq("readAt", undefined))
      .take(500);
    const now = Date.now();
    for (const n of unread) await ctx.db.patch("notifications", n._id, { readAt: now });
    return unread.length;
  },
});
