"use client";
import { useMutation, useQuery } from "convex/react";
import { AlertCircle, CheckCircle2, Loader2, LockKeyhole } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatPrice } from "@/lib/format";
import { useSubmit } from "@/lib/use-submit";

/**
 * A bundle's checkout: while Stripe's page is prepared, then on to it; back from it, the receipt once the webhook
 * confirmed the payment, then the learner's path.
 */
export function BundleCheckout({
  purchaseId,
  cancelled,
  returned,
}: {
  purchaseId: Id<"pathPurchases">;
  /** Back from Stripe's page without paying. */
  cancelled: boolean;
  /** Back from Stripe's page after paying: wait for the webhook instead of going to Stripe again. */
  returned: boolean;
}) {
  const status = useQuery(api.paths.checkout.status, { purchaseId });
  const cancel = useMutation(api.paths.checkout.cancel);
  const router = useRouter();
  const { pending: cancelling, run } = useSubmit();
  const pathEnrollmentId = status?.pathEnrollmentId;

  useEffect(() => {
    if (status?.state === "ready" && status.checkoutUrl && !cancelled && !returned)
      window.location.assign(status.checkoutUrl);
  }, [status?.state, status?.checkoutUrl, cancelled, returned]);
  useEffect(() => {
    if (status?.state !== "paid" || !pathEnrollmentId) return;
    const timer = setTimeout(() => router.push(`/learn/paths/${pathEnrollmentId}`), 2500);
    return () => clearTimeout(timer);
  }, [status?.state, pathEnrollmentId, router]);

  if (status === undefined) return <Skeleton className="h-72" />;
  if (status === null) {
    return (
      <Card className="p-8">
        <h1 className="text-xl font-semibold text-gray-900">Purchase not found</h1>
        <p className="mt-2 text-gray-700">This link belongs to another account or no longer exists.</p>
        <Button asChild className="mt-6">
          <Link href="/paths">Browse learning paths</Link>
        </Button>
      </Card>
    );
  }

  const saving = status.listPriceCents - status.amountCents;
  const summary = (
    <div className="mt-4 rounded-md bg-gray-50 p-4 text-sm">
      <p className="font-medium text-gray-900">
        {status.pathTitle} ({status.subscription ? "monthly subscription" : "bundle"})
      </p>
      <p className="text-gray-700">A seat in each of: {status.courseTitles.join(", ")}</p>
      <p className="tabular mt-1 text-gray-700">
        <span className="font-semibold text-gray-900">{formatPrice(status.amountPaidCents ?? status.amountCents)}</span>
        {status.subscription ? (
          " a month · cancel any time"
        ) : saving > 0 ? (
          <>
            {" "}
            instead of <s>{formatPrice(status.listPriceCents)}</s> · you save {formatPrice(saving)}
          </>
        ) : null}
      </p>
    </div>
  );

  if (status.state === "paid") {
    return (
      <Card className="p-8">
        <CheckCircle2 className="size-8 text-green-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">
          {status.subscription ? "Subscription started — you're enrolled" : "Payment received — you're enrolled"}
        </h1>
        <p className="mt-2 text-gray-700">
          {status.subscription
            ? "Your welcome is on its way by email. Choose a cohort for each course as its step opens."
            : "Your receipt is on its way by email. Choose a cohort for each course as its step opens."}
        </p>
        {summary}
        {pathEnrollmentId && (
          <Button asChild className="mt-6">
            <Link href={`/learn/paths/${pathEnrollmentId}`}>Open my path</Link>
          </Button>
        )}
      </Card>
    );
  }
  if (status.state === "ended" || status.state === "refunded") {
    return (
      <Card className="p-8">
        <AlertCircle className="size-8 text-amber-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">This purchase has ended</h1>
        <p className="mt-2 text-gray-700">{status.message ?? "It ended before a payment was confirmed."}</p>
        {summary}
        <Button asChild className="mt-6">
          <Link href={`/paths/${status.pathSlug}`}>Back to the path</Link>
        </Button>
      </Card>
    );
  }
  if (status.state === "awaiting_payment_result" || returned) {
    return (
      <Card className="p-8">
        <Loader2 className="size-8 animate-spin text-brand-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">
          {status.state === "awaiting_payment_result"
            ? "Your bank is processing the payment"
            : "Confirming your payment with Stripe"}
        </h1>
        <p className="mt-2 text-gray-700">This page updates by itself; we email you the receipt.</p>
        {summary}
      </Card>
    );
  }
  return (
    <Card className="p-8">
      <LockKeyhole className="size-8 text-brand-700" aria-hidden />
      <h1 className="mt-3 text-xl font-semibold text-gray-900">
        {cancelled ? "Payment not completed" : "Taking you to secure payment"}
      </h1>
      <p className="mt-2 text-gray-700">
        {cancelled
          ? "You can return to the payment page, or cancel this purchase."
          : "Stripe's payment page opens in a moment; if you come back before paying, nothing is charged."}
      </p>
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
          loading={cancelling}
          onClick={() =>
            void run(() => cancel({ purchaseId }), {
              success: "Purchase cancelled. Nothing was charged.",
              onSuccess: () => router.push(`/paths/${status.pathSlug}`),
            })
          }
        >
          Cancel purchase
        </Button>
      </div>
    </Card>
  );
}
