/**
 * Cancelling a cohort, and the one choice it gives each of its learners. The cohort's live sessions are cancelled
 * with their reminders, its waitlist closes (people told; course-level lines are kept), office hours of its
 * enrollments end, and every confirmed learner gets a `cohortChoices` row: transfer in one click (a seat of the
 * earliest open cohort of the course with room is held for them for 7 days — counted in that cohort's seats — and
 * released by `internal.enrollments.choices.releaseHold` if unused) or a full refund (b2c through Stripe's one refund
 * path; b2b: the seat goes back to the organization's pool).
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { cohortCalendar } from "../../liveSessions/model/calendar";
import { cancelReminders } from "../../liveSessions/model/lifecycle";
import { notifyUsers } from "../../notifications/model/notify";
import { releaseOrgSeat } from "../../organizations/model/membership";
import { failPending } from "../../payments/model/checkout";
import { endOffer, offerFreeSeats } from "../../waitlist/model/queue";
import { cohortLearners } from "./learners";
import { cohortSessions, dateRange, joinCalendar } from "./operations";
import { returnSeat, takeSeat } from "./seats";
import { endOfficeHoursEligibility, moveToCohort, recordRefundRequest, unassign } from "./state";

const DAY = 24 * 60 * 60 * 1000;
/** How long a seat in another cohort is held for a learner of a cancelled cohort. */
export const CHOICE_HOLD_MS = 7 * DAY;

/** Cohorts of the course a learner of `from` may transfer to now: open, not started, with room, theirs if private. */
export async function transferTargets(
  ctx: QueryCtx,
  from: Pick<Doc<"cohorts">, "_id" | "courseId">,
  user: Pick<Doc<"users">, "organizationId">,
  now: number,
) {
  const cohorts = await ctx.db
    .query("cohorts")
    .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", from.courseId).gt("startDate", now))
    .take(100);
  return cohorts.filter(
    (c) =>
      c._id !== from._id &&
      c.status === "open" &&
      (!c.isB2B || (c.organizationId !== undefined && c.organizationId === user.organizationId)),
  );
}

