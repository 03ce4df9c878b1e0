"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import { EnrollmentRequests } from "./enrollment-requests";
import type { FunctionReturnType } from "convex/server";
import { DateTime } from "luxon";
import Link from "next/link";
import { CohortSchedule } from "@/components/sessions/cohort-schedule";
import { CertificatesPanel } from "./certificates-panel";
import { CancelCohort, CancellationChoices } from "./cohort-cancellation";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { CohortStatus } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatDate, formatPrice } from "@/lib/format";
import { ADMIN_GRANT_LABEL, PAYMENT_STATUS, PAYMENT_TYPE_LABEL } from "@/lib/labels";
import { track } from "@/lib/posthog/client";
import { TIMEZONES } from "@/lib/timezones";
import { useSubmit } from "@/lib/use-submit";
import { AddLearnerDialog, EnrollmentHistory, MoveEnrollmentDialog, RemoveEnrollmentDialog } from "./enrollment-tools";
import { PaymentActionDialog } from "./payment-action-dialog";
import { WaitlistPanel } from "./waitlist-panel";

/** The status choices, said for the admin who sets them. */
const STATUS_OPTION: Record<CohortStatus, string> = {
  scheduled: "Scheduled (not yet on sale)",
  open: "Open for enrollment",
  in_progress: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
};

/** Create or edit a cohort; its schedule is placed (or moved) from the course outline. */
export function CohortEditor({
  cohortId,
  courseId,
}: {
  cohortId: Id<"cohorts"> | null;
  courseId: Id<"courses"> | null;
}) {
  const cohort = useQuery(api.catalog.cohorts.get, cohortId ? { cohortId } : "skip");
  const course = useQuery(api.catalog.courses.get, !cohortId && courseId ? { courseId } : "skip");
  if ((cohortId && cohort === undefined) || (!cohortId && courseId && course === undefined))
    return <Skeleton className="h-[600px]" />;
  if ((cohortId && !cohort) || (!cohortId && !course)) {
    return (
      <p className="text-gray-700">
        {cohortId ? "This cohort no longer exists." : "Open a course and choose “New cohort”."}
      </p>
    );
  }
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin" className="text-sm text-brand-700 hover:underline">
          ← All cohorts
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-gray-900">
          {cohort ? cohort.name : `New cohort of ${course!.title}`}
        </h1>
        {cohort && (
          <p className="text-sm text-gray-600">
            <Link href={`/admin/courses/${cohort.courseId}`} className="hover:underline">
              {cohort.courseTitle}
            </Link>
            {cohort.isB2B &&
              (cohort.organization ? (
                <>
                  {" · private cohort of "}
                  <Link href={`/admin/organizations/${cohort.organization._id}`} className="hover:underline">
                    {cohort.organization.name}
                  </Link>
                </>
              ) : (
                " · private organization cohort"
              ))}
          </p>
        )}
      </div>
      {cohort ? (
        <>
          <CohortForm courseId={cohort.courseId} initial={cohort} />
          <Card className="p-5">
            <CohortSchedule cohortId={cohort._id} />
          </Card>
          <CertificatesPanel cohortId={cohort._id} />
          {cohort.status === "cancelled" && <CancellationChoices cohortId={cohort._id} />}
          <WaitlistPanel cohortId={cohort._id} courseId={cohort.courseId} />
          <EnrollmentRequests cohortId={cohort._id} />
          <Enrollments cohort={cohort} />
          {cohort.status !== "cancelled" && cohort.status !== "completed" && (
            <CancelCohort cohortId={cohort._id} name={cohort.name} />
          )}
        </>
      ) : (
        <CohortForm courseId={course!._id} initial={null} />
      )}
    </div>
  );
}

type CohortInitial = NonNullable<FunctionReturnType<typeof api.catalog.cohorts.get>>;

