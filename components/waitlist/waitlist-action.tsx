"use client";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { Hourglass, PartyPopper } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { InlineSignIn } from "@/components/auth/inline-sign-in";
import { Button } from "@/components/ui/button";
import { Countdown } from "@/components/ui/countdown";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";
import { OfferButtons } from "./offer-buttons";

/** For a full cohort: join the waitlist, see your place live, or take the seat offered to you. */
export function WaitlistAction({ cohortId, cohortName, courseSlug }: { cohortId: Id<"cohorts">; cohortName: string; courseSlug: string }) {
  const { isAuthenticated } = useConvexAuth();
  const entry = useQuery(api.waitlist.mineForCohort, isAuthenticated ? { cohortId } : "skip");
  const options = useQuery(api.users.signInOptions);
  const join = useMutation(api.waitlist.join);
  const leave = useMutation(api.waitlist.leave);
  const toast = useToast();
  const [pending, setPending] = useState(false);
  const [signInOpen, setSignInOpen] = useState(false);

  if (entry?.status === "offered" && entry.offerExpiresAt) {
    return (
      <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="waitlist-offer">
        <p className="flex items-center gap-1.5 text-sm font-medium text-amber-900">
          <PartyPopper className="size-4" aria-hidden /> A seat is yours for <Countdown until={entry.offerExpiresAt} />
        </p>
        <OfferButtons entryId={entry._id} />
      </div>
    );
  }
  if (entry?.status === "waiting") {
    return (
      <div className="space-y-2">
        <p className="flex items-center gap-1.5 text-sm font-medium text-amber-800" data-testid="waitlist-place">
          <Hourglass className="size-4" aria-hidden /> You&apos;re #{entry.place} on the waitlist
        </p>
        {entry.seatsHeldByOffers > 0 && (
          <p className="text-xs text-gray-600">
            {entry.seatsHeldByOffers} seat{entry.seatsHeldByOffers === 1 ? " is" : "s are"} being offered to people ahead of you.
          </p>
        )}
        <Button
          size="sm"
          variant="ghost"
          onClick={() => void leave({ entryId: entry._id }).catch((error: unknown) => toast("error", errorMessage(error)))}
        >
          Leave the waitlist
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-red-700">Sold out — join the waitlist</p>
      <Button
        size="sm"
        variant="secondary"
        className="w-full"
        loading={pending}
        onClick={() => {
          if (!isAuthenticated) {
            setSignInOpen(true);
            return;
          }
          setPending(true);
          join({ cohortId })
            .then(() => toast("success", "You're on the waitlist. We'll email you the moment a seat opens."))
            .catch((error: unknown) => toast("error", errorMessage(error)))
            .finally(() => setPending(false));
        }}
      >
        Join the waitlist<span className="sr-only"> for {cohortName}</span>
      </Button>
      <Dialog open={signInOpen} onOpenChange={setSignInOpen}>
        <DialogContent title="Sign in to join the waitlist" description="Seats that free up are offered in the order people joined.">
          <InlineSignIn returnTo={`/courses/${courseSlug}`} localMode={options?.localMode ?? false} />
        </DialogContent>
      </Dialog>
    </div>
  );
}
