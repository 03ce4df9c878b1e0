/**
 * The waitlist of a full cohort: join order decides, a freed seat becomes a
 * timed offer that holds the seat, and offers move on by themselves.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { offerEmail } from "./emails/waitlist";
import { appError } from "./errors";
import { internalAction, internalMutation, internalQuery, platformAdminMutation, platformAdminQuery, userMutation, userQuery } from "./functions";
import { HOLD_MS } from "./model/checkout";
import { currency, siteUrl } from "./model/env";
import { sendEmail } from "./model/mailer";
import { refreshLater } from "./model/memberStats";
import { audit, cohortAvailableTo } from "./model/organizations";
import { accessWindows, liveEnrollmentInCourse } from "./model/seats";
import {
  addToCohortLine,
  endOffer,
  joinCohortWaitlist,
  joinCourseWaitlist,
  leaveCourseWaitlists,
  makeOffer,
  offerExpiry,
  offerFreeSeats,
  placeInCourseLine,
  placeInLine,
  seatsHeldByOffers,
} from "./model/waitlist";
import { vOfferOutcome, vWaitlistStatus } from "./validators";

export const join = userMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.id("waitlist"),
  handler: async (ctx, { cohortId }) => await joinCohortWaitlist(ctx, ctx.viewer, cohortId),
});

/** Wait for a course's next cohort (when none is open). */
export const joinCourse = userMutation({
  args: { courseId: v.id("courses") },
  returns: v.id("waitlist"),
  handler: async (ctx, { courseId }) => await joinCourseWaitlist(ctx, ctx.viewer, courseId),
});

/** The caller's place in a course's next-cohort line, if any. */
export const mineForCourse = userQuery({
  args: { courseId: v.id("courses") },
  returns: v.union(v.null(), v.object({ _id: v.id("waitlist"), place: v.number() })),
  handler: async (ctx, { courseId }) => {
    if (ctx.viewer === null) return null;
    const viewerId = ctx.viewer._id;
    const entries = await ctx.db.query("waitlist").withIndex("by_userId", (q) => q.eq("userId", viewerId)).take(100);
    const entry = entries.find((e) => e.courseId === courseId && e.cohortId === undefined && e.status === "waiting");
    return entry ? { _id: entry._id, place: await placeInCourseLine(ctx, entry) } : null;
  },
});

async function ownEntry(ctx: MutationCtx, viewer: Doc<"users">, entryId: Id<"waitlist">) {
  const entry = await ctx.db.get("waitlist", entryId);
  if (entry === null || entry.userId !== viewer._id) throw appError("NOT_FOUND", "We could not find that waitlist place.");
  return entry;
}

/** Leave the waitlist; an open offer is given to the next person. */
export const leave = userMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ownEntry(ctx, ctx.viewer, entryId);
    if (entry.status === "offered") {
      await endOffer(ctx, entry, "declined");
    } else if (entry.status === "waiting") {
      await ctx.db.patch("waitlist", entryId, { status: "cancelled", updatedAt: Date.now() });
    } else {
      throw appError("INVALID_INPUT", "You are no longer on this waitlist.");
    }
    return null;
  },
});

export const decline = userMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ownEntry(ctx, ctx.viewer, entryId);
    if (entry.status !== "offered") throw appError("OFFER_EXPIRED", "This offer has already ended.");
    await endOffer(ctx, entry, "declined");
    return null;
  },
});

/**
 * Accept an offer: the held seat carries over. A member holding one of their
 * active organization's seats is enrolled at once (logged for the
 * organization); everyone else goes to checkout. Nobody gets a second live
 * enrollment in the course.
 */
export const accept = userMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.object({ enrollmentId: v.id("enrollments"), needsPayment: v.boolean() }),
  handler: async (ctx, { entryId }) => {
    const entry = await ownEntry(ctx, ctx.viewer, entryId);
    const now = Date.now();
    if (entry.status !== "offered" || !entry.cohortId || (entry.offerExpiresAt ?? 0) <= now) {
      throw appError("OFFER_EXPIRED", "This offer has ended and the seat went to the next person. You can join the waitlist again.");
    }
    const cohort = (await ctx.db.get("cohorts", entry.cohortId))!;
    const course = (await ctx.db.get("courses", cohort.courseId))!;
    const live = await liveEnrollmentInCourse(ctx, ctx.viewer._id, course._id);
    if (live !== null) {
      const liveCohort = await ctx.db.get("cohorts", live.cohortId);
      throw appError(
        "ALREADY_ENROLLED",
        `You already have a seat in ${liveCohort?.name ?? "another cohort"} of ${course.title}. Decline this offer, or ask to be moved instead.`,
      );
    }
    const organization = await organizationSeatFor(ctx, ctx.viewer, cohort);
    const b2b = organization !== null;
    const enrollmentId = await ctx.db.insert("enrollments", {
      userId: ctx.viewer._id,
      cohortId: cohort._id,
      courseId: course._id,
      purchaseDate: now,
      paymentStatus: b2b ? "completed" : "pending",
      paymentType: b2b ? "b2b" : "b2c",
      intakeSurveyCompleted: false,
      ...accessWindows(cohort),
      seatHeld: true, // the offer's seat
      ...(b2b ? {} : { holdExpiresAt: now + HOLD_MS, amountCents: course.priceB2C, currency: currency() }),
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.patch("waitlist", entryId, { status: "enrolled", seatHeld: false, offerOutcome: "accepted", enrollmentId, updatedAt: now });
    await leaveCourseWaitlists(ctx, ctx.viewer._id, course._id, entryId);
    if (organization !== null) {
      await audit(ctx, organization._id, "cohort_assigned", {
        actorId: ctx.viewer._id,
        subjectUserId: ctx.viewer._id,
        cohortId: cohort._id,
        details: "Accepted a waitlist offer with their organization seat",
      });
      await refreshLater(ctx, [ctx.viewer._id]);
    } else {
      await ctx.scheduler.runAfter(0, internal.checkout.createCheckoutSession, { enrollmentId });
      await ctx.scheduler.runAt(now + HOLD_MS, internal.checkout.expireHold, { enrollmentId });
    }
    return { enrollmentId, needsPayment: !b2b };
  },
});

