/** Enrollments: a person's seat in a cohort, paid (b2c) or placed by their organization (b2b). */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vAdminGrant,
  vAiExperience,
  vCohortChoiceStatus,
  vEnrollmentAuditAction,
  vEnrollmentFailure,
  vEnrollmentRequestKind,
  vEnrollmentRequestStatus,
  vPaymentStatus,
  vPaymentType,
} from "../validators";

export const enrollmentsTables = {
  enrollments: defineTable({
    userId: v.id("users"),
    cohortId: v.id("cohorts"),
    courseId: v.id("courses"),
    purchaseDate: v.number(),
    paymentStatus: vPaymentStatus,
    paymentType: vPaymentType,
    stripePaymentIntentId: v.optional(v.string()),
    stripeCheckoutSessionId: v.optional(v.string()),
    intakeSurveyCompleted: v.boolean(),
    /** The learner's answers to the intake survey, for their instructor (set with intakeSurveyCompleted). */
    intakeSurvey: v.optional(
      v.object({ jobRole: v.string(), aiExperience: vAiExperience, goals: v.string(), submittedAt: v.number() }),
    ),
    officeHoursEligibleUntil: v.number(),
    materialsAccessUntil: v.number(),
    chatbotAccessUntil: v.number(),
    /** True while this enrollment occupies a seat (counted in cohort.currentEnrollment). */
    seatHeld: v.boolean(),
    /** Pending B2C purchases hold their seat until this time (docs/schema.md). */
    holdExpiresAt: v.optional(v.number()),
    /** A delayed payment method is processing: the seat stays held until Stripe decides. */
    awaitingAsyncPayment: v.optional(v.boolean()),
    /** The price charged: the course's price, less the promotion code's discount when one was applied. */
    amountCents: v.optional(v.number()),
    /** The promotion code applied at checkout, the course's price before it, and what it took off. */
    promotionCodeId: v.optional(v.id("promotionCodes")),
    listPriceCents: v.optional(v.number()),
    discountCents: v.optional(v.number()),
    /** What the buyer paid, from Stripe's completed Checkout Session (`amount_total`). */
    amountPaidCents: v.optional(v.number()),
    checkoutUrl: v.optional(v.string()),
    checkoutError: v.optional(v.string()),
    failureReason: v.optional(vEnrollmentFailure),
    refundRequestedAt: v.optional(v.number()),
    /**
     * Set when the learner moves the seat (self-service or an approved request): the refund deadline of the cohort it
     * was bought for, which a later cohort's window never extends.
     */
    refundDeadlineAt: v.optional(v.number()),
    refundedAt: v.optional(v.number()),
    /** Currency of `amountCents`, fixed when the seat is reserved (older rows: the academy's currency). */
    currency: v.optional(v.string()),
    /** Refunded so far; access ends only when the whole charge is refunded. */
    amountRefundedCents: v.optional(v.number()),
    /** The platform admin's reason for a refund issued from /admin. */
    refundNote: v.optional(v.string()),
    /** A seat a platform admin gave by hand (b2c): free ("comp") or paid outside Stripe ("offline"). */
    adminGrant: v.optional(vAdminGrant),
    /** The invoice, transfer or order number of an offline payment. */
    offlinePaymentReference: v.optional(v.string()),
    /** A seat the learner's learning path gives (a bundle, or the organization's path enrollment). */
    pathEnrollmentId: v.optional(v.id("userPathEnrollments")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_cohortId_and_paymentStatus", ["cohortId", "paymentStatus"])
    .index("by_userId_and_courseId", ["userId", "courseId"])
    .index("by_stripeCheckoutSessionId", ["stripeCheckoutSessionId"])
    .index("by_stripePaymentIntentId", ["stripePaymentIntentId"])
    .index("by_userId_and_cohortId", ["userId", "cohortId"])
    .index("by_promotionCodeId_and_paymentStatus", ["promotionCodeId", "paymentStatus"]),

  /** What platform admins did to enrollments by hand (added, moved, removed), newest last. */
  enrollmentAuditLog: defineTable({
    actorId: v.id("users"),
    action: vEnrollmentAuditAction,
    enrollmentId: v.id("enrollments"),
    /** The learner. */
    userId: v.id("users"),
    /** The cohort the enrollment is in after the change (for a move: the new one). */
    cohortId: v.id("cohorts"),
    /** For a move: the cohort it left. */
    fromCohortId: v.optional(v.id("cohorts")),
    /** How the seat was paid, or the admin's reason (bounded). */
    details: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_cohortId", ["cohortId"])
    .index("by_fromCohortId", ["fromCohortId"])
    .index("by_enrollmentId", ["enrollmentId"]),

  /**
   * The one choice each learner of a cancelled cohort gets: transfer to another cohort of the course (a seat of the
   * earliest open cohort with room is held for them for 7 days, counted in that cohort's seats) or a full refund
   * (b2b: the seat goes back to the organization's pool).
   */
  cohortChoices: defineTable({
    cancelledCohortId: v.id("cohorts"),
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    status: vCohortChoiceStatus,
    /** The cohort where a seat is held for the learner, and until when. */
    heldCohortId: v.optional(v.id("cohorts")),
    holdExpiresAt: v.optional(v.number()),
    /** True while the hold occupies a seat of `heldCohortId` (counted in its currentEnrollment). */
    seatHeld: v.boolean(),
    /** Where the learner transferred. */
    transferredToCohortId: v.optional(v.id("cohorts")),
    decidedAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_cancelledCohortId", ["cancelledCohortId"])
    .index("by_enrollmentId", ["enrollmentId"])
    .index("by_heldCohortId_and_seatHeld", ["heldCohortId", "seatHeld"]),

  /**
   * A learner's request outside the course's self-service windows (transfer to a chosen cohort, or a refund), which
   * a platform admin approves (the change is carried out through the same code as self-service) or declines. At most
   * one open request per enrollment.
   */
  enrollmentRequests: defineTable({
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    courseId: v.id("courses"),
    /** The enrollment's cohort when the request was filed (the admins' cohort page lists it there). */
    cohortId: v.id("cohorts"),
    kind: vEnrollmentRequestKind,
    /** For a transfer: the cohort the learner asks for. */
    toCohortId: v.optional(v.id("cohorts")),
    /** The learner's reason (bounded). */
    reason: v.optional(v.string()),
    status: vEnrollmentRequestStatus,
    decidedBy: v.optional(v.id("users")),
    /** The admin's note to the learner (bounded). */
    decisionNote: v.optional(v.string()),
    decidedAt: v.optional(v.number()),
    /**
     * Set when an admin's approval of a refund has claimed the request and is asking Stripe: the learner can no longer
     * withdraw it, nor change the seat (the enrollment's refundRequestedAt is set too).
     */
    approvingAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_enrollmentId_and_status", ["enrollmentId", "status"])
    .index("by_cohortId_and_status", ["cohortId", "status"])
    .index("by_userId", ["userId"]),
};