/** Cancels a cohort and everything that hangs on it; returns how many learners were given a choice. */
export async function cancelCohort(ctx: MutationCtx, actor: Doc<"users">, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (cohort.status === "cancelled" || cohort.status === "completed") {
    throw appError("COHORT_NOT_OPEN", `${cohort.name} is already ${cohort.status}.`);
  }
  const course = (await ctx.db.get("courses", cohort.courseId))!;
  const now = Date.now();
  // First, so that no seat freed below is offered to this cohort's line again.
  await ctx.db.patch("cohorts", cohortId, { status: "cancelled", updatedAt: now });

  const sessions = await cohortSessions(ctx, cohortId);
  for (const session of sessions.filter((s) => s.status === "scheduled")) {
    await cancelReminders(ctx, session._id);
    await ctx.db.patch("cohortSessions", session._id, {
      status: "cancelled",
      sequence: session.sequence + 1,
      cancelReason: "The cohort was cancelled.",
      updatedAt: now,
    });
  }
  const cancelledSessions = await cohortSessions(ctx, cohortId);

  // The cohort's line closes; people waiting for the course's next cohort (no cohortId) keep their place.
  const line = await ctx.db
    .query("waitlist")
    .withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId))
    .take(1000);
  const told: Array<Doc<"users">> = [];
  for (const entry of line) {
    if (entry.status === "offered") await endOffer(ctx, entry, "withdrawn");
    else if (entry.status === "waiting")
      await ctx.db.patch("waitlist", entry._id, { status: "cancelled", updatedAt: now });
    else continue;
    const user = await ctx.db.get("users", entry.userId);
    if (user) told.push(user);
  }
  await notifyUsers(
    ctx,
    told,
    {
      category: "account",
      title: `${cohort.name} was cancelled`,
      body: `The cohort you were waiting for will not run. See ${course.title}'s other dates.`,
      url: `/courses/${course.slug}`,
    },
    {
      subject: `${course.title} — ${cohort.name} was cancelled`,
      heading: `${cohort.name} was cancelled`,
      lines: [
        `The ${course.title} cohort you were waiting for, ${cohort.name}, will not run, so its waitlist is closed.`,
        "The course page lists its other dates.",
      ],
      actionLabel: "See other dates",
    },
  );

  // Pending checkouts end; their Checkout Sessions are expired so nobody pays for a cancelled cohort.
  const pending = await ctx.db
    .query("enrollments")
    .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId).eq("paymentStatus", "pending"))
    .take(1000);
  for (const enrollment of pending) await failPending(ctx, enrollment, "cancelled", "This cohort was cancelled.");

  const learners = await cohortLearners(ctx, cohortId);
  for (const { enrollment, user } of learners) {
    await endOfficeHoursEligibility(ctx, enrollment);
    const target = (await transferTargets(ctx, cohort, user, now)).find((c) => c.currentEnrollment < c.maxCapacity);
    if (target) await takeSeat(ctx, target._id);
    const holdExpiresAt = now + CHOICE_HOLD_MS;
    const choiceId = await ctx.db.insert("cohortChoices", {
      cancelledCohortId: cohortId,
      enrollmentId: enrollment._id,
      userId: user._id,
      status: "open",
      ...(target ? { heldCohortId: target._id, holdExpiresAt } : {}),
      seatHeld: target !== undefined,
      createdAt: now,
    });
    if (target) await ctx.scheduler.runAt(holdExpiresAt, internal.enrollments.choices.releaseHold, { choiceId });
    await ctx.db.insert("enrollmentAuditLog", {
      actorId: actor._id,
      action: "cohort_cancelled",
      enrollmentId: enrollment._id,
      userId: user._id,
      cohortId,
      createdAt: now,
    });
    const remedy = enrollment.paymentType === "b2b" ? "return the seat to your organization" : "get a full refund";
    await notifyUsers(
      ctx,
      [user],
      {
        category: "account",
        title: `${cohort.name} was cancelled: choose what happens to your seat`,
        body: target
          ? `We hold a seat for you in ${target.name} for 7 days. Transfer in one click, or ${remedy}.`
          : `Transfer to another cohort, or ${remedy}.`,
        url: `/learn/choices/${choiceId}`,
      },
      {
        subject: `${course.title} — ${cohort.name} was cancelled`,
        heading: `${cohort.name} was cancelled`,
        lines: [
          `We are sorry: ${course.title} — ${cohort.name} will not run. ` +
            "Its live sessions are cancelled (the attached calendar file removes them).",
          target
            ? `We are holding a seat for you in ${target.name} (${dateRange(target)}) for 7 days: ` +
              `transfer in one click, choose another date, or ${remedy}.`
            : `Transfer to another date of the course, or ${remedy}.`,
        ],
        actionLabel: "Choose what happens to my seat",
        calendar: { filename: `${course.slug}.ics`, content: cohortCalendar(course, cohort, cancelledSessions) },
      },
    );
  }
  return learners.length;
}

/** The caller's open choice; NOT_FOUND for anyone else's, CHOICE_MADE once decided. */
export async function requireOpenChoice(ctx: QueryCtx, userId: Id<"users">, choiceId: Id<"cohortChoices">) {
  const choice = await ctx.db.get("cohortChoices", choiceId);
  if (choice === null || choice.userId !== userId) throw appError("NOT_FOUND", "We could not find that choice.");
  if (choice.status !== "open") throw appError("CHOICE_MADE", "You already made this choice.");
  const enrollment = await ctx.db.get("enrollments", choice.enrollmentId);
  if (enrollment === null || enrollment.paymentStatus !== "completed") {
    throw appError("CHOICE_MADE", "This enrollment has already ended.");
  }
  return { choice, enrollment };
}

