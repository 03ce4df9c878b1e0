/**
 * Promotion codes at checkout: which code a buyer typed, whether it may be used for this course now, and what it takes
 * off. We check scope, expiry and use limit before Stripe sees the code, so the buyer reads why in our words; Stripe
 * applies the same discount to the Checkout Session, and the webhook accepts only the amount computed here.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";

/** Letters and digits, as Stripe accepts them; stored and matched in upper case. */
export const CODE_PATTERN = /^[A-Z0-9]{3,40}$/;

/** The code as stored: trimmed and upper-cased; refuses (INVALID_INPUT) anything Stripe would not accept. */
export function normalizeCode(code: string) {
  const normalized = code.trim().toUpperCase();
  if (!CODE_PATTERN.test(normalized)) {
    throw appError("INVALID_INPUT", "A code is 3 to 40 letters and digits, without spaces.");
  }
  return normalized;
}

/** What a code takes off a price: a percentage rounded to the cent (as Stripe rounds it), or a fixed amount. */
export function discountOff(code: Pick<Doc<"promotionCodes">, "percentOff" | "amountOffCents">, priceCents: number) {
  if (code.percentOff !== undefined) return Math.round((priceCents * code.percentOff) / 100);
  return Math.min(code.amountOffCents ?? 0, priceCents);
}

/** The active code a buyer typed, or null. */
export async function activeCode(ctx: QueryCtx, typed: string) {
  const code = typed.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) return null;
  const rows = await ctx.db
    .query("promotionCodes")
    .withIndex("by_code", (q) => q.eq("code", code))
    .take(20);
  return rows.find((row) => row.status === "active" && row.stripePromotionCodeId !== undefined) ?? null;
}

/** Checkouts holding a seat with this code, which count against its use limit until they are paid or end. */
async function heldCheckouts(ctx: QueryCtx, code: Doc<"promotionCodes">, limit: number) {
  const pending = await ctx.db
    .query("enrollments")
    .withIndex("by_promotionCodeId_and_paymentStatus", (q) =>
      q.eq("promotionCodeId", code._id).eq("paymentStatus", "pending"),
    )
    .take(limit);
  return pending.filter((e) => e.seatHeld).length;
}

/**
 * The discount a typed code gives on this course now, or a refusal that says why: unknown or disabled
 * (CODE_INVALID), past its expiry (CODE_EXPIRED), used up by paid and held checkouts (CODE_EXHAUSTED), for another
 * course or currency (CODE_NOT_APPLICABLE).
 */
export async function discountFor(
  ctx: QueryCtx,
  typed: string,
  purchase: { course: Doc<"courses">; priceCents: number; currency: string; now: number },
) {
  const code = await activeCode(ctx, typed);
  if (code === null) throw appError("CODE_INVALID", `The code “${typed.trim()}” is not valid. Check its spelling.`);
  if (code.expiresAt !== undefined && code.expiresAt <= purchase.now) {
    throw appError("CODE_EXPIRED", `The code ${code.code} has expired.`);
  }
  if (code.maxRedemptions !== undefined) {
    const held = await heldCheckouts(ctx, code, code.maxRedemptions);
    if (code.timesRedeemed + held >= code.maxRedemptions) {
      throw appError("CODE_EXHAUSTED", `The code ${code.code} has been used as many times as it allows.`);
    }
  }
  if (code.courseId !== undefined && code.courseId !== purchase.course._id) {
    throw appError("CODE_NOT_APPLICABLE", `The code ${code.code} is not valid for ${purchase.course.title}.`);
  }
  if (code.amountOffCents !== undefined && code.currency !== purchase.currency) {
    throw appError("CODE_NOT_APPLICABLE", `The code ${code.code} is for payments in ${code.currency.toUpperCase()}.`);
  }
  const discountCents = discountOff(code, purchase.priceCents);
  return {
    promotionCodeId: code._id,
    listPriceCents: purchase.priceCents,
    discountCents,
    amountCents: purchase.priceCents - discountCents,
  };
}

export type Discount = Awaited<ReturnType<typeof discountFor>>;

/** A paid checkout used the code once more. */
export async function countRedemption(ctx: MutationCtx, promotionCodeId: Id<"promotionCodes">) {
  const code = await ctx.db.get("promotionCodes", promotionCodeId);
  if (code === null) return;
  await ctx.db.patch("promotionCodes", code._id, { timesRedeemed: code.timesRedeemed + 1, updatedAt: Date.now() });
}
