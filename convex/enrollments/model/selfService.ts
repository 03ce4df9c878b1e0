/**
 * Learner self-service within a course's policy, and requests outside it. A course may let learners transfer to
 * another open public cohort until `transferDaysBeforeStart` days before their cohort starts, and cancel with a full
 * refund until `refundDaysBeforeStart` days (unset: by request only). The window is the server's: every change
 * re-checks it against the cohort's start date and the clock. Outside it, a learner files one request per enrollment
 * that a platform admin approves — carried out by the same functions as self-service, seats checked at that moment —
 * or declines; the learner can withdraw it. Every change goes through state.ts, is audited in `enrollmentAuditLog`,
 * and the learner is told in the app and by email (with the calendar file of what changed).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { optionalText, TEXT_LIMITS } from "../../limits";
import { notifyUsers } from "../../notifications/model/notify";
import { releaseOrgSeat } from "../../organizations/model/membership";
import { enforceLimit } from "../../rateLimits";
import type { EnrollmentRequestKind } from "../../validators";
import { seatsLeft } from "../../catalog/model/cohorts";
import { policyDeadlines } from "../../catalog/model/policy";
import { placedElsewhere } from "./cancellation";
import {
  dateRange,
  leaveCalendar,
  moveCalendar,
  recordEnrollmentChange,
  requireConfirmedEnrollment,
} from "./operations";
import { priceCharged } from "./seats";
import { cancelByLearner, clearRefundRequest, moveToCohort, recordRefundRequest } from "./state";

/** How many cohorts of a course the learner is offered to transfer to. */
const TARGETS = 100;

/** What a full refund gives back, in words ("$1,497.00 back to the card you paid with", the organization's pool…). */
export function refundSummary(enrollment: Doc<"enrollments">, organizationName: string | undefined) {
  if (enrollment.paymentType === "b2b") return `Your seat goes back to ${organizationName ?? "your organization"}.`;
  if (enrollment.adminGrant === "offline") return "Our team repays your offline payment in the way you paid.";
  if (!enrollment.stripePaymentIntentId) return "Your free seat is released.";
  return cardRefundSummary(enrollment);
}

/** A card payment's full refund, in words: "$1,497.00 back to the card you paid with." */
export function cardRefundSummary(enrollment: Doc<"enrollments">) {
  const { amountCents, currency } = priceCharged(enrollment);
  const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(
    (amountCents ?? 0) / 100,
  );
  return `${amount} back to the card you paid with.`;
}

/** A cohort the learner may move to, as the change-of-plans and cancelled-cohort pages list it. */
export function transferTarget(cohort: Doc<"cohorts">) {
  return {
    cohortId: cohort._id,
    name: cohort.name,
    startDate: cohort.startDate,
    endDate: cohort.endDate,
    timezone: cohort.timezone ?? "UTC",
    seatsLeft: seatsLeft(cohort),
  };
}

/** A b2c purchase paid through Stripe is refunded there; anything else ends at once. */
export function refundsThroughStripe(enrollment: Doc<"enrollments">) {
  return enrollment.paymentType === "b2c" && Boolean(enrollment.stripePaymentIntentId);
}

/**
 * The caller's own confirmed enrollment, not already being refunded: NOT_FOUND for anyone else's, then the reasons it
 * cannot change (pending purchase, ended, cancelled cohort, refund on its way).
 */
export async function requireOwnActiveEnrollment(ctx: QueryCtx, userId: Id<"users">, enrollmentId: Id<"enrollments">) {
  const own = await ctx.db.get("enrollments", enrollmentId);
  if (own === null || own.userId !== userId) throw appError("NOT_FOUND", "We could not find that enrollment.");
  const enrollment = await requireConfirmedEnrollment(ctx, enrollmentId);
  if (enrollment.refundRequestedAt !== undefined) {
    throw appError("ENROLLMENT_NOT_ACTIVE", "Your refund is on its way: this seat can no longer change.");
  }
  const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  if (cohort.isB2B) {
    throw appError(
      "NOT_AVAILABLE",
      "Your organization placed you in its own cohort: ask your organization's administrator to change it.",
    );
  }
  const course = (await ctx.db.get("courses", enrollment.courseId))!;
  return { enrollment, cohort, course };
}

