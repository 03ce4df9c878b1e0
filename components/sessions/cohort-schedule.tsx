"use client";
import { useQuery } from "convex/react";
import { CalendarClock, CalendarPlus, ClipboardCheck, Pencil, Repeat, Video, XCircle } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { SESSION_TYPE_LABEL } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveDot } from "@/components/ui/live-dot";
import { Skeleton } from "@/components/ui/skeleton";
import { formatShortWeekday, formatTime } from "@/lib/format";
import { useNow } from "@/lib/use-now";
import { AttendancePanel } from "./attendance-panel";
import {
  AddSessionsDialog,
  CancelSessionDialog,
  EditSessionDialog,
  RecapDialog,
  type StaffSession,
} from "./session-dialogs";
import { cn } from "@/lib/utils";

type Open = { kind: "edit" | "cancel" | "recap"; session: StaffSession } | { kind: "add" } | null;

function status(session: StaffSession, now: number) {
  if (session.status === "cancelled") return { label: "Cancelled", tone: "danger" as const, live: false };
  if (now < session.startsAt) return { label: "Upcoming", tone: "brand" as const, live: false };
  if (now <= session.endsAt) return { label: "Live now", tone: "success" as const, live: true };
  return { label: "Completed", tone: "neutral" as const, live: false };
}

/**
 * A cohort's sessions for its staff: admins edit, cancel and add (also
 * recurring) sessions; instructors take attendance and write recaps.
 */
export function CohortSchedule({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const data = useQuery(api.liveSessions.schedule.forCohort, { cohortId });
  const now = useNow(30_000);
  const [open, setOpen] = useState<Open>(null);
  const [attendanceFor, setAttendanceFor] = useState<Id<"cohortSessions"> | null>(null);
  if (data === undefined) return <Skeleton className="h-64" />;
  if (data === null)
    return (
      <EmptyState
        icon={CalendarClock}
        title="No schedule to show"
        description="Only this cohort's instructors and the academy's admins see its schedule here."
      />
    );
  const zone = data.timezone;
  return (
    <section aria-labelledby="schedule-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="schedule-heading" className="text-base font-semibold text-gray-900">
            Schedule
          </h2>
          <p className="text-sm text-gray-600">
            Times in {zone} · {data.learnerCount} confirmed learners
          </p>
        </div>
        {data.canEditSchedule && (
          <Button size="sm" onClick={() => setOpen({ kind: "add" })}>
            <CalendarPlus className="size-4" aria-hidden /> Add sessions
          </Button>
        )}
      </div>
      {data.sessions.length === 0 ? (
        <div className="mt-3">
          <EmptyState
            icon={CalendarClock}
            title="No sessions yet"
            description="Sessions come from the course outline; add office hours or check-ins with “Add sessions”."
          />
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
          {data.sessions.map((session) => {
            const s = status(session, now);
            const started = now >= session.startsAt - 15 * 60_000 && session.status !== "cancelled";
            const { present, late, absent, excused } = session.attendance;
            const marked = present + late + absent + excused;
            return (
              <li key={session._id} className="px-4 py-3" data-testid="staff-session">
                <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p
                      className={cn(
                        "text-sm font-medium",
                        session.status === "cancelled" ? "text-gray-500 line-through" : "text-gray-900",
                      )}
                    >
                      {session.title}
                    </p>
                    <p className="tabular text-xs text-gray-600">
                      {formatShortWeekday(session.startsAt, zone)} · {formatTime(session.startsAt, zone)} –{" "}
                      {formatTime(session.endsAt, zone)} · {SESSION_TYPE_LABEL[session.type]}
                      {session.instructorName ? ` · ${session.instructorName}` : ""}
                    </p>
                    <p className="flex flex-wrap items-center gap-1.5 pt-1 text-xs text-gray-600">
                      <Badge tone={s.tone}>{s.live ? <LiveDot label={s.label} /> : s.label}</Badge>
                      {session.seriesId && (
                        <Badge>
                          <Repeat className="size-3" aria-hidden /> Series
                        </Badge>
                      )}
                      {session.isExtra && !session.seriesId && <Badge>Extra</Badge>}
                      {session.sequence > 0 && session.status !== "cancelled" && <Badge tone="warning">Changed</Badge>}
                      {session.meetingUrl && (
                        <span className="inline-flex items-center gap-0.5">
                          <Video className="size-3" aria-hidden /> link set
                        </span>
                      )}
                      {started && marked > 0 && (
                        <span>
                          · {present + late} attended, {absent} absent, {excused} excused
                        </span>
                      )}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-1">
                    {started && (
                      <Button
                        size="sm"
                        variant={attendanceFor === session._id ? "primary" : "secondary"}
                        aria-expanded={attendanceFor === session._id}
                        onClick={() => setAttendanceFor(attendanceFor === session._id ? null : session._id)}
                      >
                        <ClipboardCheck className="size-4" aria-hidden /> Attendance
                      </Button>
                    )}
                    {now >= session.startsAt && session.status !== "cancelled" && (
                      <Button size="sm" variant="ghost" onClick={() => setOpen({ kind: "recap", session })}>
                        Recap
                      </Button>
                    )}
                    {data.canEditSchedule && session.status !== "cancelled" && now < session.endsAt && (
                      <>
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setOpen({ kind: "edit", session })}
                          aria-label={`Edit ${session.title}`}
                        >
                          <Pencil className="size-4" aria-hidden /> Edit
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setOpen({ kind: "cancel", session })}
                          aria-label={`Cancel ${session.title}`}
                        >
                          <XCircle className="size-4" aria-hidden /> Cancel
                        </Button>
                      </>
                    )}
                  </div>
                </div>
                {attendanceFor === session._id && (
                  <div className="mt-3">
                    <AttendancePanel cohortSessionId={session._id} title={session.title} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {open?.kind === "add" && <AddSessionsDialog cohortId={cohortId} timezone={zone} onClose={() => setOpen(null)} />}
      {open?.kind === "edit" && (
        <EditSessionDialog session={open.session} timezone={zone} onClose={() => setOpen(null)} />
      )}
      {open?.kind === "cancel" && <CancelSessionDialog session={open.session} onClose={() => setOpen(null)} />}
      {open?.kind === "recap" && <RecapDialog session={open.session} onClose={() => setOpen(null)} />}
    </section>
  );
}
