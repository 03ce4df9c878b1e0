"use client";
import { useMutation, useQuery } from "convex/react";
import { AlertCircle, Loader2, LockKeyhole } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { EnrollmentFailure } from "@/convex/validators";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Countdown } from "@/components/ui/countdown";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateRange, formatPrice } from "@/lib/format";
import { useSubmit } from "@/lib/use-submit";

/** Why the seat went back, in the buyer's words. */
const ENDED: Record<EnrollmentFailure, string> = {
  hold_expired: "The 30-minute hold ended before payment, so the seat went back to the cohort.",
  checkout_expired: "The payment page expired, so the seat went back to the cohort.",
  payment_failed: "The payment did not go through, so the seat went back to the cohort.",
  cancelled: "You released this seat.",
  checkout_error: "We could not start the payment, so the seat went back to the cohort.",
  payment_under_review:
    "We received a payment that does not match this purchase. Our team will review it and contact you.",
  removed: "Our team took this enrollment out of the cohort and emailed you about it.",
};

/** The status names the failure as a plain string; one we have no words for reads as the general case. */
function endedMessage(reason: string | undefined) {
  return reason !== undefined && reason in ENDED ? ENDED[reason as EnrollmentFailure] : "The seat is no longer held.";
}

/** Holds the seat while Stripe's page is prepared, then sends the buyer there. */
export function CheckoutProgress({ enrollmentId, cancelled }: { enrollmentId: Id<"enrollments">; cancelled: boolean }) {
  const status = useQuery(api.payments.checkout.status, { enrollmentId });
  const cancel = useMutation(api.payments.checkout.cancel);
  const router = useRouter();
  const { pending: releasing, run } = useSubmit();

  useEffect(() => {
    if (status?.state === "ready" && status.checkoutUrl && !cancelled) window.location.assign(status.checkoutUrl);
    if (status?.state === "paid") router.replace("/learn");
  }, [status?.state, status?.checkoutUrl, cancelled, router]);

  if (status === undefined) return <Skeleton className="h-64" />;
  if (status === null) {
    return (
      <Card className="p-8">
        <h1 className="text-xl font-semibold text-gray-900">Reservation not found</h1>
        <p className="mt-2 text-gray-700">This link belongs to another account or no longer exists.</p>
        <Button asChild className="mt-6">
          <Link href="/courses">Browse courses</Link>
        </Button>
      </Card>
    );
  }

  const summary = (
    <div className="mt-4 rounded-md bg-gray-50 p-4 text-sm">
      <p className="font-medium text-gray-900">{status.courseTitle}</p>
      <p className="text-gray-700">
        {status.cohortName} · {formatDateRange(status.startDate, status.endDate, status.timezone)}
      </p>
      {status.discount && (
        <p className="tabular mt-1 text-gray-700">
          <s>{formatPrice(status.discount.listPriceCents)}</s> · code {status.discount.code} −
          {formatPrice(status.discount.discountCents)}
        </p>
      )}
      {status.amountCents !== undefined && (
        <p className="tabular mt-1 font-semibold text-gray-900">{formatPrice(status.amountCents)}</p>
      )}
    </div>
  );

  if (status.state === "ended" || status.state === "refunded") {
    return (
      <Card className="p-8">
        <AlertCircle className="size-8 text-amber-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">This reservation has ended</h1>
        <p className="mt-2 text-gray-700">{status.message ?? endedMessage(status.failureReason)}</p>
        {summary}
        <Button asChild className="mt-6">
          <Link href={`/courses/${status.courseSlug}`}>Back to the course</Link>
        </Button>
      </Card>
    );
  }

  if (status.state === "awaiting_payment_result") {
    return (
      <Card className="p-8">
        <Loader2 className="size-8 animate-spin text-brand-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">Your bank is processing the payment</h1>
        <p className="mt-2 text-gray-700">
          Your seat stays held until the bank confirms. We will email you, and this page updates by itself.
        </p>
        {summary}
      </Card>
    );
  }

  return (
    <Card className="p-8">
      <LockKeyhole className="size-8 text-brand-700" aria-hidden />
      <h1 className="mt-3 text-xl font-semibold text-gray-900">
        {cancelled
          ? "Payment not completed — your seat is still held"
          : "Your seat is held — taking you to secure payment"}
      </h1>
      {status.holdExpiresAt && (
        <p className="mt-2 text-gray-700">
          Held for <Countdown until={status.holdExpiresAt} className="font-semibold text-amber-800" />, then it goes
          back to the cohort.
        </p>
      )}
      {summary}
      <div className="mt-6 flex flex-wrap gap-3">
        {status.state === "ready" && status.checkoutUrl ? (
          <Button asChild>
            <a href={status.checkoutUrl}>{cancelled ? "Return to payment" : "Continue to payment"}</a>
          </Button>
        ) : (
          <Button loading>Preparing payment…</Button>
        )}
        <Button
          variant="secondary"
          loading={releasing}
          onClick={() => void run(() => cancel({ enrollmentId }), { success: "Your seat was released." })}
        >
          Release my seat
        </Button>
      </div>
    </Card>
  );
}
