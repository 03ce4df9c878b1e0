"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateRange, formatDateTime } from "@/lib/format";
import { COHORT_CHOICE_STATUS } from "@/lib/labels";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";

const MINUTE = 60_000;

/** The one choice a learner of a cancelled cohort makes: another date in one click, or a full refund. */
export function CohortChoice({ choiceId }: { choiceId: Id<"cohortChoices"> }) {
  // Minute steps keep the subscription stable while the list of open dates stays current.
  const now = Math.floor(useNow(MINUTE) / MINUTE) * MINUTE;
  const choice = useQuery(api.enrollments.choices.get, { choiceId, now });
  const transfer = useMutation(api.enrollments.choices.transfer);
  const refund = useAction(api.enrollments.choices.refund);
  const router = useRouter();
  const { isPending, pending, run } = useSubmit();

  if (choice === undefined) return <Skeleton className="h-80" />;
  if (choice === null) {
    return (
      <Card className="p-8">
        <h1 className="text-xl font-semibold text-gray-900">Choice not found</h1>
        <p className="mt-2 text-gray-700">
          This link belongs to another account.{" "}
          <Link href="/learn" className="text-brand-700 underline">
            Back to my learning
          </Link>
        </p>
      </Card>
    );
  }
  const status = COHORT_CHOICE_STATUS[choice.status];
  return (
    <Card className="p-8">
      <div className="flex items-start justify-between gap-3">
        <h1 className="text-xl font-semibold text-gray-900">{choice.cancelledCohortName} was cancelled</h1>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <p className="mt-2 text-gray-700">
        We are sorry: this cohort of {choice.courseTitle} will not run. Choose one of the options below — you choose
        once.
      </p>
      {choice.status === "transferred" && (
        <p className="mt-6 text-gray-900">
          You moved to <strong>{choice.transferredToName}</strong>. Your new schedule is on{" "}
          <Link href="/learn" className="text-brand-700 underline">
            your learning page
          </Link>
          .
        </p>
      )}
      {choice.status === "refund_requested" && (
        <p className="mt-6 text-gray-900">Your refund is on its way: {choice.refundSummary}</p>
      )}
      {choice.status === "refunded" && <p className="mt-6 text-gray-900">Done. {choice.refundSummary}</p>}
      {choice.status === "open" && (
        <>
          <section aria-labelledby="transfer-heading" className="mt-6">
            <h2 id="transfer-heading" className="text-base font-semibold text-gray-900">
              Move to another date
            </h2>
            {choice.options.length === 0 ? (
              <p className="mt-2 text-sm text-gray-700">
                No other date of this course has a free seat right now. You can still take the refund.
              </p>
            ) : (
              <ul className="mt-3 space-y-3">
                {choice.options.map((option) => (
                  <li
                    key={option.cohortId}
                    className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-gray-200 p-4"
                  >
                    <div>
                      <p className="font-medium text-gray-900">{option.name}</p>
                      <p className="text-sm text-gray-700">
                        {formatDateRange(option.startDate, option.endDate, option.timezone)}
                      </p>
                      {option.held && choice.holdExpiresAt ? (
                        <p className="text-sm text-gray-700">
                          Seat held for you until {formatDateTime(choice.holdExpiresAt)}
                        </p>
                      ) : (
                        <p className="text-sm text-gray-700">{option.seatsLeft} seats left</p>
                      )}
                    </div>
                    <Button
                      loading={isPending(option.cohortId)}
                      disabled={pending}
                      aria-label={`Transfer to ${option.name}`}
                      onClick={() =>
                        void run(() => transfer({ choiceId, toCohortId: option.cohortId }), {
                          key: option.cohortId,
                          success: `You moved to ${option.name}.`,
                          onSuccess: () => router.push("/learn"),
                        })
                      }
                    >
                      Transfer
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="refund-heading" className="mt-8">
            <h2 id="refund-heading" className="text-base font-semibold text-gray-900">
              Or get a full refund
            </h2>
            <p className="mt-2 text-sm text-gray-700">{choice.refundSummary}</p>
            <Button
              className="mt-3"
              variant="secondary"
              loading={isPending("refund")}
              disabled={pending}
              onClick={() =>
                void run(() => refund({ choiceId }), { key: "refund", success: "Your refund is on its way." })
              }
            >
              {choice.paymentType === "b2b" ? "Give my seat back" : "Refund me in full"}
            </Button>
          </section>
        </>
      )}
    </Card>
  );
}
