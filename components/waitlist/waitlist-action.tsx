"use client";
import { useConvexAuth, useMutation, useQuery } from "convex/react";
import { Hourglass, PartyPopper } from "lucide-react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { Countdown } from "@/components/ui/countdown";
import { useSubmit } from "@/lib/use-submit";
import { JoinWaitlistButton } from "./join-waitlist-button";
import { OfferButtons } from "./offer-buttons";

/** For a full cohort: join the waitlist, see your place live, or take the seat offered to you. */
export function WaitlistAction({
  cohortId,
  cohortName,
  courseSlug,
}: {
  cohortId: Id<"cohorts">;
  cohortName: string;
  courseSlug: string;
}) {
  const { isAuthenticated } = useConvexAuth();
  const entry = useQuery(api.waitlist.places.mineForCohort, isAuthenticated ? { cohortId } : "skip");
  const join = useMutation(api.waitlist.places.join);
  const leave = useMutation(api.waitlist.places.leave);
  const { pending, run } = useSubmit();

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
            {entry.seatsHeldByOffers} seat{entry.seatsHeldByOffers === 1 ? " is" : "s are"} being offered to people
            ahead of you.
          </p>
        )}
        <Button
          size="sm"
          variant="ghost"
          loading={pending}
          onClick={() => void run(() => leave({ entryId: entry._id }))}
        >
          Leave the waitlist
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-red-700">Sold out — join the waitlist</p>
      <JoinWaitlistButton
        join={() => join({ cohortId })}
        joinedMessage="You're on the waitlist. We'll email you the moment a seat opens."
        dialogDescription="Seats that free up are offered in the order people joined."
        returnTo={`/courses/${courseSlug}`}
      >
        Join the waitlist<span className="sr-only"> for {cohortName}</span>
      </JoinWaitlistButton>
    </div>
  );
}
