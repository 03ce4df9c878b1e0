/**
 * Office hours booked through Cal.com: eligible learners (within their
 * enrollment's `officeHoursEligibleUntil`) book in the Cal.com embed; the
 * signed webhook keeps `officeHoursBookings` in step, refusing bookings
 * outside the window by cancelling them through Cal.com's API.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx, QueryCtx } from "./_generated/server";
import { appError } from "./errors";
import { internalAction, internalMutation, internalQuery, userAction, userQuery } from "./functions";
import { cancelCalBooking, type CalWebhook } from "./model/calcom";
import { calcomSettings } from "./model/env";
import { formatInstant } from "./model/format";
import { notifyUsers } from "./model/notifications";
import { normalizeEmail } from "./model/users";
import { vBookingStatus } from "./validators";

const vEligibility = v.object({ enrollmentId: v.id("enrollments"), courseTitle: v.string(), cohortName: v.string(), eligibleUntil: v.number() });
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
      eligibility.push({ enrollmentId: enrollment._id, courseTitle: course?.title ?? "Course", cohortName: cohort?.name ?? "Cohort", eligibleUntil: enrollment.officeHoursEligibleUntil });
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
    return {
      calcom: settings.bookingLink ? { calLink: settings.bookingLink, calOrigin: settings.origin, embedJsUrl: settings.embedJsUrl } : null,
      eligibility: eligibility.sort((a, b) => b.eligibleUntil - a.eligibleUntil),
      bookings: bookings.sort((a, b) => a.scheduledAt - b.scheduledAt),
    };
  },
});

/** The learner cancels one of their upcoming bookings; Cal.com is told, and the learner's list changes at once. */
export const cancel = userAction({
  args: { bookingId: v.id("officeHoursBookings") },
  returns: v.null(),
  handler: async (ctx, { bookingId }) => {
    const booking = await ctx.runQuery(internal.officeHours.bookingForCancel, { bookingId, viewerId: ctx.viewerId });
    await cancelCalBooking(booking.calcomBookingUid, "Cancelled by the learner in the academy");
    await ctx.runMutation(internal.officeHours.markCancelled, { uid: booking.calcomBookingUid, reason: "You cancelled this booking." });
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
    if (booking && booking.status === "scheduled") await ctx.db.patch("officeHoursBookings", booking._id, { status: "cancelled", cancelReason: reason, updatedAt: Date.now() });
    return null;
  },
});

/** Cancels a booking the academy cannot keep (outside the eligibility window, unknown attendee). */
export const refuse = internalAction({
  args: { uid: v.string(), reason: v.string() },
  returns: v.null(),
  handler: async (_ctx, { uid, reason }) => {
    await cancelCalBooking(uid, reason);
    return null;
  },
});

/** Applies one verified Cal.com webhook once (uid + trigger); returns what happened. */
export const applyWebhook = internalMutation({
  args: { triggerEvent: v.string(), payload: v.any() },
  returns: v.string(),
  handler: async (ctx, body) => {
    const { triggerEvent, payload } = body as CalWebhook;
    const uid = typeof payload?.uid === "string" ? payload.uid : null;
    if (uid === null) return "ignored: no booking uid";
    const key = `${triggerEvent}:${uid}`;
    const seen = await ctx.db
      .query("calcomWebhookEvents")
      .withIndex("by_key", (q) => q.eq("key", key))
      .unique();
    if (seen) return "duplicate";
    const outcome = await applyTrigger(ctx, triggerEvent, uid, payload);
    await ctx.db.insert("calcomWebhookEvents", { key, outcome, receivedAt: Date.now() });
    return outcome;
  },
});

async function applyTrigger(ctx: MutationCtx, trigger: string, uid: string, payload: CalWebhook["payload"]): Promise<string> {
  const startsAt = payload.startTime ? Date.parse(payload.startTime) : NaN;
  const endsAt = payload.endTime ? Date.parse(payload.endTime) : undefined;
  if (trigger === "BOOKING_CANCELLED") {
    const booking = await bookingByUid(ctx, uid);
    if (booking === null) return "ignored: unknown booking";
    if (booking.status !== "scheduled") return "already cancelled";
    await ctx.db.patch("officeHoursBookings", booking._id, { status: "cancelled", cancelReason: payload.cancellationReason || "Cancelled in Cal.com.", updatedAt: Date.now() });
    const user = await ctx.db.get("users", booking.userId);
    if (user) await notifyUsers(ctx, [user], { category: "office_hours", title: "Office hours cancelled", body: `Your booking for ${whenOf(booking.scheduledAt)} was cancelled.`, url: "/learn" });
    return "cancelled";
  }
  if (trigger !== "BOOKING_CREATED" && trigger !== "BOOKING_RESCHEDULED") return `ignored: ${trigger}`;
  if (Number.isNaN(startsAt)) return "ignored: no start time";

  const previous = trigger === "BOOKING_RESCHEDULED" && payload.rescheduleUid ? await bookingByUid(ctx, payload.rescheduleUid) : null;
  if ((await bookingByUid(ctx, uid)) !== null) return "duplicate booking";
  const user = previous ? await ctx.db.get("users", previous.userId) : await attendee(ctx, payload);
  const enrollment = user ? await eligibleEnrollment(ctx, user, startsAt, payload.metadata?.enrollmentId, previous?.enrollmentId) : null;
  if (user === null || enrollment === null) {
    const reason = user === null ? "This email has no academy account with office hours." : "Office hours are included until a date your booking falls after.";
    await ctx.scheduler.runAfter(0, internal.officeHours.refuse, { uid, reason });
    if (previous) await ctx.db.patch("officeHoursBookings", previous._id, { status: "cancelled", cancelReason: "Moved outside your office-hours window.", updatedAt: Date.now() });
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
  const fields = { enrollmentId: enrollment._id, scheduledAt: startsAt, endsAt, calcomBookingUid: uid, calcomEventId: String(payload.eventTypeId ?? ""), status: "scheduled" as const, cancelReason: undefined, updatedAt: Date.now() };
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

async function attendee(ctx: QueryCtx, payload: CalWebhook["payload"]) {
  const raw = payload.attendees?.[0]?.email;
  if (!raw) return null;
  let email: string;
  try {
    email = normalizeEmail(raw);
  } catch {
    return null;
  }
  return await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .unique();
}

async function paidEnrollments(ctx: QueryCtx, userId: Id<"users">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
    .take(100);
  return enrollments.filter((e) => e.paymentStatus === "completed");
}

/** The enrollment the booking counts against: the one named in the booking's metadata, else any whose window covers the start. */
async function eligibleEnrollment(ctx: QueryCtx, user: Doc<"users">, startsAt: number, ...preferred: unknown[]) {
  const eligible = (await paidEnrollments(ctx, user._id)).filter((e) => e.officeHoursEligibleUntil >= startsAt);
  return eligible.find((e) => preferred.includes(e._id)) ?? eligible.sort((a, b) => b.officeHoursEligibleUntil - a.officeHoursEligibleUntil)[0] ?? null;
}

async function enrollmentContext(ctx: QueryCtx, enrollment: Doc<"enrollments">) {
  return { course: await ctx.db.get("courses", enrollment.courseId), cohort: await ctx.db.get("cohorts", enrollment.cohortId) };
}
