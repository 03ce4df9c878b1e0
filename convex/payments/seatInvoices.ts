/** Buying organization seats through Stripe invoices (`send_invoice`, quantity = seats, the course's B2B price). */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { appError } from "../errors";
import { internalAction, internalMutation, internalQuery, orgMutation, orgQuery } from "../functions";
import { INVOICE_DAYS_UNTIL_DUE } from "./model/seatInvoices";
import { currency } from "../env";
import { audit } from "../organizations/model/membership";
import { createCustomer, sendSeatInvoice } from "../integrations/stripe";
import { vSeatPurchaseStatus } from "../validators";

const MAX_SEATS_PER_PURCHASE = 1000;

/** Orders seats: records the purchase and has Stripe send the invoice to the organization's contact. */
export const buySeats = orgMutation({
  args: { courseId: v.id("courses"), seats: v.number() },
  adminOnly: true,
  returns: v.id("seatPurchases"),
  handler: async (ctx, { courseId, seats }) => {
    const { organization, viewer } = ctx.access;
    if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS_PER_PURCHASE) {
      throw appError("INVALID_INPUT", `Order between 1 and ${MAX_SEATS_PER_PURCHASE} seats at a time.`);
    }
    const course = await ctx.db.get("courses", courseId);
    if (course === null || course.status !== "published") throw appError("NOT_FOUND", "This course is not on sale.");
    const open = (
      await ctx.db
        .query("seatPurchases")
        .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
        .take(200)
    ).filter((p) => p.status === "creating");
    if (open.length > 0)
      throw appError("INVALID_INPUT", "An invoice is being prepared. Wait a moment before ordering more seats.");
    const now = Date.now();
    const purchaseId = await ctx.db.insert("seatPurchases", {
      organizationId: organization._id,
      courseId,
      seats,
      unitAmountCents: course.priceB2B,
      amountCents: course.priceB2B * seats,
      status: "creating",
      requestedById: viewer._id,
      createdAt: now,
      updatedAt: now,
    });
    await audit(ctx, organization._id, "seats_requested", {
      actorId: viewer._id,
      details: `${seats} seats · ${course.title}`,
    });
    await ctx.scheduler.runAfter(0, internal.payments.seatInvoices.createSeatInvoice, { purchaseId });
    return purchaseId;
  },
});

/** Published programmes with their per-seat B2B price, for the "Buy seats" form. */
export const seatPrices = orgQuery({
  args: {},
  adminOnly: true,
  returns: v.array(v.object({ _id: v.id("courses"), title: v.string(), priceB2B: v.number() })),
  handler: async (ctx) => {
    const courses = await ctx.db
      .query("courses")
      .withIndex("by_status", (q) => q.eq("status", "published"))
      .take(100);
    return courses.map((c) => ({ _id: c._id, title: c.title, priceB2B: c.priceB2B }));
  },
});

export const purchases = orgQuery({
  args: {},
  adminOnly: true,
  returns: v.array(
    v.object({
      _id: v.id("seatPurchases"),
      seats: v.number(),
      amountCents: v.number(),
      courseTitle: v.string(),
      status: vSeatPurchaseStatus,
      hostedInvoiceUrl: v.union(v.string(), v.null()),
      invoiceError: v.union(v.string(), v.null()),
      createdAt: v.number(),
      paidAt: v.union(v.number(), v.null()),
    }),
  ),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("seatPurchases")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", ctx.access.organization._id))
      .order("desc")
      .take(50);
    return await Promise.all(
      rows.map(async (p) => ({
        _id: p._id,
        seats: p.seats,
        amountCents: p.amountCents,
        courseTitle: (await ctx.db.get("courses", p.courseId))?.title ?? "",
        status: p.status,
        hostedInvoiceUrl: p.hostedInvoiceUrl ?? null,
        invoiceError: p.invoiceError ?? null,
        createdAt: p.createdAt,
        paidAt: p.paidAt ?? null,
      })),
    );
  },
});

