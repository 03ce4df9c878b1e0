"use client";
import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { AttendanceSummary } from "@/components/sessions/attendance-summary";
import { CohortSchedule } from "@/components/sessions/cohort-schedule";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { IntakeRoster } from "./intake-roster";

/** One cohort for its instructor: schedule, attendance per session, recaps, and who is coming with what goals. */
export function TeachingCohort({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const data = useQuery(api.liveSessions.schedule.forCohort, { cohortId });
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href="/teach" className="text-sm text-brand-700 hover:underline">
        ← My cohorts
      </Link>
      {data === undefined ? (
        <Skeleton className="mt-2 h-8 w-80" />
      ) : (
        <>
          <h1 className="mt-2 text-xl font-semibold text-gray-900">{data?.cohortName ?? "Cohort"}</h1>
          {data && <p className="text-sm text-gray-600">{data.courseTitle}</p>}
          {data && (
            <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <Link href={`/teach/reviews/${cohortId}`} className="text-brand-700 hover:underline">
                Answers to grade
              </Link>
              <Link href={`/teach/${cohortId}/results`} className="text-brand-700 hover:underline">
                Assessment results
              </Link>
              <Link href={`/teach/${cohortId}/skills`} className="text-brand-700 hover:underline">
                Skills and sign-off
              </Link>
            </p>
          )}
        </>
      )}
      <Card className="mt-6 p-5">
        <CohortSchedule cohortId={cohortId} />
      </Card>
      <Card className="mt-6 p-5">
        <AttendanceSummary cohortId={cohortId} />
      </Card>
      <Card className="mt-6 p-5">
        <IntakeRoster cohortId={cohortId} />
      </Card>
    </div>
  );
}
