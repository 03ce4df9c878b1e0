"use client";
import { useAction, useMutation, usePreloadedQuery, useQuery, type Preloaded } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Award, CalendarDays, Check, Lock } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate, formatDateRange, formatPrice, formatRelative } from "@/lib/format";
import { PATH_PAYMENT_LABEL, PATH_STATUS, PATH_STEP_STATE } from "@/lib/labels";
import { useMounted } from "@/lib/use-mounted";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

export type LearnerPath = NonNullable<FunctionReturnType<typeof api.paths.following.get>>;
type LearnerStep = LearnerPath["steps"][number];

/** When a locked step opens, in words: a date (with how far off it is), or the course it waits for. */
export function opensWhen(step: Pick<LearnerStep, "opensAt" | "waitsFor">, now: number, showRelative = true) {
  if (step.opensAt !== undefined) {
    return `Opens on ${formatDate(step.opensAt)}${showRelative ? ` (${formatRelative(step.opensAt, now)})` : ""}`;
  }
  if (step.waitsFor) return `Opens when you complete ${step.waitsFor.courseTitle}`;
  return "Opens when your path is active again";
}

/** "67% — 2 of 3 required courses", for screen readers. */
export function progressInWords(path: Pick<LearnerPath, "progressPercent" | "completedRequired" | "requiredCount">) {
  return `${path.progressPercent}% — ${path.completedRequired} of ${path.requiredCount} required courses`;
}

