"use client";
import { useMutation, useQuery } from "convex/react";
import { CheckCheck, Users } from "lucide-react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { AttendanceStatus } from "@/convex/validators";
import { formatTime } from "@/lib/format";
import { ATTENDANCE_MARK_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

/** The marks in the order an instructor reaches for them, each in its meaning's colour when chosen. */
const MARKS: Array<{ value: AttendanceStatus; active: string }> = [
  { value: "present", active: "border-green-600 bg-green-50 text-green-800" },
  { value: "late", active: "border-amber-600 bg-amber-50 text-amber-900" },
  { value: "absent", active: "border-red-600 bg-red-50 text-red-800" },
  { value: "excused", active: "border-gray-600 bg-gray-100 text-gray-900" },
];

/** The roster of one session with a four-way mark per learner; check-ins from Join arrive live. */
export function AttendancePanel({ cohortSessionId, title }: { cohortSessionId: Id<"cohortSessions">; title: string }) {
  const roster = useQuery(api.liveSessions.attendance.roster, { cohortSessionId });
  const mark = useMutation(api.liveSessions.attendance.markAttendance);
  const markAll = useMutation(api.liveSessions.attendance.markAllPresent);
  const { isPending, run } = useSubmit();
  if (roster === undefined) return <Skeleton className="h-48" />;
  if (roster === null) return null;
  if (roster.length === 0)
    return (
      <EmptyState
        icon={Users}
        title="No confirmed learners"
        description="Learners appear here once their seat is confirmed."
      />
    );
  const unmarked = roster.filter((r) => r.status === null).length;
  return (
    <section aria-label={`Attendance for ${title}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-gray-700">
          {roster.length - unmarked} of {roster.length} marked
        </p>
        <Button
          size="sm"
          variant="secondary"
          disabled={unmarked === 0}
          loading={isPending("all")}
          onClick={() =>
            void run(() => markAll({ cohortSessionId }), { key: "all", success: (n) => `${n} marked present.` })
          }
        >
          <CheckCheck className="size-4" aria-hidden /> Mark all present
        </Button>
      </div>
      <ul className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200 bg-white">
        {roster.map((learner) => (
          <li
            key={learner.enrollmentId}
            className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:justify-between"
            data-testid="roster-row"
          >
            <div className="min-w-0">
              <p className="text-sm font-medium text-gray-900">{learner.name}</p>
              <p className="truncate text-xs text-gray-600">
                {learner.email}
                {learner.checkedInAt ? ` · joined ${formatTime(learner.checkedInAt)}` : ""}
              </p>
            </div>
            <div role="radiogroup" aria-label={`Attendance of ${learner.name}`} className="flex flex-wrap gap-1">
              {MARKS.map((status) => {
                const checked = learner.status === status.value;
                return (
                  <button
                    key={status.value}
                    type="button"
                    role="radio"
                    aria-checked={checked}
                    className={cn(
                      "rounded-md border px-2.5 py-1 text-xs font-medium",
                      "focus-visible:outline-2 focus-visible:outline-brand-600",
                      checked ? status.active : "border-gray-300 bg-white text-gray-700 hover:bg-gray-50",
                    )}
                    disabled={isPending(learner.enrollmentId)}
                    onClick={() => {
                      if (!checked)
                        void run(
                          () => mark({ cohortSessionId, enrollmentId: learner.enrollmentId, status: status.value }),
                          { key: learner.enrollmentId },
                        );
                    }}
                  >
                    {ATTENDANCE_MARK_LABEL[status.value]}
                  </button>
                );
              })}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
