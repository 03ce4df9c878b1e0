/**
 * The end of a learner's access to a path: a bundle's year is over, a subscription ended (or reached the end of the
 * period after a cancellation), or a bundle was refunded. Steps stop opening and the seats not taken yet can no
 * longer be used; seats already taken stay. A completed path stays completed (its certificate is earned).
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { notifyUsers } from "../../notifications/model/notify";

/** Ends access at `at`; true when the path was still going on (so the learner is told once). */
export async function endPathAccess(ctx: MutationCtx, enrollment: Doc<"userPathEnrollments">, at: number) {
  const now = Date.now();
  if (enrollment.status === "completed") {
    if (enrollment.expiresAt === undefined || enrollment.expiresAt > at) {
      await ctx.db.patch("userPathEnrollments", enrollment._id, { expiresAt: at, updatedAt: now });
    }
    return false;
  }
  if (enrollment.status === "expired") return false;
  await ctx.db.patch("userPathEnrollments", enrollment._id, { status: "expired", expiresAt: at, updatedAt: now });
  return true;
}

/** Whether the path still gives its steps' seats now: going on, and its access not over. */
export function accessOpen(enrollment: Doc<"userPathEnrollments">, now: number) {
  return (
    (enrollment.status === "active" || enrollment.status === "completed") &&
    (enrollment.expiresAt === undefined || enrollment.expiresAt > now)
  );
}

/** "Your access has ended", in the app and by email (a bundle's year, or a cancelled subscription's last day). */
export async function tellAccessEnded(ctx: MutationCtx, enrollment: Doc<"userPathEnrollments">) {
  const [user, path] = [
    await ctx.db.get("users", enrollment.userId),
    await ctx.db.get("learningPaths", enrollment.pathId),
  ];
  if (user === null || path === null) return;
  const title = `Your access to the ${path.title} has ended`;
  const lines = [
    "Steps no longer open and the seats not taken yet can no longer be used; seats you took stay yours.",
    "You can enroll again from the path's page at any time.",
  ];
  await notifyUsers(
    ctx,
    [user],
    { category: "account", title, body: lines.join(" "), url: `/learn/paths/${enrollment._id}` },
    { subject: title, heading: title, lines, actionLabel: "Open my path" },
  );
}
