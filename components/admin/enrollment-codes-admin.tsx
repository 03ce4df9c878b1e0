"use client";
import { useMutation, useQuery } from "convex/react";
import { TicketCheck } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { ENROLLMENT_CODE_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import {
  CodeActionsCell,
  CodeCell,
  CodeTableHeader,
  CodeUsesDialog,
  CodeUsesList,
  endOfDay,
  UsesAndExpiryFields,
  ValidUntilCell,
} from "./code-parts";

type CodeRow = {
  _id: Id<"enrollmentCodes">;
  code: string;
  cohortName: string;
  courseTitle: string;
  source: "free" | "organization";
  organizationName?: string;
  maxUses: number;
  uses: number;
  expiresAt?: number;
  status: "active" | "disabled";
  description?: string;
};

/** The table of enrollment codes, shared by platform admins and an organization's admins. */
export function EnrollmentCodeTable({
  codes,
  onDisable,
  redemptionsOf,
  isPending,
}: {
  codes: CodeRow[] | undefined;
  onDisable: (code: CodeRow) => void;
  redemptionsOf: (id: Id<"enrollmentCodes">) => React.ReactNode;
  isPending: (key: string) => boolean;
}) {
  const [shown, setShown] = useState<CodeRow | null>(null);
  if (codes === undefined) return <Skeleton className="mt-4 h-40" />;
  return (
    <>
      <Table caption="Enrollment codes" className="mt-4">
        <CodeTableHeader>
          <TableHead>Cohort</TableHead>
          <TableHead>Seat</TableHead>
        </CodeTableHeader>
        {codes.length === 0 ? (
          <TableEmpty colSpan={7} icon={TicketCheck} title="No enrollment codes yet" description="Create one below." />
        ) : (
          <TableBody>
            {codes.map((code) => (
              <TableRow key={code._id}>
                <CodeCell code={code.code} description={code.description} />
                <TableCell>
                  <p className="text-gray-900">{code.cohortName}</p>
                  <p className="text-gray-600">{code.courseTitle}</p>
                </TableCell>
                <TableCell>
                  {code.source === "free" ? "Free" : `${code.organizationName ?? "Organization"}'s seat`}
                </TableCell>
                <ValidUntilCell expiresAt={code.expiresAt} />
                <TableCell numeric className="text-gray-900">
                  {code.uses} / {code.maxUses}
                </TableCell>
                <TableCell>
                  <Badge tone={ENROLLMENT_CODE_STATUS[code.status].tone}>
                    {ENROLLMENT_CODE_STATUS[code.status].label}
                  </Badge>
                </TableCell>
                <CodeActionsCell
                  code={code.code}
                  usesLabel="Redemptions"
                  onShowUses={() => setShown(code)}
                  onDisable={code.status === "active" ? () => onDisable(code) : undefined}
                  disabling={isPending(code._id)}
                />
              </TableRow>
            ))}
          </TableBody>
        )}
      </Table>
      <CodeUsesDialog
        title={shown && `Redemptions of ${shown.code}`}
        description="Who joined with the code, newest first."
        onClose={() => setShown(null)}
      >
        {shown && redemptionsOf(shown._id)}
      </CodeUsesDialog>
    </>
  );
}

/** A list of who redeemed a code. */
export function RedemptionList({
  rows,
}: {
  rows: Array<{ userId: Id<"users">; name: string; email: string; redeemedAt: number }> | undefined;
}) {
  return (
    <CodeUsesList rows={rows} empty="Nobody has redeemed this code yet.">
      {(row) => (
        <li key={row.userId} className="py-2">
          <p className="font-medium text-gray-900">{row.name}</p>
          <p className="text-gray-600">
            {row.email} · {formatDate(row.redeemedAt)}
          </p>
        </li>
      )}
    </CodeUsesList>
  );
}

function AdminRedemptions({ enrollmentCodeId }: { enrollmentCodeId: Id<"enrollmentCodes"> }) {
  return <RedemptionList rows={useQuery(api.codes.enrollment.redemptions, { enrollmentCodeId })} />;
}

/** Platform admins' enrollment codes: any cohort, a free seat or an organization's seat. */
export function EnrollmentCodesAdmin() {
  const codes = useQuery(api.codes.enrollment.list);
  const disable = useMutation(api.codes.enrollment.disable);
  const { isPending, run } = useSubmit();
  return (
    <section className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold text-gray-900">Enrollment codes</h2>
        <p className="mt-1 text-sm text-gray-600">
          People redeem them at /redeem and join the cohort without paying: a free seat, or one of an
          organization&apos;s seats.
        </p>
        <EnrollmentCodeTable
          codes={codes}
          isPending={isPending}
          redemptionsOf={(id) => <AdminRedemptions enrollmentCodeId={id} />}
          onDisable={(code) =>
            void run(() => disable({ enrollmentCodeId: code._id }), {
              key: code._id,
              success: `${code.code} is disabled.`,
            })
          }
        />
      </div>
      <NewEnrollmentCode />
    </section>
  );
}

function NewEnrollmentCode() {
  const cohorts = useQuery(api.catalog.cohorts.list);
  const organizations = useQuery(api.organizations.directory.list);
  const create = useMutation(api.codes.enrollment.create);
  const { pending, run } = useSubmit();
  const [cohortId, setCohortId] = useState("");
  const [organizationId, setOrganizationId] = useState("");
  const [code, setCode] = useState("");
  const [maxUses, setMaxUses] = useState("10");
  const [validUntil, setValidUntil] = useState("");
  const open = (cohorts ?? []).filter((c) => c.status !== "completed" && c.status !== "cancelled");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cohort = cohortId || open[0]?._id;
    if (!cohort) return;
    void run(
      () =>
        create({
          cohortId: cohort as Id<"cohorts">,
          maxUses: Number(maxUses),
          ...(code.trim() ? { code } : {}),
          ...(organizationId ? { organizationId: organizationId as Id<"organizations"> } : {}),
          ...(validUntil ? { expiresAt: endOfDay(validUntil) } : {}),
        }),
      {
        success: (created) => `${created.code} created.`,
        onSuccess: () => {
          setCode("");
          setValidUntil("");
        },
      },
    );
  };
  return (
    <Card className="p-6">
      <h3 className="text-base font-semibold text-gray-900">New enrollment code</h3>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
        <Field id="enroll-cohort" label="Cohort">
          <Select id="enroll-cohort" value={cohortId} onChange={(e) => setCohortId(e.target.value)}>
            {open.map((c) => (
              <option key={c._id} value={c._id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="enroll-source" label="Seat">
          <Select id="enroll-source" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
            <option value="">Free seat (public cohorts)</option>
            {(organizations ?? []).map((o) => (
              <option key={o._id} value={o._id}>
                {o.name}&apos;s seats
              </option>
            ))}
          </Select>
        </Field>
        <Field id="enroll-code" label="Code (optional)" hint="Leave empty to generate one.">
          <Input id="enroll-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <UsesAndExpiryFields
          idPrefix="enroll"
          maxUses={maxUses}
          onMaxUses={setMaxUses}
          validUntil={validUntil}
          onValidUntil={setValidUntil}
        />
        <div className="sm:col-span-2">
          <Button type="submit" loading={pending}>
            Create enrollment code
          </Button>
        </div>
      </form>
    </Card>
  );
}
