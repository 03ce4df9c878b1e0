/**
 * A course's self-service policy: learners transfer to another date until `transferDaysBeforeStart` days before their
 * cohort starts, and cancel with a full refund until `refundDaysBeforeStart` days; unset, only by request
 * (enrollments/model/selfService.ts carries it out).
 */
import type { Doc } from "../../_generated/dataModel";

const DAY = 24 * 60 * 60 * 1000;

type Policy = Pick<Doc<"courses">, "transferDaysBeforeStart" | "refundDaysBeforeStart">;

/**
 * Until when the course's policy lets a learner of `cohort` transfer and cancel with a refund (absent: never). An
 * enrollment the learner already moved keeps the refund deadline of the cohort it was bought for
 * (`refundDeadlineAt`): a transfer to later dates never reopens the refund window.
 */
export function policyDeadlines(
  course: Policy,
  cohort: Pick<Doc<"cohorts">, "startDate">,
  enrollment: Pick<Doc<"enrollments">, "refundDeadlineAt">,
) {
  const until = (days: number | undefined) => (days === undefined ? undefined : cohort.startDate - days * DAY);
  const refundUntil = until(course.refundDaysBeforeStart);
  return {
    transferUntil: until(course.transferDaysBeforeStart),
    refundUntil:
      refundUntil === undefined || enrollment.refundDeadlineAt === undefined
        ? refundUntil
        : Math.min(refundUntil, enrollment.refundDeadlineAt),
  };
}

/** The policy in words, as buyers and learners read it ("Free transfer until 14 days before start; …"). */
export function policySummary(course: Policy) {
  const days = (n: number) => (n === 0 ? "the start" : `${n} day${n === 1 ? "" : "s"} before start`);
  const transfer =
    course.transferDaysBeforeStart === undefined
      ? "Transfers on request"
      : `Free transfer until ${days(course.transferDaysBeforeStart)}`;
  const refund =
    course.refundDaysBeforeStart === undefined
      ? "refunds on request"
      : `full refund until ${days(course.refundDaysBeforeStart)}`;
  return `${transfer}; ${refund}.`;
}
