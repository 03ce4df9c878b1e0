/**
 * Seats and what an enrollment holds. A cohort's seat count (`cohorts.currentEnrollment`) counts confirmed
 * enrollments, live checkout holds, open waitlist offers and seats held for learners of a cancelled cohort; only
 * `takeSeat` and `returnSeat` change it — enrollments through enrollments/model/state.ts, offers through
 * waitlist/model/queue.ts, cancellation holds through enrollments/model/cancellation.ts. Also: a person's live
 * enrollment in a course, the access an enrollment grants, and the price it was charged.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { currency } from "../../env";
import { appError } from "../../errors";

/** Counts one more seat taken; refuses (COHORT_FULL) when none is left. */
export async function takeSeat(ctx: MutationCtx, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (cohort.currentEnrollment >= cohort.maxCapacity) {
    throw appError("COHORT_FULL", "This cohort just sold out. You can join its waitlist.");
  }
  await ctx.db.patch("cohorts", cohortId, { currentEnrollment: cohort.currentEnrollment + 1, updatedAt: Date.now() });
  return cohort;
}

/** Counts one seat fewer (never below zero); the caller offers it to the waitlist in the same transaction. */
export async function returnSeat(ctx: MutationCtx, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort !== null) {
    await ctx.db.patch("cohorts", cohort._id, {
      currentEnrollment: Math.max(0, cohort.currentEnrollment - 1),
      updatedAt: Date.now(),
    });
  }
}

/**
 * The person's live enrollment in a course — paid, or pending with a seat
 * held — other than `except`. A person has at most one per course: every
 * path that gives a seat (checkout, waitlist offers, organization
 * assignments, late payments) checks this first.
 */
export async function liveEnrollmentInCourse(
  ctx: QueryCtx,
  userId: Id<"users">,
  courseId: Id<"courses">,
  except?: Id<"enrollments">,
) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId).eq("courseId", courseId))
    .take(50);
  return (
    enrollments.find(
      (e) => e._id !== except && (e.paymentStatus === "completed" || (e.paymentStatus === "pending" && e.seatHeld)),
    ) ?? null
  );
}

const DAY = 24 * 60 * 60 * 1000;

/** Access windows from the spec: office hours and the assistant for 90 days after the cohort, materials for a year. */
export function accessWindows(cohort: Pick<Doc<"cohorts">, "endDate">) {
  return {
    officeHoursEligibleUntil: cohort.endDate + 90 * DAY,
    chatbotAccessUntil: cohort.endDate + 90 * DAY,
    materialsAccessUntil: cohort.endDate + 365 * DAY,
  };
}

/** The price charged for an enrollment: its amount and currency, fixed when the seat was reserved. */
export function priceCharged(enrollment: Doc<"enrollments">) {
  return { amountCents: enrollment.amountCents, currency: enrollment.currency ?? currency() };
}
