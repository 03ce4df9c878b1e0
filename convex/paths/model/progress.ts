/**
 * Where a learner stands on their path, kept true on the server: which steps are completed (an issued, unrevoked course
 * certificate for the step's course), which are open (a step opens once its rule is met and stays open), progress
 * (completed required steps over required steps), the current step and the status. `refreshPathEnrollment` is the one
 * writer of that state; it runs when a path enrollment starts, when a course certificate is issued or revoked, when a
 * time rule comes due (scheduled, with a cron as the backstop) and when admins change the path's steps.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { notifyUsers } from "../../notifications/model/notify";
import type { PathPaymentType } from "../../validators";
import { allRequiredCompleted, currentStep, inOrder, progressPercent, ruleMet, unlockTime } from "./rules";
import { MAX_STEPS, stepsOf } from "./views";

/** The courses a learner has completed: each has an issued course certificate that was not revoked. */
export async function completedCourses(ctx: QueryCtx, userId: Id<"users">) {
  const certificates = await ctx.db
    .query("certificates")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(300);
  return new Set(
    certificates
      .filter((c) => (c.kind ?? "course") === "course" && c.issueStatus === "issued" && c.revokedAt === undefined)
      .map((c) => c.courseId),
  );
}

/** A path enrollment's rows, one per step. */
export async function stepRows(ctx: QueryCtx, pathEnrollmentId: Id<"userPathEnrollments">) {
  return await ctx.db
    .query("pathStepProgress")
    .withIndex("by_pathEnrollmentId", (q) => q.eq("pathEnrollmentId", pathEnrollmentId))
    .take(MAX_STEPS + 10);
}

/** Whether a path paid this way gives a seat in each step's course (a free "follow" gives none). */
export function includesSeats(paymentType: PathPaymentType) {
  return paymentType !== "individual";
}

/** Statuses in which steps still open and seats can be taken. */
export function isOngoing(status: Doc<"userPathEnrollments">["status"]) {
  return status === "active" || status === "completed";
}

type Refreshed = {
  /** Steps that opened in this refresh. */
  opened: Array<Doc<"learningPathSteps">>;
};

/**
 * Brings one path enrollment up to date (see the module comment) and tells the learner, in the app and by email,
 * about each step that opened — unless `announce` is false (the enrollment's own welcome names what is open).
 */
