"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import { CalendarDays, UserRound } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { api } from "@/convex/_generated/api";
import { ReserveAction } from "@/components/checkout/reserve-action";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateRange, formatPrice, formatTime, formatWeekday } from "@/lib/format";
import { FORMAT_LABEL, SESSION_TYPE_LABEL } from "@/lib/labels";
import { SeatsLeft } from "./seats-left";

/**
 * One cohort: its schedule in its own timezone (named), live seats and the primary action. Rendered on the server, live
 * after.
 */
export function CohortDetail({ preloaded }: { preloaded: Preloaded<typeof api.catalog.browse.getCohort> }) {
  const data = usePreloadedQuery(preloaded);
  if (data === null) notFound();
  const { cohort, course, sessions, instructorName } = data;
  const zone = cohort.timezone ?? "UTC";
  const days = new Map<string, typeof sessions>();
  for (const session of sessions)
    days.set(formatWeekday(session.startsAt, zone), [
      ...(days.get(formatWeekday(session.startsAt, zone)) ?? []),
      session,
    ]);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href={`/courses/${course.slug}`} className="text-sm text-brand-700 hover:underline">
        ← {course.title}
      </Link>
      <div className="mt-3 flex flex-wrap gap-2">
        <Badge tone="brand">{FORMAT_LABEL[course.format]}</Badge>
      </div>
      <h1 className="mt-2 text-2xl font-bold text-gray-900">{cohort.name}</h1>
      <p className="mt-1 flex flex-wrap items-center gap-4 text-gray-700">
        <span className="flex items-center gap-1.5">
          <CalendarDays className="size-4" aria-hidden /> {formatDateRange(cohort.startDate, cohort.endDate, zone)}
        </span>
        {instructorName && (
          <span className="flex items-center gap-1.5">
            <UserRound className="size-4" aria-hidden /> Led by {instructorName}
          </span>
        )}
      </p>
      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_320px]">
        <section aria-label="Schedule">
          <h2 className="text-base font-semibold text-gray-900">Schedule</h2>
          <p className="text-sm text-gray-600">Times in {zone}.</p>
          {[...days].map(([label, list]) => (
            <div key={label} className="mt-4">
              <h3 className="text-xs font-semibold tracking-wide text-gray-600 uppercase">{label}</h3>
              <ul className="mt-2 divide-y divide-gray-100 rounded-md border border-gray-200 bg-white">
                {list.map((session) => (
                  <li key={session._id} className="flex flex-wrap items-center gap-3 px-3 py-2.5">
                    <span className="tabular w-40 text-sm whitespace-nowrap text-gray-700">
                      {formatTime(session.startsAt, zone)} – {formatTime(session.endsAt, zone)}
                    </span>
                    <span className="flex-1 text-sm text-gray-900">{session.title}</span>
                    <Badge tone="brand">{SESSION_TYPE_LABEL[session.type]}</Badge>
                    {session.status === "cancelled" && <Badge tone="danger">Cancelled</Badge>}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <aside className="order-first lg:order-none">
          <Card className="p-5 lg:sticky lg:top-24">
            <p className="tabular text-xl font-semibold text-gray-900">{formatPrice(course.priceB2C)}</p>
            {/* Room for seats + button or "sold out" + waitlist button, so a seat sold live moves nothing. */}
            <div className="min-h-[4.5rem]">
              {cohort.seatsLeft > 0 && (
                <p className="mt-2">
                  <SeatsLeft seatsLeft={cohort.seatsLeft} />
                </p>
              )}
              <div className="mt-4">
                {cohort.status === "open" ? (
                  <ReserveAction
                    cohortId={cohort._id}
                    cohortName={cohort.name}
                    seatsLeft={cohort.seatsLeft}
                    courseSlug={course.slug}
                  />
                ) : (
                  <p className="text-sm text-gray-700">This cohort is not open for enrollment.</p>
                )}
              </div>
            </div>
          </Card>
        </aside>
      </div>
    </div>
  );
}