/** The enrollment's open request, if any (there is at most one). */
export async function openRequestOf(ctx: QueryCtx, enrollmentId: Id<"enrollments">) {
  return await ctx.db
    .query("enrollmentRequests")
    .withIndex("by_enrollmentId_and_status", (q) => q.eq("enrollmentId", enrollmentId).eq("status", "open"))
    .first();
}

/** The cohorts of the course a learner of `from` may move to: open, public, not started (seats checked on the move). */
export async function selfServiceTargets(ctx: QueryCtx, from: Pick<Doc<"cohorts">, "_id" | "courseId">) {
  const cohorts = await ctx.db
    .query("cohorts")
    .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", from.courseId))
    .order("desc")
    .take(TARGETS);
  return cohorts.filter((c) => c._id !== from._id && c.status === "open" && !c.isB2B).reverse();
}

/**
 * A cohort the enrollment may move to now: of the same course, another one, public, open and not started, with a free
 * seat (`seatNeeded`; a request may name a full cohort, since seats are checked again when an admin approves).
 */
export async function requireTransferTarget(
  ctx: QueryCtx,
  enrollment: Doc<"enrollments">,
  toCohortId: Id<"cohorts">,
  { now, seatNeeded }: { now: number; seatNeeded: boolean },
) {
  const target = await ctx.db.get("cohorts", toCohortId);
  if (target === null) throw appError("NOT_FOUND", "That cohort no longer exists.");
  if (target.courseId !== enrollment.courseId) {
    throw appError("INVALID_INPUT", "You can only transfer to another cohort of the same course.");
  }
  if (target._id === enrollment.cohortId) throw appError("INVALID_INPUT", "You are already in this cohort.");
  if (target.isB2B) throw appError("NOT_AVAILABLE", "That is a private cohort: it does not take transfers.");
  if (target.status === "cancelled") throw appError("COHORT_NOT_OPEN", `${target.name} was cancelled. Pick another.`);
  if (target.status !== "open" || target.startDate <= now) {
    throw appError("COHORT_NOT_OPEN", `${target.name} has started or is not open. Pick another date.`);
  }
  if (seatNeeded && target.currentEnrollment >= target.maxCapacity) {
    throw appError("COHORT_FULL", `${target.name} is full. Pick another date, or join its waitlist.`);
  }
  return target;
}

/**
 * Moves the enrollment to `target` through the seat rules (a seat there first — COHORT_FULL — then this one to the
 * waitlist); reminders follow the cohort's learners; the learner gets a calendar file that removes the old sessions
 * and adds the new ones.
 */
async function transferEnrollment(
  ctx: MutationCtx,
  actorId: Id<"users">,
  enrollment: Doc<"enrollments">,
  target: Doc<"cohorts">,
  approval?: { note?: string },
) {
  const approved = approval !== undefined;
  const from = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  const course = (await ctx.db.get("courses", enrollment.courseId))!;
  // The refund deadline of the cohort the seat was bought for stays (or, without a policy, the start of that cohort).
  const { refundUntil } = policyDeadlines(course, from, enrollment);
  await moveToCohort(ctx, enrollment, target, { refundDeadlineAt: refundUntil ?? from.startDate });
  await recordEnrollmentChange(
    ctx,
    actorId,
    approved ? "request_approved" : "self_transferred",
    enrollment,
    target._id,
    {
      fromCohortId: from._id,
      details: approved ? "Transfer approved" : "Transferred by the learner",
    },
  );
  const user = await ctx.db.get("users", enrollment.userId);
  if (user === null) return;
  const lead = approved
    ? `Your transfer request was approved: your seat moved from ${from.name} to ${target.name}, ${dateRange(target)}.`
    : `Your seat moved from ${from.name} to ${target.name}, ${dateRange(target)}.`;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "session_changes",
      title: approved ? `Transfer approved: you moved to ${target.name}` : `You moved to ${target.name}`,
      body:
        `${course.title}, ${dateRange(target)}. Your schedule is updated.` +
        (approval?.note ? ` ${approval.note}` : ""),
      url: "/learn",
    },
    {
      subject: `Your new dates for ${course.title}`,
      heading: `You moved to ${target.name}`,
      lines: [
        lead,
        ...(approval?.note ? [approval.note] : []),
        "The attached calendar file removes the old sessions and adds the new ones.",
      ],
      actionLabel: "Open my schedule",
      calendar: await moveCalendar(ctx, course, from, target),
    },
  );
}

