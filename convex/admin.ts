/** Platform administration: catalogue, schedules, kit files, enrollments and refunds. */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { appError } from "./errors";
import { internalMutation, internalQuery, platformAdminAction, platformAdminMutation, platformAdminQuery } from "./functions";
import { cohortRows, vCohortRow } from "./model/cohorts";
import { boundedText, optionalText, TEXT_LIMITS } from "./model/limits";
import { paymentReviewRows, vPaymentReviewRow } from "./model/paymentReviews";
import { rescheduleCohort, scheduleCohort } from "./model/schedule";
import { requireUserByEmail } from "./model/users";
import { DEFAULT_OFFER_HOURS, offerFreeSeats, promoteCourseWaitlist } from "./model/waitlist";
import { priceCharged } from "./model/checkout";
import { refundPaymentIntent } from "./model/stripe";
import {
  vCapabilityLevel,
  vCohortStatus,
  vCourseFormat,
  vCourseStatus,
  vImpactLevel,
  vKitItemType,
  vPaymentStatus,
  vPaymentType,
  vSessionType,
} from "./validators";

export const cohorts = platformAdminQuery({
  args: {},
  returns: v.array(vCohortRow),
  handler: async (ctx) => {
    const cohorts = await ctx.db.query("cohorts").withIndex("by_startDate").order("desc").take(200);
    return await cohortRows(ctx, cohorts);
  },
});

export const courses = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({ _id: v.id("courses"), title: v.string(), slug: v.string(), format: vCourseFormat, status: vCourseStatus, priceB2C: v.number() }),
  ),
  handler: async (ctx) => {
    const courses = await ctx.db.query("courses").order("desc").take(200);
    return courses.map((c) => ({ _id: c._id, title: c.title, slug: c.slug, format: c.sessionType, status: c.status, priceB2C: c.priceB2C }));
  },
});

const vCourseFields = {
  title: v.string(),
  slug: v.string(),
  tagline: v.optional(v.string()),
  description: v.string(),
  format: vCourseFormat,
  level: vCapabilityLevel,
  impact: vImpactLevel,
  priceB2C: v.number(),
  priceB2B: v.number(),
  maxParticipants: v.number(),
  status: vCourseStatus,
  outcomes: v.array(v.string()),
};

export const course = platformAdminQuery({
  args: { courseId: v.id("courses") },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("courses"),
      ...vCourseFields,
      sessions: v.array(
        v.object({
          _id: v.id("sessions"),
          title: v.string(),
          type: vSessionType,
          dayNumber: v.number(),
          orderInDay: v.number(),
          durationMinutes: v.number(),
          description: v.string(),
        }),
      ),
      kit: v.array(
        v.object({ _id: v.id("enablementKitItems"), title: v.string(), type: vKitItemType, hasFile: v.boolean(), externalUrl: v.optional(v.string()), order: v.number() }),
      ),
      cohorts: v.array(vCohortRow),
    }),
  ),
  handler: async (ctx, { courseId }) => {
    const course = await ctx.db.get("courses", courseId);
    if (course === null) return null;
    const sessions = await ctx.db
      .query("sessions")
      .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", courseId))
      .take(200);
    const kit = await ctx.db.query("enablementKitItems").withIndex("by_courseId", (q) => q.eq("courseId", courseId)).take(100);
    const cohorts = await ctx.db.query("cohorts").withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", courseId)).take(100);
    return {
      _id: course._id,
      title: course.title,
      slug: course.slug,
      ...(course.tagline ? { tagline: course.tagline } : {}),
      description: course.description,
      format: course.sessionType,
      level: course.capabilityLevel,
      impact: course.impactLevel,
      priceB2C: course.priceB2C,
      priceB2B: course.priceB2B,
      maxParticipants: course.maxParticipants,
      status: course.status,
      outcomes: course.outcomes ?? [],
      sessions: sessions.map((s) => ({
        _id: s._id,
        title: s.title,
        type: s.type,
        dayNumber: s.dayNumber,
        orderInDay: s.orderInDay,
        durationMinutes: s.durationMinutes,
        description: s.description,
      })),
      kit: kit
        .sort((a, b) => a.order - b.order)
        .map((k) => ({ _id: k._id, title: k.title, type: k.type, hasFile: Boolean(k.fileId), ...(k.externalUrl ? { externalUrl: k.externalUrl } : {}), order: k.order })),
      cohorts: await cohortRows(ctx, cohorts),
    };
  },
});

