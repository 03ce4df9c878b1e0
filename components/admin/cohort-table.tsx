"use client";
import { useQuery } from "convex/react";
import { CalendarRange } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { COHORT_STATUS } from "@/lib/labels";

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
        <Table caption="Cohorts" sticky="page">
          <TableHeader>
            <TableRow>
              <TableHead>Cohort</TableHead>
              <TableHead>Starts</TableHead>
              <TableHead>Status</TableHead>
              <TableHead align="right">Seats</TableHead>
            </TableRow>
          </TableHeader>
          {cohorts.length === 0 ? (
            <TableEmpty
              colSpan={4}
              icon={CalendarRange}
              title="No cohorts yet"
              description="Open a course and add its first cohort."
            />
          ) : (
            <TableBody>
              {cohorts.map((cohort) => (
                <TableRow key={cohort._id} className="hover:bg-gray-50">
                  <TableCell>
                    <Link
                      href={`/admin/cohorts/${cohort._id}`}
                      className="font-medium text-gray-900 hover:text-brand-800 hover:underline"
                    >
                      {cohort.name}
                    </Link>
                    <p className="text-gray-600">
                      {cohort.courseTitle}
                      {cohort.isB2B && " · private"}
                    </p>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{formatDate(cohort.startDate)}</TableCell>
                  <TableCell>
                    <Badge tone={COHORT_STATUS[cohort.status].tone}>{COHORT_STATUS[cohort.status].label}</Badge>
                  </TableCell>
                  <TableCell numeric className="text-gray-900">
                    {cohort.currentEnrollment} / {cohort.maxCapacity}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          )}
        </Table>
      )}
    </section>
  );
}