/**
 * Ends the enrollment for a full refund: a Stripe payment already refunded by the caller (`stripeRefundRequested`:
 * recorded, and charge.refunded then ends the seat), or at once otherwise — an organization's seat goes back to its
 * pool, a complimentary or free-code seat is released, an offline payment is repaid by the academy.
 */
async function refundEnrollment(
  ctx: MutationCtx,
  actorId: Id<"users">,
  enrollment: Doc<"enrollments">,
  { stripeRefundRequested, approval }: { stripeRefundRequested: boolean; approval?: { note?: string } },
) {
  const approved = approval !== undefined;
  const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  const course = (await ctx.db.get("courses", enrollment.courseId))!;
  const user = await ctx.db.get("users", enrollment.userId);
  const organization = user?.organizationId ? await ctx.db.get("organizations", user.organizationId) : null;
  const summary = refundSummary(enrollment, organization?.name);
  if (stripeRefundRequested) {
    await recordRefundRequest(ctx, enrollment._id, approved ? APPROVED_REFUND_NOTE : SELF_REFUND_NOTE);
  } else {
    await cancelByLearner(ctx, enrollment);
    if (enrollment.paymentType === "b2b" && user?.organizationId && !(await placedElsewhere(ctx, enrollment))) {
      await releaseOrgSeat(ctx, user.organizationId, user);
    }
  }
  await recordEnrollmentChange(ctx, actorId, approved ? "request_approved" : "self_cancelled", enrollment, cohort._id, {
    details: approved ? `Refund approved: ${summary}` : `Cancelled with a full refund: ${summary}`,
  });
  if (user === null) return;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: approved ? `Refund approved: ${course.title}` : `You cancelled your seat in ${course.title}`,
      body: `${cohort.name}. ${summary}${approval?.note ? ` ${approval.note}` : ""}`,
      url: "/learn",
    },
    {
      subject: `Your cancellation of ${course.title} — ${cohort.name}`,
      heading: approved ? "Your refund request was approved" : "Your seat is cancelled",
      lines: [
        `Your seat in ${course.title} — ${cohort.name} is cancelled. ${summary}`,
        ...(approval?.note ? [approval.note] : []),
        "The attached calendar file removes its sessions from your calendar.",
      ],
      actionLabel: "Open my learning page",
      calendar: await leaveCalendar(ctx, course, cohort),
    },
  );
}

/** Refuses when the enrollment already has a request waiting for the academy. */
async function requireNoOpenRequest(ctx: QueryCtx, enrollmentId: Id<"enrollments">) {
  if (await openRequestOf(ctx, enrollmentId)) {
    throw appError(
      "REQUEST_ALREADY_OPEN",
      "You already have a request waiting for our team. Withdraw it first to make another change.",
    );
  }
}

function requireInside(until: number | undefined, now: number, what: "transfer" | "refund") {
  if (until === undefined || now >= until) {
    throw appError(
      "OUTSIDE_POLICY_WINDOW",
      what === "transfer"
        ? "Free transfers for this cohort have closed. You can ask our team instead."
        : "Refunds for this cohort have closed. You can ask our team instead.",
    );
  }
}

/** The learner transfers to another cohort within the course's transfer window. */
export async function selfTransfer(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  args: { enrollmentId: Id<"enrollments">; toCohortId: Id<"cohorts"> },
) {
  const now = Date.now();
  const { enrollment, cohort, course } = await requireOwnActiveEnrollment(ctx, viewer._id, args.enrollmentId);
  requireInside(policyDeadlines(course, cohort, enrollment).transferUntil, now, "transfer");
  await requireNoOpenRequest(ctx, enrollment._id);
  const target = await requireTransferTarget(ctx, enrollment, args.toCohortId, { now, seatNeeded: true });
  await enforceLimit(ctx, "selfTransfers", viewer._id, "transfers");
  await transferEnrollment(ctx, viewer._id, enrollment, target);
}

