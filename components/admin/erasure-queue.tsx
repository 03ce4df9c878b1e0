"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Eraser } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { ERASURE_CERTIFICATES_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type Row = FunctionReturnType<typeof api.privacy.erasure.queue>["open"][number];

/** The erasure requests learners filed: carry one out, watch it run, see the last ones done. */
export function ErasureQueue() {
  const queue = useQuery(api.privacy.erasure.queue, {});
  const carryOut = useMutation(api.privacy.erasure.carryOut);
  const [confirming, setConfirming] = useState<Row | null>(null);
  const { pending, run } = useSubmit();
  if (queue === undefined) return <Skeleton className="h-32" />;
  if (queue.open.length === 0 && queue.completed.length === 0) return null;
  return (
    <Card className="p-5" aria-labelledby="erasure-heading">
      <h2 id="erasure-heading" className="flex items-center gap-2 text-base font-semibold text-gray-900">
        <Eraser className="size-4" aria-hidden /> Erasure requests
      </h2>
      <p className="mt-1 text-sm text-gray-600">
        Carry each out within 30 days. Names, addresses and contact details go everywhere; payment records stay without
        them.
      </p>
      {queue.open.length === 0 ? (
        <p className="mt-3 text-sm text-gray-700">No open requests.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100" aria-label="Open erasure requests">
          {queue.open.map((row) => (
            <li key={row._id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="text-sm font-medium text-gray-900">{row.name}</p>
                <p className="text-sm text-gray-600">
                  {row.email} · asked {formatDate(row.requestedAt)} · certificates:{" "}
                  {ERASURE_CERTIFICATES_LABEL[row.certificates]}
                </p>
              </div>
              {row.status === "in_progress" ? (
                <ProgressBar
                  className="w-48"
                  label={`Erasing ${row.name}'s data`}
                  value={row.stepsDone}
                  max={row.stepsTotal}
                  valueText={`${row.stepsDone} of ${row.stepsTotal} steps`}
                  showValue
                />
              ) : (
                <Button size="sm" variant="destructive" onClick={() => setConfirming(row)}>
                  Carry out…
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {queue.completed.length > 0 && (
        <>
          <h3 className="mt-4 text-sm font-semibold text-gray-900">Recently completed</h3>
          <ul className="mt-1 text-sm text-gray-700" aria-label="Completed erasure requests">
            {queue.completed.map((row) => (
              <li key={row._id} className="flex flex-wrap items-center gap-2 py-1">
                <Badge tone="success">Completed</Badge>
                <span>
                  Asked {formatDate(row.requestedAt)}, erased {row.completedAt ? formatDate(row.completedAt) : ""}
                  {row.carriedOutByName ? ` by ${row.carriedOutByName}` : ""} · certificates{" "}
                  {ERASURE_CERTIFICATES_LABEL[row.certificates].toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Dialog open={confirming !== null} onOpenChange={(open) => !open && setConfirming(null)}>
        {confirming && (
          <DialogContent
            title={`Erase ${confirming.name}'s data?`}
            description={
              `Their name, ${confirming.email} and contact details are removed everywhere, ` +
              "they are signed out and leave their organization, and reports that list them are withdrawn. " +
              `Certificates: ${ERASURE_CERTIFICATES_LABEL[confirming.certificates].toLowerCase()}. ` +
              "This cannot be undone."
            }
          >
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
              <Button
                variant="destructive"
                loading={pending}
                onClick={() =>
                  void run(() => carryOut({ requestId: confirming._id }), {
                    success: "Erasure started. The request shows its progress.",
                    onSuccess: () => setConfirming(null),
                  })
                }
              >
                Erase their data
              </Button>
            </div>
          </DialogContent>
        )}
      </Dialog>
    </Card>
  );
}
