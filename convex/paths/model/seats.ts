/**
 * The seat a path gives in each step's course, taken when the step opens: the learner chooses a cohort (open public
 * cohorts, and their organization's private ones when it enrolled them), and the seat is taken by the same rules as
 * checkout — one live enrollment per course, a free seat in the cohort — through enrollments/model/state.ts. A seat
 * given back (the learner cancelled, the organization took them out) can be taken again in another cohort.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { seatsLeft } from "../../catalog/model/cohorts";
import { liveEnrollmentInCourse } from "../../enrollments/model/seats";
import { enrollWithPathSeat } from "../../enrollments/model/state";
import { dateRange, joinCalendar } from "../../enrollments/model/operations";
import { notifyUsers } from "../../notifications/model/notify";
import { requireActive } from "../../organizations/model/membership";
import { leaveCourseWaitlists } from "../../waitlist/model/queue";
import { accessOpen } from "./access";
import { refreshPathEnrollment } from "./progress";
import { DAY_MS, gateStep, inOrder, unlockTime } from "./rules";
import { stepsOf } from "./views";

/** The enrollment a step's seat was used for, while it still holds that seat (or was completed). */
export async function seatInUse(ctx: QueryCtx, row: Pick<Doc<"pathStepProgress">, "enrollmentId">) {
  if (row.enrollmentId === undefined) return null;
  const enrollment = await ctx.db.get("enrollments", row.enrollmentId);
  return enrollment?.paymentStatus === "completed" ? enrollment : null;
}

/** Cohorts the learner may take the step's seat in: open, not started, with room (and their organization's own). */
export async function cohortsForStep(
  ctx: QueryCtx,
  pathEnrollment: Doc<"userPathEnrollments">,
  courseId: Id<"courses">,
  now: number,
) {
  const cohorts = await ctx.db
    .query("cohorts")
    .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", courseId).gt("startDate", now))
    .take(50);
  return cohorts.filter((cohort) => cohortOpenTo(cohort, pathEnrollment, now));
}

function cohortOpenTo(cohort: Doc<"cohorts">, pathEnrollment: Doc<"userPathEnrollments">, now: number) {
  if (cohort.status !== "open" || cohort.startDate <= now) return false;
  if (!cohort.isB2B) return true;
  return pathEnrollment.paymentType === "organization" && cohort.organizationId === pathEnrollment.organizationId;
}

/** The learner's own path enrollment, or NOT_FOUND (another person's is indistinguishable from a missing one). */
export async function requireOwnPathEnrollment(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  pathEnrollmentId: Id<"userPathEnrollments">,
) {
  const enrollment = await ctx.db.get("userPathEnrollments", pathEnrollmentId);
  if (enrollment === null || enrollment.userId !== viewer._id)
    throw appError("NOT_FOUND", "We could not find this learning path among yours.");
  return enrollment;
}

/**
 * Takes the seat the path gives for a step in the chosen cohort. Refuses a step that is not open (with its rule in
 * words), a path that is paused or over, a step without an included seat, a seat already in use or a course the
 * learner already has a seat in, and a cohort that is not open to them or full.
 */
