"use client";
import { useMutation, useQuery } from "convex/react";
import { Building2 } from "lucide-react";
import { api } from "@/convex/_generated/api";
import { Button } from "@/components/ui/button";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

/** Offers a seat in the organization that owns the learner's email domain, while seats remain. */
export function DomainJoinBanner() {
  const offer = useQuery(api.organizations.domains.domainOffer, {});
  const join = useMutation(api.organizations.domains.joinByDomain);
  const { pending, run } = useSubmit();
  if (!offer) return null;
  const onJoin = () =>
    run(() => join({ organizationId: offer.organizationId }), {
      success: `You joined ${offer.name}. Your administrator can now assign you to a cohort.`,
    });
  return (
    <div className="mx-auto max-w-[1100px] px-4 pt-6">
      <div
        className={cn(
          "flex flex-wrap items-center gap-4",
          "rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm",
        )}
      >
        <Building2 className="size-5 text-brand-700" aria-hidden />
        <p className="min-w-0 flex-1 text-gray-900">
          {offer.seatsLeft > 0 ? (
            <>
              <strong>{offer.name}</strong> has seats on the academy for colleagues like you ({offer.seatsLeft} left).
            </>
          ) : (
            <>
              <strong>{offer.name}</strong> has no free seats right now. Ask your administrator for one.
            </>
          )}
        </p>
        {offer.seatsLeft > 0 && (
          <Button size="sm" loading={pending} onClick={() => void onJoin()}>
            Join {offer.name}
          </Button>
        )}
      </div>
    </div>
  );
}