export const invoiceContext = internalQuery({
  args: { purchaseId: v.id("seatPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const purchase = await ctx.db.get("seatPurchases", purchaseId);
    if (purchase === null) return null;
    const organization = (await ctx.db.get("organizations", purchase.organizationId))!;
    const course = (await ctx.db.get("courses", purchase.courseId))!;
    return { purchase, organization, course };
  },
});

/** Creates the customer (once), the invoice and its line, finalizes and sends it. Idempotent per purchase. */
export const createSeatInvoice = internalAction({
  args: { purchaseId: v.id("seatPurchases") },
  handler: async (ctx, { purchaseId }) => {
    const data = await ctx.runQuery(internal.payments.seatInvoices.invoiceContext, { purchaseId });
    if (data === null || data.purchase.status !== "creating") return;
    const { purchase, organization, course } = data;
    try {
      let customerId = organization.stripeCustomerId;
      if (!customerId) {
        customerId = await createCustomer(organization);
        await ctx.runMutation(internal.payments.seatInvoices.attachCustomer, {
          organizationId: organization._id,
          customerId,
        });
      }
      const invoice = await sendSeatInvoice({
        customerId,
        purchase,
        organization,
        course,
        currency: currency(),
        daysUntilDue: INVOICE_DAYS_UNTIL_DUE,
      });
      await ctx.runMutation(internal.payments.seatInvoices.attachInvoice, { purchaseId, ...invoice });
    } catch (error) {
      await ctx.runMutation(internal.payments.seatInvoices.invoiceFailed, {
        purchaseId,
        detail: (error as Error).message,
      });
    }
  },
});

export const attachCustomer = internalMutation({
  args: { organizationId: v.id("organizations"), customerId: v.string() },
  handler: async (ctx, { organizationId, customerId }) => {
    await ctx.db.patch("organizations", organizationId, { stripeCustomerId: customerId, updatedAt: Date.now() });
  },
});

export const attachInvoice = internalMutation({
  args: { purchaseId: v.id("seatPurchases"), invoiceId: v.string(), hostedInvoiceUrl: v.union(v.string(), v.null()) },
  handler: async (ctx, { purchaseId, invoiceId, hostedInvoiceUrl }) => {
    const purchase = await ctx.db.get("seatPurchases", purchaseId);
    if (purchase === null) return;
    // A webhook may already have moved it on (paid); only fill in what is missing.
    await ctx.db.patch("seatPurchases", purchaseId, {
      stripeInvoiceId: invoiceId,
      hostedInvoiceUrl: hostedInvoiceUrl ?? purchase.hostedInvoiceUrl,
      ...(purchase.status === "creating" ? { status: "open" as const } : {}),
      updatedAt: Date.now(),
    });
    await ctx.db.patch("organizations", purchase.organizationId, { stripeInvoiceId: invoiceId, updatedAt: Date.now() });
  },
});

export const invoiceFailed = internalMutation({
  args: { purchaseId: v.id("seatPurchases"), detail: v.string() },
  handler: async (ctx, { purchaseId, detail }) => {
    console.error(`seat invoice for ${purchaseId} failed: ${detail}`);
    await ctx.db.patch("seatPurchases", purchaseId, {
      status: "void",
      invoiceError: "We could not create the invoice. Nothing was charged; please order again or contact us.",
      updatedAt: Date.now(),
    });
  },
});

/** End of a grace period: suspend when a seat invoice is still past due. */
export const endGrace = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const organization = await ctx.db.get("organizations", organizationId);
    if (organization === null || organization.graceEndsAt === undefined || organization.graceEndsAt > Date.now())
      return;
    const pastDue = (
      await ctx.db
        .query("seatPurchases")
        .withIndex("by_organizationId", (q) => q.eq("organizationId", organizationId))
        .take(200)
    ).some((p) => p.status === "past_due");
    if (!pastDue) {
      await ctx.db.patch("organizations", organizationId, { graceEndsAt: undefined, updatedAt: Date.now() });
      return;
    }
    await ctx.db.patch("organizations", organizationId, { status: "suspended", updatedAt: Date.now() });
    await audit(ctx, organizationId, "status_changed", {
      details: `${organization.status} → suspended (invoice unpaid after grace period)`,
    });
  },
});