/**
 * The organization whose seat covers the caller in this cohort: they hold one
 * of its seats, it is active, and the cohort is open to it. Otherwise null
 * (they pay like anyone else; a free seat of the organization is never taken
 * without its administrator).
 */
async function organizationSeatFor(ctx: MutationCtx, viewer: Doc<"users">, cohort: Doc<"cohorts">) {
  if (!viewer.organizationId || !viewer.holdsOrgSeat) return null;
  const organization = await ctx.db.get("organizations", viewer.organizationId);
  if (organization === null || organization.status !== "active" || !cohortAvailableTo(cohort, organization._id)) return null;
  return organization;
}

const vMyEntry = v.object({
  _id: v.id("waitlist"),
  cohortId: v.id("cohorts"),
  cohortName: v.string(),
  courseTitle: v.string(),
  courseSlug: v.string(),
  startDate: v.number(),
  status: vWaitlistStatus,
  place: v.union(v.null(), v.number()),
  seatsHeldByOffers: v.number(),
  offerExpiresAt: v.optional(v.number()),
});

async function describeEntry(ctx: Parameters<typeof placeInLine>[0], entry: Doc<"waitlist">) {
  const cohort = (await ctx.db.get("cohorts", entry.cohortId!))!;
  const course = (await ctx.db.get("courses", entry.courseId))!;
  return {
    _id: entry._id,
    cohortId: cohort._id,
    cohortName: cohort.name,
    courseTitle: course.title,
    courseSlug: course.slug,
    startDate: cohort.startDate,
    status: entry.status,
    place: await placeInLine(ctx, entry),
    seatsHeldByOffers: await seatsHeldByOffers(ctx, cohort._id),
    ...(entry.status === "offered" && entry.offerExpiresAt ? { offerExpiresAt: entry.offerExpiresAt } : {}),
  };
}

/** The caller's active waitlist places (waiting or offered), live. */
export const mine = userQuery({
  args: {},
  returns: v.array(vMyEntry),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const entries = await ctx.db.query("waitlist").withIndex("by_userId", (q) => q.eq("userId", viewerId)).take(100);
    const active = entries.filter((e) => e.cohortId && (e.status === "waiting" || e.status === "offered"));
    return await Promise.all(active.map((e) => describeEntry(ctx, e)));
  },
});

export const mineForCohort = userQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(v.null(), vMyEntry),
  handler: async (ctx, { cohortId }) => {
    if (ctx.viewer === null) return null;
    const viewerId = ctx.viewer._id;
    const entries = await ctx.db.query("waitlist").withIndex("by_userId", (q) => q.eq("userId", viewerId)).take(100);
    const entry = entries.find((e) => e.cohortId === cohortId && (e.status === "waiting" || e.status === "offered"));
    return entry ? await describeEntry(ctx, entry) : null;
  },
});

// ------------------------------------------------------------------ internal

/** Scheduled at each offer's deadline: an unanswered offer moves to the next person. */
export const expireOffer = internalMutation({
  args: { entryId: v.id("waitlist") },
  handler: async (ctx, { entryId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null || entry.status !== "offered" || (entry.offerExpiresAt ?? 0) > Date.now()) return;
    await endOffer(ctx, entry, "expired");
  },
});

/** Offers any free seats of a cohort to its waitlist (also run after capacity changes). */
export const processWaitlist = internalMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.number(),
  handler: async (ctx, { cohortId }) => await offerFreeSeats(ctx, cohortId),
});

export const offerContext = internalQuery({
  args: { entryId: v.id("waitlist") },
  handler: async (ctx, { entryId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null || !entry.cohortId) return null;
    const cohort = (await ctx.db.get("cohorts", entry.cohortId))!;
    const course = (await ctx.db.get("courses", cohort.courseId))!;
    const user = (await ctx.db.get("users", entry.userId))!;
    return { entry, cohort, course, user };
  },
});

