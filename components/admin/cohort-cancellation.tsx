"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { ADMIN_GRANT_LABEL, COHORT_CHOICE_STATUS, PAYMENT_TYPE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "Cancel cohort", confirmed in a dialog that names everything the cancellation reaches. */
export function CancelCohort({ cohortId, name }: { cohortId: Id<"cohorts">; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Cancel this cohort</h2>
      <p className="mt-1 text-sm text-gray-700">
        Its sessions and reminders stop, its waitlist closes, and every learner chooses between another date and a full
        refund.
      </p>
      <Button className="mt-3" variant="destructive" onClick={() => setOpen(true)}>
        Cancel cohort
      </Button>
      {open && <CancelDialog cohortId={cohortId} name={name} onClose={() => setOpen(false)} />}
    </Card>
  );
}

function CancelDialog({ cohortId, name, onClose }: { cohortId: Id<"cohorts">; name: string; onClose: () => void }) {
  const preview = useQuery(api.enrollments.cancellation.preview, { cohortId });
  const cancel = useMutation(api.enrollments.cancellation.cancel);
  const { pending, run } = useSubmit();
  return (
    <ActionDialog title={`Cancel ${name}?`} description="This cannot be undone." pending={pending} onClose={onClose}>
      {preview === undefined ? (
        <Skeleton className="h-32" />
      ) : (
        <>
          <ul className="list-disc space-y-1 pl-5 text-sm text-gray-700">
            <li>{plural(preview.sessions, "live session is", "live sessions are")} cancelled, with their reminders.</li>
            <li>
              {plural(preview.learners, "learner", "learners")} each get one choice by email and in the app: transfer to
              another date (a seat is held for 7 days) or a full refund — organization seats go back to the
              organization.
            </li>
            <li>
              The waitlist closes and {plural(preview.waiting, "person waiting is", "people waiting are")} told; people
              waiting for the course&apos;s next date keep their place.
            </li>
            {preview.pendingCheckouts > 0 && (
              <li>{plural(preview.pendingCheckouts, "unpaid checkout ends", "unpaid checkouts end")}.</li>
            )}
            <li>Office hours of this cohort end now.</li>
          </ul>
          <DialogActions className="mt-4" backLabel="Keep the cohort" onBack={onClose} pending={pending}>
            <Button
              variant="destructive"
              loading={pending}
              onClick={() =>
                void run(() => cancel({ cohortId }), {
                  success: ({ learners }) =>
                    `${name} cancelled; ${plural(learners, "learner was", "learners were")} asked to choose.`,
                  onSuccess: onClose,
                })
              }
            >
              Cancel cohort
            </Button>
          </DialogActions>
        </>
      )}
    </ActionDialog>
  );
}

/** Who chose what after the cancellation, live. */
export function CancellationChoices({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const rows = useQuery(api.enrollments.cancellation.choices, { cohortId });
  return (
    <section aria-labelledby="choices-heading">
      <h2 id="choices-heading" className="mb-3 text-base font-semibold text-gray-900">
        Learners&apos; choices
      </h2>
      {rows === undefined ? (
        <Skeleton className="h-40" />
      ) : (
        <Table caption="Learners' choices after the cancellation">
          <TableHeader>
            <TableRow>
              <TableHead>Learner</TableHead>
              <TableHead>Choice</TableHead>
              <TableHead>Details</TableHead>
            </TableRow>
          </TableHeader>
          {rows.length === 0 ? (
            <TableEmpty colSpan={3} title="Nobody was enrolled" description="No learner had to choose." />
          ) : (
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row._id}>
                  <TableCell>
                    <p className="font-medium text-gray-900">{row.learnerName}</p>
                    <p className="text-gray-600">{row.email}</p>
                  </TableCell>
                  <TableCell>
                    <Badge tone={COHORT_CHOICE_STATUS[row.status].tone}>{COHORT_CHOICE_STATUS[row.status].label}</Badge>
                    <p className="mt-1 text-xs text-gray-600">
                      {row.adminGrant ? ADMIN_GRANT_LABEL[row.adminGrant] : PAYMENT_TYPE_LABEL[row.paymentType]}
                    </p>
                  </TableCell>
                  <TableCell>
                    {row.status === "transferred" && row.transferredToName && `To ${row.transferredToName}`}
                    {row.status === "open" &&
                      (row.seatHeld && row.heldCohortName && row.holdExpiresAt
                        ? `Seat held in ${row.heldCohortName} until ${formatDateTime(row.holdExpiresAt)}`
                        : "No seat held")}
                    {row.status === "refund_requested" && "Refund sent to Stripe"}
                    {row.status === "refunded" &&
                      (row.paymentType === "b2b"
                        ? "Seat returned to the organization"
                        : row.adminGrant === "offline"
                          ? "Repay the offline payment by hand"
                          : "Seat released")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      )}
    </section>
  );
}