/** A learner's path: progress, and each step completed, open (with its seat) or locked with what opens it, live. */
export function MyPath({ preloaded }: { preloaded: Preloaded<typeof api.paths.following.get> }) {
  const path = usePreloadedQuery(preloaded);
  const now = useNow(60_000);
  const mounted = useMounted();
  if (path === null) {
    return (
      <div className="mx-auto max-w-[800px] px-4 py-10">
        <Card className="p-8">
          <h1 className="text-xl font-semibold text-gray-900">Learning path not found</h1>
          <p className="mt-2 text-gray-700">This link belongs to another account or no longer exists.</p>
          <Button asChild className="mt-6">
            <Link href="/learn">Go to my learning</Link>
          </Button>
        </Card>
      </div>
    );
  }
  const ongoing = path.status === "active" || path.status === "completed";
  const requiredCourses = path.requiredCount === 1 ? "course" : "courses";
  return (
    <div className="mx-auto max-w-[800px] px-4 py-10">
      <Link href="/learn" className="text-sm text-brand-700 hover:underline">
        ← My learning
      </Link>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Badge tone={PATH_STATUS[path.status].tone}>{PATH_STATUS[path.status].label}</Badge>
        <Badge>
          {path.organizationName ? `Covered by ${path.organizationName}` : PATH_PAYMENT_LABEL[path.paymentType]}
        </Badge>
      </div>
      <h1 className="mt-3 text-xl font-semibold text-gray-900">{path.path.title}</h1>
      {/* Dates are in the reader's timezone, known once the page runs in their browser. */}
      <p className="mt-1 min-h-5 text-sm text-gray-600">
        {mounted && (
          <>
            Enrolled {formatDate(path.enrolledAt)}
            {path.expiresAt !== undefined && ongoing ? ` · use your seats by ${formatDate(path.expiresAt)}` : ""}
            {path.expiresAt !== undefined && path.status === "expired"
              ? ` · ended ${formatDate(path.expiresAt)}`
              : ""}{" "}
            ·{" "}
          </>
        )}
        <Link href={`/paths/${path.path.slug}`} className="text-brand-700 underline underline-offset-2">
          About this path
        </Link>
      </p>

      <Card className="mt-6 p-5" data-testid="path-progress">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold text-gray-900">Progress</h2>
          <p className="tabular text-sm text-gray-700">
            {path.completedRequired} of {path.requiredCount} required {requiredCourses} completed
          </p>
        </div>
        <ProgressBar
          className="mt-3"
          value={path.progressPercent}
          label={`Progress in the ${path.path.title}`}
          valueText={progressInWords(path)}
          tone={path.status === "completed" ? "success" : "brand"}
          size="md"
          showValue
        />
        {path.status === "completed" && (
          <p className="mt-3 flex flex-wrap items-center gap-2 text-sm text-green-800" data-testid="path-certificate">
            <Award className="size-4" aria-hidden />
            Every required course is completed.
            {path.certificate ? (
              path.certificate.issueStatus === "issued" ? (
                <Link href={`/verify/${path.certificate.publicId}`} className="font-medium underline">
                  View your path certificate
                </Link>
              ) : (
                <span>Your path certificate is being issued.</span>
              )
            ) : null}
          </p>
        )}
        {path.status === "paused" && !path.subscription && (
          <p className="mt-3 text-sm text-amber-800">Your path is paused: no steps open and no seats can be taken.</p>
        )}
      </Card>

      {path.subscription && mounted && <SubscriptionPanel path={path} subscription={path.subscription} />}

      <h2 className="mt-8 text-base font-semibold text-gray-900">Steps</h2>
      {!mounted ? (
        <div className="mt-3 space-y-3" aria-busy>
          {path.steps.map((step) => (
            <Skeleton key={step.stepId} className="h-28" />
          ))}
        </div>
      ) : (
        <ol className="mt-3 space-y-3">
          {path.steps.map((step) => (
            <StepCard
              key={step.stepId}
              path={path}
              step={step}
              now={now}
              current={step.stepId === path.currentStepId}
              ongoing={ongoing}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * A subscription's state and what the learner can do about it: cancel at the end of the month paid for (confirmed
 * first), keep it after all, pay the invoice of a failed renewal on Stripe's page, or subscribe again once it ended.
 */
function SubscriptionPanel({
  path,
  subscription,
}: {
  path: LearnerPath;
  subscription: NonNullable<LearnerPath["subscription"]>;
}) {
  const setCancellation = useAction(api.paths.subscriptions.setCancellation);
  const { pending, run } = useSubmit();
  const [confirming, setConfirming] = useState(false);
  const monthly = `${formatPrice(subscription.monthlyPriceCents, subscription.currency)} a month`;
  const until = subscription.currentPeriodEnd !== undefined ? formatDate(subscription.currentPeriodEnd) : null;
  const lastDay = until ?? "the end of the month paid for";
  const endedOn = subscription.endedAt !== undefined ? ` on ${formatDate(subscription.endedAt)}` : "";
  const change = (cancelAtPeriodEnd: boolean) =>
    void run(() => setCancellation({ pathEnrollmentId: path.pathEnrollmentId, cancelAtPeriodEnd }), {
      success: cancelAtPeriodEnd
        ? `Subscription cancelled. Your path stays open until ${lastDay}.`
        : "You kept your subscription: it renews each month as before.",
      onSuccess: () => setConfirming(false),
    });

  let line: React.ReactNode;
  let action: React.ReactNode = null;
  if (subscription.status === "ended") {
    line = `Your subscription (${monthly}) ended${endedOn}.`;
    action = (
      <Button asChild size="sm" variant="secondary">
        <Link href={`/paths/${path.path.slug}`}>Subscribe again</Link>
      </Button>
    );
  } else if (subscription.status === "past_due") {
    line = (
      <span className="text-amber-800">
        Your last monthly payment did not go through, so your path is paused: no step opens and no seat can be taken
        until the open invoice is paid. Stripe also tries your card again over the next days.
      </span>
    );
    action = subscription.openInvoiceUrl ? (
      <Button asChild size="sm">
        <a href={subscription.openInvoiceUrl}>Pay the open invoice</a>
      </Button>
    ) : null;
  } else if (subscription.cancelAtPeriodEnd) {
    line = `Cancelled: nothing more is charged, and your path stays open until ${lastDay}.`;
    action = (
      <Button size="sm" variant="secondary" loading={pending} onClick={() => change(false)}>
        Keep my subscription
      </Button>
    );
  } else {
    line = until ? `${monthly} · renews on ${until}.` : `${monthly}.`;
    action = (
      <Button size="sm" variant="secondary" onClick={() => setConfirming(true)}>
        Cancel subscription
      </Button>
    );
  }

  return (
    <Card className="mt-4 p-5" data-testid="path-subscription">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 className="text-base font-semibold text-gray-900">Subscription</h2>
          <p className="tabular text-sm text-gray-700">{line}</p>
        </div>
        {action}
      </div>
      {confirming && (
        <ActionDialog
          title="Cancel your subscription?"
          description={
            `Nothing more is charged. Your path stays open until ${lastDay}; ` +
            "after that, steps no longer open and seats not taken yet can no longer be used. Seats you took stay yours."
          }
          pending={pending}
          onClose={() => setConfirming(false)}
        >
          <DialogActions backLabel="Keep it" onBack={() => setConfirming(false)} pending={pending}>
            <Button variant="destructive" loading={pending} onClick={() => change(true)}>
              Cancel at the end of the month
            </Button>
          </DialogActions>
        </ActionDialog>
      )}
    </Card>
  );
}

function StepCard({
  path,
  step,
  now,
  current,
  ongoing,
}: {
  path: LearnerPath;
  step: LearnerStep;
  now: number;
  current: boolean;
  ongoing: boolean;
}) {
  const [choosing, setChoosing] = useState(false);
  const state = PATH_STEP_STATE[step.state];
  return (
    <li className="flex gap-4" data-testid="my-path-step" data-state={step.state}>
      <span
        className={cn(
          "flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
          step.state === "completed" && "bg-green-700 text-white",
          step.state === "open" && "bg-brand-700 text-white",
          step.state === "locked" && "border border-gray-300 bg-white text-gray-500",
        )}
        aria-hidden
      >
        {step.state === "completed" ? (
          <Check className="size-4" />
        ) : step.state === "locked" ? (
          <Lock className="size-3.5" />
        ) : (
          step.stepNumber
        )}
      </span>
      <Card className={cn("flex-1 p-4", current && "border-brand-600")}>
        <div className="flex flex-wrap items-center gap-2">
          <span className="sr-only">Step {step.stepNumber}: </span>
          <Link
            href={`/courses/${step.course.slug}`}
            className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
          >
            {step.course.title}
          </Link>
          <Badge tone={state.tone} data-testid="step-state">
            {state.label}
          </Badge>
          {!step.isRequired && <Badge>Optional</Badge>}
          {current && <Badge tone="brand">Current step</Badge>}
          {step.recommendedTimeframe && <span className="text-xs text-gray-600">{step.recommendedTimeframe}</span>}
        </div>
        <div className="mt-2 space-y-2 text-sm text-gray-700">
          {step.state === "locked" && (
            <p className="flex items-center gap-2" data-testid="opens-when">
              <Lock className="size-4 shrink-0 text-gray-500" aria-hidden />
              {opensWhen(step, now)}
            </p>
          )}
          {step.state === "completed" && step.completedAt !== undefined && (
            <p className="text-green-800">Completed on {formatDate(step.completedAt)}, with its certificate.</p>
          )}
          {step.seat && (
            <p className="flex items-start gap-2">
              <CalendarDays className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
              <span>
                {step.state === "completed" ? "Taken in" : "Your seat"}: {step.seat.cohortName},{" "}
                {formatDateRange(step.seat.startDate, step.seat.endDate, step.seat.timezone)}
                {step.state !== "completed" && (
                  <>
                    {" · "}
                    <Link href="/learn" className="text-brand-700 underline underline-offset-2">
                      see the schedule
                    </Link>
                  </>
                )}
              </span>
            </p>
          )}
          {step.state === "open" && !step.seat && !ongoing && step.seatIncluded && (
            <p className="text-gray-600">
              {path.status === "paused"
                ? "Your seat in this course is included: choose a cohort once your path is active again."
                : "This step's seat can no longer be used now that your path has ended."}
            </p>
          )}
          {step.state === "open" && !step.seat && ongoing && (
            <>
              {step.seatIncluded ? (
                <div className="flex flex-wrap items-center gap-3">
                  <p>Your seat in this course is included.</p>
                  {!choosing && (
                    <Button size="sm" onClick={() => setChoosing(true)}>
                      Choose a cohort<span className="sr-only"> for {step.course.title}</span>
                    </Button>
                  )}
                </div>
              ) : (
                <p>
                  Book a cohort when it suits you:{" "}
                  <Link href={`/courses/${step.course.slug}`} className="text-brand-700 underline underline-offset-2">
                    see dates for {step.course.title}
                  </Link>
                </p>
              )}
              {choosing && (
                <CohortChoice
                  pathEnrollmentId={path.pathEnrollmentId}
                  stepId={step.stepId}
                  courseTitle={step.course.title}
                  courseSlug={step.course.slug}
                  now={now}
                  onClose={() => setChoosing(false)}
                />
              )}
            </>
          )}
        </div>
      </Card>
    </li>
  );
}

function CohortChoice({
  pathEnrollmentId,
  stepId,
  courseTitle,
  courseSlug,
  now,
  onClose,
}: {
  pathEnrollmentId: Id<"userPathEnrollments">;
  stepId: Id<"learningPathSteps">;
  courseTitle: string;
  courseSlug: string;
  now: number;
  onClose: () => void;
}) {
  // The list is read for the minute it was opened in, so it does not flicker as the clock moves.
  const [asOf] = useState(() => Math.floor(now / 60_000) * 60_000);
  const cohorts = useQuery(api.paths.seats.cohorts, { pathEnrollmentId, stepId, now: asOf });
  const take = useMutation(api.paths.seats.take);
  const { isPending, run } = useSubmit();
  if (cohorts === undefined) return <Skeleton className="h-24" />;
  return (
    <div className="rounded-md border border-gray-200 p-3" data-testid="cohort-choice">
      <p className="font-medium text-gray-900">Cohorts of {courseTitle} with seats</p>
      {cohorts.length === 0 ? (
        <p className="mt-1 text-gray-600">
          No open cohort right now.{" "}
          <Link href={`/courses/${courseSlug}`} className="text-brand-700 underline underline-offset-2">
            Join the course&apos;s waitlist
          </Link>{" "}
          to hear about the next dates; your seat stays included.
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-gray-100">
          {cohorts.map((cohort) => (
            <li key={cohort._id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p className="text-gray-900">
                  {cohort.name} {cohort.isPrivate && <Badge tone="brand">Your organization</Badge>}
                </p>
                <p className="text-gray-600">
                  {formatDateRange(cohort.startDate, cohort.endDate, cohort.timezone)} ·{" "}
                  <span className={cn("tabular", cohort.seatsLeft <= 3 && "text-amber-800")}>
                    {cohort.seatsLeft === 1 ? "1 seat left" : `${cohort.seatsLeft} seats left`}
                  </span>
                </p>
              </div>
              <Button
                size="sm"
                loading={isPending(cohort._id)}
                onClick={() =>
                  void run(() => take({ pathEnrollmentId, stepId, cohortId: cohort._id }), {
                    key: cohort._id,
                    success: `You're in: ${cohort.name}. The calendar file is in your email.`,
                    onSuccess: onClose,
                  })
                }
              >
                Take my seat<span className="sr-only"> in {cohort.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="ghost" size="sm" className="mt-2" onClick={onClose}>
        Not now
      </Button>
    </div>
  );
}