function assertMoney(cents: number, label: string) {
  if (!Number.isInteger(cents) || cents < 0 || cents > 10_000_000) {
    throw appError("INVALID_INPUT", `${label} must be a whole number of cents between 0 and 100,000 dollars.`);
  }
}

/** A course page lists its outcomes as bullets; more than this is a description. */
const MAX_OUTCOMES = 20;

export const saveCourse = platformAdminMutation({
  args: { courseId: v.optional(v.id("courses")), ...vCourseFields },
  returns: v.id("courses"),
  handler: async (ctx, { courseId, ...fields }) => {
    const title = boundedText(fields.title, "the course's title", TEXT_LIMITS.title, { min: 3 });
    const slug = boundedText(fields.slug, "the URL slug", TEXT_LIMITS.name).toLowerCase();
    const tagline = optionalText(fields.tagline, "the tagline", TEXT_LIMITS.line);
    const description = boundedText(fields.description, "the description", TEXT_LIMITS.paragraph);
    if (fields.outcomes.length > MAX_OUTCOMES) throw appError("INVALID_INPUT", `List at most ${MAX_OUTCOMES} outcomes.`);
    const outcomes = fields.outcomes.map((o) => boundedText(o, "an outcome", TEXT_LIMITS.line)).filter(Boolean);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw appError("INVALID_INPUT", "The URL slug may contain lower-case letters, digits and single dashes.");
    assertMoney(fields.priceB2C, "The individual price");
    assertMoney(fields.priceB2B, "The per-seat price");
    if (!Number.isInteger(fields.maxParticipants) || fields.maxParticipants < 1) throw appError("INVALID_INPUT", "Maximum participants must be at least 1.");
    const clash = await ctx.db.query("courses").withIndex("by_slug", (q) => q.eq("slug", slug)).unique();
    if (clash && clash._id !== courseId) throw appError("INVALID_INPUT", `Another course already uses the slug "${slug}".`);
    const now = Date.now();
    const document = {
      title,
      slug,
      tagline,
      description,
      sessionType: fields.format,
      capabilityLevel: fields.level,
      impactLevel: fields.impact,
      priceB2C: fields.priceB2C,
      priceB2B: fields.priceB2B,
      maxParticipants: fields.maxParticipants,
      status: fields.status,
      outcomes,
      updatedAt: now,
    };
    if (courseId) {
      if ((await ctx.db.get("courses", courseId)) === null) throw appError("NOT_FOUND", "This course no longer exists.");
      await ctx.db.patch("courses", courseId, document);
      return courseId;
    }
    return await ctx.db.insert("courses", { ...document, createdAt: now });
  },
});

export const saveSession = platformAdminMutation({
  args: {
    courseId: v.id("courses"),
    sessionId: v.optional(v.id("sessions")),
    title: v.string(),
    type: vSessionType,
    dayNumber: v.number(),
    orderInDay: v.number(),
    durationMinutes: v.number(),
    description: v.string(),
  },
  returns: v.id("sessions"),
  handler: async (ctx, { courseId, sessionId, ...fields }) => {
    const title = boundedText(fields.title, "the session's title", TEXT_LIMITS.title, { min: 3 });
    const description = boundedText(fields.description, "the description", TEXT_LIMITS.paragraph);
    if (!Number.isInteger(fields.dayNumber) || fields.dayNumber < 1 || fields.dayNumber > 120) throw appError("INVALID_INPUT", "Day must be between 1 and 120.");
    if (!Number.isInteger(fields.orderInDay) || fields.orderInDay < 1) throw appError("INVALID_INPUT", "Order within the day starts at 1.");
    if (!Number.isInteger(fields.durationMinutes) || fields.durationMinutes < 5 || fields.durationMinutes > 600) {
      throw appError("INVALID_INPUT", "Duration must be between 5 and 600 minutes.");
    }
    const document = { ...fields, title, description };
    if (sessionId) {
      const existing = await ctx.db.get("sessions", sessionId);
      if (existing === null || existing.courseId !== courseId) throw appError("NOT_FOUND", "This session no longer exists.");
      await ctx.db.patch("sessions", sessionId, document);
      return sessionId;
    }
    return await ctx.db.insert("sessions", { courseId, ...document, outcomes: [], createdAt: Date.now() });
  },
});

