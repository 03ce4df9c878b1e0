/**
 * Office hours booked through Cal.com: eligible learners (within their
 * enrollment's `officeHoursEligibleUntil`) book in the Cal.com embed on
 * `/learn`, which carries a signed, short-lived booking token
 * (model/bookingTokens.ts) as booking metadata. The signed webhook keeps
 * `officeHoursBookings` in step: a booking counts only with a valid token for
 * an eligible learner (whatever email was typed on the booking page); anything
 * else is cancelled through Cal.com's API.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { internalAction, internalMutation, internalQuery, userAction, userQuery } from "../functions";
import {
  BOOKING_TOKEN_DELIVERY_GRACE_MS,
  BOOKING_TOKEN_TTL_MS,
  newNonce,
  signBookingToken,
  type BookingTokenClaims,
} from "./model/bookingTokens";
import { cancelCalBooking, type CalWebhook } from "../integrations/calcom";
import { calcomSettings } from "../env";
import { formatInstant } from "../format";
import { notifyUsers } from "../notifications/model/notify";
import { vBookingStatus } from "../validators";

const vEligibility = v.object({
  enrollmentId: v.id("enrollments"),
  courseTitle: v.string(),
  cohortName: v.string(),
  eligibleUntil: v.number(),
});
const vBooking = v.object({
  _id: v.id("officeHoursBookings"),
  scheduledAt: v.number(),
  endsAt: v.optional(v.number()),
  status: vBookingStatus,
  cancelReason: v.optional(v.string()),
  courseTitle: v.string(),
});

/** The viewer's office-hours eligibility, bookings, and what the Cal.com embed needs. */
export const mine = userQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      calcom: v.union(v.null(), v.object({ calLink: v.string(), calOrigin: v.string(), embedJsUrl: v.string() })),
      eligibility: v.array(vEligibility),
      bookings: v.array(vBooking),
    }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return null;
    const settings = calcomSettings();
    const enrollments = await paidEnrollments(ctx, ctx.viewer._id);
    const now = Date.now();
    const eligibility = [];
    for (const enrollment of enrollments.filter((e) => e.officeHoursEligibleUntil >= now)) {
      const { course, cohort } = await enrollmentContext(ctx, enrollment);
      eligibility.push({
        enrollmentId: enrollment._id,
        courseTitle: course?.title ?? "Course",
        cohortName: cohort?.name ?? "Cohort",
        eligibleUntil: enrollment.officeHoursEligibleUntil,
      });
    }
    const viewerId = ctx.viewer._id;
    const rows = await ctx.db
      .query("officeHoursBookings")
      .withIndex("by_userId", (q) => q.eq("userId", viewerId))
      .order("desc")
      .take(50);
    const bookings = [];
    for (const booking of rows) {
      const enrollment = await ctx.db.get("enrollments", booking.enrollmentId);
      const course = enrollment ? await ctx.db.get("courses", enrollment.courseId) : null;
      bookings.push({
        _id: booking._id,
        scheduledAt: booking.scheduledAt,
        ...(booking.endsAt ? { endsAt: booking.endsAt } : {}),
        status: booking.status,
        ...(booking.cancelReason ? { cancelReason: booking.cancelReason } : {}),
        courseTitle: course?.title ?? "Course",
      });
    }
    const bookable = settings.bookingLink && settings.bookingTokenSecret;
    return {
      calcom: bookable
        ? { calLink: settings.bookingLink!, calOrigin: settings.origin, embedJsUrl: settings.embedJsUrl }
        : null,
      eligibility: eligibility.sort((a, b) => b.eligibleUntil - a.eligibleUntil),
      bookings: bookings.sort((a, b) => a.scheduledAt - b.scheduledAt),
    };
  },
});

/**
 * A booking token for the Cal.com embed: signed, valid for 30 minutes, bound to
 * the viewer and one of their enrollments whose office-hours window is open.
 */
export const bookingToken = userAction({
  args: { enrollmentId: v.id("enrollments") },
  returns: v.object({ token: v.string(), expiresAt: v.number() }),
  handler: async (ctx, { enrollmentId }) => {
    const secret = calcomSettings().bookingTokenSecret;
    if (!secret) throw appError("NOT_AVAILABLE", "Booking opens once the academy connects its Cal.com calendar.");
    const now = Date.now();
    const { eligibleUntil } = await ctx.runQuery(internal.officeHours.bookings.tokenEligibility, {
      enrollmentId,
      viewerId: ctx.viewerId,
      now,
    });
    const expiresAt = now + BOOKING_TOKEN_TTL_MS;
    const token = await signBookingToken(
      { userId: ctx.viewerId, enrollmentId, eligibleUntil, expiresAt, nonce: newNonce() },
      secret,
    );
    return { token, expiresAt };
  },
});

