"use client";
import { useMutation } from "convex/react";
import { useRouter } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useSubmit } from "@/lib/use-submit";

/** Accept (→ checkout, or enrolled at once for organization members) or decline a waitlist offer. */
export function OfferButtons({ entryId, size = "sm" }: { entryId: Id<"waitlist">; size?: "sm" | "md" }) {
  const accept = useMutation(api.waitlist.offers.accept);
  const decline = useMutation(api.waitlist.offers.decline);
  const router = useRouter();
  const toast = useToast();
  const { pending, isPending, run } = useSubmit();
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        size={size}
        loading={isPending("accept")}
        disabled={pending}
        onClick={() =>
          void run(() => accept({ entryId }), {
            key: "accept",
            onSuccess: ({ enrollmentId, needsPayment }) => {
              if (needsPayment) router.push(`/checkout/${enrollmentId}`);
              else toast("success", "You're enrolled. The schedule is on your learning page.");
            },
          })
        }
      >
        Accept the seat
      </Button>
      <Button
        size={size}
        variant="secondary"
        loading={isPending("decline")}
        disabled={pending}
        onClick={() =>
          void run(() => decline({ entryId }), {
            key: "decline",
            success: "Offer declined. The seat goes to the next person.",
          })
        }
      >
        Decline
      </Button>
    </div>
  );
}
