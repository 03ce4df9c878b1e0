/**
 * What platform admins do to enrollments by hand: add a learner (comp, paid offline, or from an organization's seat),
 * move an enrollment to another cohort of the same course, remove one. Each change goes through state.ts (seat count
 * and waitlist in the same transaction), is audited in `enrollmentAuditLog`, and the learner is told in the app and
 * by email, with the calendar file of what changed.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { boundedText, TEXT_LIMITS } from "../../limits";
import { cohortCalendar } from "../../liveSessions/model/calendar";
import { notifyUsers } from "../../notifications/model/notify";
import { audit as auditOrganization, cohortAvailableTo, joinOrganization } from "../../organizations/model/membership";
import { ensureAccount } from "../../users/model/accounts";
import type { AddLearnerPayment, EnrollmentAuditAction } from "../../validators";
import { leaveCourseWaitlists } from "../../waitlist/model/queue";
import { liveEnrollmentInCourse } from "./seats";
import { enrollByAdmin, moveToCohort, removeByAdmin } from "./state";

/** A cohort people can still be placed in: it exists and has not ended or been cancelled. */
export async function requireActiveCohort(ctx: QueryCtx, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (cohort.status === "completed" || cohort.status === "cancelled") {
    throw appError("COHORT_NOT_OPEN", `${cohort.name} is ${cohort.status}: nobody can be placed in it.`);
  }
  const course = await ctx.db.get("courses", cohort.courseId);
  if (course === null) throw appError("NOT_FOUND", "This cohort's course no longer exists.");
  return { cohort, course };
}

/** A confirmed enrollment (the only kind an admin moves or removes; pending purchases end through checkout). */
export async function requireConfirmedEnrollment(ctx: QueryCtx, enrollmentId: Id<"enrollments">) {
  const enrollment = await ctx.db.get("enrollments", enrollmentId);
  if (enrollment === null) throw appError("NOT_FOUND", "This enrollment no longer exists.");
  if (enrollment.paymentStatus !== "completed" || !enrollment.seatHeld) {
    throw appError(
      "ENROLLMENT_NOT_ACTIVE",
      enrollment.paymentStatus === "pending"
        ? "This purchase is still waiting for its payment: it can be moved or removed once paid."
        : "This enrollment has ended and holds no seat.",
    );
  }
  const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
  if (cohort?.status === "cancelled") {
    throw appError(
      "ENROLLMENT_NOT_ACTIVE",
      "This cohort was cancelled: the learner chooses between another date and a refund on their choice page.",
    );
  }
  return enrollment;
}

/** One line of a cohort's enrollment history: who did what to which enrollment, in which cohort. */
export async function recordEnrollmentChange(
  ctx: MutationCtx,
  actorId: Id<"users">,
  action: EnrollmentAuditAction,
  enrollment: Pick<Doc<"enrollments">, "_id" | "userId">,
  cohortId: Id<"cohorts">,
  extra: { fromCohortId?: Id<"cohorts">; details?: string } = {},
) {
  await ctx.db.insert("enrollmentAuditLog", {
    actorId,
    action,
    enrollmentId: enrollment._id,
    userId: enrollment.userId,
    cohortId,
    ...extra,
    createdAt: Date.now(),
  });
}

/**
 * Adds a learner by email to a cohort: the account is created when nobody uses the address yet (they sign in with it
 * later), a seat is taken (COHORT_FULL when none is left), they leave the course's waitlists, and they get the
 * welcome email with the cohort's calendar file.
 */
