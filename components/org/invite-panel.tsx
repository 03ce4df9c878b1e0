"use client";
import { useMutation, useQuery } from "convex/react";
import { FileUp, MailPlus, RotateCw, X } from "lucide-react";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatRelative } from "@/lib/format";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";
import { CohortSelect } from "./cohort-select";
import { cn } from "@/lib/utils";

type RowResult = {
  line: number;
  email: string;
  status: "invited" | "invalid" | "duplicate" | "member" | "pending" | "other_org";
  message: string;
};
const ROW_TONE = {
  invited: "success",
  invalid: "danger",
  duplicate: "warning",
  member: "neutral",
  pending: "warning",
  other_org: "danger",
} as const;

export function InvitePanel({
  organizationId,
  canInvite,
  canEnroll,
}: {
  organizationId: Id<"organizations">;
  canInvite: boolean;
  canEnroll: boolean;
}) {
  if (!canInvite) {
    return (
      <p className="text-sm text-gray-600">
        Your role does not include inviting people. Ask an administrator of your organization.
      </p>
    );
  }
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <SingleInvite organizationId={organizationId} canEnroll={canEnroll} />
        <CsvInvite organizationId={organizationId} canEnroll={canEnroll} />
      </div>
      <PendingInvites organizationId={organizationId} />
    </div>
  );
}

/** `canEnroll`: the caller's role includes manage_enrollments, which placing invitees in a cohort needs. */
function SingleInvite({ organizationId, canEnroll }: { organizationId: Id<"organizations">; canEnroll: boolean }) {
  const invite = useMutation(api.organizations.invites.create);
  const { pending, run } = useSubmit();
  const [email, setEmail] = useState("");
  const [cohortId, setCohortId] = useState("");
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void run(() => invite({ organizationId, email, cohortId: (cohortId || undefined) as Id<"cohorts"> | undefined }), {
      success: `Invitation sent to ${email.trim().toLowerCase()}.`,
      onSuccess: () => setEmail(""),
    });
  }
  return (
    <Card className="p-5">
      <h3 className="font-semibold text-gray-900">Invite one person</h3>
      <form className="mt-4 space-y-4" onSubmit={onSubmit}>
        <Field id="invite-email" label="Work email">
          <Input
            id="invite-email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="name@company.com"
          />
        </Field>
        {canEnroll && (
          <Field id="invite-cohort" label="Cohort (optional)" hint="They are enrolled as soon as they accept.">
            <CohortSelect id="invite-cohort" organizationId={organizationId} value={cohortId} onChange={setCohortId} />
          </Field>
        )}
        <Button type="submit" loading={pending}>
          <MailPlus className="size-4" aria-hidden /> Send invitation
        </Button>
      </form>
    </Card>
  );
}

function CsvInvite({ organizationId, canEnroll }: { organizationId: Id<"organizations">; canEnroll: boolean }) {
  const upload = useMutation(api.organizations.invites.createFromCsv);
  const toast = useToast();
  const { pending: busy, run } = useSubmit();
  const input = useRef<HTMLInputElement>(null);
  const [cohortId, setCohortId] = useState("");
  const [dragging, setDragging] = useState(false);
  const [report, setReport] = useState<{ fileName: string; invited: number; rows: RowResult[] } | null>(null);

  async function send(file: File) {
    if (file.size > 100_000) {
      toast("error", "This file is too large. Upload at most 500 addresses at a time.");
      return;
    }
    await run(
      async () =>
        upload({
          organizationId,
          csv: await file.text(),
          cohortId: (cohortId || undefined) as Id<"cohorts"> | undefined,
        }),
      {
        onSuccess: (result) => setReport({ fileName: file.name, ...result }),
      },
    );
    // The same file can be chosen again after a fix.
    if (input.current) input.current.value = "";
  }

  return (
    <Card className="p-5">
      <h3 className="font-semibold text-gray-900">Invite from a CSV file</h3>
      <p className="mt-1 text-sm text-gray-600">
        One address per line, or a column headed “email”. Every row gets a result.
      </p>
      <div className="mt-4 space-y-4">
        {canEnroll && (
          <Field id="csv-cohort" label="Cohort for everyone in the file (optional)">
            <CohortSelect id="csv-cohort" organizationId={organizationId} value={cohortId} onChange={setCohortId} />
          </Field>
        )}
        <label
          htmlFor="csv-file"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            const file = e.dataTransfer.files[0];
            if (file) void send(file);
          }}
          className={cn(
            "flex cursor-pointer flex-col items-center justify-center",
            "rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm",
            dragging ? "border-brand-600 bg-brand-50" : "border-gray-300 hover:border-gray-400",
          )}
        >
          <FileUp className="size-6 text-gray-500" aria-hidden />
          <span className="mt-2 font-medium text-gray-900">
            {busy ? "Sending invitations…" : "Drop a .csv file or choose one"}
          </span>
          <span className="text-gray-600">Up to 500 addresses</span>
          <input
            ref={input}
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            className="sr-only"
            disabled={busy}
            onChange={(e) => e.target.files?.[0] && void send(e.target.files[0])}
          />
        </label>
      </div>
      {report && <CsvReport {...report} />}
    </Card>
  );
}

