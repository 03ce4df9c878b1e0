/**
 * A learner's path as they see it: each step completed, open (with the seat they took, or the one still to choose) or
 * locked with what opens it and when, their progress, and the path certificate once it is issued.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import {
  vCertificateIssueStatus,
  vPathEnrollmentStatus,
  vPathPaymentType,
  vPathStepState,
  vPathSubscriptionStatus,
} from "../../validators";
import { stepRows } from "./progress";
import { gateStep, inOrder, unlockTime } from "./rules";
import { seatInUse } from "./seats";
import { stepsOf } from "./views";

export const vLearnerStep = v.object({
  stepId: v.id("learningPathSteps"),
  stepNumber: v.number(),
  isRequired: v.boolean(),
  state: vPathStepState,
  course: v.object({ _id: v.id("courses"), slug: v.string(), title: v.string(), priceB2C: v.number() }),
  recommendedTimeframe: v.optional(v.string()),
  unlockedAt: v.optional(v.number()),
  completedAt: v.optional(v.number()),
  /** A locked step's time rule: it opens then. */
  opensAt: v.optional(v.number()),
  /** A locked step waits for this step's course to be completed. */
  waitsFor: v.optional(v.object({ stepNumber: v.number(), courseTitle: v.string() })),
  /** The path includes a seat in this course. */
  seatIncluded: v.boolean(),
  /** The cohort the learner took the included seat in. */
  seat: v.optional(
    v.object({
      enrollmentId: v.id("enrollments"),
      cohortName: v.string(),
      startDate: v.number(),
      endDate: v.number(),
      timezone: v.optional(v.string()),
    }),
  ),
});

export const vLearnerPath = v.object({
  pathEnrollmentId: v.id("userPathEnrollments"),
  path: v.object({ _id: v.id("learningPaths"), slug: v.string(), title: v.string() }),
  status: vPathEnrollmentStatus,
  paymentType: vPathPaymentType,
  organizationName: v.optional(v.string()),
  progressPercent: v.number(),
  requiredCount: v.number(),
  completedRequired: v.number(),
  enrolledAt: v.number(),
  expiresAt: v.optional(v.number()),
  completedAt: v.optional(v.number()),
  currentStepId: v.optional(v.id("learningPathSteps")),
  steps: v.array(vLearnerStep),
  certificate: v.optional(v.object({ publicId: v.string(), issueStatus: vCertificateIssueStatus })),
  /** A path paid by the month: its state as Stripe last reported it. */
  subscription: v.optional(
    v.object({
      status: vPathSubscriptionStatus,
      monthlyPriceCents: v.number(),
      currency: v.string(),
      /** Paid up to then: the next renewal, or the last day when cancelled. */
      currentPeriodEnd: v.optional(v.number()),
      cancelAtPeriodEnd: v.boolean(),
      endedAt: v.optional(v.number()),
      /** Stripe's page to pay the invoice of a failed renewal. */
      openInvoiceUrl: v.optional(v.string()),
    }),
  ),
});