export async function addLearner(
  ctx: MutationCtx,
  actor: Doc<"users">,
  args: { cohortId: Id<"cohorts">; email: string; name?: string; payment: AddLearnerPayment },
) {
  const { cohort, course } = await requireActiveCohort(ctx, args.cohortId);
  const name = args.name === undefined ? undefined : boundedText(args.name, "the learner's name", TEXT_LIMITS.name);
  const { user, created } = await ensureAccount(ctx, args.email, name || undefined);
  if (await liveEnrollmentInCourse(ctx, user._id, cohort.courseId)) {
    throw appError("ALREADY_ENROLLED", `${user.email} already has a seat in ${course.title}. Move that one instead.`);
  }
  let enrollmentId: Id<"enrollments">;
  let details: string;
  const payment = args.payment;
  if (payment.kind === "organization") {
    if (!cohortAvailableTo(cohort, payment.organizationId)) {
      throw appError("NOT_AVAILABLE", "This is another organization's private cohort.");
    }
    const joined = !(user.organizationId === payment.organizationId && user.holdsOrgSeat);
    const organization = await joinOrganization(ctx, payment.organizationId, user);
    if (joined) {
      await auditOrganization(ctx, organization._id, "member_joined", {
        actorId: actor._id,
        subjectUserId: user._id,
        subjectEmail: user.email,
      });
    }
    enrollmentId = await enrollByAdmin(ctx, user._id, cohort, { paymentType: "b2b" });
    await auditOrganization(ctx, organization._id, "cohort_assigned", {
      actorId: actor._id,
      subjectUserId: user._id,
      cohortId: cohort._id,
    });
    details = `Seat of ${organization.name}`;
  } else {
    if (cohort.isB2B) {
      throw appError("INVALID_INPUT", "A private cohort's seats come from its organization: choose its seat pool.");
    }
    const reference =
      payment.kind === "offline"
        ? boundedText(payment.reference, "the payment reference", TEXT_LIMITS.line, { min: 2 })
        : undefined;
    enrollmentId = await enrollByAdmin(ctx, user._id, cohort, {
      paymentType: "b2c",
      grant: payment.kind,
      ...(reference ? { reference } : {}),
    });
    details = reference ? `Paid offline: ${reference}` : "Complimentary seat";
  }
  await leaveCourseWaitlists(ctx, user._id, cohort.courseId);
  await recordEnrollmentChange(ctx, actor._id, "added", { _id: enrollmentId, userId: user._id }, cohort._id, {
    details,
  });
  const dates = dateRange(cohort);
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: `You have a seat in ${course.title}`,
      body: `${cohort.name}, ${dates}. Your schedule is on your learning page.`,
      url: "/learn",
    },
    {
      subject: `Welcome to ${course.title}`,
      heading: `Welcome to ${course.title}`,
      lines: [
        `You have a seat in ${course.title} — ${cohort.name}, ${dates}.`,
        "The attached calendar file holds every live session; add it to your calendar.",
        created
          ? `Sign in with ${user.email} to see your schedule and materials.`
          : "Your schedule and materials are on your learning page.",
      ],
      actionLabel: "Open my schedule",
      calendar: await joinCalendar(ctx, course, cohort),
    },
  );
  return { enrollmentId, created };
}

/**
 * Moves a confirmed enrollment to another cohort of the same course: a seat there is taken first (COHORT_FULL), this
 * one goes to the waitlist, reminders follow (they go to the cohort's learners when due), and the learner gets a
 * calendar file that cancels the old sessions and adds the new ones.
 */
export async function moveLearner(
  ctx: MutationCtx,
  actor: Doc<"users">,
  args: { enrollmentId: Id<"enrollments">; toCohortId: Id<"cohorts"> },
) {
  const enrollment = await requireConfirmedEnrollment(ctx, args.enrollmentId);
  const { cohort: target, course } = await requireActiveCohort(ctx, args.toCohortId);
  if (target.courseId !== enrollment.courseId) {
    throw appError("INVALID_INPUT", "An enrollment can only move to another cohort of the same course.");
  }
  if (target._id === enrollment.cohortId) throw appError("INVALID_INPUT", "The learner is already in this cohort.");
  if (target.isB2B && (enrollment.paymentType !== "b2b" || !(await inOrganizationOf(ctx, enrollment, target)))) {
    throw appError("NOT_AVAILABLE", "This is a private cohort of an organization the learner is not placed by.");
  }
  const from = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  await moveToCohort(ctx, enrollment, target);
  await recordEnrollmentChange(ctx, actor._id, "moved", enrollment, target._id, { fromCohortId: from._id });
  const user = await ctx.db.get("users", enrollment.userId);
  if (user === null) return;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "session_changes",
      title: `Your ${course.title} dates changed`,
      body: `You moved from ${from.name} to ${target.name}, ${dateRange(target)}.`,
      url: "/learn",
    },
    {
      subject: `New dates for ${course.title}`,
      heading: `New dates for ${course.title}`,
      lines: [
        `Our team moved your seat from ${from.name} to ${target.name}, ${dateRange(target)}.`,
        "The attached calendar file removes the old sessions and adds the new ones.",
      ],
      actionLabel: "Open my schedule",
      calendar: await moveCalendar(ctx, course, from, target),
    },
  );
}