export async function refreshPathEnrollment(
  ctx: MutationCtx,
  pathEnrollmentId: Id<"userPathEnrollments">,
  { announce = true }: { announce?: boolean } = {},
): Promise<Refreshed> {
  const enrollment = await ctx.db.get("userPathEnrollments", pathEnrollmentId);
  const path = enrollment ? await ctx.db.get("learningPaths", enrollment.pathId) : null;
  if (enrollment === null || path === null) return { opened: [] };
  const now = Date.now();
  const steps = inOrder(await stepsOf(ctx, path._id));
  const rows = new Map((await stepRows(ctx, pathEnrollmentId)).map((row) => [row.stepId, row]));
  const done = await completedCourses(ctx, enrollment.userId);
  const completed = new Set(steps.filter((s) => done.has(s.courseId)).map((s) => s._id));
  const facts = { enrolledAt: enrollment.enrolledAt, completed };
  const ongoing = isOngoing(enrollment.status);
  const opened: Array<Doc<"learningPathSteps">> = [];

  for (const step of steps) {
    let row = rows.get(step._id);
    if (row === undefined) {
      // A step added after the learner enrolled: a bundle covered the steps it was sold with.
      const id = await ctx.db.insert("pathStepProgress", {
        pathEnrollmentId,
        userId: enrollment.userId,
        pathId: path._id,
        stepId: step._id,
        courseId: step.courseId,
        seatIncluded: includesSeats(enrollment.paymentType) && enrollment.paymentType !== "bundle",
        createdAt: now,
        updatedAt: now,
      });
      row = (await ctx.db.get("pathStepProgress", id))!;
    }
    const opensNow = row.unlockedAt === undefined && ongoing && ruleMet(steps, step, facts, now);
    const unlockedAt = opensNow ? now : row.unlockedAt;
    // Nothing comes due while the path is paused or over; resuming it works the moments out again.
    const due = unlockedAt === undefined && ongoing ? unlockTime(step, enrollment.enrolledAt) : null;
    const completedAt = completed.has(step._id) ? (row.completedAt ?? now) : undefined;
    const changes = {
      ...(unlockedAt !== row.unlockedAt ? { unlockedAt } : {}),
      ...((due ?? undefined) !== row.unlockDueAt ? { unlockDueAt: due ?? undefined } : {}),
      ...(completedAt !== row.completedAt ? { completedAt } : {}),
      ...(step.courseId !== row.courseId ? { courseId: step.courseId } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await ctx.db.patch("pathStepProgress", row._id, { ...changes, updatedAt: now });
    }
    if (due !== null && due > now && due !== row.unlockDueAt) {
      await ctx.scheduler.runAt(due, internal.paths.unlocks.refresh, { pathEnrollmentId });
    }
    if (opensNow && !completed.has(step._id)) opened.push(step);
  }

  await updateEnrollment(ctx, enrollment, path, steps, completed, now);
  if (announce && opened.length > 0) await announceOpened(ctx, enrollment, path, opened, rows);
  return { opened };
}

/** Progress, current step and status from the steps completed. */
async function updateEnrollment(
  ctx: MutationCtx,
  enrollment: Doc<"userPathEnrollments">,
  path: Doc<"learningPaths">,
  steps: ReadonlyArray<Doc<"learningPathSteps">>,
  completed: ReadonlySet<Id<"learningPathSteps">>,
  now: number,
) {
  const finished = allRequiredCompleted(steps, completed);
  const completedSteps = steps.filter((s) => completed.has(s._id)).map((s) => s._id);
  const current = currentStep(steps, completed);
  let status = enrollment.status;
  let completedAt = enrollment.completedAt;
  if (status === "active" && finished) {
    status = "completed";
    completedAt = now;
    await ctx.db.patch("learningPaths", path._id, { completionCount: path.completionCount + 1 });
  } else if (status === "completed" && !finished) {
    // A course certificate was revoked: the path is not complete any more.
    status = "active";
    completedAt = undefined;
    await ctx.db.patch("learningPaths", path._id, { completionCount: Math.max(0, path.completionCount - 1) });
  }
  const next = {
    completedSteps,
    progressPercent: progressPercent(steps, completed),
    currentStepId: current?._id,
    status,
    completedAt,
    startedAt: enrollment.startedAt ?? (completedSteps.length > 0 ? now : undefined),
  };
  const changed =
    next.progressPercent !== enrollment.progressPercent ||
    next.currentStepId !== enrollment.currentStepId ||
    next.status !== enrollment.status ||
    next.completedAt !== enrollment.completedAt ||
    next.startedAt !== enrollment.startedAt ||
    next.completedSteps.join() !== enrollment.completedSteps.join();
  if (changed) await ctx.db.patch("userPathEnrollments", enrollment._id, { ...next, updatedAt: now });
}

/** One notice per step that opened: in the app and by email, as the learner chose for "learning". */
async function announceOpened(
  ctx: MutationCtx,
  enrollment: Doc<"userPathEnrollments">,
  path: Doc<"learningPaths">,
  opened: ReadonlyArray<Doc<"learningPathSteps">>,
  rows: ReadonlyMap<Id<"learningPathSteps">, Doc<"pathStepProgress">>,
) {
  const user = await ctx.db.get("users", enrollment.userId);
  if (user === null) return;
  for (const step of opened) {
    const course = await ctx.db.get("courses", step.courseId);
    if (course === null) continue;
    const row = rows.get(step._id);
    const seat = row?.seatIncluded ?? includesSeats(enrollment.paymentType);
    const next = seat
      ? "Your seat is included: choose the cohort that suits you."
      : "Book a cohort on the course page when you are ready.";
    await notifyUsers(
      ctx,
      [user],
      {
        category: "learning",
        title: `Step ${step.stepNumber} of ${path.title} is open: ${course.title}`,
        body: next,
        url: `/learn/paths/${enrollment._id}`,
      },
      {
        subject: `Step ${step.stepNumber} is open: ${course.title}`,
        heading: `${course.title} is open for you`,
        lines: [`Step ${step.stepNumber} of your ${path.title} is now open.`, next],
        actionLabel: seat ? "Choose my cohort" : "Open my path",
      },
    );
  }
}

/** Re-evaluates every path enrollment that has a step for this course (a course certificate was issued or revoked). */
export async function refreshPathsForCourse(ctx: MutationCtx, userId: Id<"users">, courseId: Id<"courses">) {
  const rows = await ctx.db
    .query("pathStepProgress")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId).eq("courseId", courseId))
    .take(20);
  for (const pathEnrollmentId of new Set(rows.map((row) => row.pathEnrollmentId))) {
    await refreshPathEnrollment(ctx, pathEnrollmentId);
  }
}
