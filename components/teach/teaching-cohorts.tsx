"use client";
import { useQuery } from "convex/react";
import { Presentation } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateRange } from "@/lib/format";

export function TeachingCohorts() {
  const cohorts = useQuery(api.teaching.myCohorts);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Teaching</h1>
      <p className="mt-1 text-sm text-gray-600">Cohorts you lead. Open one for its roster, attendance and recaps.</p>
      <div className="mt-6 space-y-3">
        {cohorts === undefined ? (
          <Skeleton className="h-24" />
        ) : cohorts.length === 0 ? (
          <EmptyState icon={Presentation} title="No cohorts assigned" description="When an admin assigns you to a cohort it appears here." />
        ) : (
          cohorts.map((cohort) => (
            <Card key={cohort._id} className="relative flex flex-wrap items-center justify-between gap-3 p-5 hover:border-brand-300">
              <div>
                <Link href={`/teach/${cohort._id}`} className="font-medium text-gray-900 after:absolute after:inset-0 hover:underline">
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