export const deleteSession = platformAdminMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, { sessionId }) => {
    if ((await ctx.db.get("sessions", sessionId)) === null) throw appError("NOT_FOUND", "This session no longer exists.");
    await ctx.db.delete("sessions", sessionId);
    return null;
  },
});

const DAY = 86_400_000;

export const saveCohort = platformAdminMutation({
  args: {
    cohortId: v.optional(v.id("cohorts")),
    courseId: v.id("courses"),
    name: v.string(),
    startDate: v.number(),
    endDate: v.number(),
    timezone: v.string(),
    maxCapacity: v.number(),
    zoomLink: v.optional(v.string()),
    instructorEmail: v.optional(v.string()),
    status: vCohortStatus,
    waitlistOfferHours: v.optional(v.number()),
  },
  returns: v.id("cohorts"),
  handler: async (ctx, { cohortId, instructorEmail, ...fields }) => {
    if (fields.waitlistOfferHours !== undefined && (!Number.isInteger(fields.waitlistOfferHours) || fields.waitlistOfferHours < 1 || fields.waitlistOfferHours > 168)) {
      throw appError("INVALID_INPUT", "Waitlist offers can last between 1 and 168 hours.");
    }
    const name = boundedText(fields.name, "the cohort's name", TEXT_LIMITS.name, { min: 3 });
    if (fields.endDate < fields.startDate) throw appError("INVALID_INPUT", "The cohort must end after it starts.");
    if (fields.endDate - fields.startDate > 180 * DAY) throw appError("INVALID_INPUT", "A cohort can run for at most 180 days.");
    if (!Intl.supportedValuesOf("timeZone").includes(fields.timezone) && fields.timezone !== "UTC") {
      throw appError("INVALID_INPUT", `"${fields.timezone}" is not a known timezone (use names like Europe/Berlin).`);
    }
    if (!Number.isInteger(fields.maxCapacity) || fields.maxCapacity < 1 || fields.maxCapacity > 1000) {
      throw appError("INVALID_INPUT", "Capacity must be between 1 and 1000.");
    }
    const zoomLink = optionalText(fields.zoomLink, "the meeting link", TEXT_LIMITS.url);
    if (zoomLink && !/^https:\/\//.test(zoomLink)) throw appError("INVALID_INPUT", "The meeting link must start with https://.");
    let instructorId: Id<"users"> | undefined;
    const instructor = optionalText(instructorEmail, "the instructor's email address", TEXT_LIMITS.email);
    if (instructor) instructorId = (await requireUserByEmail(ctx, instructor))._id;
    if ((await ctx.db.get("courses", fields.courseId)) === null) throw appError("NOT_FOUND", "This course no longer exists.");
    const now = Date.now();
    const document = { ...fields, name, zoomLink, instructorId, updatedAt: now };
    if (cohortId) {
      const existing = await ctx.db.get("cohorts", cohortId);
      if (existing === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
      if (fields.maxCapacity < existing.currentEnrollment) {
        throw appError("INVALID_INPUT", `${existing.currentEnrollment} seats are taken; capacity cannot go below that.`);
      }
      await ctx.db.patch("cohorts", cohortId, document);
      const updated = (await ctx.db.get("cohorts", cohortId))!;
      if (existing.startDate !== updated.startDate || existing.timezone !== updated.timezone || existing.zoomLink !== updated.zoomLink || existing.instructorId !== updated.instructorId) {
        await rescheduleCohort(ctx, updated);
      }
      // A newly opened cohort takes the course's next-cohort line first; raised capacity goes to the waitlist.
      if (existing.status !== "open" && updated.status === "open") await promoteCourseWaitlist(ctx, updated);
      await offerFreeSeats(ctx, cohortId);
      return cohortId;
    }
    const id = await ctx.db.insert("cohorts", { ...document, currentEnrollment: 0, isB2B: false, createdAt: now });
    const created = (await ctx.db.get("cohorts", id))!;
    await scheduleCohort(ctx, created);
    await promoteCourseWaitlist(ctx, created);
    return id;
  },
});

export const generateKitUploadUrl = platformAdminMutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => await ctx.storage.generateUploadUrl(),
});

