/**
 * The one place a path enrollment starts: a paid bundle (payments' webhook), an organization enrolling a member, or a
 * learner following a per-course path. A person has one enrollment per path; one that expired starts again.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { notifyUsers } from "../../notifications/model/notify";
import type { PathPaymentType } from "../../validators";
import { DAY_MS, inOrder } from "./rules";
import { includesSeats, refreshPathEnrollment, stepRows } from "./progress";
import { stepsOf } from "./views";

/** A bundle's seats are used within a year of buying it (the spec's one-year path enrollment). */
export const BUNDLE_ACCESS_DAYS = 365;

/** The person's enrollment in a path, if any. */
export async function pathEnrollmentOf(ctx: MutationCtx, userId: Id<"users">, pathId: Id<"learningPaths">) {
  return await ctx.db
    .query("userPathEnrollments")
    .withIndex("by_userId_and_pathId", (q) => q.eq("userId", userId).eq("pathId", pathId))
    .first();
}

/**
 * Enrolls `user` in `path`, paid as `paymentType`: one row per step (with a seat in its course unless the path is
 * followed per course), the steps open now, and the learner is welcomed. Throws ALREADY_IN_PATH when the person
 * already follows the path (an expired enrollment starts again instead).
 */
export async function enrollInPath(
  ctx: MutationCtx,
  user: Doc<"users">,
  path: Doc<"learningPaths">,
  how: {
    paymentType: PathPaymentType;
    organizationId?: Id<"organizations">;
    enrolledById?: Id<"users">;
    purchaseId?: Id<"pathPurchases">;
    stripeSubscriptionId?: string;
    expiresAt?: number;
    /** Who gave the path, for the welcome ("Acme Corporation enrolled you"); absent when the learner chose it. */
    givenBy?: string;
    /** A last line for the welcome (how a subscription is billed and cancelled). */
    note?: string;
    /**
     * How the learner is welcomed: in the app and by email (default), in the app only (a bundle's receipt email says
     * the rest), or not at all (the demo academy's history).
     */
    welcome?: "full" | "inApp" | false;
  },
) {
  const now = Date.now();
  const existing = await pathEnrollmentOf(ctx, user._id, path._id);
  if (existing && existing.status !== "expired") {
    throw appError("ALREADY_IN_PATH", `${user.name} already follows the ${path.title}.`);
  }
  const expiresAt = how.expiresAt ?? (how.paymentType === "bundle" ? now + BUNDLE_ACCESS_DAYS * DAY_MS : undefined);
  const fields = {
    status: "active" as const,
    organizationId: how.organizationId,
    paymentType: how.paymentType,
    stripeSubscriptionId: how.stripeSubscriptionId,
    purchaseId: how.purchaseId,
    enrolledById: how.enrolledById,
    enrolledAt: now,
    expiresAt,
    completedAt: undefined,
    updatedAt: now,
  };
  let pathEnrollmentId: Id<"userPathEnrollments">;
  if (existing) {
    pathEnrollmentId = existing._id;
    await ctx.db.patch("userPathEnrollments", existing._id, fields);
  } else {
    pathEnrollmentId = await ctx.db.insert("userPathEnrollments", {
      userId: user._id,
      pathId: path._id,
      ...fields,
      completedSteps: [],
      progressPercent: 0,
      createdAt: now,
    });
  }
  // Every step of the path as it is sold now; an earlier enrollment's rows keep their history (completions, seats).
  const rows = new Map((await stepRows(ctx, pathEnrollmentId)).map((row) => [row.stepId, row]));
  const seatIncluded = includesSeats(how.paymentType);
  for (const step of inOrder(await stepsOf(ctx, path._id))) {
    const row = rows.get(step._id);
    if (row) {
      await ctx.db.patch("pathStepProgress", row._id, { seatIncluded, unlockedAt: undefined, updatedAt: now });
    } else {
      await ctx.db.insert("pathStepProgress", {
        pathEnrollmentId,
        userId: user._id,
        pathId: path._id,
        stepId: step._id,
        courseId: step.courseId,
        seatIncluded,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  await ctx.db.patch("learningPaths", path._id, { enrollmentCount: path.enrollmentCount + 1, updatedAt: now });
  const { opened } = await refreshPathEnrollment(ctx, pathEnrollmentId, { announce: false });
  if (how.welcome !== false) {
    await welcome(ctx, user, path, pathEnrollmentId, {
      seatIncluded,
      opened,
      givenBy: how.givenBy,
      note: how.note,
      email: how.welcome !== "inApp",
    });
  }
  return pathEnrollmentId;
}

/** "You're enrolled in the path": what is open now and what to do next, in the app and by email. */
async function welcome(
  ctx: MutationCtx,
  user: Doc<"users">,
  path: Doc<"learningPaths">,
  pathEnrollmentId: Id<"userPathEnrollments">,
  {
    seatIncluded,
    opened,
    givenBy,
    note,
    email,
  }: { seatIncluded: boolean; opened: Doc<"learningPathSteps">[]; givenBy?: string; note?: string; email: boolean },
) {
  const titles = [];
  for (const step of opened) titles.push((await ctx.db.get("courses", step.courseId))?.title ?? "a course");
  const open =
    titles.length === 0 ? "Your first step opens soon; we will tell you when." : `Open now: ${titles.join(", ")}.`;
  const next = seatIncluded
    ? "A seat in each step's course is included: choose a cohort as each step opens."
    : "Book a cohort of each step's course on its course page as the step opens.";
  const lead = givenBy ? `${givenBy} enrolled you in the ${path.title}.` : `You're enrolled in the ${path.title}.`;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "learning",
      title: `You're enrolled in the ${path.title}`,
      body: [open, next, note].filter(Boolean).join(" "),
      url: `/learn/paths/${pathEnrollmentId}`,
    },
    email
      ? {
          subject: `You're enrolled in the ${path.title}`,
          heading: `Welcome to the ${path.title}`,
          lines: [lead, open, next, ...(note ? [note] : [])],
          actionLabel: "Open my path",
        }
      : undefined,
  );
}
