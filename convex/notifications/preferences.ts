/** Which notifications the viewer gets in the app and by email. */
import { v } from "convex/values";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { wants } from "./model/notify";
import { NOTIFICATION_CATEGORIES, type NotificationCategory, vNotificationCategory } from "../validators";

const vPreference = v.object({
  category: vNotificationCategory,
  label: v.string(),
  critical: v.boolean(),
  inApp: v.boolean(),
  email: v.boolean(),
});

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
      throw appError(
        "INVALID_INPUT",
        `${NOTIFICATION_CATEGORIES[category].label} are always sent: they change where you need to be.`,
      );
    }
    const others = (ctx.viewer.notificationChannels ?? []).filter((c) => c.category !== category);
    await ctx.db.patch("users", ctx.viewer._id, {
      notificationChannels: [...others, { category, inApp, email }],
      updatedAt: Date.now(),
    });
    return null;
  },
});