export async function takeStepSeat(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  args: { pathEnrollmentId: Id<"userPathEnrollments">; stepId: Id<"learningPathSteps">; cohortId: Id<"cohorts"> },
) {
  const pathEnrollment = await requireOwnPathEnrollment(ctx, viewer, args.pathEnrollmentId);
  const path = (await ctx.db.get("learningPaths", pathEnrollment.pathId))!;
  if (!accessOpen(pathEnrollment, Date.now())) {
    const paused =
      pathEnrollment.paymentType === "subscription"
        ? `Your ${path.title} is paused until your subscription's open invoice is paid, so no seat can be taken now.`
        : `Your ${path.title} is paused, so no seat can be taken now.`;
    throw appError(
      "ENROLLMENT_NOT_ACTIVE",
      pathEnrollment.status === "paused"
        ? paused
        : `Your ${path.title} has ended, so its remaining seats can no longer be used.`,
    );
  }
  // The rules are evaluated now, on the server: a step whose moment has just come opens here.
  await refreshPathEnrollment(ctx, pathEnrollment._id);
  const steps = inOrder(await stepsOf(ctx, path._id));
  const step = steps.find((s) => s._id === args.stepId);
  const row = (
    await ctx.db
      .query("pathStepProgress")
      .withIndex("by_pathEnrollmentId", (q) => q.eq("pathEnrollmentId", pathEnrollment._id))
      .take(40)
  ).find((r) => r.stepId === args.stepId);
  if (step === undefined || row === undefined) throw appError("NOT_FOUND", "This step is no longer part of the path.");
  const course = (await ctx.db.get("courses", step.courseId))!;
  if (row.unlockedAt === undefined) {
    const gate = gateStep(steps, step);
    const gateCourse = gate ? await ctx.db.get("courses", gate.courseId) : null;
    const due = unlockTime(step, pathEnrollment.enrolledAt);
    const when =
      due !== null
        ? `It opens in ${Math.max(1, Math.ceil((due - Date.now()) / DAY_MS))} days.`
        : `It opens when you complete ${gateCourse?.title ?? "the step before it"}.`;
    throw appError("STEP_LOCKED", `${course.title} is not open yet. ${when}`);
  }
  if (!row.seatIncluded) {
    throw appError(
      "INVALID_INPUT",
      `A seat in ${course.title} is not included in your path: book a cohort on the course page.`,
    );
  }
  if (await seatInUse(ctx, row)) {
    throw appError("ALREADY_ENROLLED", `You already used this step's seat: ${course.title} is on your learning page.`);
  }
  if (await liveEnrollmentInCourse(ctx, viewer._id, course._id)) {
    throw appError("ALREADY_ENROLLED", `You already have a seat in ${course.title}. It is on your learning page.`);
  }
  const cohort = await ctx.db.get("cohorts", args.cohortId);
  const now = Date.now();
  if (cohort === null || cohort.courseId !== course._id || !cohortOpenTo(cohort, pathEnrollment, now)) {
    throw appError("COHORT_NOT_OPEN", "This cohort is not open for this step. Pick another date.");
  }
  if (seatsLeft(cohort) === 0) throw appError("COHORT_FULL", "This cohort just sold out. Pick another date.");
  const paidByOrganization = pathEnrollment.paymentType === "organization";
  if (paidByOrganization) {
    const organization = pathEnrollment.organizationId
      ? await ctx.db.get("organizations", pathEnrollment.organizationId)
      : null;
    if (organization === null || viewer.organizationId !== organization._id || !viewer.holdsOrgSeat) {
      throw appError(
        "ENROLLMENT_NOT_ACTIVE",
        "Your organization's seat for this path has ended. Ask your administrator to give you one again.",
      );
    }
    requireActive(organization);
  }
  const enrollmentId = await enrollWithPathSeat(ctx, viewer._id, cohort, {
    paymentType: paidByOrganization ? "b2b" : "b2c",
    pathEnrollmentId: pathEnrollment._id,
  });
  await leaveCourseWaitlists(ctx, viewer._id, course._id);
  await ctx.db.patch("pathStepProgress", row._id, { enrollmentId, updatedAt: now });
  if (pathEnrollment.startedAt === undefined) {
    await ctx.db.patch("userPathEnrollments", pathEnrollment._id, { startedAt: now, updatedAt: now });
  }
  await tellSeatTaken(ctx, viewer, path, course, cohort);
  return enrollmentId;
}

/** "You're in": the cohort's dates and its calendar file; nothing to pay, the path covers it. */
async function tellSeatTaken(
  ctx: MutationCtx,
  user: Doc<"users">,
  path: Doc<"learningPaths">,
  course: Doc<"courses">,
  cohort: Doc<"cohorts">,
) {
  const dates = dateRange(cohort);
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: `You're in: ${course.title}`,
      body:
        `${cohort.name}, ${dates}, with the seat your ${path.title} includes. ` +
        "Your schedule is on your learning page.",
      url: "/learn",
    },
    {
      subject: `You're in: ${course.title}`,
      heading: `You're in: ${course.title}`,
      lines: [
        `Your ${path.title} includes this seat: ${course.title} — ${cohort.name}, ${dates}. There is nothing to pay.`,
        "The attached calendar file holds every live session; add it to your calendar.",
      ],
      actionLabel: "Open my schedule",
      calendar: await joinCalendar(ctx, course, cohort),
    },
  );
}
