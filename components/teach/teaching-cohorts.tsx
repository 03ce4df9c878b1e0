"use client";
import { useQuery } from "convex/react";
import { Presentation } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { ReviewQueues } from "@/components/assessments/review-queue";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveDot } from "@/components/ui/live-dot";
import { Skeleton } from "@/components/ui/skeleton";
import { formatAppointment, formatDateRange } from "@/lib/format";
import { useNow } from "@/lib/use-now";

function UpcomingSessions() {
  const sessions = useQuery(api.liveSessions.teaching.upcomingSessions);
  const now = useNow(30_000);
  if (sessions === undefined) return <Skeleton className="h-24" />;
  if (sessions.length === 0) return <p className="text-sm text-gray-600">No sessions coming up.</p>;
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
      {sessions.map((s) => (
        <li key={s._id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div>
            <Link href={`/teach/${s.cohortId}`} className="text-sm font-medium text-gray-900 hover:underline">
              {s.title}
            </Link>
            <p className="text-xs text-gray-600">
              {s.cohortName} · {formatAppointment(s.startsAt)}
            </p>
          </div>
          {s.startsAt <= now ? (
            <Badge tone="success">
              <LiveDot label="Live now" />
            </Badge>
          ) : (
            <Badge tone="brand">Upcoming</Badge>
          )}
        </li>
      ))}
    </ul>
  );
}

export function TeachingCohorts() {
  const cohorts = useQuery(api.liveSessions.teaching.myCohorts);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Teaching</h1>
      <p className="mt-1 text-sm text-gray-600">Cohorts you lead. Open one for its roster, attendance and recaps.</p>
      <h2 className="mt-6 text-base font-semibold text-gray-900">Your next sessions</h2>
      <div className="mt-2">
        <UpcomingSessions />
      </div>
      <div className="mt-8 flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-base font-semibold text-gray-900">Answers to grade</h2>
        <Link href="/teach/assessments" className="text-sm text-brand-700 hover:underline">
          Edit assessments
        </Link>
      </div>
      <div className="mt-2">
        <ReviewQueues />
      </div>
      <h2 className="mt-8 text-base font-semibold text-gray-900">Your cohorts</h2>
      <div className="mt-2 space-y-3">
        {cohorts === undefined ? (
          <Skeleton className="h-24" />
        ) : cohorts.length === 0 ? (
          <EmptyState
            icon={Presentation}
            title="No cohorts assigned"
            description="When an admin assigns you to a cohort it appears here."
          />
        ) : (
          cohorts.map((cohort) => (
            <Card
              key={cohort._id}
              className="relative flex flex-wrap items-center justify-between gap-3 p-5 hover:border-brand-600"
            >
              <div>
                <Link
                  href={`/teach/${cohort._id}`}
                  className="font-medium text-gray-900 after:absolute after:inset-0 hover:underline"
                >
                  {cohort.name}
                </Link>
                <p className="text-sm text-gray-600">{cohort.courseTitle}</p>
              </div>
              <div className="text-right text-sm text-gray-700">
                <p>{formatDateRange(cohort.startDate, cohort.endDate)}</p>
                <p className="tabular">{cohort.currentEnrollment} learners</p>
              </div>
            </Card>
          ))
        )}
      </div>
    </div>
  );
}