/**
 * Whether the learner may cancel with a refund now, and how it is paid back (read by the action before it calls
 * Stripe; the mutation that follows checks again).
 */
export async function selfRefundCheck(ctx: QueryCtx, userId: Id<"users">, enrollmentId: Id<"enrollments">) {
  const { enrollment, cohort, course } = await requireOwnActiveEnrollment(ctx, userId, enrollmentId);
  requireInside(policyDeadlines(course, cohort, enrollment).refundUntil, Date.now(), "refund");
  await requireNoOpenRequest(ctx, enrollment._id);
  return enrollment;
}

const SELF_REFUND_NOTE = "Cancelled by the learner within the refund window.";

/**
 * Before Stripe is asked for a learner's refund, the enrollment is marked as being refunded (checked once more inside
 * the window), so nothing can change the seat — another tab's transfer, a request — while the money is on its way.
 */
export async function claimSelfRefund(ctx: MutationCtx, userId: Id<"users">, enrollmentId: Id<"enrollments">) {
  const enrollment = await selfRefundCheck(ctx, userId, enrollmentId);
  if (!refundsThroughStripe(enrollment)) {
    throw appError("INVALID_INPUT", "This purchase is refunded another way. Reload the page and try again.");
  }
  await recordRefundRequest(ctx, enrollment._id, SELF_REFUND_NOTE);
}

/** Stripe refused the learner's refund: the claim is lifted and the seat stays as it was. */
export async function releaseSelfRefund(ctx: MutationCtx, userId: Id<"users">, enrollmentId: Id<"enrollments">) {
  const enrollment = await ctx.db.get("enrollments", enrollmentId);
  if (enrollment === null || enrollment.userId !== userId || enrollment.paymentStatus !== "completed") return;
  await clearRefundRequest(ctx, enrollment);
}

/**
 * The learner cancels within the refund window. A Stripe refund was claimed (`claimSelfRefund`) and accepted before
 * this runs: the window is not checked again, the money is on its way, and charge.refunded ends the seat.
 */
export async function selfRefund(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  { enrollmentId, stripeRefundRequested }: { enrollmentId: Id<"enrollments">; stripeRefundRequested: boolean },
) {
  let enrollment: Doc<"enrollments">;
  if (stripeRefundRequested) {
    const claimed = await ctx.db.get("enrollments", enrollmentId);
    if (claimed === null || claimed.userId !== viewer._id)
      throw appError("NOT_FOUND", "We could not find that enrollment.");
    if (claimed.refundRequestedAt === undefined) {
      throw appError("INVALID_INPUT", "This refund was not started. Reload the page and try again.");
    }
    enrollment = claimed;
  } else {
    enrollment = await selfRefundCheck(ctx, viewer._id, enrollmentId);
  }
  if (refundsThroughStripe(enrollment) !== stripeRefundRequested) {
    throw appError("INVALID_INPUT", "This purchase is refunded another way. Reload the page and try again.");
  }
  await refundEnrollment(ctx, viewer._id, enrollment, { stripeRefundRequested });
}

/**
 * Files a request outside the window (inside it the learner acts alone): one open request per enrollment, a transfer
 * names an open public cohort of the course, the reason is bounded, and filing is rate limited per learner.
 */