export const addKitItem = platformAdminMutation({
  args: { courseId: v.id("courses"), title: v.string(), type: vKitItemType, fileId: v.optional(v.id("_storage")), externalUrl: v.optional(v.string()) },
  returns: v.id("enablementKitItems"),
  handler: async (ctx, { courseId, type, fileId, ...text }) => {
    const title = boundedText(text.title, "the item's title", TEXT_LIMITS.title, { min: 2 });
    const externalUrl = optionalText(text.externalUrl, "the link", TEXT_LIMITS.url);
    if (!fileId && !externalUrl) throw appError("INVALID_INPUT", "Upload a file or give a link.");
    if (externalUrl && !/^https:\/\//.test(externalUrl)) throw appError("INVALID_INPUT", "Links must start with https://.");
    if (fileId && (await ctx.db.system.get("_storage", fileId)) === null) throw appError("NOT_FOUND", "The uploaded file was not found; upload it again.");
    const existing = await ctx.db.query("enablementKitItems").withIndex("by_courseId", (q) => q.eq("courseId", courseId)).take(100);
    return await ctx.db.insert("enablementKitItems", {
      courseId,
      title,
      type,
      fileId,
      externalUrl,
      order: existing.length,
      createdAt: Date.now(),
    });
  },
});

export const removeKitItem = platformAdminMutation({
  args: { itemId: v.id("enablementKitItems") },
  returns: v.null(),
  handler: async (ctx, { itemId }) => {
    const item = await ctx.db.get("enablementKitItems", itemId);
    if (item === null) throw appError("NOT_FOUND", "This item no longer exists.");
    if (item.fileId) await ctx.storage.delete(item.fileId);
    await ctx.db.delete("enablementKitItems", itemId);
    return null;
  },
});

export const cohortEnrollments = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("enrollments"),
      name: v.string(),
      email: v.string(),
      paymentStatus: vPaymentStatus,
      paymentType: vPaymentType,
      amountCents: v.optional(v.number()),
      currency: v.string(),
      /** Refunded so far; below the amount paid the learner keeps the seat. */
      amountRefundedCents: v.optional(v.number()),
      refundNote: v.optional(v.string()),
      purchaseDate: v.number(),
      refundable: v.boolean(),
      refundRequested: v.boolean(),
      seatHeld: v.boolean(),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const enrollments = await ctx.db
      .query("enrollments")
      .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId))
      .take(1000);
    const rows = [];
    for (const e of enrollments) {
      const user = await ctx.db.get("users", e.userId);
      rows.push({
        _id: e._id,
        name: user?.name ?? "Deleted user",
        email: user?.email ?? "",
        paymentStatus: e.paymentStatus,
        paymentType: e.paymentType,
        ...(e.amountCents !== undefined ? { amountCents: e.amountCents } : {}),
        currency: priceCharged(e).currency,
        ...(e.amountRefundedCents ? { amountRefundedCents: e.amountRefundedCents } : {}),
        ...(e.refundNote ? { refundNote: e.refundNote } : {}),
        purchaseDate: e.purchaseDate,
        refundable: e.paymentStatus === "completed" && e.paymentType === "b2c" && Boolean(e.stripePaymentIntentId) && !e.refundRequestedAt,
        refundRequested: e.paymentStatus === "completed" && Boolean(e.refundRequestedAt),
        seatHeld: e.seatHeld,
      });
    }
    return rows.sort((a, b) => b.purchaseDate - a.purchaseDate);
  },
});

