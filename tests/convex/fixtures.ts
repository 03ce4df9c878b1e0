/**
 * What many test files seed: people, organizations, courses, cohorts, assessments, learning gains and live sessions.
 * Each row builder returns a document as the app stores it with the fields a test names laid on top; what a test
 * asserts on is best named at the call, not left to a default here. The benchmarks seed with the same builders, so
 * nothing here may import Vitest.
 */
import type { FunctionArgs, WithoutSystemFields } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { Doc, Id, TableNames } from "../../convex/_generated/dataModel";
import type { MutationCtx } from "../../convex/_generated/server";
import type { SessionType } from "../../convex/validators";
import type { as, T } from "./checkout-helpers";

type Row<Table extends TableNames> = WithoutSystemFields<Doc<Table>>;
type Caller = ReturnType<typeof as>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A person as sign-up creates them (an individual, email notifications on, SMS off), named after their address. */
export function userRow(email: string, fields: Partial<Row<"users">> = {}): Row<"users"> {
  return {
    email,
    name: email.split("@")[0],
    role: "individual",
    emailNotifications: true,
    smsNotifications: false,
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

/** "Ops" (ops@academy.test), a platform admin. */
export function platformAdminRow(fields: Partial<Row<"users">> = {}): Row<"users"> {
  return userRow("ops@academy.test", { name: "Ops", role: "platform_admin", ...fields });
}

/** Inserts "Ops", a platform admin; returns their id. */
export async function addPlatformAdmin(t: T, fields: Partial<Row<"users">> = {}) {
  return await t.run(async (ctx) => await ctx.db.insert("users", platformAdminRow(fields)));
}

/** An active organization ("Acme", acme.com unless named) with 5 seats purchased and none used. */
export function organizationRow(fields: Partial<Row<"organizations">> = {}): Row<"organizations"> {
  const name = fields.name ?? "Acme";
  const domain = fields.domain ?? `${name.toLowerCase()}.com`;
  return {
    name,
    domain,
    contactEmail: `admin@${domain}`,
    contactName: "Admin",
    status: "active",
    seatsPurchased: 5,
    seatsUsed: 0,
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

/** The published two-day "AI Enablement Intensive" (slug `intensive`, $1,497 per person, $1,197 per seat). */
export function courseRow(fields: Partial<Row<"courses">> = {}): Row<"courses"> {
  return {
    title: "AI Enablement Intensive",
    description: "Two days",
    slug: "intensive",
    sessionType: "cohort",
    priceB2C: 149_700,
    priceB2B: 119_700,
    maxParticipants: 24,
    impactLevel: "L1",
    capabilityLevel: "fundamentals",
    status: "published",
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

/**
 * A paid enrollment holding its seat, bought at `now`: office hours and the AI assistant for 90 days, the materials
 * for a year, the intake survey not yet answered.
 */
export function paidEnrollmentRow(
  enrollment: { userId: Id<"users">; cohortId: Id<"cohorts">; courseId: Id<"courses"> },
  now: number,
  fields: Partial<Row<"enrollments">> = {},
): Row<"enrollments"> {
  return {
    ...enrollment,
    purchaseDate: now,
    paymentStatus: "completed",
    paymentType: "b2c",
    intakeSurveyCompleted: false,
    officeHoursEligibleUntil: now + 90 * DAY,
    materialsAccessUntil: now + 365 * DAY,
    chatbotAccessUntil: now + 90 * DAY,
    seatHeld: true,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/**
 * Inserts another cohort of the same course as `cohortId`, holding no seats yet: the same capacity, status and
 * timezone, its dates `daysLater` days on, and `fields` on top.
 */
export async function insertAnotherCohort(
  ctx: MutationCtx,
  cohortId: Id<"cohorts">,
  { daysLater = 0, ...fields }: Partial<Row<"cohorts">> & { name: string; daysLater?: number },
) {
  const { _id, _creationTime, ...cohort } = (await ctx.db.get("cohorts", cohortId))!;
  return await ctx.db.insert("cohorts", {
    ...cohort,
    startDate: cohort.startDate + daysLater * DAY,
    endDate: cohort.endDate + daysLater * DAY,
    currentEnrollment: 0,
    ...fields,
  });
}

/** What the admin cohort editor sends to save `cohort` as it is, with `changes` on top. */
export function cohortForm(
  cohort: Doc<"cohorts">,
  changes: Partial<FunctionArgs<typeof api.catalog.cohorts.save>> = {},
): FunctionArgs<typeof api.catalog.cohorts.save> {
  return {
    cohortId: cohort._id,
    courseId: cohort.courseId,
    name: cohort.name,
    startDate: cohort.startDate,
    endDate: cohort.endDate,
    timezone: cohort.timezone ?? "Europe/Berlin",
    maxCapacity: cohort.maxCapacity,
    status: cohort.status,
    ...changes,
  };
}

/** An active pre- or post-course assessment of a course, passed at 70 %, without retakes or shuffling. */
export function assessmentRow(
  courseId: Id<"courses">,
  type: Doc<"assessments">["type"],
  fields: Partial<Row<"assessments">> = {},
): Row<"assessments"> {
  return {
    title: type,
    type,
    courseId,
    passingScore: 70,
    allowRetake: false,
    showCorrectAnswers: "never",
    randomizeQuestions: false,
    randomizeAnswers: false,
    isActive: true,
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

/**
 * Gives a learner graded pre- and post-course attempts (40 %, then 40 % plus `gain` of the 60 points left) in the
 * course of their first enrollment, and the learning-gain row with that normalized gain.
 */
export async function giveLearningGain(t: T, userId: Id<"users">, gain: number) {
  await t.run(async (ctx) => {
    const enrollment = (await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
      .first())!;
    const attempt = (assessmentId: Id<"assessments">, score: number) =>
      ctx.db.insert("assessmentAttempts", {
        userId,
        assessmentId,
        enrollmentId: enrollment._id,
        attemptNumber: 1,
        status: "graded",
        startedAt: 1,
        score,
        passed: score >= 70,
        createdAt: 1,
      });
    const preScore = 40;
    const postScore = preScore + Math.round((100 - preScore) * gain);
    const pre = await ctx.db.insert("assessments", assessmentRow(enrollment.courseId, "pre_course"));
    const post = await ctx.db.insert("assessments", assessmentRow(enrollment.courseId, "post_course"));
    await ctx.db.insert("learningGainAnalytics", {
      userId,
      courseId: enrollment.courseId,
      enrollmentId: enrollment._id,
      preAssessmentId: pre,
      preAttemptId: await attempt(pre, preScore),
      preScore,
      postAssessmentId: post,
      postAttemptId: await attempt(post, postScore),
      postScore,
      scoreImprovement: postScore - preScore,
      percentageGain: (100 * (postScore - preScore)) / preScore,
      normalizedGain: gain,
      skillGains: [],
      calculatedAt: Date.now(),
    });
  });
}

/** A session of a course's outline ("Opening", day 1, 30 minutes) with `fields` on top. */
export function outlineSessionRow(courseId: Id<"courses">, fields: Partial<Row<"sessions">> = {}): Row<"sessions"> {
  return {
    courseId,
    title: "Opening",
    type: "S",
    dayNumber: 1,
    orderInDay: 1,
    durationMinutes: 30,
    description: "",
    outcomes: [],
    createdAt: 1,
    ...fields,
  };
}

/** A scheduled live session of a cohort from `startsAt` to `endsAt`, a workshop unless `fields` say otherwise. */
export function cohortSessionRow(
  cohortId: Id<"cohorts">,
  title: string,
  startsAt: number,
  endsAt: number,
  fields: Partial<Row<"cohortSessions">> = {},
): Row<"cohortSessions"> {
  return {
    cohortId,
    title,
    type: "W",
    startsAt,
    endsAt,
    status: "scheduled",
    sequence: 0,
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

/** Inserts the cohort's first-day Spark session, 9 to 12 hours after its start; returns the session's id. */
export async function insertFirstDaySession(ctx: MutationCtx, cohortId: Id<"cohorts">, title = "Day 1") {
  const { startDate } = (await ctx.db.get("cohorts", cohortId))!;
  return await ctx.db.insert(
    "cohortSessions",
    cohortSessionRow(cohortId, title, startDate + 9 * HOUR, startDate + 12 * HOUR, { type: "S" }),
  );
}

/**
 * `caller` (a platform admin) schedules a one-hour workshop in the cohort at `startsAtLocal`, the cohort's local time
 * ("2026-11-05T10:00"); returns the session's id.
 */
export async function addLiveSession(
  caller: Caller,
  cohortId: Id<"cohorts">,
  title: string,
  startsAtLocal: string,
  fields: { type?: SessionType; durationMinutes?: number } = {},
) {
  const [sessionId] = await caller.mutation(api.liveSessions.schedule.add, {
    cohortId,
    title,
    type: "W",
    startsAtLocal,
    durationMinutes: 60,
    ...fields,
  });
  return sessionId;
}