export async function fileRequest(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  args: { enrollmentId: Id<"enrollments">; kind: EnrollmentRequestKind; toCohortId?: Id<"cohorts">; reason?: string },
) {
  const now = Date.now();
  const { enrollment, cohort, course } = await requireOwnActiveEnrollment(ctx, viewer._id, args.enrollmentId);
  await requireNoOpenRequest(ctx, enrollment._id);
  const deadlines = policyDeadlines(course, cohort, enrollment);
  const until = args.kind === "transfer" ? deadlines.transferUntil : deadlines.refundUntil;
  if (until !== undefined && now < until) {
    throw appError(
      "INVALID_INPUT",
      args.kind === "transfer"
        ? "You can still transfer yourself: no request is needed."
        : "You can still cancel with a full refund yourself: no request is needed.",
    );
  }
  const reason = optionalText(args.reason, "the reason", TEXT_LIMITS.line);
  let toCohortId: Id<"cohorts"> | undefined;
  if (args.kind === "transfer") {
    if (args.toCohortId === undefined) throw appError("INVALID_INPUT", "Choose the cohort you would like to move to.");
    toCohortId = (await requireTransferTarget(ctx, enrollment, args.toCohortId, { now, seatNeeded: false }))._id;
  }
  await enforceLimit(ctx, "enrollmentRequests", viewer._id, "requests");
  const requestId = await ctx.db.insert("enrollmentRequests", {
    enrollmentId: enrollment._id,
    userId: viewer._id,
    courseId: enrollment.courseId,
    cohortId: cohort._id,
    kind: args.kind,
    ...(toCohortId ? { toCohortId } : {}),
    ...(reason ? { reason } : {}),
    status: "open",
    createdAt: now,
  });
  await recordEnrollmentChange(ctx, viewer._id, "request_filed", enrollment, cohort._id, {
    details: args.kind === "transfer" ? "Transfer requested" : "Refund requested",
  });
  return requestId;
}

/** The caller's own open request: NOT_FOUND for anyone else's, REQUEST_CLOSED once decided or withdrawn. */
async function requireOwnOpenRequest(ctx: QueryCtx, userId: Id<"users">, requestId: Id<"enrollmentRequests">) {
  const request = await ctx.db.get("enrollmentRequests", requestId);
  if (request === null || request.userId !== userId) throw appError("NOT_FOUND", "We could not find that request.");
  if (request.status !== "open") throw appError("REQUEST_CLOSED", "This request was already answered or withdrawn.");
  return request;
}

function requireNotBeingApproved(request: Doc<"enrollmentRequests">) {
  if (request.approvingAt !== undefined) {
    throw appError("REQUEST_CLOSED", "Our team is carrying out this request right now.");
  }
}

/** The learner withdraws their open request (not once an admin's approval is under way). */
export async function withdrawRequest(ctx: MutationCtx, viewer: Doc<"users">, requestId: Id<"enrollmentRequests">) {
  const request = await requireOwnOpenRequest(ctx, viewer._id, requestId);
  requireNotBeingApproved(request);
  await ctx.db.patch("enrollmentRequests", request._id, { status: "withdrawn", decidedAt: Date.now() });
  await recordEnrollmentChange(
    ctx,
    viewer._id,
    "request_withdrawn",
    { _id: request.enrollmentId, userId: request.userId },
    request.cohortId,
    {
      details: request.kind === "transfer" ? "Transfer request withdrawn" : "Refund request withdrawn",
    },
  );
}

/** An open request and the enrollment it is about, still confirmed (REQUEST_CLOSED / ENROLLMENT_NOT_ACTIVE). */
export async function requireOpenRequest(ctx: QueryCtx, requestId: Id<"enrollmentRequests">) {
  const request = await ctx.db.get("enrollmentRequests", requestId);
  if (request === null) throw appError("NOT_FOUND", "This request no longer exists.");
  if (request.status !== "open") throw appError("REQUEST_CLOSED", "This request was already answered or withdrawn.");
  const enrollment = await requireConfirmedEnrollment(ctx, request.enrollmentId);
  // A refund this request's approval claimed (approvingAt) is its own, not another one on its way.
  if (enrollment.refundRequestedAt !== undefined && request.approvingAt === undefined) {
    throw appError("ENROLLMENT_NOT_ACTIVE", "A refund of this purchase is already on its way.");
  }
  return { request, enrollment };
}

const APPROVED_REFUND_NOTE = "Refund request approved.";

/**
 * Before Stripe is asked for an approved refund, the request is claimed (the learner can no longer withdraw it) and
 * the enrollment marked as being refunded (nothing else changes the seat meanwhile). Claiming again is allowed: an
 * approval that died after Stripe answered is finished by approving again (Stripe's idempotency key returns the same
 * refund).
 */