export const sendOfferEmail = internalAction({
  args: { entryId: v.id("waitlist") },
  handler: async (ctx, { entryId }) => {
    const data = await ctx.runQuery(internal.waitlist.offerContext, { entryId });
    if (data === null || data.entry.status !== "offered" || !data.entry.offerExpiresAt) return;
    const expires = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: data.user.timezone ?? data.cohort.timezone ?? "UTC" }).format(
      data.entry.offerExpiresAt,
    );
    const url = `${siteUrl()}/learn`;
    await sendEmail(ctx, {
      to: data.user.email,
      ...(await offerEmail({ name: data.user.name, courseTitle: data.course.title, cohortName: data.cohort.name, expires, url })),
      actionUrl: url,
    });
  },
});

// --------------------------------------------------------------------- admin

export const forCohort = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("waitlist"),
      position: v.number(),
      name: v.string(),
      email: v.string(),
      status: vWaitlistStatus,
      joinedAt: v.number(),
      offerExpiresAt: v.optional(v.number()),
      offerOutcome: v.optional(vOfferOutcome),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const entries = await ctx.db
      .query("waitlist")
      .withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId))
      .take(500);
    const rows = [];
    for (const entry of entries) {
      const user = await ctx.db.get("users", entry.userId);
      rows.push({
        _id: entry._id,
        position: entry.position,
        name: user?.name ?? "Deleted user",
        email: user?.email ?? "",
        status: entry.status,
        joinedAt: entry.createdAt,
        ...(entry.offerExpiresAt && entry.status === "offered" ? { offerExpiresAt: entry.offerExpiresAt } : {}),
        ...(entry.offerOutcome ? { offerOutcome: entry.offerOutcome } : {}),
      });
    }
    return rows;
  },
});

/** Offer a free seat to a specific waiting person, out of order. */
export const offerManually = platformAdminMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null || !entry.cohortId) throw appError("NOT_FOUND", "This waitlist place no longer exists.");
    if (entry.status !== "waiting") throw appError("INVALID_INPUT", "Only people who are waiting can get an offer.");
    const cohort = (await ctx.db.get("cohorts", entry.cohortId))!;
    if (cohort.currentEnrollment >= cohort.maxCapacity) throw appError("COHORT_FULL", "There is no free seat to offer. Raise the capacity first.");
    const now = Date.now();
    const expiresAt = offerExpiry(cohort, now);
    if (expiresAt <= now) throw appError("COHORT_NOT_OPEN", "The cohort starts within the hour; offers are closed.");
    await makeOffer(ctx, cohort, entryId, now, expiresAt);
    return null;
  },
});

export const remove = platformAdminMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null) throw appError("NOT_FOUND", "This waitlist place no longer exists.");
    if (entry.status === "offered") await endOffer(ctx, entry, "withdrawn");
    else if (entry.status === "waiting") await ctx.db.patch("waitlist", entryId, { status: "cancelled", updatedAt: Date.now() });
    else throw appError("INVALID_INPUT", "This person is no longer on the waitlist.");
    return null;
  },
});

/** Move a waiting person to the end of another cohort's line (same course). */
export const move = platformAdminMutation({
  args: { entryId: v.id("waitlist"), toCohortId: v.id("cohorts") },
  returns: v.id("waitlist"),
  handler: async (ctx, { entryId, toCohortId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null) throw appError("NOT_FOUND", "This waitlist place no longer exists.");
    if (entry.status !== "waiting" && entry.status !== "offered") throw appError("INVALID_INPUT", "This person is no longer on the waitlist.");
    const target = await ctx.db.get("cohorts", toCohortId);
    if (target === null || target.courseId !== entry.courseId) throw appError("INVALID_INPUT", "Pick another cohort of the same course.");
    if (toCohortId === entry.cohortId) throw appError("INVALID_INPUT", "This person is already waiting for that cohort.");
    if (entry.status === "offered") await endOffer(ctx, entry, "withdrawn");
    else await ctx.db.patch("waitlist", entryId, { status: "cancelled", updatedAt: Date.now() });
    return await addToCohortLine(ctx, { userId: entry.userId, courseId: entry.courseId, cohortId: toCohortId });
  },
});

/** The caller's places in course-level lines (waiting for a next cohort). */
export const myCourseLines = userQuery({
  args: {},
  returns: v.array(v.object({ _id: v.id("waitlist"), courseTitle: v.string(), courseSlug: v.string(), place: v.number() })),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const entries = await ctx.db.query("waitlist").withIndex("by_userId", (q) => q.eq("userId", viewerId)).take(100);
    const rows = [];
    for (const entry of entries.filter((e) => e.cohortId === undefined && e.status === "waiting")) {
      const course = await ctx.db.get("courses", entry.courseId);
      if (course) rows.push({ _id: entry._id, courseTitle: course.title, courseSlug: course.slug, place: await placeInCourseLine(ctx, entry) });
    }
    return rows;
  },
});