export const refundContext = internalQuery({
  args: { enrollmentId: v.id("enrollments") },
  handler: async (ctx, { enrollmentId }) => await ctx.db.get("enrollments", enrollmentId),
});

export const recordRefundRequest = internalMutation({
  args: { enrollmentId: v.id("enrollments"), note: v.optional(v.string()) },
  handler: async (ctx, { enrollmentId, note }) => {
    await ctx.db.patch("enrollments", enrollmentId, { refundRequestedAt: Date.now(), ...(note ? { refundNote: note } : {}), updatedAt: Date.now() });
  },
});

/** Sends a refund to Stripe; a refusal is shown to the admin as a message, not a server error. */
async function refundThroughStripe(paymentIntentId: string, idempotencyKey: string, metadata: Record<string, string>) {
  try {
    return await refundPaymentIntent(paymentIntentId, idempotencyKey, metadata);
  } catch (error) {
    throw appError("PAYMENT_FAILED", `Stripe did not accept the refund: ${(error as Error).message}`);
  }
}

/**
 * Refunds a B2C purchase in full through Stripe, with an optional reason; the
 * charge.refunded webhook then revokes access and frees the seat.
 */
export const refundEnrollment = platformAdminAction({
  args: { enrollmentId: v.id("enrollments"), note: v.optional(v.string()) },
  returns: v.object({ refundId: v.string(), status: v.string() }),
  handler: async (ctx, { enrollmentId, note: rawNote }) => {
    const note = optionalText(rawNote, "the refund reason", TEXT_LIMITS.line);
    const enrollment = await ctx.runQuery(internal.admin.refundContext, { enrollmentId });
    if (enrollment === null) throw appError("NOT_FOUND", "This enrollment no longer exists.");
    if (enrollment.paymentStatus === "refunded") throw appError("INVALID_INPUT", "This purchase was already refunded.");
    if (enrollment.paymentStatus !== "completed" || enrollment.paymentType !== "b2c" || !enrollment.stripePaymentIntentId) {
      throw appError("INVALID_INPUT", "Only paid individual purchases can be refunded here.");
    }
    const refund = await refundThroughStripe(enrollment.stripePaymentIntentId, `refund-${enrollmentId}`, { enrollmentId, ...(note ? { note } : {}) });
    await ctx.runMutation(internal.admin.recordRefundRequest, { enrollmentId, note });
    return { refundId: refund.id, status: refund.status ?? "pending" };
  },
});

// ----------------------------------------------------------- payment reviews

/** Payments not matched to a seat: every open one (oldest problems stay visible) and the latest resolved. */
export const paymentReviews = platformAdminQuery({
  args: {},
  returns: v.object({ open: v.array(vPaymentReviewRow), resolved: v.array(vPaymentReviewRow) }),
  handler: async (ctx) => {
    const open = await ctx.db
      .query("paymentReviews")
      .withIndex("by_status_and_createdAt", (q) => q.eq("status", "open"))
      .order("desc")
      .take(100);
    const resolved = await ctx.db
      .query("paymentReviews")
      .withIndex("by_status_and_createdAt", (q) => q.eq("status", "resolved"))
      .order("desc")
      .take(20);
    return { open: await paymentReviewRows(ctx, open), resolved: await paymentReviewRows(ctx, resolved) };
  },
});