/** The learner's view of one path enrollment. */
export async function learnerPath(ctx: QueryCtx, enrollment: Doc<"userPathEnrollments">) {
  const path = (await ctx.db.get("learningPaths", enrollment.pathId))!;
  const steps = inOrder(await stepsOf(ctx, path._id));
  const rows = new Map((await stepRows(ctx, enrollment._id)).map((row) => [row.stepId, row]));
  const courses = new Map<Id<"courses">, Doc<"courses">>();
  for (const step of steps) {
    const course = await ctx.db.get("courses", step.courseId);
    if (course) courses.set(course._id, course);
  }
  const shaped = [];
  for (const step of steps) {
    const course = courses.get(step.courseId);
    const row = rows.get(step._id);
    if (!course) continue;
    const state = row?.completedAt !== undefined ? "completed" : row?.unlockedAt !== undefined ? "open" : "locked";
    const gate = state === "locked" ? gateStep(steps, step) : null;
    const opensAt = state === "locked" ? unlockTime(step, enrollment.enrolledAt) : null;
    const seatEnrollment = row ? await seatInUse(ctx, row) : null;
    const seatCohort = seatEnrollment ? await ctx.db.get("cohorts", seatEnrollment.cohortId) : null;
    shaped.push({
      stepId: step._id,
      stepNumber: step.stepNumber,
      isRequired: step.isRequired,
      state,
      course: { _id: course._id, slug: course.slug, title: course.title, priceB2C: course.priceB2C },
      ...(step.recommendedTimeframe ? { recommendedTimeframe: step.recommendedTimeframe } : {}),
      ...(row?.unlockedAt !== undefined ? { unlockedAt: row.unlockedAt } : {}),
      ...(row?.completedAt !== undefined ? { completedAt: row.completedAt } : {}),
      ...(opensAt !== null ? { opensAt } : {}),
      ...(gate
        ? { waitsFor: { stepNumber: gate.stepNumber, courseTitle: courses.get(gate.courseId)?.title ?? "a course" } }
        : {}),
      seatIncluded: row?.seatIncluded ?? false,
      ...(seatEnrollment && seatCohort
        ? {
            seat: {
              enrollmentId: seatEnrollment._id,
              cohortName: seatCohort.name,
              startDate: seatCohort.startDate,
              endDate: seatCohort.endDate,
              ...(seatCohort.timezone ? { timezone: seatCohort.timezone } : {}),
            },
          }
        : {}),
    } as const);
  }
  const organization = enrollment.organizationId ? await ctx.db.get("organizations", enrollment.organizationId) : null;
  const certificate = (
    await ctx.db
      .query("certificates")
      .withIndex("by_userId", (q) => q.eq("userId", enrollment.userId))
      .take(300)
  ).find((c) => c.kind === "path" && c.pathId === path._id && c.revokedAt === undefined);
  const required = steps.filter((s) => s.isRequired);
  const purchase =
    enrollment.paymentType === "subscription" && enrollment.purchaseId
      ? await ctx.db.get("pathPurchases", enrollment.purchaseId)
      : null;
  return {
    pathEnrollmentId: enrollment._id,
    path: { _id: path._id, slug: path.slug, title: path.title },
    status: enrollment.status,
    paymentType: enrollment.paymentType,
    ...(organization ? { organizationName: organization.name } : {}),
    progressPercent: enrollment.progressPercent,
    requiredCount: required.length,
    completedRequired: required.filter((s) => rows.get(s._id)?.completedAt !== undefined).length,
    enrolledAt: enrollment.enrolledAt,
    ...(enrollment.expiresAt !== undefined ? { expiresAt: enrollment.expiresAt } : {}),
    ...(enrollment.completedAt !== undefined ? { completedAt: enrollment.completedAt } : {}),
    ...(enrollment.currentStepId ? { currentStepId: enrollment.currentStepId } : {}),
    steps: shaped,
    ...(certificate ? { certificate: { publicId: certificate.publicId, issueStatus: certificate.issueStatus } } : {}),
    ...(purchase?.subscriptionStatus
      ? {
          subscription: {
            status: purchase.subscriptionStatus,
            monthlyPriceCents: purchase.amountCents,
            currency: purchase.currency,
            ...(purchase.currentPeriodEnd !== undefined ? { currentPeriodEnd: purchase.currentPeriodEnd } : {}),
            cancelAtPeriodEnd: purchase.cancelAtPeriodEnd ?? false,
            ...(purchase.endedAt !== undefined ? { endedAt: purchase.endedAt } : {}),
            ...(purchase.subscriptionStatus === "past_due" && purchase.openInvoiceUrl
              ? { openInvoiceUrl: purchase.openInvoiceUrl }
              : {}),
          },
        }
      : {}),
  };
}

/** The learner's path enrollments, newest first. */
export async function myPathEnrollments(ctx: QueryCtx, userId: Id<"users">) {
  const enrollments = await ctx.db
    .query("userPathEnrollments")
    .withIndex("by_userId_and_pathId", (q) => q.eq("userId", userId))
    .take(50);
  return enrollments.sort((a, b) => b.enrolledAt - a.enrolledAt);
}
