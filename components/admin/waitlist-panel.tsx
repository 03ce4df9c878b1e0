"use client";
import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Countdown } from "@/components/ui/countdown";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { OFFER_OUTCOME_LABEL, WAITLIST_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

/** The cohort's waitlist in join order, with manual offers, removal and moves. */
export function WaitlistPanel({ cohortId, courseId }: { cohortId: Id<"cohorts">; courseId: Id<"courses"> }) {
  const rows = useQuery(api.waitlist.lines.forCohort, { cohortId });
  const course = useQuery(api.catalog.courses.get, { courseId });
  const offer = useMutation(api.waitlist.lines.offerManually);
  const remove = useMutation(api.waitlist.lines.remove);
  const move = useMutation(api.waitlist.lines.move);
  const { isPending, run } = useSubmit();
  const otherCohorts = (course?.cohorts ?? []).filter((c) => c._id !== cohortId && c.status === "open");
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Waitlist</h2>
      <p className="text-sm text-gray-600">
        Freed seats go to the first person waiting automatically; raising capacity offers the new seats.
      </p>
      {rows === undefined ? (
        <Skeleton className="mt-3 h-24" />
      ) : rows.length === 0 ? (
        <p className="mt-3 text-sm text-gray-600">Nobody is waiting for this cohort.</p>
      ) : (
        <ol className="mt-3 divide-y divide-gray-100">
          {rows.map((row) => (
            <li key={row._id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="tabular w-8 text-gray-600">#{row.position}</span>
              <span className="min-w-0 flex-1">
                <span className="block font-medium text-gray-900">{row.name}</span>
                <span className="text-gray-600">
                  {row.email} · joined {formatDate(row.joinedAt)}
                </span>
              </span>
              <Badge tone={WAITLIST_STATUS[row.status].tone}>
                {WAITLIST_STATUS[row.status].label}
                {row.offerOutcome && row.status !== "offered" ? ` (${OFFER_OUTCOME_LABEL[row.offerOutcome]})` : ""}
              </Badge>
              {row.offerExpiresAt && (
                <span className="text-xs text-gray-600">
                  expires in <Countdown until={row.offerExpiresAt} />
                </span>
              )}
              {row.status === "waiting" && (
                <Button
                  size="sm"
                  variant="secondary"
                  loading={isPending(`offer:${row._id}`)}
                  onClick={() =>
                    void run(() => offer({ entryId: row._id }), {
                      key: `offer:${row._id}`,
                      success: `Seat offered to ${row.name}.`,
                    })
                  }
                >
                  Offer now
                </Button>
              )}
              {(row.status === "waiting" || row.status === "offered") && (
                <>
                  {otherCohorts.length > 0 && (
                    <Select
                      aria-label={`Move ${row.name} to another cohort`}
                      className="h-8 w-44"
                      value=""
                      disabled={isPending(`move:${row._id}`)}
                      onChange={(e) => {
                        const toCohortId = e.target.value as Id<"cohorts">;
                        void run(() => move({ entryId: row._id, toCohortId }), {
                          key: `move:${row._id}`,
                          success: `${row.name} moved.`,
                        });
                      }}
                    >
                      <option value="">Move to…</option>
                      {otherCohorts.map((c) => (
                        <option key={c._id} value={c._id}>
                          {c.name}
                        </option>
                      ))}
                    </Select>
                  )}
                  <Button
                    size="sm"
                    variant="ghost"
                    loading={isPending(`remove:${row._id}`)}
                    onClick={() =>
                      void run(() => remove({ entryId: row._id }), {
                        key: `remove:${row._id}`,
                        success: `${row.name} removed from the waitlist.`,
                      })
                    }
                  >
                    Remove
                  </Button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