/** Closes a review without a refund (e.g. settled with the customer another way); the note says what was done. */
export const resolvePaymentReview = platformAdminMutation({
  args: { reviewId: v.id("paymentReviews"), note: v.string() },
  returns: v.null(),
  handler: async (ctx, { reviewId, note: rawNote }) => {
    const note = boundedText(rawNote, "a note on what was done", TEXT_LIMITS.line, { min: 1 });
    const review = await ctx.db.get("paymentReviews", reviewId);
    if (review === null) throw appError("NOT_FOUND", "This payment review no longer exists.");
    if (review.status !== "open") throw appError("INVALID_INPUT", "This payment was already resolved.");
    const now = Date.now();
    await ctx.db.patch("paymentReviews", reviewId, { status: "resolved", resolution: "no_refund", resolvedById: ctx.viewer._id, resolvedAt: now, note, updatedAt: now });
    return null;
  },
});

export const paymentReviewContext = internalQuery({
  args: { reviewId: v.id("paymentReviews") },
  handler: async (ctx, { reviewId }) => await ctx.db.get("paymentReviews", reviewId),
});

export const recordReviewRefund = internalMutation({
  args: { reviewId: v.id("paymentReviews"), adminId: v.id("users"), note: v.optional(v.string()) },
  handler: async (ctx, { reviewId, adminId, note }) => {
    const now = Date.now();
    await ctx.db.patch("paymentReviews", reviewId, {
      status: "resolved",
      resolution: "refunded",
      refundRequestedAt: now,
      resolvedById: adminId,
      resolvedAt: now,
      ...(note ? { note } : {}),
      updatedAt: now,
    });
  },
});

/** Refunds a reviewed payment in full through Stripe and resolves the review. Never touches an enrollment's seat. */
export const refundPaymentReview = platformAdminAction({
  args: { reviewId: v.id("paymentReviews"), note: v.optional(v.string()) },
  returns: v.object({ refundId: v.string(), status: v.string() }),
  handler: async (ctx, { reviewId, note: rawNote }) => {
    const note = optionalText(rawNote, "the refund reason", TEXT_LIMITS.line);
    const review = await ctx.runQuery(internal.admin.paymentReviewContext, { reviewId });
    if (review === null) throw appError("NOT_FOUND", "This payment review no longer exists.");
    if (review.status !== "open" || review.refundRequestedAt) throw appError("INVALID_INPUT", "This payment was already resolved.");
    if (!review.stripePaymentIntentId) throw appError("INVALID_INPUT", "Nothing was charged for this payment, so there is nothing to refund.");
    const refund = await refundThroughStripe(review.stripePaymentIntentId, `refund-review-${reviewId}`, { paymentReviewId: reviewId, ...(note ? { note } : {}) });
    await ctx.runMutation(internal.admin.recordReviewRefund, { reviewId, adminId: ctx.viewerId, note });
    return { refundId: refund.id, status: refund.status ?? "pending" };
  },
});

export const cohort = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("cohorts"),
      courseId: v.id("courses"),
      courseTitle: v.string(),
      name: v.string(),
      startDate: v.number(),
      endDate: v.number(),
      timezone: v.string(),
      maxCapacity: v.number(),
      currentEnrollment: v.number(),
      zoomLink: v.optional(v.string()),
      instructorEmail: v.optional(v.string()),
      status: vCohortStatus,
      isB2B: v.boolean(),
      waitlistOfferHours: v.number(),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null) return null;
    const course = await ctx.db.get("courses", cohort.courseId);
    const instructor = cohort.instructorId ? await ctx.db.get("users", cohort.instructorId) : null;
    return {
      _id: cohort._id,
      courseId: cohort.courseId,
      courseTitle: course?.title ?? "Unknown course",
      name: cohort.name,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      timezone: cohort.timezone ?? "UTC",
      maxCapacity: cohort.maxCapacity,
      currentEnrollment: cohort.currentEnrollment,
      ...(cohort.zoomLink ? { zoomLink: cohort.zoomLink } : {}),
      ...(instructor ? { instructorEmail: instructor.email } : {}),
      status: cohort.status,
      isB2B: cohort.isB2B,
      waitlistOfferHours: cohort.waitlistOfferHours ?? DEFAULT_OFFER_HOURS,
    };
  },
});
