"use client";
import { useMutation } from "convex/react";
import { CheckCircle2, MapPin, PlayCircle } from "lucide-react";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { LessonCheckLink } from "@/components/assessments/my-assessments";
import { Badge } from "@/components/ui/badge";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";

type ScheduledSession = FunctionReturnType<typeof api.learning.myCohorts>[number]["sessions"][number];

export const ATTENDANCE_LABEL = { present: "Attended", late: "Attended (late)", absent: "Absent", excused: "Excused" } as const;
const ATTENDANCE_TONE = { present: "success", late: "warning", absent: "danger", excused: "neutral" } as const;

/** The learner's attendance mark for a session, once there is one. */
export function AttendanceBadge({ status }: { status: ScheduledSession["attendance"] }) {
  if (status === null) return null;
  return (
    <Badge tone={ATTENDANCE_TONE[status]} data-testid="attendance">
      {status !== "absent" && <CheckCircle2 className="size-3.5" aria-hidden />}
      {ATTENDANCE_LABEL[status]}
    </Badge>
  );
}

/** Where and with whom; why it was cancelled. */
export function SessionMeta({ session }: { session: ScheduledSession }) {
  const parts = [session.instructorName ? `with ${session.instructorName}` : null].filter(Boolean);
  return (
    <>
      {(parts.length > 0 || session.location) && (
        <span className="flex flex-wrap items-center gap-x-2 text-xs text-gray-600">
          {parts.join(" · ")}
          {session.location && (
            <span className="inline-flex items-center gap-0.5">
              <MapPin className="size-3" aria-hidden /> {session.location}
            </span>
          )}
        </span>
      )}
      {session.status === "cancelled" && session.cancelReason && <span className="block text-xs text-red-700">{session.cancelReason}</span>}
    </>
  );
}

/** Recording, summary and action items of a past session. */
export function SessionRecap({ recap }: { recap: NonNullable<ScheduledSession["recap"]> }) {
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">Recap{recap.recordingUrl ? " and recording" : ""}</summary>
      <div className="mt-2 space-y-2 rounded-md bg-gray-50 p-3 text-gray-800">
        {recap.recordingUrl && (
          <a href={recap.recordingUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline">
            <PlayCircle className="size-4" aria-hidden /> Watch the recording
          </a>
        )}
        {recap.summary && <p className="whitespace-pre-line">{recap.summary}</p>}
        {recap.actionItems.length > 0 && (
          <ul className="list-disc space-y-0.5 pl-5">
            {recap.actionItems.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

/** The session's lessons with a checkbox each; ticking one updates the learner's progress (and their managers' dashboards). */
export function SessionLessons({ cohortId, session }: { cohortId: Id<"cohorts">; session: ScheduledSession }) {
  // Optimistic: the box ticks at once; the server's answer replaces it (or rolls it back on error).
  const setLessonDone = useMutation(api.learning.setLessonDone).withOptimisticUpdate((store, { lessonId, done }) => {
    const cohorts = store.getQuery(api.learning.myCohorts, {});
    if (cohorts === undefined) return;
    store.setQuery(
      api.learning.myCohorts,
      {},
      cohorts.map((c) => ({ ...c, sessions: c.sessions.map((s) => ({ ...s, lessons: s.lessons.map((l) => (l._id === lessonId ? { ...l, done } : l)) })) })),
    );
  });
  const toast = useToast();
  const [busy, setBusy] = useState<Id<"lessons"> | null>(null);
  if (session.lessons.length === 0) return null;
  const done = session.lessons.filter((l) => l.done).length;
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">
        Lessons · {done} of {session.lessons.length} done
      </summary>
      <ul className="mt-2 space-y-1.5">
        {session.lessons.map((lesson) => (
          <li key={lesson._id}>
            <label className="flex cursor-pointer items-start gap-2 text-gray-800">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-brand-600"
                checked={lesson.done}
                disabled={busy === lesson._id}
                onChange={(event) => {
                  setBusy(lesson._id);
                  setLessonDone({ cohortId, lessonId: lesson._id, done: event.target.checked })
                    .catch((error: unknown) => toast("error", errorMessage(error)))
                    .finally(() => setBusy(null));
                }}
              />
              <span className={lesson.done ? "text-gray-500 line-through" : undefined}>
                {lesson.title} <span className="text-xs text-gray-600">· {lesson.durationMinutes} min</span>
              </span>
            </label>
            <LessonCheckLink cohortId={cohortId} lessonId={lesson._id} />
          </li>
        ))}
      </ul>
    </details>
  );
}
