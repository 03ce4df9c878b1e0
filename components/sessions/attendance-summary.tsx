"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";

/** Certificates need this share of the sessions held. */
const CERTIFICATE_ATTENDANCE = 0.75;

/** Each learner's attendance across the sessions held so far, lowest first (who may need a nudge). */
export function AttendanceSummary({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const data = useQuery(api.liveSessions.attendance.attendanceSummary, { cohortId });
  if (data === undefined) return <Skeleton className="h-40" />;
  if (data === null) return null;
  return (
    <section aria-labelledby="attendance-summary-heading">
      <h2 id="attendance-summary-heading" className="text-base font-semibold text-gray-900">
        Attendance so far
      </h2>
      <p className="text-sm text-gray-600">
        {data.heldSessions === 0
          ? "No session has taken place yet."
          : `${data.heldSessions} session${data.heldSessions === 1 ? "" : "s"} held. Certificates need 75% attendance.`}
      </p>
      {data.heldSessions > 0 && data.learners.length > 0 && (
        <Table caption="Attendance so far" sticky="page" className="mt-3">
          <TableHeader>
            <TableRow>
              <TableHead>Learner</TableHead>
              <TableHead>Attended</TableHead>
              <TableHead align="right" className="hidden sm:table-cell">
                Excused
              </TableHead>
              <TableHead align="right" className="hidden sm:table-cell">
                Absent
              </TableHead>
              <TableHead align="right">Not marked</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.learners.map((l) => {
              const rate = l.attended / data.heldSessions;
              return (
                <TableRow key={l.enrollmentId}>
                  <TableRowHeader>{l.name}</TableRowHeader>
                  <TableCell>
                    <div className="flex items-center gap-2">
                      <ProgressBar
                        value={l.attended}
                        max={data.heldSessions}
                        label={`Attendance of ${l.name}`}
                        valueText={`${l.attended} of ${data.heldSessions} sessions`}
                        tone={rate >= CERTIFICATE_ATTENDANCE ? "success" : rate >= 0.5 ? "warning" : "danger"}
                        size="md"
                        className="w-24"
                      />
                      <span className="tabular whitespace-nowrap text-gray-800">
                        {l.attended} of {data.heldSessions}
                      </span>
                    </div>
                  </TableCell>
                  <TableCell numeric className="hidden sm:table-cell">
                    {l.excused}
                  </TableCell>
                  <TableCell numeric className="hidden sm:table-cell">
                    {l.absent}
                  </TableCell>
                  <TableCell numeric>{l.unmarked}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
