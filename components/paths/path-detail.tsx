"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import { CalendarDays, CheckCircle2, Clock, Lock, LockOpen, Tag, Users } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import type { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDate, formatPrice } from "@/lib/format";
import { FORMAT_LABEL, LEVEL_LABEL, PATH_AUDIENCE_LABEL } from "@/lib/labels";
import { cn } from "@/lib/utils";
import { PathPriceLine, pathHeadline } from "./path-price";

/** A path's page: its steps in order with how each opens, outcomes and skills, and the price with its saving. */
export function PathDetail({
  preloaded,
  action,
}: {
  preloaded: Preloaded<typeof api.paths.catalog.get>;
  /** The primary action (buy the bundle, follow the path), or what the visitor already has. */
  action?: ReactNode;
}) {
  const path = usePreloadedQuery(preloaded);
  // Unpublished while the page was open.
  if (path === null) notFound();
  const { price } = path;
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href="/paths" className="text-sm text-brand-700 hover:underline">
        ← All learning paths
      </Link>
      <div className="mt-4 flex flex-wrap gap-2">
        <Badge tone="brand">For {PATH_AUDIENCE_LABEL[path.audience].toLowerCase()}</Badge>
        <Badge>{path.estimatedDuration}</Badge>
      </div>
      <h1 className="mt-3 text-2xl font-bold text-gray-900">{path.title}</h1>
      <p className="mt-2 text-base text-gray-700">{path.shortDescription}</p>
      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_340px]">
        <div className="space-y-8">
          <p className="text-gray-700">{path.description}</p>
          {path.outcomes.length > 0 && (
            <section>
              <h2 className="text-base font-semibold text-gray-900">What you will be able to do</h2>
              <ul className="mt-3 space-y-2">
                {path.outcomes.map((outcome) => (
                  <li key={outcome} className="flex gap-2 text-sm text-gray-700">
                    <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
                    {outcome}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {path.skills.length > 0 && (
            <section>
              <h2 className="text-base font-semibold text-gray-900">Skills you will develop</h2>
              <ul className="mt-3 flex flex-wrap gap-2" aria-label="Skills">
                {path.skills.map((skill) => (
                  <li key={skill.slug}>
                    <Badge>{skill.name}</Badge>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section>
            <h2 className="text-base font-semibold text-gray-900">The steps</h2>
            <p className="mt-1 text-sm text-gray-600">
              In order. Completing a course means earning its certificate; each step says when it opens.
            </p>
            <ol className="mt-4 space-y-3" data-testid="path-steps">
              {path.steps.map((step) => (
                <li key={step._id} className="flex gap-4" data-testid="path-step">
                  <span
                    className={cn(
                      "flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold",
                      step.isRequired ? "bg-brand-700 text-white" : "border border-gray-300 bg-white text-gray-700",
                    )}
                    aria-hidden
                  >
                    {step.stepNumber}
                  </span>
                  <Card className="flex-1 p-4">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="sr-only">Step {step.stepNumber}: </span>
                      <Link
                        href={`/courses/${step.course.slug}`}
                        className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                      >
                        {step.course.title}
                      </Link>
                      <Badge tone={step.isRequired ? "brand" : "neutral"}>
                        {step.isRequired ? "Required" : "Optional"}
                      </Badge>
                      <Badge>{FORMAT_LABEL[step.course.format]}</Badge>
                      <Badge>{LEVEL_LABEL[step.course.level]}</Badge>
                    </div>
                    {step.course.tagline && <p className="mt-1 text-sm text-gray-600">{step.course.tagline}</p>}
                    <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-gray-700 sm:grid-cols-2">
                      <div className="flex items-center gap-2">
                        <dt className="sr-only">Opens</dt>
                        {step.openFromStart ? (
                          <LockOpen className="size-4 shrink-0 text-gray-500" aria-hidden />
                        ) : (
                          <Lock className="size-4 shrink-0 text-gray-500" aria-hidden />
                        )}
                        <dd>{step.unlockInWords}</dd>
                      </div>
                      {step.recommendedTimeframe && (
                        <div className="flex items-center gap-2">
                          <dt className="sr-only">Recommended timeframe</dt>
                          <Clock className="size-4 shrink-0 text-gray-500" aria-hidden />
                          <dd>{step.recommendedTimeframe}</dd>
                        </div>
                      )}
                      <div className="flex items-center gap-2">
                        <dt className="sr-only">Next cohort</dt>
                        <CalendarDays className="size-4 shrink-0 text-gray-500" aria-hidden />
                        <dd>
                          {step.course.nextCohortStart !== undefined
                            ? `Next cohort starts ${formatDate(step.course.nextCohortStart)}`
                            : "New dates coming soon"}
                        </dd>
                      </div>
                      <div className="flex items-center gap-2">
                        <dt className="sr-only">Price on its own</dt>
                        <Tag className="size-4 shrink-0 text-gray-500" aria-hidden />
                        <dd className="tabular">{formatPrice(step.course.priceB2C)} on its own</dd>
                      </div>
                    </dl>
                  </Card>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <aside className="order-first lg:order-none">
          <Card className="p-5 lg:sticky lg:top-24" data-testid="path-price">
            <p className="tabular text-xl font-semibold text-gray-900">{pathHeadline(price)}</p>
            <PathPriceLine price={price} courseCount={path.courseCount} />
            {price.bundlePriceCents !== undefined && price.savingCents ? (
              <p className="tabular mt-2 text-sm text-gray-700">
                Instead of {formatPrice(price.coursesTotalCents)} for the courses one by one.
              </p>
            ) : null}
            {price.monthlyPriceCents !== undefined && (
              <p className="mt-2 text-sm text-gray-700">
                Billed each month. Cancel any time: your path stays open to the end of the month paid for.
              </p>
            )}
            <ul className="mt-4 space-y-2 text-sm text-gray-700">
              <li className="flex gap-2">
                <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
                {price.model === "individual"
                  ? "Follow the path for free and book each course when its step opens."
                  : "A seat in a cohort of every course, chosen as each step opens."}
              </li>
              <li className="flex gap-2">
                <Clock className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
                {path.estimatedDuration} · {path.totalHours} hours live
              </li>
              {path.targetRole && (
                <li className="flex gap-2">
                  <Users className="mt-0.5 size-4 shrink-0 text-gray-500" aria-hidden />
                  {path.targetRole}
                </li>
              )}
            </ul>
            {action && <div className="mt-5">{action}</div>}
          </Card>
        </aside>
      </div>
    </div>
  );
}