/** Gives the held seat back to its cohort (offered to its waitlist first); no-op without one. */
export async function releaseChoiceHold(ctx: MutationCtx, choice: Doc<"cohortChoices">) {
  if (!choice.seatHeld || !choice.heldCohortId) return false;
  await returnSeat(ctx, choice.heldCohortId);
  await ctx.db.patch("cohortChoices", choice._id, { seatHeld: false });
  await offerFreeSeats(ctx, choice.heldCohortId);
  return true;
}

/**
 * The learner transfers to `toCohortId`: the seat held there becomes theirs, or (another cohort) a free seat is taken
 * there (COHORT_FULL) and the hold goes back. They get the new schedule's calendar file.
 */
export async function transferChoice(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  args: { choiceId: Id<"cohortChoices">; toCohortId: Id<"cohorts"> },
) {
  const { choice, enrollment } = await requireOpenChoice(ctx, viewer._id, args.choiceId);
  const from = (await ctx.db.get("cohorts", choice.cancelledCohortId))!;
  const target = (await transferTargets(ctx, from, viewer, Date.now())).find((c) => c._id === args.toCohortId);
  if (target === undefined) throw appError("COHORT_NOT_OPEN", "That cohort is not taking transfers. Pick another.");
  const usesHold = choice.seatHeld && choice.heldCohortId === target._id;
  if (usesHold) await ctx.db.patch("cohortChoices", choice._id, { seatHeld: false });
  else await releaseChoiceHold(ctx, choice);
  await moveToCohort(ctx, enrollment, (await ctx.db.get("cohorts", target._id))!, { seatHeldThere: usesHold });
  await ctx.db.patch("cohortChoices", choice._id, {
    status: "transferred",
    transferredToCohortId: target._id,
    decidedAt: Date.now(),
  });
  const course = (await ctx.db.get("courses", target.courseId))!;
  await notifyUsers(
    ctx,
    [viewer],
    {
      category: "account",
      title: `You moved to ${target.name}`,
      body: `${course.title}, ${dateRange(target)}. Your schedule is updated.`,
      url: "/learn",
    },
    {
      subject: `Your new dates for ${course.title}`,
      heading: `You moved to ${target.name}`,
      lines: [
        `Your seat in ${course.title} is now in ${target.name}, ${dateRange(target)}.`,
        "The attached calendar file holds the new live sessions.",
      ],
      actionLabel: "Open my schedule",
      calendar: await joinCalendar(ctx, course, target),
    },
  );
}

/**
 * The refund side of the choice, after Stripe accepted a b2c refund (`stripeRefundRequested`; charge.refunded then
 * ends the enrollment) or at once when there is nothing to send back through Stripe: a b2b seat returns to the
 * organization's pool, a complimentary or offline-paid seat ends (offline payments are repaid by the academy).
 */
export async function settleRefundChoice(
  ctx: MutationCtx,
  userId: Id<"users">,
  choiceId: Id<"cohortChoices">,
  stripeRefundRequested: boolean,
) {
  const { choice, enrollment } = await requireOpenChoice(ctx, userId, choiceId);
  await releaseChoiceHold(ctx, choice);
  if (stripeRefundRequested) {
    await recordRefundRequest(ctx, enrollment._id, "Cohort cancelled: the learner chose a refund.");
  } else {
    await unassign(ctx, enrollment);
    const user = await ctx.db.get("users", userId);
    if (enrollment.paymentType === "b2b" && user?.organizationId && !(await placedElsewhere(ctx, enrollment))) {
      await releaseOrgSeat(ctx, user.organizationId, user);
    }
  }
  await ctx.db.patch("cohortChoices", choice._id, {
    status: stripeRefundRequested ? "refund_requested" : "refunded",
    decidedAt: Date.now(),
  });
}

/** The member still has another live enrollment placed by their organization (which keeps using their seat). */
export async function placedElsewhere(ctx: QueryCtx, enrollment: Doc<"enrollments">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", enrollment.userId))
    .take(100);
  return enrollments.some(
    (e) => e._id !== enrollment._id && e.paymentType === "b2b" && e.paymentStatus === "completed",
  );
}