export const tokenEligibility = internalQuery({
  args: { enrollmentId: v.id("enrollments"), viewerId: v.id("users"), now: v.number() },
  returns: v.object({ eligibleUntil: v.number() }),
  handler: async (ctx, { enrollmentId, viewerId, now }) => {
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    if (enrollment === null || enrollment.userId !== viewerId)
      throw appError("NOT_FOUND", "This enrollment is not yours.");
    if (enrollment.paymentStatus !== "completed" || enrollment.officeHoursEligibleUntil < now) {
      throw appError("NOT_AVAILABLE", "Office hours for this course have ended.");
    }
    return { eligibleUntil: enrollment.officeHoursEligibleUntil };
  },
});

/** The learner cancels one of their upcoming bookings; Cal.com is told, and the learner's list changes at once. */
export const cancel = userAction({
  args: { bookingId: v.id("officeHoursBookings") },
  returns: v.null(),
  handler: async (ctx, { bookingId }) => {
    const booking = await ctx.runQuery(internal.officeHours.bookings.bookingForCancel, {
      bookingId,
      viewerId: ctx.viewerId,
    });
    await cancelCalBooking(booking.calcomBookingUid, "Cancelled by the learner in the academy");
    await ctx.runMutation(internal.officeHours.bookings.markCancelled, {
      uid: booking.calcomBookingUid,
      reason: "You cancelled this booking.",
    });
    return null;
  },
});

export const bookingForCancel = internalQuery({
  args: { bookingId: v.id("officeHoursBookings"), viewerId: v.id("users") },
  handler: async (ctx, { bookingId, viewerId }) => {
    const booking = await ctx.db.get("officeHoursBookings", bookingId);
    if (booking === null || booking.userId !== viewerId) throw appError("NOT_FOUND", "This booking no longer exists.");
    if (booking.status !== "scheduled") throw appError("NOT_AVAILABLE", "This booking is not active any more.");
    if (booking.scheduledAt <= Date.now()) throw appError("NOT_AVAILABLE", "This booking has already started.");
    return booking;
  },
});

export const markCancelled = internalMutation({
  args: { uid: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { uid, reason }) => {
    const booking = await bookingByUid(ctx, uid);
    if (booking && booking.status === "scheduled")
      await ctx.db.patch("officeHoursBookings", booking._id, {
        status: "cancelled",
        cancelReason: reason,
        updatedAt: Date.now(),
      });
    return null;
  },
});

