"use client";
import { useMutation } from "convex/react";
import { CheckCircle2, MapPin, PlayCircle } from "lucide-react";
import type { FunctionReturnType } from "convex/server";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { LessonCheckLink } from "@/components/assessments/my-assessments";
import { Badge } from "@/components/ui/badge";
import { CheckboxField } from "@/components/ui/checkbox";
import { ATTENDANCE } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type ScheduledSession = FunctionReturnType<typeof api.learning.cohorts.myCohorts>[number]["sessions"][number];

/** The learner's attendance mark for a session, once there is one. */
export function AttendanceBadge({ status }: { status: ScheduledSession["attendance"] }) {
  if (status === null) return null;
  return (
    <Badge tone={ATTENDANCE[status].tone} data-testid="attendance">
      {status !== "absent" && <CheckCircle2 className="size-3.5" aria-hidden />}
      {ATTENDANCE[status].label}
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
      {session.status === "cancelled" && session.cancelReason && (
        <span className="block text-xs text-red-700">{session.cancelReason}</span>
      )}
    </>
  );
}

/** Recording, summary and action items of a past session. */
export function SessionRecap({ recap }: { recap: NonNullable<ScheduledSession["recap"]> }) {
  return (
    <details className="mt-1 text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">
        Recap{recap.recordingUrl ? " and recording" : ""}
      </summary>
      <div className="mt-2 space-y-2 rounded-md bg-gray-50 p-3 text-gray-800">
        {recap.recordingUrl && (
          <a
            href={recap.recordingUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
          >
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

/**
 * The session's lessons with a checkbox each; ticking one updates the learner's progress (and their managers'
 * dashboards).
 */
export function SessionLessons({ cohortId, session }: { cohortId: Id<"cohorts">; session: ScheduledSession }) {
  // Optimistic: the box ticks at once; the server's answer replaces it (or rolls it back on error).
  const setLessonDone = useMutation(api.learning.cohorts.setLessonDone).withOptimisticUpdate(
    (store, { lessonId, done }) => {
      const cohorts = store.getQuery(api.learning.cohorts.myCohorts, {});
      if (cohorts === undefined) return;
      store.setQuery(
        api.learning.cohorts.myCohorts,
        {},
        cohorts.map((c) => ({
          ...c,
          sessions: c.sessions.map((s) => ({
            ...s,
            lessons: s.lessons.map((l) => (l._id === lessonId ? { ...l, done } : l)),
          })),
        })),
      );
    },
  );
  const { isPending, run } = useSubmit();
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
            <CheckboxField
              checked={lesson.done}
              disabled={isPending(lesson._id)}
              onCheckedChange={(done) =>
                void run(() => setLessonDone({ cohortId, lessonId: lesson._id, done }), { key: lesson._id })
              }
              labelClassName={lesson.done ? "text-gray-500 line-through" : undefined}
              label={
                <>
                  {lesson.title} <span className="text-xs text-gray-600">· {lesson.durationMinutes} min</span>
                </>
              }
            />
            <LessonCheckLink cohortId={cohortId} lessonId={lesson._id} />
          </li>
        ))}
      </ul>
    </details>
  );
}