function CsvReport({ fileName, invited, rows }: { fileName: string; invited: number; rows: RowResult[] }) {
  const skipped = rows.length - invited;
  return (
    <div className="mt-5" data-testid="csv-report">
      <p className="text-sm text-gray-900" role="status">
        <strong>{fileName}</strong>: {invited} invited{skipped > 0 ? `, ${skipped} skipped` : ""}.
      </p>
      <Table caption={`Result per row of ${fileName}`} className="mt-2 max-h-72">
        <TableHeader>
          <TableRow>
            <TableHead align="right">Row</TableHead>
            <TableHead>Address</TableHead>
            <TableHead>Result</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.line}>
              <TableCell numeric className="text-gray-600">
                {row.line}
              </TableCell>
              <TableCell className="break-all text-gray-900">
                {row.email || <span className="text-gray-500">(empty)</span>}
              </TableCell>
              <TableCell>
                <Badge tone={ROW_TONE[row.status]}>{row.message}</Badge>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function PendingInvites({ organizationId }: { organizationId: Id<"organizations"> }) {
  const invites = useQuery(api.organizations.invites.listPending, { organizationId });
  const now = useNow(60_000);
  const resend = useMutation(api.organizations.invites.resend);
  const revoke = useMutation(api.organizations.invites.revoke);
  const { isPending, run } = useSubmit();
  return (
    <section aria-labelledby="pending-heading">
      <h3 id="pending-heading" className="font-semibold text-gray-900">
        Waiting for an answer{" "}
        {invites && invites.length > 0 && <span className="tabular text-gray-600">({invites.length})</span>}
      </h3>
      {invites === undefined ? (
        <Skeleton className="mt-3 h-24" />
      ) : invites.length === 0 ? (
        <div className="mt-3">
          <EmptyState
            icon={MailPlus}
            title="No open invitations"
            description="People you invite appear here until they accept; accepted invitations become members."
          />
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
          {invites.map((invite) => {
            const expired = invite.expiresAt <= now;
            return (
              <li key={invite._id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-all text-gray-900">{invite.email}</p>
                  <p className="text-gray-600">
                    {invite.cohortName ? `${invite.cohortName} · ` : ""}sent {formatRelative(invite.lastSentAt, now)}
                    {invite.sendCount > 1 ? ` (${invite.sendCount}×)` : ""} ·{" "}
                    {expired ? "expired" : `expires ${formatRelative(invite.expiresAt, now)}`}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  loading={isPending(`resend:${invite._id}`)}
                  onClick={() =>
                    void run(() => resend({ organizationId, inviteId: invite._id }), {
                      key: `resend:${invite._id}`,
                      success: `A new link went to ${invite.email}.`,
                    })
                  }
                >
                  <RotateCw className="size-4" aria-hidden /> Resend
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  loading={isPending(`revoke:${invite._id}`)}
                  onClick={() =>
                    void run(() => revoke({ organizationId, inviteId: invite._id }), {
                      key: `revoke:${invite._id}`,
                      success: `Invitation to ${invite.email} withdrawn.`,
                    })
                  }
                >
                  <X className="size-4" aria-hidden /> Revoke
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
