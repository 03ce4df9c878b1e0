/** Who may author, review and take an assessment, and when learners see it. */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { isSessionStaff } from "../../liveSessions/model/lifecycle";

const DAY = 24 * 60 * 60 * 1000;
/**
 * Defaults of `assessments.windowDays` (spec: pre-assessment 1–2 days before the start, post within a week of the end).
 */
export const DEFAULT_WINDOW_DAYS = { pre_course: 2, post_course: 7 } as const;

/** Platform admins, and instructors of a cohort of the course. */
export async function canAuthorCourse(ctx: QueryCtx, viewer: Doc<"users">, courseId: Id<"courses">) {
  if (viewer.role === "platform_admin") return true;
  const taught = await ctx.db
    .query("cohorts")
    .withIndex("by_instructorId", (q) => q.eq("instructorId", viewer._id))
    .take(200);
  return taught.some((cohort) => cohort.courseId === courseId);
}

/** The assessment, if the viewer may author its course; FORBIDDEN otherwise. */
export async function requireAuthorOf(ctx: QueryCtx, viewer: Doc<"users">, assessmentId: Id<"assessments">) {
  const assessment = await ctx.db.get("assessments", assessmentId);
  if (assessment === null) throw appError("NOT_FOUND", "This assessment no longer exists.");
  if (!assessment.courseId || !(await canAuthorCourse(ctx, viewer, assessment.courseId))) {
    throw appError("FORBIDDEN", "Only platform admins and the course's instructors can edit its assessments.");
  }
  return assessment;
}

/** The cohort, if the viewer is its instructor or a platform admin; FORBIDDEN otherwise. */
export async function requireCohortStaff(ctx: QueryCtx, viewer: Doc<"users">, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (!isSessionStaff(viewer, cohort))
    throw appError("FORBIDDEN", "Only the cohort's instructor or a platform admin can grade its assessments.");
  return cohort;
}

/** The learner's confirmed enrollment in the course (the most recent cohort), or null. */
export async function confirmedEnrollmentInCourse(ctx: QueryCtx, userId: Id<"users">, courseId: Id<"courses">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId).eq("courseId", courseId))
    .take(20);
  const confirmed = enrollments.filter((e) => e.paymentStatus === "completed");
  return confirmed.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
}

/** The first scheduled session's start and the last one's end (the cohort's dates when it has none). */
export async function cohortSpan(ctx: QueryCtx, cohort: Doc<"cohorts">) {
  const sessions = (
    await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohort._id))
      .take(300)
  ).filter((s) => s.status !== "cancelled");
  if (sessions.length === 0) return { firstStart: cohort.startDate, lastEnd: cohort.endDate };
  return { firstStart: sessions[0].startsAt, lastEnd: Math.max(...sessions.map((s) => s.endsAt)) };
}

export type AssessmentWindow = { opensAt: number | null; closesAt: number | null };

/**
 * When the learner of this cohort may take the assessment: a pre-course one from `windowDays` (default 2) before the
 * cohort starts until its first session, a post-course one from the end of the last session for `windowDays`
 * (default 7) days; other kinds whenever the learner is enrolled.
 */
export async function assessmentWindow(
  ctx: QueryCtx,
  assessment: Doc<"assessments">,
  cohort: Doc<"cohorts">,
): Promise<AssessmentWindow> {
  if (assessment.type !== "pre_course" && assessment.type !== "post_course") return { opensAt: null, closesAt: null };
  const { firstStart, lastEnd } = await cohortSpan(ctx, cohort);
  const days = assessment.windowDays ?? DEFAULT_WINDOW_DAYS[assessment.type];
  if (assessment.type === "pre_course")
    return { opensAt: Math.min(cohort.startDate, firstStart) - days * DAY, closesAt: firstStart };
  return { opensAt: lastEnd, closesAt: lastEnd + days * DAY };
}

export function windowState(window: AssessmentWindow, now: number): "upcoming" | "open" | "closed" {
  if (window.opensAt !== null && now < window.opensAt) return "upcoming";
  if (window.closesAt !== null && now >= window.closesAt) return "closed";
  return "open";
}

/** How many attempts the assessment allows (null: unlimited). */
export function attemptLimit(assessment: Pick<Doc<"assessments">, "allowRetake" | "maxAttempts">) {
  if (!assessment.allowRetake) return 1;
  return assessment.maxAttempts ?? null;
}
