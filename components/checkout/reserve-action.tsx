"use client";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { ConvexError } from "convex/values";
import { CheckCircle2, Clock } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { SignInDialog } from "@/components/auth/sign-in-dialog";
import { WaitlistAction } from "@/components/waitlist/waitlist-action";
import { Button } from "@/components/ui/button";
import { Countdown } from "@/components/ui/countdown";
import { track } from "@/lib/posthog/client";
import { useSubmit } from "@/lib/use-submit";

/** The one primary action for a cohort: reserve, continue checkout, or show that you are in. */
export function ReserveAction({
  cohortId,
  cohortName,
  seatsLeft,
  courseSlug,
  autoFocus,
  promotionCode = "",
}: {
  cohortId: Id<"cohorts">;
  cohortName: string;
  seatsLeft: number;
  courseSlug: string;
  autoFocus?: boolean;
  /** The promotion code typed on the page; the server checks it when the seat is reserved. */
  promotionCode?: string;
}) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const mine = useQuery(api.payments.checkout.myCohortState, isAuthenticated ? { cohortId } : "skip");
  const waitlistEntry = useQuery(api.waitlist.places.mineForCohort, isAuthenticated ? { cohortId } : "skip");
  const reserve = useMutation(api.payments.checkout.reserve);
  const reserveWithCode = useMutation(api.payments.checkout.reserveWithCode);
  const router = useRouter();
  const { pending, run } = useSubmit();
  const [signInOpen, setSignInOpen] = useState(false);

  if (mine?.state === "paid") {
    return (
      <p className="flex items-center gap-1.5 text-sm font-medium text-green-800">
        <CheckCircle2 className="size-4" aria-hidden /> You&apos;re enrolled ·{" "}
        <Link href="/learn" className="underline">
          my learning
        </Link>
      </p>
    );
  }
  if (
    mine &&
    (mine.state === "ready" || mine.state === "creating_session" || mine.state === "awaiting_payment_result")
  ) {
    return (
      <div className="space-y-2">
        {mine.holdExpiresAt && (
          <p className="flex items-center gap-1.5 text-sm text-amber-800">
            <Clock className="size-4" aria-hidden /> Seat held for <Countdown until={mine.holdExpiresAt} />
          </p>
        )}
        <Button asChild size="sm" className="w-full">
          <Link href={`/checkout/${mine.enrollmentId}`}>Continue to payment</Link>
        </Button>
      </div>
    );
  }
  if (seatsLeft === 0 || waitlistEntry) {
    return <WaitlistAction cohortId={cohortId} cohortName={cohortName} courseSlug={courseSlug} />;
  }

  function onReserve() {
    if (!isAuthenticated) {
      setSignInOpen(true);
      return;
    }
    track("checkout_started", { cohortId, courseSlug });
    // The checkout page opens next; the button stays busy until it does, so a second click reserves nothing twice.
    const code = promotionCode.trim();
    const reserveSeat = async () => {
      if (!code) return await reserve({ cohortId });
      const result = await reserveWithCode({ cohortId, promotionCode: code });
      // A code that cannot be used comes back as an answer (so the try counts); show it like any refusal.
      if (!result.ok) throw new ConvexError({ code: result.code, message: result.message });
      return result.enrollmentId;
    };
    void run(reserveSeat, {
      keepPending: true,
      onSuccess: (enrollmentId) => router.push(`/checkout/${enrollmentId}`),
    });
  }

  return (
    <>
      <Button size="sm" className="w-full" loading={pending || isLoading} onClick={onReserve} autoFocus={autoFocus}>
        Reserve seat<span className="sr-only"> in {cohortName}</span>
      </Button>
      <SignInDialog
        open={signInOpen}
        onOpenChange={setSignInOpen}
        title="Sign in to reserve your seat"
        description="We hold the seat for 30 minutes while you pay."
        returnTo={`/courses/${courseSlug}?reserve=${cohortId}${
          promotionCode.trim() ? `&promo=${encodeURIComponent(promotionCode.trim())}` : ""
        }`}
      />
    </>
  );
}
