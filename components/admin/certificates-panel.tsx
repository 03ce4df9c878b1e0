"use client";
import { useMutation, useQuery } from "convex/react";
import { Award } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { CERTIFICATE_ISSUE_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

/** A cohort's certificates: issuing progress (live), who is not eligible and why, revocation. */
export function CertificatesPanel({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const data = useQuery(api.certificates.plan.forCohort, { cohortId });
  const issue = useMutation(api.certificates.plan.issueForCohort);
  const { pending, run } = useSubmit();
  const [revoking, setRevoking] = useState<{ id: Id<"certificates">; name: string; what: string } | null>(null);
  if (data === undefined) return <Skeleton className="h-40" />;
  const total = data.issued + data.pending + data.failed;
  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-gray-900">Certificates</h2>
          <p className="text-sm text-gray-600">
            Issued automatically when the cohort ends to everyone who met the course&apos;s rules; issue now after
            correcting attendance.
          </p>
        </div>
        <Button
          size="sm"
          variant="secondary"
          loading={pending}
          onClick={() =>
            void run(() => issue({ cohortId }), {
              success: (r) =>
                r.planned + r.retried === 0
                  ? "Nobody new has met the rules yet."
                  : `Issuing ${r.planned + r.retried} certificate${r.planned + r.retried === 1 ? "" : "s"}.`,
            })
          }
        >
          <Award className="size-4" aria-hidden /> Issue certificates now
        </Button>
      </div>
      {total > 0 && (
        <div className="mt-4">
          <div className="flex justify-between text-sm text-gray-700">
            <span>
              {data.issued} of {total} issued{data.failed > 0 ? ` · ${data.failed} failed` : ""}
              {data.revoked > 0 ? ` · ${data.revoked} revoked` : ""}
            </span>
          </div>
          <div className="mt-1.5">
            <ProgressBar
              value={data.issued}
              max={total}
              label="Certificates issued"
              valueText={`${data.issued} of ${total} issued`}
              size="md"
              showValue
            />
          </div>
        </div>
      )}
      <ul className="mt-4 divide-y divide-gray-100 rounded-md border border-gray-200">
        {data.rows.map((row) => (
          <li
            key={row.enrollmentId}
            className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
            data-testid="certificate-row"
          >
            <div className="min-w-0">
              <p className="text-sm font-medium text-gray-900">{row.name}</p>
              <p className="text-xs text-gray-600">
                {("notEligibleReason" in row ? row.notEligibleReason : undefined) ?? row.email}
              </p>
              {row.issueError && (
                <p className="mt-0.5 text-xs text-red-700">
                  Signing failed after three attempts: {row.issueError} Fix the cause, then issue certificates now to
                  try again.
                </p>
              )}
              {row.extras.length > 0 && (
                <ul className="mt-1 space-y-0.5" aria-label={`Also earned by ${row.name}`}>
                  {row.extras.map((extra) => (
                    <li key={extra.certificateId} className="flex flex-wrap items-center gap-x-2 text-xs text-gray-700">
                      <Award className="size-3.5 text-brand-700" aria-hidden />
                      {extra.name}
                      {extra.revoked ? (
                        <Badge tone="danger">Revoked</Badge>
                      ) : (
                        extra.issueStatus !== "issued" && (
                          <Badge tone={CERTIFICATE_ISSUE_STATUS[extra.issueStatus].tone}>
                            {CERTIFICATE_ISSUE_STATUS[extra.issueStatus].label}
                          </Badge>
                        )
                      )}
                      <Link href={`/verify/${extra.publicId}`} className="text-brand-700 hover:underline">
                        View
                        <span className="sr-only">
                          {" "}
                          {extra.name} of {row.name}
                        </span>
                      </Link>
                      {!extra.revoked && extra.issueStatus === "issued" && (
                        <button
                          type="button"
                          className="text-red-700 hover:underline"
                          onClick={() => setRevoking({ id: extra.certificateId, name: row.name, what: extra.name })}
                        >
                          Revoke
                          <span className="sr-only">
                            {" "}
                            {extra.name} of {row.name}
                          </span>
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <span className="flex items-center gap-2">
              {row.publicId === undefined || row.issueStatus === undefined ? (
                <Badge>Not eligible</Badge>
              ) : row.revoked ? (
                <Badge tone="danger">Revoked</Badge>
              ) : (
                <Badge tone={CERTIFICATE_ISSUE_STATUS[row.issueStatus].tone}>
                  {CERTIFICATE_ISSUE_STATUS[row.issueStatus].label}
                </Badge>
              )}
              {row.publicId && (
                <Button asChild size="sm" variant="ghost">
                  <Link href={`/verify/${row.publicId}`}>
                    View<span className="sr-only"> certificate of {row.name}</span>
                  </Link>
                </Button>
              )}
              {row.certificateId && !row.revoked && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setRevoking({ id: row.certificateId!, name: row.name, what: "certificate" })}
                >
                  Revoke<span className="sr-only"> certificate of {row.name}</span>
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {revoking && (
        <RevokeDialog
          certificateId={revoking.id}
          name={revoking.name}
          what={revoking.what}
          onClose={() => setRevoking(null)}
        />
      )}
    </Card>
  );
}

function RevokeDialog({
  certificateId,
  name,
  what,
  onClose,
}: {
  certificateId: Id<"certificates">;
  name: string;
  what: string;
  onClose: () => void;
}) {
  const revoke = useMutation(api.certificates.revocation.revoke);
  const { pending, run } = useSubmit();
  const [reason, setReason] = useState("");
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Revoke ${name}'s ${what}?`}
        description={
          "Its revocation bit is set at once, so every verifier reports it revoked. " +
          "The learner is told the reason. This cannot be undone."
        }
      >
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => revoke({ certificateId, reason }), {
              success: `${name}'s ${what} was revoked.`,
              onSuccess: onClose,
            });
          }}
        >
          <Field id="revoke-reason" label="Reason (shown to the learner and on the verify page)">
            <Textarea id="revoke-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={onClose}>
              Keep it
            </Button>
            <Button type="submit" variant="destructive" loading={pending}>
              Revoke certificate
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
