/**
 * Seat invoices. Seats are added when Stripe reports the invoice paid; a
 * failed or overdue invoice starts a grace period, after which the
 * organization is suspended unless it has paid.
 */
import { internal } from "../../_generated/api";
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { currency } from "../../env";
import { audit } from "../../organizations/model/membership";
import { paymentIntentOf, type PaymentFacts, recordPaymentReview } from "./reviews";

export const GRACE_MS = 7 * 24 * 60 * 60 * 1000;
export const INVOICE_DAYS_UNTIL_DUE = 14;

type InvoiceObject = {
  id: string;
  metadata?: Record<string, string> | null;
  hosted_invoice_url?: string | null;
  amount_paid?: number | null;
  currency?: string | null;
  payment_intent?: string | { id: string } | null;
};

/**
 * The seat purchase an invoice belongs to, and whether it is that purchase's
 * own invoice: the one stored on it, or — only while the invoice is still
 * being created and its id not yet stored (its events can overtake that
 * step) — the one naming it in metadata.
 */
async function purchaseForInvoice(ctx: MutationCtx, invoice: InvoiceObject) {
  const byInvoice = await ctx.db
    .query("seatPurchases")
    .withIndex("by_stripeInvoiceId", (q) => q.eq("stripeInvoiceId", invoice.id))
    .unique();
  if (byInvoice) return { purchase: byInvoice, own: true };
  const reference = invoice.metadata?.purchaseId
    ? ctx.db.normalizeId("seatPurchases", invoice.metadata.purchaseId)
    : null;
  const purchase = reference ? await ctx.db.get("seatPurchases", reference) : null;
  return purchase && { purchase, own: purchase.stripeInvoiceId === undefined && purchase.status === "creating" };
}

const invoicePayment = (invoice: InvoiceObject): PaymentFacts => ({
  stripeInvoiceId: invoice.id,
  stripePaymentIntentId: paymentIntentOf(invoice),
  amountCents: typeof invoice.amount_paid === "number" ? invoice.amount_paid : null,
  currency: invoice.currency?.toLowerCase() ?? null,
});

/**
 * Applies one `invoice.*` webhook event; returns what happened (stored with
 * the event). Seats are added only for the purchase's own invoice paid in
 * full in the academy's currency; any other paid invoice naming a purchase
 * goes to the payment review list.
 */
export async function applyInvoiceEvent(
  ctx: MutationCtx,
  eventId: string,
  type: string,
  invoice: InvoiceObject,
): Promise<string> {
  const match = await purchaseForInvoice(ctx, invoice);
  if (match === null) return "ignored: not a seat invoice";
  const { purchase } = match;
  const expected = { amountCents: purchase.amountCents, currency: currency() };
  const review = (reason: "unknown_invoice" | "amount_mismatch" | "currency_mismatch") =>
    recordPaymentReview(
      ctx,
      { reason, stripeEventId: eventId, payment: invoicePayment(invoice), seatPurchaseId: purchase._id, expected },
      { refund: false },
    );
  if (!match.own)
    return type === "invoice.paid" ? await review("unknown_invoice") : "ignored: not this purchase's invoice";
  const organization = await ctx.db.get("organizations", purchase.organizationId);
  if (organization === null) return "ignored: organization deleted";
  const now = Date.now();
  switch (type) {
    case "invoice.paid":
      if (invoice.amount_paid !== purchase.amountCents) return await review("amount_mismatch");
      if (invoice.currency?.toLowerCase() !== expected.currency) return await review("currency_mismatch");
      return await markPaid(ctx, purchase, organization);
    case "invoice.payment_failed":
    case "invoice.overdue": {
      if (purchase.status === "paid" || purchase.status === "void") return `ignored: purchase ${purchase.status}`;
      await ctx.db.patch("seatPurchases", purchase._id, { status: "past_due", failedAt: now, updatedAt: now });
      if (organization.graceEndsAt === undefined) {
        const graceEndsAt = now + GRACE_MS;
        await ctx.db.patch("organizations", organization._id, { graceEndsAt, updatedAt: now });
        await ctx.scheduler.runAt(graceEndsAt, internal.payments.seatInvoices.endGrace, {
          organizationId: organization._id,
        });
      }
      return "grace period started";
    }
    case "invoice.voided":
    case "invoice.marked_uncollectible": {
      if (purchase.status === "paid") return "ignored: already paid";
      await ctx.db.patch("seatPurchases", purchase._id, { status: "void", updatedAt: now });
      return "purchase void";
    }
    case "invoice.finalized":
    case "invoice.sent": {
      if (purchase.status === "creating") {
        await ctx.db.patch("seatPurchases", purchase._id, {
          status: "open",
          stripeInvoiceId: invoice.id,
          hostedInvoiceUrl: invoice.hosted_invoice_url ?? undefined,
          updatedAt: now,
        });
      }
      return "invoice open";
    }
    default:
      return `ignored: ${type}`;
  }
}

async function markPaid(ctx: MutationCtx, purchase: Doc<"seatPurchases">, organization: Doc<"organizations">) {
  if (purchase.status === "paid") return "ignored: already paid";
  const now = Date.now();
  await ctx.db.patch("seatPurchases", purchase._id, { status: "paid", paidAt: now, updatedAt: now });
  const stillPastDue = (
    await ctx.db
      .query("seatPurchases")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", organization._id))
      .take(200)
  ).some((p) => p._id !== purchase._id && p.status === "past_due");
  await ctx.db.patch("organizations", organization._id, {
    seatsPurchased: organization.seatsPurchased + purchase.seats,
    status: stillPastDue && organization.status === "suspended" ? "suspended" : "active",
    graceEndsAt: stillPastDue ? organization.graceEndsAt : undefined,
    updatedAt: now,
  });
  await audit(ctx, organization._id, "seats_added", { details: `${purchase.seats} seats paid` });
  if (organization.status !== "active" && !(stillPastDue && organization.status === "suspended")) {
    await audit(ctx, organization._id, "status_changed", { details: `${organization.status} → active` });
  }
  return `${purchase.seats} seats added`;
}
