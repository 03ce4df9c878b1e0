"use client";
import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Skeleton } from "@/components/ui/skeleton";

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
        {data.heldSessions === 0 ? "No session has taken place yet." : `${data.heldSessions} session${data.heldSessions === 1 ? "" : "s"} held. Certificates need 75% attendance.`}
      </p>
      {data.heldSessions > 0 && data.learners.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-gray-600">
              <tr>
                <th scope="col" className="py-2 pr-3">Learner</th>
                <th scope="col" className="py-2 pr-3">Attended</th>
                <th scope="col" className="hidden py-2 pr-3 sm:table-cell">Excused</th>
                <th scope="col" className="hidden py-2 pr-3 sm:table-cell">Absent</th>
                <th scope="col" className="py-2">Not marked</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {data.learners.map((l) => {
                const rate = l.attended / data.heldSessions;
                return (
                  <tr key={l.enrollmentId}>
                    <th scope="row" className="py-2 pr-3 font-medium text-gray-900">
                      {l.name}
                    </th>
                    <td className="py-2 pr-3">
                      <div className="flex items-center gap-2">
                        <div className="h-2 w-24 overflow-hidden rounded-full bg-gray-100" aria-hidden>
                          <div className={`h-full ${rate >= 0.75 ? "bg-green-600" : rate >= 0.5 ? "bg-amber-500" : "bg-red-500"}`} style={{ width: `${Math.round(rate * 100)}%` }} />
                        </div>
                        <span className="tabular text-gray-800">
                          {l.attended} of {data.heldSessions}
                        </span>
                      </div>
                    </td>
                    <td className="tabular hidden py-2 pr-3 text-gray-700 sm:table-cell">{l.excused}</td>
                    <td className="tabular hidden py-2 pr-3 text-gray-700 sm:table-cell">{l.absent}</td>
                    <td className="tabular py-2 text-gray-700">{l.unmarked}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
