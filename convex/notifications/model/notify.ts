/** In-app notifications and their email twins, honouring each user's channel choices. */
import { internal } from "../../_generated/api";
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from "../../validators";

export type Message = { category: NotificationCategory; title: string; body: string; url?: string };
export type EmailPart = {
  subject: string;
  heading: string;
  lines: string[];
  actionLabel: string;
  calendar?: { filename: string; content: string };
};

/** Whether a user wants this category on a channel; critical categories always go out. */
export function wants(
  user: Pick<Doc<"users">, "notificationChannels" | "emailNotifications">,
  category: NotificationCategory,
  channel: "inApp" | "email",
) {
  if (NOTIFICATION_CATEGORIES[category].critical) return true;
  if (channel === "email" && !user.emailNotifications) return false;
  const choice = user.notificationChannels?.find((c) => c.category === category);
  return choice ? choice[channel] : true;
}

/**
 * Notifies users in-app and by email, each as they chose. One email render
 * for all recipients happens after commit in `internal.notifications.delivery.email`.
 */
export async function notifyUsers(
  ctx: MutationCtx,
  users: Array<Doc<"users">>,
  message: Message,
  email?: EmailPart,
  options: { inApp?: boolean } = {},
) {
  const now = Date.now();
  const recipients: string[] = [];
  for (const user of users) {
    if (options.inApp !== false && wants(user, message.category, "inApp")) {
      await ctx.db.insert("notifications", { userId: user._id, ...message, createdAt: now });
    }
    if (email && wants(user, message.category, "email")) recipients.push(user.email);
  }
  if (email && recipients.length > 0) {
    await ctx.scheduler.runAfter(0, internal.notifications.delivery.email, {
      recipients,
      url: message.url ?? "/learn",
      ...email,
    });
  }
  return users.length;
}
