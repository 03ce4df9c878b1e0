"use client";
import { useQuery } from "convex/react";
import { AlertCircle, CheckCircle2, Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateRange, formatPrice } from "@/lib/format";
import { track } from "@/lib/posthog/client";

/** Back from Stripe: wait for the webhook's confirmation, show the receipt, then the learner home. */
export function CheckoutReturn({ sessionId }: { sessionId: string }) {
  const enrollmentId = useQuery(api.payments.checkout.enrollmentForCheckoutSession, { checkoutSessionId: sessionId });
  const status = useQuery(api.payments.checkout.status, enrollmentId ? { enrollmentId } : "skip");
  const router = useRouter();
  const paid = status?.state === "paid";

  useEffect(() => {
    if (!paid || !status) return;
    track("seat_purchased", { cohortId: status.cohortId, amountCents: status.amountPaidCents ?? status.amountCents });
    const timer = setTimeout(() => router.push("/learn"), 2500);
    return () => clearTimeout(timer);
  }, [paid, status, router]);

  if (enrollmentId === undefined || (enrollmentId !== null && status === undefined))
    return <Skeleton className="h-64" />;
  if (enrollmentId === null || status === null || status === undefined) {
    return (
      <Card className="p-8">
        <h1 className="text-xl font-semibold text-gray-900">We could not match this payment to your account</h1>
        <p className="mt-2 text-gray-700">
          If you were charged, your receipt email has the details; your seat appears on your learning page once
          confirmed.
        </p>
        <Button asChild className="mt-6">
          <Link href="/learn">Go to my learning</Link>
        </Button>
      </Card>
    );
  }
  if (status.state === "ended" || status.state === "refunded") {
    return (
      <Card className="p-8">
        <AlertCircle className="size-8 text-amber-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">We could not confirm this seat</h1>
        <p className="mt-2 text-gray-700">
          {status.message ??
            "The reservation ended before a payment was confirmed, so the seat went back to the cohort."}
        </p>
        <Button asChild className="mt-6">
          <Link href={`/courses/${status.courseSlug}`}>Back to the course</Link>
        </Button>
      </Card>
    );
  }
  if (!paid) {
    return (
      <Card className="p-8">
        <Loader2 className="size-8 animate-spin text-brand-700" aria-hidden />
        <h1 className="mt-3 text-xl font-semibold text-gray-900">
          {status.state === "awaiting_payment_result"
            ? "Your bank is processing the payment"
            : "Confirming your payment…"}
        </h1>
        <p className="mt-2 text-gray-700">This takes a few seconds. The page updates by itself.</p>
      </Card>
    );
  }
  return (
    <Card className="p-8">
      <CheckCircle2 className="size-10 text-green-700" aria-hidden />
      <h1 className="mt-3 text-xl font-semibold text-gray-900">Payment received — you&apos;re in</h1>
      <div className="mt-4 rounded-md bg-gray-50 p-4 text-sm">
        <p className="font-medium text-gray-900">{status.courseTitle}</p>
        <p className="text-gray-700">
          {status.cohortName} · {formatDateRange(status.startDate, status.endDate, status.timezone)}
        </p>
        {(status.amountPaidCents ?? status.amountCents) !== undefined && (
          <p className="tabular mt-1 font-semibold text-gray-900">
            {formatPrice(status.amountPaidCents ?? status.amountCents ?? 0)} paid
          </p>
        )}
        {status.discount && (
          <p className="tabular text-gray-700">
            {formatPrice(status.discount.listPriceCents)} less {formatPrice(status.discount.discountCents)} with the
            code {status.discount.code}
          </p>
        )}
      </div>
      <p className="mt-4 text-sm text-gray-700">
        A receipt with a calendar file is on its way to your inbox. Taking you to your learning page…
      </p>
      <Button asChild className="mt-6">
        <Link href="/learn">Go to my learning now</Link>
      </Button>
    </Card>
  );
}
