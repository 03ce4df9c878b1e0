"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import { BookOpen, CalendarDays } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FORMAT_LABEL } from "@/components/catalog/labels";
import { formatDateRange } from "@/lib/format";

const STATUS = {
  scheduled: { label: "Scheduled", tone: "neutral" },
  open: { label: "Upcoming", tone: "brand" },
  in_progress: { label: "In progress", tone: "success" },
  completed: { label: "Completed", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "danger" },
} as const;

export function MyCohorts({
  preloadedViewer,
  preloadedCohorts,
}: {
  preloadedViewer: Preloaded<typeof api.users.viewer>;
  preloadedCohorts: Preloaded<typeof api.learning.myCohorts>;
}) {
  const viewer = usePreloadedQuery(preloadedViewer);
  const cohorts = usePreloadedQuery(preloadedCohorts);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">{viewer ? `Welcome back, ${viewer.name.split(" ")[0]}` : "My learning"}</h1>
      <p className="mt-1 text-sm text-gray-600">Your cohorts, in your timezone.</p>
      <div className="mt-6 space-y-3">
        {cohorts.length === 0 ? (
          <EmptyState
            icon={BookOpen}
            title="You are not in a cohort yet"
            description="Pick a course and a date that suits you; your schedule and kit will appear here."
            action={
              <Button asChild>
                <Link href="/courses">Browse courses</Link>
              </Button>
            }
          />
        ) : (
          cohorts.map((cohort) => (
            <Card key={cohort.enrollmentId} className="flex flex-wrap items-center justify-between gap-4 p-5">
              <div>
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="brand">{FORMAT_LABEL[cohort.format]}</Badge>
                  <Badge tone={STATUS[cohort.cohortStatus].tone}>{STATUS[cohort.cohortStatus].label}</Badge>
                  {cohort.paymentStatus === "pending" && <Badge tone="warning">Payment pending</Badge>}
                </div>
                <p className="mt-2 font-medium text-gray-900">{cohort.courseTitle}</p>
                <p className="text-sm text-gray-600">{cohort.cohortName}</p>
              </div>
              <p className="flex items-center gap-2 text-sm text-gray-700">
                <CalendarDays className="size-4 text-gray-500" aria-hidden />
                {formatDateRange(cohort.startDate, cohort.endDate)}
              </p>
            </Card>
          ))
        )}
      </div>
    </div>
  );
}