export async function claimApproval(ctx: MutationCtx, requestId: Id<"enrollmentRequests">) {
  const { request, enrollment } = await requireOpenRequest(ctx, requestId);
  if (request.kind !== "refund" || !refundsThroughStripe(enrollment)) {
    throw appError("INVALID_INPUT", "This request is carried out another way. Reload the page and try again.");
  }
  await ctx.db.patch("enrollmentRequests", request._id, { approvingAt: Date.now() });
  await recordRefundRequest(ctx, enrollment._id, APPROVED_REFUND_NOTE);
  return enrollment;
}

/**
 * Stripe refused the approved refund: the request is open again (the learner may withdraw it) and the seat as it was.
 */
export async function releaseApproval(ctx: MutationCtx, requestId: Id<"enrollmentRequests">) {
  const request = await ctx.db.get("enrollmentRequests", requestId);
  if (request === null || request.status !== "open" || request.approvingAt === undefined) return;
  await ctx.db.patch("enrollmentRequests", request._id, { approvingAt: undefined });
  const enrollment = await ctx.db.get("enrollments", request.enrollmentId);
  if (enrollment !== null && enrollment.paymentStatus === "completed") await clearRefundRequest(ctx, enrollment);
}

/**
 * A platform admin approves: the transfer or refund is carried out now through the same functions as self-service
 * (a full target refuses with COHORT_FULL and the request stays open); the learner is told.
 */
export async function approveRequest(
  ctx: MutationCtx,
  actorId: Id<"users">,
  args: { requestId: Id<"enrollmentRequests">; note?: string; stripeRefundRequested: boolean },
) {
  const note = optionalText(args.note, "the note", TEXT_LIMITS.line);
  const { request, enrollment } = await requireOpenRequest(ctx, args.requestId);
  if (request.kind === "transfer") {
    const target = await requireTransferTarget(ctx, enrollment, request.toCohortId!, {
      now: Date.now(),
      seatNeeded: true,
    });
    await transferEnrollment(ctx, actorId, enrollment, target, { note });
  } else {
    if (refundsThroughStripe(enrollment) !== args.stripeRefundRequested) {
      throw appError("INVALID_INPUT", "This purchase is refunded another way. Reload the page and try again.");
    }
    await refundEnrollment(ctx, actorId, enrollment, {
      stripeRefundRequested: args.stripeRefundRequested,
      approval: { note },
    });
  }
  await ctx.db.patch("enrollmentRequests", request._id, {
    status: "approved",
    decidedBy: actorId,
    decidedAt: Date.now(),
    ...(note ? { decisionNote: note } : {}),
  });
}

/** A platform admin declines with an optional note; the learner is told in the app and by email. */
export async function declineRequest(
  ctx: MutationCtx,
  actorId: Id<"users">,
  args: { requestId: Id<"enrollmentRequests">; note?: string },
) {
  const note = optionalText(args.note, "the note", TEXT_LIMITS.line);
  const request = await ctx.db.get("enrollmentRequests", args.requestId);
  if (request === null) throw appError("NOT_FOUND", "This request no longer exists.");
  if (request.status !== "open") throw appError("REQUEST_CLOSED", "This request was already answered or withdrawn.");
  requireNotBeingApproved(request);
  await ctx.db.patch("enrollmentRequests", request._id, {
    status: "declined",
    decidedBy: actorId,
    decidedAt: Date.now(),
    ...(note ? { decisionNote: note } : {}),
  });
  await recordEnrollmentChange(
    ctx,
    actorId,
    "request_declined",
    { _id: request.enrollmentId, userId: request.userId },
    request.cohortId,
    {
      details: note ?? (request.kind === "transfer" ? "Transfer declined" : "Refund declined"),
    },
  );
  const user = await ctx.db.get("users", request.userId);
  const course = await ctx.db.get("courses", request.courseId);
  if (user === null || course === null) return;
  const what = request.kind === "transfer" ? "transfer" : "refund";
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: `Your ${what} request was declined`,
      body: `${course.title}: your seat stays as it is.${note ? ` ${note}` : ""}`,
      url: "/learn",
    },
    {
      subject: `Your ${what} request for ${course.title}`,
      heading: `Your ${what} request was declined`,
      lines: [
        `We could not grant your ${what} request for ${course.title}; your seat stays as it is.`,
        ...(note ? [note] : []),
        "Reply to this email with any question.",
      ],
      actionLabel: "Open my learning page",
    },
  );
}
