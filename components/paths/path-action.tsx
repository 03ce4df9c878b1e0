"use client";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { SignInDialog } from "@/components/auth/sign-in-dialog";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatPrice } from "@/lib/format";
import { PATH_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

/**
 * The one primary action of a path page: buy the bundle, subscribe, follow a per-course path, continue a payment, or
 * open the path the visitor already follows.
 */
export function PathAction({
  pathId,
  pathSlug,
  pricing,
  bundlePriceCents,
  monthlyPriceCents,
}: {
  pathId: Id<"learningPaths">;
  pathSlug: string;
  pricing: "individual" | "bundled" | "subscription";
  bundlePriceCents?: number;
  monthlyPriceCents?: number;
}) {
  const { isAuthenticated, isLoading } = useConvexAuth();
  const mine = useQuery(api.paths.following.forPath, isAuthenticated ? { pathId } : "skip");
  const buyBundle = useMutation(api.paths.checkout.buyBundle);
  const subscribe = useMutation(api.paths.checkout.subscribe);
  const follow = useMutation(api.paths.following.follow);
  const router = useRouter();
  const { pending, run } = useSubmit();
  const [signInOpen, setSignInOpen] = useState(false);

  if (isLoading || (isAuthenticated && mine === undefined)) return <Skeleton className="h-10" />;
  if (mine?.pathEnrollmentId && mine.status) {
    return (
      <div className="space-y-3">
        <p className="flex items-center gap-1.5 text-sm font-medium text-green-800">
          <CheckCircle2 className="size-4" aria-hidden /> You follow this path · {PATH_STATUS[mine.status].label} ·{" "}
          {mine.progressPercent}% done
        </p>
        <Button asChild className="w-full">
          <Link href={`/learn/paths/${mine.pathEnrollmentId}`}>Open my path</Link>
        </Button>
      </div>
    );
  }
  if (mine?.purchase) {
    return (
      <Button asChild className="w-full">
        <Link href={`/checkout/path/${mine.purchase.purchaseId}`}>Continue to payment</Link>
      </Button>
    );
  }
  const bundled = pricing === "bundled" && bundlePriceCents !== undefined;
  const monthly = pricing === "subscription" && monthlyPriceCents !== undefined;
  if (pricing === "subscription" && !monthly) {
    return <p className="text-sm text-gray-700">This path is offered to organizations. Ask us on the teams page.</p>;
  }
  function onStart() {
    if (!isAuthenticated) {
      setSignInOpen(true);
      return;
    }
    // The next page opens when the server answers; the button stays busy so a second click starts nothing twice.
    if (bundled || monthly) {
      void run(() => (monthly ? subscribe({ pathId }) : buyBundle({ pathId })), {
        keepPending: true,
        onSuccess: (purchaseId) => router.push(`/checkout/path/${purchaseId}`),
      });
    } else {
      void run(() => follow({ pathId }), {
        keepPending: true,
        onSuccess: (pathEnrollmentId) => router.push(`/learn/paths/${pathEnrollmentId}`),
      });
    }
  }

  return (
    <>
      <Button className="w-full" loading={pending} onClick={onStart}>
        {monthly
          ? `Subscribe — ${formatPrice(monthlyPriceCents)} a month`
          : bundled
            ? `Buy the bundle — ${formatPrice(bundlePriceCents)}`
            : "Follow this path — free"}
      </Button>
      <p className="mt-2 text-xs text-gray-600">
        {monthly
          ? "Billed monthly through Stripe. Choose each course's cohort as its step opens."
          : bundled
            ? "Paid once through Stripe. Choose each course's cohort as its step opens."
            : "We tell you as each step opens; book each course on its page."}
      </p>
      <SignInDialog
        open={signInOpen}
        onOpenChange={setSignInOpen}
        title={monthly ? "Sign in to subscribe" : bundled ? "Sign in to buy the bundle" : "Sign in to follow this path"}
        description="Your path, its steps and your seats are kept with your account."
        returnTo={`/paths/${pathSlug}`}
      />
    </>
  );
}
