/** Organization seat purchases (Stripe invoices), Stripe events already applied, and payments held for review. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vPaymentReviewReason,
  vPaymentReviewResolution,
  vPaymentReviewStatus,
  vSeatPurchaseStatus,
} from "../validators";

export const paymentsTables = {
  /** One Stripe invoice for org seats (first purchase and every top-up). */
  seatPurchases: defineTable({
    organizationId: v.id("organizations"),
    courseId: v.id("courses"),
    seats: v.number(),
    unitAmountCents: v.number(),
    amountCents: v.number(),
    status: vSeatPurchaseStatus,
    stripeInvoiceId: v.optional(v.string()),
    hostedInvoiceUrl: v.optional(v.string()),
    invoiceError: v.optional(v.string()),
    requestedById: v.optional(v.id("users")),
    paidAt: v.optional(v.number()),
    failedAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId", ["organizationId"])
    .index("by_stripeInvoiceId", ["stripeInvoiceId"]),

  /** Stripe events already handled, so repeated deliveries change nothing. */
  stripeEvents: defineTable({
    eventId: v.string(),
    type: v.string(),
    objectId: v.optional(v.string()),
    outcome: v.string(),
    receivedAt: v.number(),
  }).index("by_eventId", ["eventId"]),

  /** Stripe payments that were not matched to a seat, for platform admins to refund or close (docs/security.md). */
  paymentReviews: defineTable({
    reason: vPaymentReviewReason,
    status: vPaymentReviewStatus,
    stripeEventId: v.string(),
    stripeCheckoutSessionId: v.optional(v.string()),
    stripeInvoiceId: v.optional(v.string()),
    stripePaymentIntentId: v.optional(v.string()),
    /** What was paid. */
    amountCents: v.optional(v.number()),
    currency: v.optional(v.string()),
    /** The price charged for the enrollment, when the payment is on its own session. */
    expectedAmountCents: v.optional(v.number()),
    expectedCurrency: v.optional(v.string()),
    /** The enrollment the payment is for, or (unknown_session) the one it claims to be for. */
    enrollmentId: v.optional(v.id("enrollments")),
    /** The same for organization seat invoices. */
    seatPurchaseId: v.optional(v.id("seatPurchases")),
    refundRequestedAt: v.optional(v.number()),
    refundedCents: v.optional(v.number()),
    resolution: v.optional(vPaymentReviewResolution),
    resolvedById: v.optional(v.id("users")),
    resolvedAt: v.optional(v.number()),
    note: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status_and_createdAt", ["status", "createdAt"])
    .index("by_stripePaymentIntentId", ["stripePaymentIntentId"]),
};
