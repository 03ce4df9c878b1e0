"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { formatDateTime } from "@/lib/format";
import { ENROLLMENT_REQUEST_KIND_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type RequestRow = FunctionReturnType<typeof api.enrollments.selfService.openRequests>[number];

/**
 * Learners' open transfer and refund requests for this cohort (filed outside the course's self-service windows), live:
 * approving carries the change out now (seats checked at that moment), declining tells the learner.
 */
export function EnrollmentRequests({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const requests = useQuery(api.enrollments.selfService.openRequests, { cohortId });
  const [answering, setAnswering] = useState<{ row: RequestRow; decision: "approve" | "decline" } | null>(null);
  if (requests === undefined) return <Skeleton className="h-16" />;
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="enrollment-requests-heading">
      <h2 id="enrollment-requests-heading" className="mb-3 text-base font-semibold text-gray-900">
        Requests from learners
      </h2>
      <ul className="space-y-3">
        {requests.map((row) => (
          <li key={row._id}>
            <Card className="flex flex-wrap items-start justify-between gap-3 p-4" data-testid="enrollment-request">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-900">
                  {row.learnerName}
                  <Badge tone="warning">{ENROLLMENT_REQUEST_KIND_LABEL[row.kind]}</Badge>
                </p>
                <p className="text-sm break-all text-gray-600">{row.learnerEmail}</p>
                <p className="mt-1 text-sm text-gray-800">
                  {row.kind === "transfer"
                    ? `To ${row.toCohortName ?? "a cohort that no longer exists"}${
                        row.toCohortSeatsLeft === undefined
                          ? ""
                          : row.toCohortSeatsLeft === 0
                            ? " · full now"
                            : ` · ${row.toCohortSeatsLeft} seat${row.toCohortSeatsLeft === 1 ? "" : "s"} left`
                      }`
                    : row.refundSummary}
                </p>
                {row.reason && <p className="mt-1 text-sm text-gray-700">“{row.reason}”</p>}
                <p className="mt-1 text-xs text-gray-600">Filed {formatDateTime(row.createdAt)}</p>
              </div>
              <span className="flex flex-wrap gap-2">
                <Button
                  size="sm"
                  aria-label={`Approve ${row.learnerName}'s request`}
                  onClick={() => setAnswering({ row, decision: "approve" })}
                >
                  Approve
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Decline ${row.learnerName}'s request`}
                  onClick={() => setAnswering({ row, decision: "decline" })}
                >
                  Decline
                </Button>
              </span>
            </Card>
          </li>
        ))}
      </ul>
      {answering && (
        <AnswerDialog row={answering.row} decision={answering.decision} onClose={() => setAnswering(null)} />
      )}
    </section>
  );
}

function AnswerDialog({
  row,
  decision,
  onClose,
}: {
  row: RequestRow;
  decision: "approve" | "decline";
  onClose: () => void;
}) {
  const approve = useAction(api.enrollments.selfService.approve);
  const decline = useMutation(api.enrollments.selfService.decline);
  const { pending, handleSubmit } = useSubmit();
  const [note, setNote] = useState("");
  const args = { requestId: row._id, ...(note.trim() ? { note } : {}) };
  const submit = handleSubmit(() => (decision === "approve" ? approve(args) : decline(args)), {
    success:
      decision === "approve" ? `${row.learnerName}'s request approved.` : `${row.learnerName}'s request declined.`,
    onSuccess: onClose,
  });
  const what =
    row.kind === "transfer"
      ? `moves ${row.learnerName} to ${row.toCohortName ?? "the chosen cohort"} now (if it still has a seat) ` +
        "and frees this seat for the waitlist"
      : `cancels ${row.learnerName}'s seat now: ${row.refundSummary}`;
  return (
    <ActionDialog
      title={decision === "approve" ? `Approve ${row.learnerName}'s request?` : `Decline ${row.learnerName}'s request?`}
      description={
        decision === "approve"
          ? `Approving ${what}. The learner is told by email and in the app.`
          : "Their seat stays as it is. The learner is told by email and in the app."
      }
      pending={pending}
      onClose={onClose}
    >
      <form className="space-y-3" onSubmit={submit}>
        <Field id={`request-note-${row._id}`} label="Note to the learner (optional)">
          <Textarea
            id={`request-note-${row._id}`}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Field>
        <DialogActions backLabel="Back" onBack={onClose} pending={pending}>
          <Button type="submit" variant={decision === "approve" ? "primary" : "destructive"} loading={pending}>
            {decision === "approve" ? "Approve request" : "Decline request"}
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}
