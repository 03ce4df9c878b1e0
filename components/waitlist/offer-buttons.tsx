"use client";
import { useMutation } from "convex/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";

/** Accept (→ checkout, or enrolled at once for organization members) or decline a waitlist offer. */
export function OfferButtons({ entryId, size = "sm" }: { entryId: Id<"waitlist">; size?: "sm" | "md" }) {
  const accept = useMutation(api.waitlist.offers.accept);
  const decline = useMutation(api.waitlist.offers.decline);
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState<"accept" | "decline" | null>(null);
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        size={size}
        loading={pending === "accept"}
        disabled={pending !== null}
        onClick={() => {
          setPending("accept");
          accept({ entryId })
            .then(({ enrollmentId, needsPayment }) => {
              if (needsPayment) router.push(`/checkout/${enrollmentId}`);
              else toast("success", "You're enrolled. The schedule is on your learning page.");
            })
            .catch((error: unknown) => toast("error", errorMessage(error)))
            .finally(() => setPending(null));
        }}
      >
        Accept the seat
      </Button>
      <Button
        size={size}
        variant="secondary"
        loading={pending === "decline"}
        disabled={pending !== null}
        onClick={() => {
          setPending("decline");
          decline({ entryId })
            .then(() => toast("success", "Offer declined. The seat goes to the next person."))
            .catch((error: unknown) => toast("error", errorMessage(error)))
            .finally(() => setPending(null));
        }}
      >
        Decline
      </Button>
    </div>
  );
}
