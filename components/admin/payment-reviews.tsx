"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { PaymentReviewReason } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatPrice } from "@/lib/format";
import { track } from "@/lib/posthog/client";
import { PaymentActionDialog } from "./payment-action-dialog";

type Review = FunctionReturnType<typeof api.payments.reviews.list>["open"][number];

/** A payment of another amount or currency: what was expected, and what was not done because of it. */
function expectedInstead(r: Review) {
  const undone = r.organizationName ? "No seats were added." : "The reservation was released.";
  return `Expected ${money(r.expectedAmountCents, r.expectedCurrency)}. ${undone}`;
}

const REASON: Record<PaymentReviewReason, { label: string; explain: (r: Review) => string }> = {
  unknown_session: {
    label: "Paid on a checkout we did not create",
    explain: () => "The payment names this enrollment but is not its Checkout Session, so no seat was given.",
  },
  unknown_invoice: {
    label: "Paid an invoice we did not send for these seats",
    explain: () => "The invoice names this seat purchase but is not the one we sent, so no seats were added.",
  },
  amount_mismatch: {
    label: "Paid a different amount",
    explain: expectedInstead,
  },
  currency_mismatch: {
    label: "Paid in a different currency",
    explain: expectedInstead,
  },
  no_seat_left: {
    label: "Paid after the cohort filled",
    explain: () => "The hold had ended and no seat was left.",
  },
  already_enrolled: {
    label: "Already enrolled in the course",
    explain: () => "The learner meanwhile holds a seat in another cohort of this course.",
  },
  duplicate_payment: {
    label: "Second payment for one seat",
    explain: () => "The enrollment was already paid by another payment.",
  },
};

function money(cents: number | undefined, currency: string | undefined) {
  return cents === undefined ? "an unknown amount" : formatPrice(cents, currency);
}

type Pending = { kind: "refund" | "close"; review: Review };

/** Stripe payments that were not matched to a seat: refund them or close them with a note. Live. */
export function PaymentReviews() {
  const data = useQuery(api.payments.reviews.list);
  const refund = useAction(api.payments.refunds.refundPaymentReview);
  const resolve = useMutation(api.payments.reviews.resolve);
  const [pending, setPending] = useState<Pending | null>(null);

  return (
    <section aria-labelledby="payment-reviews-heading">
      <Card className="p-5">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id="payment-reviews-heading" className="text-base font-semibold text-gray-900">
            Payments to review
          </h2>
          {data && data.open.length > 0 && <Badge tone="warning">{data.open.length} open</Badge>}
        </div>
        <p className="mt-1 text-sm text-gray-600">
          Stripe payments that did not match a reservation. Nothing here gives or takes a seat: refund the payment, or
          close it with a note.
        </p>
        {data === undefined ? (
          <Skeleton className="mt-4 h-20" />
        ) : data.open.length === 0 ? (
          <p className="mt-4 text-sm text-gray-700">No payments need review.</p>
        ) : (
          <ul className="mt-4 divide-y divide-gray-100 border-y border-gray-100">
            {data.open.map((review) => (
              <li key={review._id} className="flex flex-wrap items-start gap-4 py-3">
                <ReviewDetails review={review} />
                <div className="flex gap-2">
                  {review.refundable && (
                    <Button size="sm" variant="destructive" onClick={() => setPending({ kind: "refund", review })}>
                      Refund {money(review.amountCents, review.currency)}
                    </Button>
                  )}
                  <Button size="sm" variant="secondary" onClick={() => setPending({ kind: "close", review })}>
                    Close without refund
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {data && data.resolved.length > 0 && (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-gray-700 hover:text-gray-900">
              Recently resolved ({data.resolved.length})
            </summary>
            <ul className="mt-2 divide-y divide-gray-100">
              {data.resolved.map((review) => (
                <li key={review._id} className="flex flex-wrap items-start gap-4 py-3">
                  <ReviewDetails review={review} />
                  <div className="text-right">
                    <Badge tone={review.resolution === "refunded" ? "neutral" : "brand"}>
                      {review.resolution === "refunded" ? "Refunded" : "Closed without refund"}
                    </Badge>
                    <p className="mt-1 text-xs text-gray-600">
                      {review.resolvedByName ?? (review.resolution === "refunded" ? "Automatically" : "—")}
                      {review.resolvedAt !== undefined && ` · ${formatDateTime(review.resolvedAt)}`}
                    </p>
                    {review.refundedCents !== undefined && (
                      <p className="tabular text-xs text-gray-600">
                        {money(review.refundedCents, review.currency)} back to the customer
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </details>
        )}
      </Card>
      {pending?.kind === "refund" && (
        <PaymentActionDialog
          title={`Refund ${money(pending.review.amountCents, pending.review.currency)}?`}
          description="Stripe returns the whole payment to the customer. No seat changes."
          noteLabel="Reason (optional, sent to Stripe)"
          noteRequired={false}
          confirmLabel="Refund payment"
          destructive
          success="Refund sent to Stripe."
          onConfirm={async (note) => {
            await refund({ reviewId: pending.review._id, ...(note ? { note } : {}) });
            track("refund_issued", { paymentReviewId: pending.review._id });
          }}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === "close" && (
        <PaymentActionDialog
          title="Close without a refund?"
          description="Say what was done, for example how it was settled with the customer. The payment stays with us."
          noteLabel="What was done"
          noteRequired
          confirmLabel="Close review"
          destructive={false}
          success="Review closed."
          onConfirm={(note) => resolve({ reviewId: pending.review._id, note: note ?? "" })}
          onClose={() => setPending(null)}
        />
      )}
    </section>
  );
}

function ReviewDetails({ review }: { review: Review }) {
  const reason = REASON[review.reason];
  return (
    <div className="min-w-0 flex-1 text-sm">
      <p className="font-medium text-gray-900">
        {reason.label} · <span className="tabular">{money(review.amountCents, review.currency)}</span>
      </p>
      <p className="text-gray-700">{reason.explain(review)}</p>
      <p className="text-gray-600">
        {review.organizationName
          ? `${review.organizationName} · seats for ${review.courseTitle ?? "a course"}`
          : review.learnerName
            ? `${review.learnerName} (${review.learnerEmail})`
            : "No matching learner"}
        {review.cohortId && (
          <>
            {" · "}
            <Link href={`/admin/cohorts/${review.cohortId}`} className="text-brand-700 underline hover:text-brand-800">
              {review.cohortName}
            </Link>
          </>
        )}
        {" · "}
        {formatDateTime(review.createdAt)}
      </p>
      <p className="font-mono text-xs break-all text-gray-600">
        {[review.stripePaymentIntentId, review.stripeCheckoutSessionId, review.stripeInvoiceId]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {review.status === "open" && !review.refundable && (
        <p className="mt-1 text-gray-700">
          This payment cannot be refunded from here: refund it in Stripe if needed, then close it.
        </p>
      )}
      {review.note && <p className="mt-1 text-gray-700">Note: {review.note}</p>}
    </div>
  );
}