/** Removes a confirmed enrollment: the seat goes to the waitlist, access ends, the learner is told. */
export async function removeLearner(
  ctx: MutationCtx,
  actor: Doc<"users">,
  args: { enrollmentId: Id<"enrollments">; reason?: string },
) {
  const enrollment = await requireConfirmedEnrollment(ctx, args.enrollmentId);
  const reason =
    args.reason === undefined ? undefined : boundedText(args.reason, "the reason", TEXT_LIMITS.line) || undefined;
  const cohort = (await ctx.db.get("cohorts", enrollment.cohortId))!;
  const course = (await ctx.db.get("courses", enrollment.courseId))!;
  await removeByAdmin(ctx, enrollment);
  await recordEnrollmentChange(ctx, actor._id, "removed", enrollment, cohort._id, reason ? { details: reason } : {});
  const user = await ctx.db.get("users", enrollment.userId);
  if (user === null) return;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: `You are no longer enrolled in ${course.title}`,
      body: `Our team took you out of ${cohort.name}.${reason ? ` ${reason}` : ""}`,
      url: "/learn",
    },
    {
      subject: `Your seat in ${course.title} — ${cohort.name}`,
      heading: `You are no longer enrolled in ${cohort.name}`,
      lines: [
        `Our team took you out of ${course.title} — ${cohort.name}.`,
        ...(reason ? [reason] : []),
        "The attached calendar file removes its sessions from your calendar. Reply to this email with any question.",
      ],
      actionLabel: "Open my learning page",
      calendar: await leaveCalendar(ctx, course, cohort),
    },
  );
}

async function inOrganizationOf(ctx: QueryCtx, enrollment: Doc<"enrollments">, cohort: Doc<"cohorts">) {
  const user = await ctx.db.get("users", enrollment.userId);
  return user !== null && cohort.organizationId !== undefined && user.organizationId === cohort.organizationId;
}

/** A cohort's live sessions, in order (a cohort has at most a few dozen). */
export async function cohortSessions(ctx: QueryCtx, cohortId: Id<"cohorts">) {
  return await ctx.db
    .query("cohortSessions")
    .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
    .take(200);
}

/** The session as a calendar event that cancels it (a higher SEQUENCE, so calendar apps apply it). */
function asCancelled(session: Doc<"cohortSessions">) {
  return { ...session, status: "cancelled" as const, sequence: session.sequence + 1 };
}

/** The calendar file for a seat taken in `cohort`: every live session. */
export async function joinCalendar(ctx: QueryCtx, course: Doc<"courses">, cohort: Doc<"cohorts">) {
  return {
    filename: `${course.slug}.ics`,
    content: cohortCalendar(course, cohort, await cohortSessions(ctx, cohort._id)),
  };
}

/** The calendar file for a seat moved from `from` to `to`: it cancels the old sessions and adds the new ones. */
export async function moveCalendar(ctx: QueryCtx, course: Doc<"courses">, from: Doc<"cohorts">, to: Doc<"cohorts">) {
  const cancelled = (await cohortSessions(ctx, from._id)).map(asCancelled);
  const added = await cohortSessions(ctx, to._id);
  return { filename: `${course.slug}.ics`, content: cohortCalendar(course, to, [...cancelled, ...added]) };
}

/** The calendar file for a seat given up in `cohort`: it cancels the cohort's sessions. */
export async function leaveCalendar(ctx: QueryCtx, course: Doc<"courses">, cohort: Doc<"cohorts">) {
  const cancelled = (await cohortSessions(ctx, cohort._id)).map(asCancelled);
  return { filename: `${course.slug}.ics`, content: cohortCalendar(course, cohort, cancelled) };
}

export function dateRange(cohort: Pick<Doc<"cohorts">, "startDate" | "endDate" | "timezone">) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: cohort.timezone ?? "UTC" }).formatRange(
    cohort.startDate,
    cohort.endDate,
  );
}
