/**
 * Waitlist offers: a freed seat becomes a timed offer that holds the seat; the learner
 * accepts or declines, and an unanswered offer moves on by itself.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { offerEmail } from "./model/emails";
import { appError } from "../errors";
import { internalAction, internalMutation, internalQuery, userMutation } from "../functions";
import { HOLD_MS } from "../payments/model/checkout";
import { currency, siteUrl } from "../env";
import { sendEmail } from "../integrations/email";
import { audit, cohortAvailableTo } from "../organizations/model/membership";
import { liveEnrollmentInCourse } from "../enrollments/model/seats";
import { enrollFromOffer } from "../enrollments/model/state";
import { endOffer, leaveCourseWaitlists, offerFreeSeats, ownEntry } from "./model/queue";

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
      throw appError(
        "OFFER_EXPIRED",
        "This offer has ended and the seat went to the next person. You can join the waitlist again.",
      );
    }
    const cohort = (await ctx.db.get("cohorts", entry.cohortId))!;
    const course = (await ctx.db.get("courses", cohort.courseId))!;
    const live = await liveEnrollmentInCourse(ctx, ctx.viewer._id, course._id);
    if (live !== null) {
      const liveCohort = await ctx.db.get("cohorts", live.cohortId);
      throw appError(
        "ALREADY_ENROLLED",
        `You already have a seat in ${liveCohort?.name ?? "another cohort"} of ${course.title}. ` +
          "Decline this offer, or ask to be moved instead.",
      );
    }
    const organization = await organizationSeatFor(ctx, ctx.viewer, cohort);
    const b2b = organization !== null;
    const enrollmentId = await enrollFromOffer(
      ctx,
      ctx.viewer._id,
      { cohort, course },
      b2b
        ? { paidByOrganization: true }
        : { paidByOrganization: false, holdExpiresAt: now + HOLD_MS, currency: currency() },
    );
    await ctx.db.patch("waitlist", entryId, {
      status: "enrolled",
      seatHeld: false,
      offerOutcome: "accepted",
      enrollmentId,
      updatedAt: now,
    });
    await leaveCourseWaitlists(ctx, ctx.viewer._id, course._id, entryId);
    if (organization !== null) {
      await audit(ctx, organization._id, "cohort_assigned", {
        actorId: ctx.viewer._id,
        subjectUserId: ctx.viewer._id,
        cohortId: cohort._id,
        details: "Accepted a waitlist offer with their organization seat",
      });
    } else {
      await ctx.scheduler.runAfter(0, internal.payments.checkout.createCheckoutSession, { enrollmentId });
      await ctx.scheduler.runAt(now + HOLD_MS, internal.payments.checkout.expireHold, { enrollmentId });
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
  if (organization === null || organization.status !== "active" || !cohortAvailableTo(cohort, organization._id))
    return null;
  return organization;
}

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
    const data = await ctx.runQuery(internal.waitlist.offers.offerContext, { entryId });
    if (data === null || data.entry.status !== "offered" || !data.entry.offerExpiresAt) return;
    const expires = new Intl.DateTimeFormat("en-US", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: data.user.timezone ?? data.cohort.timezone ?? "UTC",
    }).format(data.entry.offerExpiresAt);
    const url = `${siteUrl()}/learn`;
    await sendEmail(
      ctx,
      {
        to: data.user.email,
        ...(await offerEmail({
          name: data.user.name,
          courseTitle: data.course.title,
          cohortName: data.cohort.name,
          expires,
          url,
        })),
        actionUrl: url,
      },
      { idempotencyKey: `offer:${entryId}:${data.entry.offerExpiresAt}` },
    );
  },
});
