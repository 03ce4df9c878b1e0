/** The viewer's in-app notifications, their channel choices, and the email fan-out behind them. */
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { sessionEmail } from "./emails/sessions";
import { appError } from "./errors";
import { internalAction, userMutation, userQuery } from "./functions";
import { siteUrl } from "./model/env";
import { sendEmail } from "./model/mailer";
import { wants } from "./model/notifications";
import { NOTIFICATION_CATEGORIES, type NotificationCategory, vNotificationCategory } from "./validators";

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
    if (notification === null || notification.userId !== ctx.viewer._id) throw appError("NOT_FOUND", "This notification no longer exists.");
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

const vPreference = v.object({ category: vNotificationCategory, label: v.string(), critical: v.boolean(), inApp: v.boolean(), email: v.boolean() });

export const preferences = userQuery({
  args: {},
  returns: v.array(vPreference),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewer = ctx.viewer;
    return (Object.keys(NOTIFICATION_CATEGORIES) as NotificationCategory[]).map((category) => ({
      category,
      label: NOTIFICATION_CATEGORIES[category].label,
      critical: NOTIFICATION_CATEGORIES[category].critical,
      inApp: wants(viewer, category, "inApp"),
      email: wants(viewer, category, "email"),
    }));
  },
});

export const setPreference = userMutation({
  args: { category: vNotificationCategory, inApp: v.boolean(), email: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { category, inApp, email }) => {
    if (NOTIFICATION_CATEGORIES[category].critical) {
      throw appError("INVALID_INPUT", `${NOTIFICATION_CATEGORIES[category].label} are always sent: they change where you need to be.`);
    }
    const others = (ctx.viewer.notificationChannels ?? []).filter((c) => c.category !== category);
    await ctx.db.patch("users", ctx.viewer._id, { notificationChannels: [...others, { category, inApp, email }], updatedAt: Date.now() });
    return null;
  },
});

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
