"use client";
import { useAction, useMutation, useQuery } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { ArrowLeftRight, Undo2 } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { formatDate, formatDateRange } from "@/lib/format";
import { ENROLLMENT_REQUEST_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type Options = NonNullable<FunctionReturnType<typeof api.enrollments.selfService.options>>;
type Mode = "transfer" | "refund";

/**
 * "Change of plans" on a learner's cohort card: inside the course's windows they transfer or cancel with a full refund
 * themselves; outside, they ask our team (one open request at a time) and see the answer here, live. The page
 * compares the deadlines with its clock only to choose the words: the server checks the window on every change.
 */
export function SelfServicePanel({
  enrollmentId,
  now,
  zone,
}: {
  enrollmentId: Id<"enrollments">;
  now: number;
  zone?: string;
}) {
  const options = useQuery(api.enrollments.selfService.options, { enrollmentId });
  const [dialog, setDialog] = useState<Mode | null>(null);
  if (options === undefined) return <Skeleton className="mt-5 h-24" />;
  if (options === null || now >= options.startDate) return null;
  const transferOpen = options.transferUntil !== undefined && now < options.transferUntil;
  const refundOpen = options.refundUntil !== undefined && now < options.refundUntil;
  const open = options.request?.status === "open" ? options.request : null;
  return (
    <section
      aria-labelledby={`change-of-plans-${enrollmentId}`}
      className="mt-5 rounded-md border border-gray-200 p-4"
      data-testid="self-service"
    >
      <h3 id={`change-of-plans-${enrollmentId}`} className="text-sm font-semibold text-gray-900">
        Change of plans
      </h3>
      <p className="mt-1 text-sm text-gray-600">{options.policy}</p>
      <ul className="mt-1 space-y-0.5 text-xs text-gray-600">
        <li>{deadlineLine("transfer", options.transferUntil, transferOpen, zone)}</li>
        <li>{deadlineLine("refund", options.refundUntil, refundOpen, zone)}</li>
      </ul>
      {options.request && <RequestStatus request={options.request} />}
      {options.refundRequested ? (
        <p className="mt-3 text-sm text-gray-800" role="status">
          Your refund is on its way: {options.refundSummary}
        </p>
      ) : open ? null : (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" onClick={() => setDialog("transfer")}>
            <ArrowLeftRight className="size-4" aria-hidden />
            {transferOpen ? "Change dates" : "Request a date change"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setDialog("refund")}>
            <Undo2 className="size-4" aria-hidden />
            {refundOpen ? "Cancel with full refund" : "Request a refund"}
          </Button>
        </div>
      )}
      {dialog === "transfer" && (
        <TransferDialog
          enrollmentId={enrollmentId}
          options={options}
          selfService={transferOpen}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "refund" && (
        <RefundDialog
          enrollmentId={enrollmentId}
          options={options}
          selfService={refundOpen}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}

function deadlineLine(mode: Mode, until: number | undefined, open: boolean, zone?: string) {
  const what = mode === "transfer" ? "Free transfer" : "Full refund";
  if (until === undefined) return `${what}: on request only.`;
  return open
    ? `${what} available until ${formatDate(until, zone)}.`
    : `${what} closed on ${formatDate(until, zone)}: you can still ask our team.`;
}

function RequestStatus({ request }: { request: NonNullable<Options["request"]> }) {
  const withdraw = useMutation(api.enrollments.selfService.withdraw);
  const { pending, run } = useSubmit();
  const status = ENROLLMENT_REQUEST_STATUS[request.status];
  const what = request.kind === "transfer" ? `Transfer to ${request.toCohortName ?? "another cohort"}` : "Refund";
  return (
    <div className="mt-3 rounded-md bg-gray-50 p-3" data-testid="self-service-request" role="status">
      <p className="flex flex-wrap items-center gap-2 text-sm text-gray-900">
        <span className="font-medium">Your request: {what}</span>
        <Badge tone={status.tone}>{status.label}</Badge>
      </p>
      {request.reason && <p className="mt-1 text-xs text-gray-600">Your reason: {request.reason}</p>}
      {request.decisionNote && <p className="mt-1 text-sm text-gray-800">Our team: {request.decisionNote}</p>}
      {request.status === "open" && (
        <Button
          className="mt-2"
          size="sm"
          variant="ghost"
          loading={pending}
          onClick={() =>
            void run(() => withdraw({ requestId: request._id }), { success: "Your request was withdrawn." })
          }
        >
          Withdraw request
        </Button>
      )}
    </div>
  );
}

type ChangeDialogProps = {
  enrollmentId: Id<"enrollments">;
  options: Options;
  /** Inside the course's window the learner acts; outside it they ask our team. */
  selfService: boolean;
  onClose: () => void;
};

/** Why the learner asks, for our team; only requests have one. */
function ReasonField({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field id={id} label="Reason (optional)">
      <Textarea id={id} maxLength={500} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

type RequestArgs = Omit<FunctionArgs<typeof api.enrollments.selfService.request>, "reason">;

const REQUEST_SENT = "Request sent. We will answer by email and here.";

/**
 * What both dialogs submit: inside the window the change itself (`done` is the toast), outside it a request to our
 * team with the learner's reason, if they gave one. The dialog closes on success.
 */
function useChange({ selfService, onClose }: Pick<ChangeDialogProps, "selfService" | "onClose">) {
  const request = useMutation(api.enrollments.selfService.request);
  const { pending, handleSubmit } = useSubmit();
  const [reason, setReason] = useState("");
  const submitChange = (change: () => Promise<unknown>, args: RequestArgs, done: string) =>
    handleSubmit(() => (selfService ? change() : request({ ...args, ...(reason.trim() ? { reason } : {}) })), {
      success: selfService ? done : REQUEST_SENT,
      onSuccess: onClose,
    });
  return { pending, reason, setReason, submitChange };
}

function TransferDialog({ enrollmentId, options, selfService, onClose }: ChangeDialogProps) {
  const transfer = useMutation(api.enrollments.selfService.transfer);
  const { pending, reason, setReason, submitChange } = useChange({ selfService, onClose });
  const [target, setTarget] = useState("");
  // Self-service needs a free seat now; a request may name a full date (our team checks seats when it answers).
  const targets = selfService ? options.targets.filter((c) => c.seatsLeft > 0) : options.targets;
  const chosen = targets.find((c) => c.cohortId === target);
  const toCohortId = target as Id<"cohorts">;
  const submit = submitChange(
    () => transfer({ enrollmentId, toCohortId }),
    { enrollmentId, kind: "transfer", toCohortId },
    `You moved to ${chosen?.name ?? "your new cohort"}. The new calendar file is in your email.`,
  );
  return (
    <ActionDialog
      title={selfService ? "Change dates" : "Request a date change"}
      description={
        selfService
          ? "Your seat moves to the date you choose and this one is freed. We email you the new calendar file."
          : "The free transfer period has ended, so our team decides. We check seats when we answer."
      }
      pending={pending}
      onClose={onClose}
    >
      {targets.length === 0 ? (
        <div className="space-y-3">
          <p className="text-sm text-gray-700">
            {selfService
              ? "No other date of this course has a free seat right now. " +
                "Check back later, or join a date's waitlist from the course page."
              : "This course has no other open date right now."}
          </p>
          <div className="flex justify-end">
            <Button type="button" variant="secondary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <form className="space-y-3" onSubmit={submit}>
          <Field id={`transfer-target-${enrollmentId}`} label="New date">
            <Select
              id={`transfer-target-${enrollmentId}`}
              required
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">Choose a cohort</option>
              {targets.map((c) => (
                <option key={c.cohortId} value={c.cohortId}>
                  {c.name} · {formatDateRange(c.startDate, c.endDate, c.timezone)} ·{" "}
                  {c.seatsLeft === 0 ? "full" : `${c.seatsLeft} seat${c.seatsLeft === 1 ? "" : "s"} left`}
                </option>
              ))}
            </Select>
          </Field>
          {!selfService && <ReasonField id={`transfer-reason-${enrollmentId}`} value={reason} onChange={setReason} />}
          <DialogActions backLabel="Keep my dates" onBack={onClose} pending={pending}>
            <Button type="submit" loading={pending} disabled={!target}>
              {selfService ? "Confirm transfer" : "Send request"}
            </Button>
          </DialogActions>
        </form>
      )}
    </ActionDialog>
  );
}

function RefundDialog({ enrollmentId, options, selfService, onClose }: ChangeDialogProps) {
  const cancel = useAction(api.enrollments.selfService.cancelWithRefund);
  const { pending, reason, setReason, submitChange } = useChange({ selfService, onClose });
  const submit = submitChange(
    () => cancel({ enrollmentId }),
    { enrollmentId, kind: "refund" },
    "Your seat is cancelled.",
  );
  return (
    <ActionDialog
      title={selfService ? "Cancel with a full refund?" : "Request a refund"}
      description={
        selfService
          ? `Your seat is freed and your access to this cohort ends. ${options.refundSummary}`
          : `The refund period has ended, so our team decides. If they agree: ${options.refundSummary}`
      }
      pending={pending}
      onClose={onClose}
    >
      <form className="space-y-3" onSubmit={submit}>
        {!selfService && <ReasonField id={`refund-reason-${enrollmentId}`} value={reason} onChange={setReason} />}
        <DialogActions backLabel="Keep my seat" onBack={onClose} pending={pending}>
          <Button type="submit" variant={selfService ? "destructive" : "primary"} loading={pending}>
            {selfService ? "Cancel my seat" : "Send request"}
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}
