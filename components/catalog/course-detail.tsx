"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import { CalendarDays, CheckCircle2, Clock, Route } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateRange, formatPrice } from "@/lib/format";
import { FORMAT_LABEL, LEVEL_LABEL, SESSION_TYPE_LABEL } from "@/lib/labels";
import { useState } from "react";
import { PromotionCodeField } from "@/components/checkout/promotion-code-field";
import { ReserveAction } from "@/components/checkout/reserve-action";
import { CourseWaitlistAction } from "@/components/waitlist/course-waitlist-action";
import { CourseSkills } from "@/components/skills/course-skills";
import { SeatsLeft } from "./seats-left";
import { cn } from "@/lib/utils";

/** A course page, rendered on the server with the catalogue's data and kept live (seats, cohorts) after hydration. */
export function CourseDetail({
  preloaded,
  preloadedPaths,
  reserveFor,
  promotionCode: initialCode,
}: {
  preloaded: Preloaded<typeof api.catalog.browse.getCourse>;
  /** The learning paths this course is a step of. */
  preloadedPaths: Preloaded<typeof api.paths.catalog.forCourse>;
  reserveFor?: string;
  /** A promotion code carried through sign-in (`?promo=`; Convex Auth takes `?code=` for itself). */
  promotionCode?: string;
}) {
  const course = usePreloadedQuery(preloaded);
  const paths = usePreloadedQuery(preloadedPaths);
  const [promotionCode, setPromotionCode] = useState(initialCode ?? "");
  // Unpublished while the page was open.
  if (course === null) notFound();
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <div className="flex flex-wrap gap-2">
        <Badge tone="brand">{FORMAT_LABEL[course.format]}</Badge>
        <Badge>{LEVEL_LABEL[course.level]}</Badge>
      </div>
      <h1 className="mt-3 text-2xl font-bold text-gray-900">{course.title}</h1>
      {course.tagline && <p className="mt-2 text-base text-gray-700">{course.tagline}</p>}
      {paths.length > 0 && (
        <ul className="mt-4 flex flex-wrap gap-2" aria-label="Learning paths with this course">
          {paths.map((path) => (
            <li key={path.slug}>
              <Link
                href={`/paths/${path.slug}`}
                className={cn(
                  "inline-flex items-center gap-1.5 rounded-full border border-brand-100 bg-brand-50 px-3 py-1",
                  "text-sm text-brand-800 hover:border-brand-600",
                )}
              >
                <Route className="size-4" aria-hidden />
                Step {path.stepNumber} of {path.stepCount} in the {path.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_340px]">
        <div className="space-y-8">
          <p className="text-gray-700">{course.description}</p>
          {course.outcomes.length > 0 && (
            <section>
              <h2 className="text-base font-semibold text-gray-900">What you will be able to do</h2>
              <ul className="mt-3 space-y-2">
                {course.outcomes.map((outcome) => (
                  <li key={outcome} className="flex gap-2 text-sm text-gray-700">
                    <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
                    {outcome}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {course.skills.length > 0 && <CourseSkills skills={course.skills} />}
          <section>
            <h2 className="text-base font-semibold text-gray-900">Outline</h2>
            <div className="mt-3 space-y-6">
              {course.days.map((day) => (
                <div key={day.dayNumber}>
                  <h3 className="text-sm font-semibold tracking-wide text-gray-600 uppercase">Day {day.dayNumber}</h3>
                  <ol className="mt-2 border-l border-gray-200">
                    {day.sessions.map((session) => (
                      <li key={session._id} className="relative ml-4 pb-4">
                        <span
                          className={cn(
                            "absolute top-1.5 -left-[21px] size-2.5",
                            "rounded-full border-2 border-white bg-brand-600",
                          )}
                          aria-hidden
                        />
                        <div className="flex flex-wrap items-center gap-2">
                          <Badge tone="brand" title={SESSION_TYPE_LABEL[session.type]}>
                            {session.type} · {SESSION_TYPE_LABEL[session.type]}
                          </Badge>
                          <span className="flex items-center gap-1 text-xs text-gray-600">
                            <Clock className="size-3" aria-hidden /> {session.durationMinutes} min
                          </span>
                        </div>
                        <p className="mt-1 text-sm font-medium text-gray-900">{session.title}</p>
                        <p className="text-sm text-gray-600">{session.description}</p>
                      </li>
                    ))}
                  </ol>
                </div>
              ))}
            </div>
          </section>
        </div>
        <aside className="order-first lg:order-none">
          <Card className="p-5 lg:sticky lg:top-24">
            <p className="tabular text-xl font-semibold text-gray-900">{formatPrice(course.priceB2C)}</p>
            <p className="text-sm text-gray-600">per person · teams get seat pricing</p>
            <p className="mt-2 text-xs text-gray-600" data-testid="course-policy">
              {course.policy}
            </p>
            {course.cohorts.length > 0 && <PromotionCodeField value={promotionCode} onChange={setPromotionCode} />}
            <h2 className="mt-5 text-sm font-semibold text-gray-900">Upcoming cohorts</h2>
            {course.cohorts.length === 0 ? (
              <>
                <p className="mt-2 text-sm text-gray-600">
                  No open cohort right now. People on the waitlist get the first seats of the next one.
                </p>
                <CourseWaitlistAction courseId={course._id} courseSlug={course.slug} />
              </>
            ) : (
              <ul className="mt-2 divide-y divide-gray-100">
                {course.cohorts.map((cohort) => (
                  <li key={cohort._id} className="py-3 text-sm">
                    <Link
                      href={`/cohorts/${cohort._id}`}
                      className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                    >
                      {cohort.name}
                    </Link>
                    <p className="mt-0.5 flex flex-wrap items-center gap-1 text-gray-600">
                      <CalendarDays className="size-3.5" aria-hidden />
                      {formatDateRange(cohort.startDate, cohort.endDate, cohort.timezone ?? "UTC")}
                      <span className="text-gray-500">({cohort.timezone ?? "UTC"})</span>
                    </p>
                    {/*
                     * Room for the tallest common state (seats + button, or "sold out" + waitlist button), so a seat
                     * sold live moves nothing below.
                     */}
                    <div className="min-h-16">
                      {cohort.seatsLeft > 0 && (
                        <p className="mt-1">
                          <SeatsLeft seatsLeft={cohort.seatsLeft} />
                        </p>
                      )}
                      <div className="mt-3">
                        <ReserveAction
                          cohortId={cohort._id}
                          cohortName={cohort.name}
                          seatsLeft={cohort.seatsLeft}
                          courseSlug={course.slug}
                          autoFocus={reserveFor === cohort._id}
                          promotionCode={promotionCode}
                        />
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
