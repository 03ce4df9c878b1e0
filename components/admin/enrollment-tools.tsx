"use client";
import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { AddLearnerPayment } from "@/convex/validators";
import { Button } from "@/components/ui/button";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { formatDate, formatDateTime } from "@/lib/format";
import { ADD_LEARNER_PAYMENT_LABEL, ENROLLMENT_AUDIT_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type PaymentKind = AddLearnerPayment["kind"];

/** "Add learner" by email: the account is created if needed and the welcome email carries the calendar file. */
export function AddLearnerDialog({
  cohortId,
  isB2B,
  onClose,
}: {
  cohortId: Id<"cohorts">;
  isB2B: boolean;
  onClose: () => void;
}) {
  const add = useMutation(api.enrollments.operations.add);
  const organizations = useQuery(api.organizations.directory.list, {});
  const { pending, handleSubmit } = useSubmit();
  const [kind, setKind] = useState<PaymentKind>(isB2B ? "organization" : "comp");
  const [fields, setFields] = useState({ email: "", name: "", reference: "", organizationId: "" });
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [key]: event.target.value }));

  function payment(): AddLearnerPayment {
    if (kind === "offline") return { kind, reference: fields.reference };
    if (kind === "organization") return { kind, organizationId: fields.organizationId as Id<"organizations"> };
    return { kind };
  }

  return (
    <ActionDialog
      title="Add a learner"
      description={
        "Takes a seat of this cohort now. " +
        "A new address gets an account; the learner gets the welcome email with the calendar file."
      }
      pending={pending}
      onClose={onClose}
    >
      <form
        className="space-y-3"
        onSubmit={handleSubmit(
          () =>
            add({
              cohortId,
              email: fields.email,
              ...(fields.name.trim() ? { name: fields.name } : {}),
              payment: payment(),
            }),
          {
            success: ({ accountCreated }) =>
              accountCreated ? `Account created and ${fields.email.trim()} added.` : `${fields.email.trim()} added.`,
            onSuccess: onClose,
          },
        )}
      >
        <Field id="add-learner-email" label="Email">
          <Input id="add-learner-email" type="email" required value={fields.email} onChange={set("email")} />
        </Field>
        <Field id="add-learner-name" label="Name" hint="Only used when the address has no account yet.">
          <Input id="add-learner-name" value={fields.name} maxLength={120} onChange={set("name")} />
        </Field>
        <Field id="add-learner-payment" label="Seat paid by">
          <Select
            id="add-learner-payment"
            value={kind}
            onChange={(event) => setKind(event.target.value as PaymentKind)}
          >
            <SelectOptions
              labels={isB2B ? { organization: ADD_LEARNER_PAYMENT_LABEL.organization } : ADD_LEARNER_PAYMENT_LABEL}
            />
          </Select>
        </Field>
        {kind === "offline" && (
          <Field id="add-learner-reference" label="Payment reference" hint="Invoice, transfer or order number.">
            <Input
              id="add-learner-reference"
              required
              minLength={2}
              maxLength={500}
              value={fields.reference}
              onChange={set("reference")}
            />
          </Field>
        )}
        {kind === "organization" &&
          (organizations === undefined ? (
            <Skeleton className="h-16" />
          ) : (
            <Field
              id="add-learner-organization"
              label="Organization"
              hint="The learner joins it and uses one of its seats."
            >
              <Select
                id="add-learner-organization"
                required
                value={fields.organizationId}
                onChange={set("organizationId")}
              >
                <option value="">Choose an organization</option>
                {organizations.map((o) => (
                  <option key={o._id} value={o._id}>
                    {o.name} ({o.seatsPurchased - o.seatsUsed} of {o.seatsPurchased} seats free)
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        <DialogActions onBack={onClose} pending={pending}>
          <Button type="submit" loading={pending}>
            Add learner
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}

/** Moves an enrollment to another cohort of the course; the learner gets the new dates and calendar file. */
export function MoveEnrollmentDialog({
  cohortId,
  enrollment,
  onClose,
}: {
  cohortId: Id<"cohorts">;
  enrollment: { _id: Id<"enrollments">; name: string };
  onClose: () => void;
}) {
  const targets = useQuery(api.enrollments.operations.moveTargets, { cohortId });
  const move = useMutation(api.enrollments.operations.move);
  const { pending, handleSubmit } = useSubmit();
  const [target, setTarget] = useState("");
  return (
    <ActionDialog
      title={`Move ${enrollment.name}`}
      description={
        "Takes a seat in the chosen cohort and frees this one for the waitlist. " +
        "The learner is emailed the new dates with a calendar file."
      }
      pending={pending}
      onClose={onClose}
    >
      {targets === undefined ? (
        <Skeleton className="h-24" />
      ) : targets.length === 0 ? (
        <p className="text-sm text-gray-700">This course has no other cohort that is not over or cancelled.</p>
      ) : (
        <form
          className="space-y-3"
          onSubmit={handleSubmit(() => move({ enrollmentId: enrollment._id, toCohortId: target as Id<"cohorts"> }), {
            success: `${enrollment.name} moved.`,
            onSuccess: onClose,
          })}
        >
          <Field id="move-target" label="New cohort">
            <Select id="move-target" required value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose a cohort</option>
              {targets.map((c) => (
                <option key={c._id} value={c._id} disabled={c.seatsLeft === 0}>
                  {c.name} · {formatDate(c.startDate)} · {c.seatsLeft === 0 ? "full" : `${c.seatsLeft} seats left`}
                  {c.isB2B ? " · private" : ""}
                </option>
              ))}
            </Select>
          </Field>
          <DialogActions onBack={onClose} pending={pending}>
            <Button type="submit" loading={pending}>
              Move enrollment
            </Button>
          </DialogActions>
        </form>
      )}
    </ActionDialog>
  );
}

/** Removes an enrollment (no refund: that is the roster's Refund); the learner is told. */
export function RemoveEnrollmentDialog({
  enrollment,
  onClose,
}: {
  enrollment: { _id: Id<"enrollments">; name: string };
  onClose: () => void;
}) {
  const remove = useMutation(api.enrollments.operations.remove);
  const { pending, handleSubmit } = useSubmit();
  const [reason, setReason] = useState("");
  const submit = handleSubmit(() => remove({ enrollmentId: enrollment._id, ...(reason.trim() ? { reason } : {}) }), {
    success: `${enrollment.name} removed; the seat went to the waitlist.`,
    onSuccess: onClose,
  });
  return (
    <ActionDialog
      title={`Remove ${enrollment.name}?`}
      description={
        "Their seat is freed (offered to the waitlist first) and their access ends now. " +
        "Nothing is refunded: refund a payment separately."
      }
      pending={pending}
      onClose={onClose}
    >
      <form className="space-y-3" onSubmit={submit}>
        <Field id="remove-reason" label="Reason (optional, sent to the learner)">
          <Textarea id="remove-reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <DialogActions onBack={onClose} pending={pending}>
          <Button type="submit" variant="destructive" loading={pending}>
            Remove from cohort
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}

/** What admins did to this cohort's enrollments, newest first. */
export function EnrollmentHistory({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const entries = useQuery(api.enrollments.operations.history, { cohortId });
  if (entries === undefined) return <Skeleton className="h-16" />;
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="enrollment-history-heading" className="mt-6">
      <h3 id="enrollment-history-heading" className="mb-2 text-sm font-semibold text-gray-900">
        Changes to enrollments
      </h3>
      <ul className="space-y-1 text-sm text-gray-700">
        {entries.map((entry) => (
          <li key={entry._id}>
            <span className="font-medium text-gray-900">{ENROLLMENT_AUDIT_LABEL[entry.action]}</span>{" "}
            {entry.learnerName}
            {(entry.action === "moved" || entry.action === "self_transferred" || entry.action === "request_approved") &&
              entry.otherCohortName &&
              (entry.direction === "in" ? ` from ${entry.otherCohortName}` : ` to ${entry.otherCohortName}`)}
            {entry.details ? ` — ${entry.details}` : ""}{" "}
            <span className="text-gray-600">
              · {entry.actorName}, {formatDateTime(entry.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
