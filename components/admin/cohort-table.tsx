"use client";
import { useQuery } from "convex/react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";

export const COHORT_STATUS_TONE = { scheduled: "neutral", open: "brand", in_progress: "success", completed: "neutral", cancelled: "danger" } as const;

export function CohortTable() {
  const cohorts = useQuery(api.catalog.cohorts.list);
  return (
    <section aria-labelledby="cohorts-heading">
      <h2 id="cohorts-heading" className="mb-3 text-base font-semibold text-gray-900">
        Cohorts
      </h2>
      {cohorts === undefined ? (
        <Skeleton className="h-96" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-gray-50 text-xs uppercase tracking-wide text-gray-600">
              <tr>
                <th scope="col" className="px-4 py-3">Cohort</th>
                <th scope="col" className="px-4 py-3">Starts</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3 text-right">Seats</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {cohorts.map((cohort) => (
                <tr key={cohort._id} className="hover:bg-gray-50">
                  <td className="px-4 py-3">
                    <Link href={`/admin/cohorts/${cohort._id}`} className="font-medium text-gray-900 hover:text-brand-800 hover:underline">
                      {cohort.name}
                    </Link>
                    <p className="text-gray-600">
                      {cohort.courseTitle}
                      {cohort.isB2B && " · private"}
                    </p>
                  </td>
                  <td className="px-4 py-3 text-gray-700">{formatDate(cohort.startDate)}</td>
                  <td className="px-4 py-3">
                    <Badge tone={COHORT_STATUS_TONE[cohort.status]}>{cohort.status.replace("_", " ")}</Badge>
                  </td>
                  <td className="tabular px-4 py-3 text-right text-gray-900">
                    {cohort.currentEnrollment} / {cohort.maxCapacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