/** Cancels a booking the academy cannot keep (no valid booking token, outside the eligibility window). */
export const refuse = internalAction({
  args: { uid: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (_ctx, { uid, reason }) => {
    await cancelCalBooking(uid, reason);
    return null;
  },
});

const vBookingToken = v.object({
  userId: v.id("users"),
  enrollmentId: v.id("enrollments"),
  eligibleUntil: v.number(),
  expiresAt: v.number(),
  nonce: v.string(),
});

/**
 * Applies one Cal.com webhook once (uid + trigger); returns what happened.
 * `bookingToken` holds the claims of the booking token in the payload's
 * metadata, already verified by the HTTP action (null when absent or invalid).
 */
export const applyWebhook = internalMutation({
  args: { triggerEvent: v.string(), payload: v.any(), bookingToken: v.union(v.null(), vBookingToken) },
  returns: v.string(),
  handler: async (ctx, body) => {
    const { triggerEvent, payload } = body as CalWebhook;
    const token = body.bookingToken as BookingTokenClaims | null;
    const uid = typeof payload?.uid === "string" ? payload.uid : null;
    if (uid === null) return "ignored: no booking uid";
    const key = `${triggerEvent}:${uid}`;
    const seen = await ctx.db
      .query("calcomWebhookEvents")
      .withIndex("by_key", (q) => q.eq("key", key))
      .unique();
    if (seen) return "duplicate";
    const outcome = await applyTrigger(ctx, triggerEvent, uid, payload, token);
    await ctx.db.insert("calcomWebhookEvents", { key, outcome, receivedAt: Date.now() });
    return outcome;
  },
});

const NO_TOKEN_REASON =
  "Office hours are booked from your learning page in the academy; this booking was not made there.";

/** Whether a token names the same learner and enrollment as a booking we hold. */
function sameHolder(token: BookingTokenClaims, booking: Doc<"officeHoursBookings">) {
  return token.userId === booking.userId && token.enrollmentId === booking.enrollmentId;
}

async function applyTrigger(
  ctx: MutationCtx,
  trigger: string,
  uid: string,
  payload: CalWebhook["payload"],
  token: BookingTokenClaims | null,
): Promise<string> {
  const startsAt = payload.startTime ? Date.parse(payload.startTime) : NaN;
  const endsAt = payload.endTime ? Date.parse(payload.endTime) : undefined;
  if (trigger === "BOOKING_CANCELLED") {
    // Only bookings accepted with a valid token exist here; a token in the payload must name the same learner.
    const booking = await bookingByUid(ctx, uid);
    if (booking === null) return "ignored: unknown booking";
    if (token !== null && !sameHolder(token, booking)) return "ignored: the booking token names someone else";
    if (booking.status !== "scheduled") return "already cancelled";
    await ctx.db.patch("officeHoursBookings", booking._id, {
      status: "cancelled",
      cancelReason: payload.cancellationReason || "Cancelled in Cal.com.",
      updatedAt: Date.now(),
    });
    const user = await ctx.db.get("users", booking.userId);
    if (user)
      await notifyUsers(ctx, [user], {
        category: "office_hours",
        title: "Office hours cancelled",
        body: `Your booking for ${whenOf(booking.scheduledAt)} was cancelled.`,
        url: "/learn",
      });
    return "cancelled";
  }
  if (trigger !== "BOOKING_CREATED" && trigger !== "BOOKING_RESCHEDULED") return `ignored: ${trigger}`;
  if (Number.isNaN(startsAt)) return "ignored: no start time";
  if ((await bookingByUid(ctx, uid)) !== null) return "duplicate booking";

  const refuse = async (reason: string) =>
    await ctx.scheduler.runAfter(0, internal.officeHours.bookings.refuse, { uid, reason });
  // Whose booking this is: a new booking's token, or the booking a reschedule moves (accepted with a token earlier).
  let holder: { userId: Id<"users">; enrollmentId: Id<"enrollments"> };
  let previous: Doc<"officeHoursBookings"> | null = null;
  if (trigger === "BOOKING_RESCHEDULED") {
    previous = payload.rescheduleUid ? await bookingByUid(ctx, payload.rescheduleUid) : null;
    if (previous === null) {
      await refuse(NO_TOKEN_REASON);
      return "refused: moves no booking of ours";
    }
    if (token !== null && !sameHolder(token, previous)) {
      await refuse(NO_TOKEN_REASON);
      await ctx.db.patch("officeHoursBookings", previous._id, {
        status: "cancelled",
        cancelReason: "Moved without a valid booking from your learning page.",
        updatedAt: Date.now(),
      });
      return "refused: the booking token names someone else";
    }
    holder = previous;
  } else {
    if (token === null) {
      await refuse(NO_TOKEN_REASON);
      return "refused: no valid booking token";
    }
    if (token.expiresAt + BOOKING_TOKEN_DELIVERY_GRACE_MS < Date.now()) {
      await refuse("The booking page was open too long; please book again from your learning page.");
      return "refused: booking token expired";
    }
    const tokenKey = `booking-token:${token.nonce}`;
    if (
      (await ctx.db
        .query("calcomWebhookEvents")
        .withIndex("by_key", (q) => q.eq("key", tokenKey))
        .unique()) !== null
    ) {
      await refuse("Each booking from your learning page books one slot; please book again from there.");
      return "refused: booking token already used";
    }
    await ctx.db.insert("calcomWebhookEvents", { key: tokenKey, outcome: `used by ${uid}`, receivedAt: Date.now() });
    holder = token;
  }

  const user = await ctx.db.get("users", holder.userId);
  const enrollment = await ctx.db.get("enrollments", holder.enrollmentId);
  const eligible =
    user !== null &&
    enrollment !== null &&
    enrollment.userId === user._id &&
    enrollment.paymentStatus === "completed" &&
    enrollment.officeHoursEligibleUntil >= startsAt;
  if (!eligible || user === null || enrollment === null) {
    await refuse("Office hours are included until a date your booking falls after.");
    if (previous)
      await ctx.db.patch("officeHoursBookings", previous._id, {
        status: "cancelled",
        cancelReason: "Moved outside your office-hours window.",
        updatedAt: Date.now(),
      });
    if (user) {
      await notifyUsers(ctx, [user], {
        category: "office_hours",
        title: "We could not keep your office-hours booking",
        body: `${whenOf(startsAt)} is after your office-hours window ends; the booking was cancelled.`,
        url: "/learn",
      });
    }
    return "refused";
  }
  const fields = {
    enrollmentId: enrollment._id,
    scheduledAt: startsAt,
    endsAt,
    calcomBookingUid: uid,
    calcomEventId: String(payload.eventTypeId ?? ""),
    status: "scheduled" as const,
    cancelReason: undefined,
    updatedAt: Date.now(),
  };
  if (previous) await ctx.db.patch("officeHoursBookings", previous._id, fields);
  else await ctx.db.insert("officeHoursBookings", { userId: user._id, createdAt: Date.now(), ...fields });
  await notifyUsers(ctx, [user], {
    category: "office_hours",
    title: previous ? "Office hours moved" : "Office hours booked",
    body: `${whenOf(startsAt)}. The meeting link is in your Cal.com confirmation.`,
    url: "/learn",
  });
  return previous ? "rescheduled" : "booked";
}

const whenOf = (ms: number) => formatInstant(ms, "UTC");

async function bookingByUid(ctx: QueryCtx, uid: string) {
  return await ctx.db
    .query("officeHoursBookings")
    .withIndex("by_calcomBookingUid", (q) => q.eq("calcomBookingUid", uid))
    .unique();
}

async function paidEnrollments(ctx: QueryCtx, userId: Id<"users">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
    .take(100);
  return enrollments.filter((e) => e.paymentStatus === "completed");
}

async function enrollmentContext(ctx: QueryCtx, enrollment: Doc<"enrollments">) {
  return {
    course: await ctx.db.get("courses", enrollment.courseId),
    cohort: await ctx.db.get("cohorts", enrollment.cohortId),
  };
}
