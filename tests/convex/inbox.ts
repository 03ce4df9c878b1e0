/** What people were told: the emails in the dev mailbox and their in-app notifications. */
import type { Id } from "../../convex/_generated/dataModel";
import { runScheduled, type T } from "./checkout-helpers";

/** The emails the dev mailbox holds for `to`, oldest first, once queued sends have run (fake timers). */
export async function mailTo(t: T, to: string) {
  await runScheduled(t);
  return await t.run(async (ctx) =>
    ctx.db
      .query("devEmails")
      .withIndex("by_to", (q) => q.eq("to", to))
      .collect(),
  );
}

/** The titles of a person's in-app notifications, oldest first. */
export async function notificationTitles(t: T, userId: Id<"users">) {
  const notifications = await t.run(async (ctx) =>
    ctx.db
      .query("notifications")
      .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
      .collect(),
  );
  return notifications.map((n) => n.title);
}