function CohortForm({ courseId, initial }: { courseId: Id<"courses">; initial: CohortInitial | null }) {
  const save = useMutation(api.catalog.cohorts.save);
  const router = useRouter();
  const toast = useToast();
  const { pending: saving, run } = useSubmit();
  const zone = initial?.timezone ?? "Europe/Berlin";
  const toDate = (ms: number | undefined) => (ms ? (DateTime.fromMillis(ms, { zone }).toISODate() ?? "") : "");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const timezone = String(form.get("timezone"));
    const start = DateTime.fromISO(String(form.get("startDate")), { zone: timezone }).startOf("day");
    const end = DateTime.fromISO(String(form.get("endDate")), { zone: timezone }).endOf("day");
    if (!start.isValid || !end.isValid) {
      toast("error", "Enter the first and last day of the cohort.");
      return;
    }
    void run(
      () =>
        save({
          ...(initial ? { cohortId: initial._id } : {}),
          courseId,
          name: String(form.get("name")),
          startDate: start.toMillis(),
          endDate: end.toMillis(),
          timezone,
          maxCapacity: Number(form.get("maxCapacity")),
          zoomLink: String(form.get("zoomLink") ?? ""),
          instructorEmail: String(form.get("instructorEmail") ?? ""),
          status: String(form.get("status")) as CohortInitial["status"],
          waitlistOfferHours: Number(form.get("waitlistOfferHours")),
        }),
      {
        success: initial ? "Cohort saved; learners' schedules updated." : "Cohort created with its schedule.",
        onSuccess: (id) => {
          if (!initial) router.push(`/admin/cohorts/${id}`);
        },
      },
    );
  }

  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Cohort</h2>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
        <div className="sm:col-span-2">
          <Field id="name" label="Name">
            <Input id="name" name="name" defaultValue={initial?.name} required />
          </Field>
        </div>
        <Field id="startDate" label="First day">
          <Input id="startDate" name="startDate" type="date" defaultValue={toDate(initial?.startDate)} required />
        </Field>
        <Field id="endDate" label="Last day">
          <Input id="endDate" name="endDate" type="date" defaultValue={toDate(initial?.endDate)} required />
        </Field>
        <Field id="timezone" label="Timezone" hint="Sessions start at 09:00 in this zone.">
          <Select id="timezone" name="timezone" defaultValue={zone}>
            {TIMEZONES.map((tz) => (
              <option key={tz}>{tz}</option>
            ))}
          </Select>
        </Field>
        <Field
          id="maxCapacity"
          label="Capacity"
          hint={
            initial
              ? `${initial.currentEnrollment} seats taken, counting checkout holds and waitlist offers`
              : undefined
          }
        >
          <Input
            id="maxCapacity"
            name="maxCapacity"
            type="number"
            min="1"
            defaultValue={initial?.maxCapacity ?? 20}
            required
          />
        </Field>
        <Field id="zoomLink" label="Meeting link">
          <Input
            id="zoomLink"
            name="zoomLink"
            type="url"
            defaultValue={initial?.zoomLink}
            placeholder="https://zoom.us/j/…"
          />
        </Field>
        <Field id="instructorEmail" label="Instructor email">
          <Input id="instructorEmail" name="instructorEmail" type="email" defaultValue={initial?.instructorEmail} />
        </Field>
        <Field id="status" label="Status" hint="Open cohorts move to in progress and completed on their dates.">
          <Select id="status" name="status" defaultValue={initial?.status ?? "open"}>
            <SelectOptions
              labels={
                initial?.status === "cancelled"
                  ? { cancelled: STATUS_OPTION.cancelled }
                  : Object.fromEntries(Object.entries(STATUS_OPTION).filter(([status]) => status !== "cancelled"))
              }
            />
          </Select>
        </Field>
        <Field id="waitlistOfferHours" label="Waitlist offers last (hours)" hint="Cut to end 1 hour before the start.">
          <Input
            id="waitlistOfferHours"
            name="waitlistOfferHours"
            type="number"
            min="1"
            max="168"
            defaultValue={initial?.waitlistOfferHours ?? 48}
            required
          />
        </Field>
        <div className="sm:col-span-2">
          <Button type="submit" loading={saving}>
            {initial ? "Save cohort" : "Create cohort"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

type EnrollmentRow = FunctionReturnType<typeof api.enrollments.roster.forCohort>[number];

function Enrollments({ cohort }: { cohort: CohortInitial }) {
  const cohortId = cohort._id;
  const rows = useQuery(api.enrollments.roster.forCohort, { cohortId });
  const refund = useAction(api.payments.refunds.refundEnrollment);
  const [refunding, setRefunding] = useState<EnrollmentRow | null>(null);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<EnrollmentRow | null>(null);
  const [removing, setRemoving] = useState<EnrollmentRow | null>(null);
  const money = (cents: number, row: EnrollmentRow) => formatPrice(cents, row.currency);
  const placeable = cohort.status !== "completed" && cohort.status !== "cancelled";
  return (
    <section aria-labelledby="enrollments-heading">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 id="enrollments-heading" className="text-base font-semibold text-gray-900">
          Enrollments
        </h2>
        {placeable && (
          <Button size="sm" onClick={() => setAdding(true)}>
            Add learner
          </Button>
        )}
      </div>
      {rows === undefined ? (
        <Skeleton className="h-40" />
      ) : (
        <Table caption="Enrollments" sticky="page">
          <TableHeader>
            <TableRow>
              <TableHead>Learner</TableHead>
              <TableHead className="hidden sm:table-cell">Purchased</TableHead>
              <TableHead>Payment</TableHead>
              <TableHead align="right">Amount</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          {rows.length === 0 ? (
            <TableEmpty
              colSpan={5}
              title="Nobody has enrolled yet"
              description="Purchases, organization seats and accepted waitlist offers appear here."
            />
          ) : (
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row._id}>
                  <TableCell>
                    <p className="font-medium text-gray-900">{row.name}</p>
                    <p className="text-gray-600">{row.email}</p>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap sm:table-cell">
                    {formatDate(row.purchaseDate)}
                  </TableCell>
                  <TableCell>
                    <span className="flex flex-wrap items-center gap-1.5">
                      {row.refundRequested ? (
                        <Badge tone="warning">Refund pending</Badge>
                      ) : row.removed ? (
                        <Badge tone="neutral">Removed</Badge>
                      ) : (
                        <Badge tone={PAYMENT_STATUS[row.paymentStatus].tone}>
                          {PAYMENT_STATUS[row.paymentStatus].label}
                        </Badge>
                      )}
                      {row.paymentStatus === "completed" && row.amountRefundedCents !== undefined && (
                        <Badge tone="warning">Partly refunded</Badge>
                      )}
                      <span className="text-xs text-gray-600">
                        {row.adminGrant ? ADMIN_GRANT_LABEL[row.adminGrant] : PAYMENT_TYPE_LABEL[row.paymentType]}
                      </span>
                    </span>
                    {row.offlinePaymentReference && (
                      <p className="mt-1 text-xs text-gray-600">Reference: {row.offlinePaymentReference}</p>
                    )}
                    {row.refundNote && <p className="mt-1 text-xs text-gray-600">Refund reason: {row.refundNote}</p>}
                  </TableCell>
                  <TableCell numeric>
                    {row.amountCents !== undefined ? money(row.amountCents, row) : "—"}
                    {row.amountRefundedCents !== undefined && (
                      <p className="text-xs text-gray-600">{money(row.amountRefundedCents, row)} refunded</p>
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <span className="flex flex-wrap justify-end gap-1.5">
                      {placeable && row.paymentStatus === "completed" && row.seatHeld && (
                        <>
                          <Button
                            size="sm"
                            variant="secondary"
                            aria-label={`Move ${row.name}`}
                            onClick={() => setMoving(row)}
                          >
                            Move
                          </Button>
                          <Button
                            size="sm"
                            variant="secondary"
                            aria-label={`Remove ${row.name}`}
                            onClick={() => setRemoving(row)}
                          >
                            Remove
                          </Button>
                        </>
                      )}
                      {row.refundable && (
                        <Button size="sm" variant="destructive" onClick={() => setRefunding(row)}>
                          Refund
                        </Button>
                      )}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      )}
      {refunding && (
        <PaymentActionDialog
          title={`Refund ${refunding.name}?`}
          description={
            `Stripe returns ${
              refunding.amountCents !== undefined
                ? money(refunding.amountCents - (refunding.amountRefundedCents ?? 0), refunding)
                : "the payment"
            }${refunding.amountRefundedCents !== undefined ? " (what is left of the payment)" : ""}. ` +
            "Their seat is released and access ends."
          }
          noteLabel="Reason (optional, kept with the enrollment)"
          noteRequired={false}
          confirmLabel="Refund and end access"
          destructive
          success={`Refund sent to Stripe for ${refunding.name}.`}
          onConfirm={async (note) => {
            await refund({ enrollmentId: refunding._id, ...(note ? { note } : {}) });
            track("refund_issued", { enrollmentId: refunding._id });
          }}
          onClose={() => setRefunding(null)}
        />
      )}
      {adding && <AddLearnerDialog cohortId={cohortId} isB2B={cohort.isB2B} onClose={() => setAdding(false)} />}
      {moving && <MoveEnrollmentDialog cohortId={cohortId} enrollment={moving} onClose={() => setMoving(null)} />}
      {removing && <RemoveEnrollmentDialog enrollment={removing} onClose={() => setRemoving(null)} />}
      <EnrollmentHistory cohortId={cohortId} />
    </section>
  );
}
