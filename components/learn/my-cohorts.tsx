"use client";
import { useConvex, useMutation, usePreloadedQuery, useQuery, type Preloaded } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import { BookOpen, CalendarPlus, Clock, Download, ExternalLink, FileText, Video } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FORMAT_LABEL, SESSION_TYPE_LABEL } from "@/lib/labels";
import { OfferButtons } from "@/components/waitlist/offer-buttons";
import { MyAssessments } from "@/components/assessments/my-assessments";
import { MyPathsCard } from "@/components/paths/my-paths-card";
import { MyCertificates } from "./my-certificates";
import { OfficeHours } from "./office-hours";
import { IntakeSurveyPrompt } from "./intake-survey";
import { SelfServicePanel } from "./self-service";
import { AttendanceBadge, SessionLessons, SessionMeta, SessionRecap } from "./session-extras";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Countdown } from "@/components/ui/countdown";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveDot } from "@/components/ui/live-dot";
import { Skeleton } from "@/components/ui/skeleton";
import { Tooltip } from "@/components/ui/tooltip";
import { formatDate, formatDateRange, formatTime, formatWeekday, formatZoneName } from "@/lib/format";
import { useMounted } from "@/lib/use-mounted";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

type LearnerCohort = FunctionReturnType<typeof api.learning.cohorts.myCohorts>[number];
type ScheduledSession = LearnerCohort["sessions"][number];

const JOIN_OPENS_MS = 15 * 60 * 1000;

/** upcoming / starts in N min / live now / ended / cancelled, from the learner's clock. */
export function sessionStatus(session: Pick<ScheduledSession, "startsAt" | "endsAt" | "status">, now: number) {
  if (session.status === "cancelled")
    return { kind: "cancelled" as const, label: "Cancelled", tone: "danger" as const };
  if (now >= session.endsAt) return { kind: "ended" as const, label: "Ended", tone: "neutral" as const };
  if (now >= session.startsAt) return { kind: "live" as const, label: "Live now", tone: "success" as const };
  const minutes = Math.ceil((session.startsAt - now) / 60_000);
  if (minutes <= 60) return { kind: "soon" as const, label: `Starts in ${minutes} min`, tone: "warning" as const };
  return { kind: "upcoming" as const, label: "Upcoming", tone: "brand" as const };
}

export function MyCohorts({
  preloadedViewer,
  preloadedCohorts,
}: {
  preloadedViewer: Preloaded<typeof api.users.account.viewer>;
  preloadedCohorts: Preloaded<typeof api.learning.cohorts.myCohorts>;
}) {
  const viewer = usePreloadedQuery(preloadedViewer);
  const cohorts = usePreloadedQuery(preloadedCohorts);
  const now = useNow(15_000);
  const mounted = useMounted();
  // The zone chosen on the account page, else the device's own.
  const zone = viewer?.timezone;
  const waitlist = useQuery(api.waitlist.places.mine);
  const courseLines = useQuery(api.waitlist.places.myCourseLines);
  const confirmed = cohorts.filter((c) => c.confirmed);
  const next = confirmed
    .flatMap((cohort) => cohort.sessions.map((session) => ({ cohort, session })))
    .filter(({ session }) => session.status !== "cancelled" && session.endsAt > now)
    .sort((a, b) => a.session.startsAt - b.session.startsAt)[0];

  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">
        {viewer ? `Welcome back, ${viewer.name.split(" ")[0]}` : "My learning"}
      </h1>
      <p className="mt-1 text-sm text-gray-600" data-testid="schedule-zone">
        {zone
          ? `Times are shown in ${formatZoneName(now, zone)}, as set on your account`
          : `Times are shown in your timezone${mounted ? ` (${formatZoneName(now)})` : ""}`}
        .{" "}
        <Link href="/account" className="text-brand-700 underline underline-offset-2">
          Change
        </Link>
      </p>
      {waitlist && waitlist.length > 0 && (
        <div className="mt-6 space-y-3">
          {waitlist.map((entry) => (
            <WaitlistCard key={entry._id} entry={entry} />
          ))}
        </div>
      )}
      {courseLines && courseLines.length > 0 && (
        <div className="mt-3 space-y-3">
          {courseLines.map((line) => (
            <Card key={line._id} className="flex flex-wrap items-center justify-between gap-3 p-5">
              <p className="text-sm text-gray-800">
                You&apos;re #{line.place} for the next cohort of <span className="font-medium">{line.courseTitle}</span>
              </p>
              <Button asChild size="sm" variant="secondary">
                <Link href={`/courses/${line.courseSlug}`}>View course</Link>
              </Button>
            </Card>
          ))}
        </div>
      )}
      <MyPathsCard className="mt-6" />
      {!mounted ? (
        <div className="mt-6 space-y-6" aria-busy>
          {cohorts.map((cohort) => (
            <Skeleton key={cohort.enrollmentId} className="h-96" />
          ))}
        </div>
      ) : cohorts.length === 0 && (waitlist?.length ?? 0) === 0 && (courseLines?.length ?? 0) === 0 ? (
        <div className="mt-6">
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
        </div>
      ) : (
        <div className="mt-6 space-y-6">
          {next && <NextSessionCard cohort={next.cohort} session={next.session} now={now} zone={zone} />}
          <MyAssessments />
          {cohorts.map((cohort) =>
            cohort.confirmed ? (
              <CohortCard key={cohort.enrollmentId} cohort={cohort} now={now} zone={zone} />
            ) : (
              <PendingCard key={cohort.enrollmentId} cohort={cohort} />
            ),
          )}
          <MyCertificates />
          <OfficeHours viewer={viewer} />
        </div>
      )}
    </div>
  );
}

function WaitlistCard({ entry }: { entry: FunctionReturnType<typeof api.waitlist.places.mine>[number] }) {
  if (entry.status === "offered" && entry.offerExpiresAt) {
    return (
      <Card className="border-amber-300 bg-amber-50 p-5" data-testid="waitlist-offer">
        <p className="text-xs font-semibold tracking-wide text-amber-900 uppercase">A seat opened up for you</p>
        <p className="mt-1 text-lg font-semibold text-gray-900">{entry.courseTitle}</p>
        <p className="text-sm text-gray-700">{entry.cohortName}</p>
        <p className="mt-2 text-sm text-amber-900">
          Offer expires in <Countdown until={entry.offerExpiresAt} className="font-semibold" />
        </p>
        <div className="mt-3">
          <OfferButtons entryId={entry._id} size="md" />
        </div>
      </Card>
    );
  }
  return (
    <Card className="flex flex-wrap items-center justify-between gap-3 p-5" data-testid="waitlist-place">
      <div>
        <Badge tone="warning">Waitlist</Badge>
        <p className="mt-2 font-medium text-gray-900">
          You&apos;re #{entry.place} on the waitlist for {entry.cohortName}
        </p>
        <p className="text-sm text-gray-600">
          {entry.courseTitle}
          {entry.seatsHeldByOffers > 0
            ? ` · ${entry.seatsHeldByOffers} seat${entry.seatsHeldByOffers === 1 ? " is" : "s are"} ` +
              "being offered ahead of you"
            : ""}
        </p>
      </div>
      <Button asChild size="sm" variant="secondary">
        <Link href={`/cohorts/${entry.cohortId}`}>View cohort</Link>
      </Button>
    </Card>
  );
}

function NextSessionCard({
  cohort,
  session,
  now,
  zone,
}: {
  cohort: LearnerCohort;
  session: ScheduledSession;
  now: number;
  zone?: string;
}) {
  const status = sessionStatus(session, now);
  return (
    <Card className="border-brand-100 bg-brand-50/50 p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">
            {status.kind === "live" ? "Happening now" : "Next session"}
          </p>
          <p className="mt-1 text-lg font-semibold text-gray-900">{session.title}</p>
          <p className="text-sm text-gray-700">
            {cohort.courseTitle} · {formatWeekday(session.startsAt, zone)}, {formatTime(session.startsAt, zone)} –{" "}
            {formatTime(session.endsAt, zone)}
          </p>
        </div>
        <div className="flex flex-col items-start gap-2 sm:items-end">
          <LiveStatus session={session} now={now} />
          {status.kind !== "live" && session.startsAt - now > 60 * 60 * 1000 && (
            <p className="text-sm text-gray-700">
              in <Countdown until={session.startsAt} />
            </p>
          )}
          <JoinButton session={session} now={now} />
        </div>
      </div>
    </Card>
  );
}

function LiveStatus({ session, now }: { session: ScheduledSession; now: number }) {
  const status = sessionStatus(session, now);
  return (
    <Badge tone={status.tone} data-testid="session-status">
      {status.kind === "live" ? <LiveDot label={status.label} /> : status.label}
    </Badge>
  );
}

function JoinButton({ session, now }: { session: ScheduledSession; now: number }) {
  const join = useMutation(api.learning.cohorts.joinSession);
  const { pending, run } = useSubmit();
  const status = sessionStatus(session, now);
  const open = status.kind === "live" || (status.kind === "soon" && session.startsAt - now <= JOIN_OPENS_MS);
  if (!open || !session.hasMeetingLink) return null;
  return (
    <Button
      size="sm"
      loading={pending}
      onClick={() =>
        void run(() => join({ cohortSessionId: session._id }), {
          onSuccess: (url) => window.open(url, "_blank", "noopener"),
        })
      }
    >
      <Video className="size-4" aria-hidden /> Join
    </Button>
  );
}

function PendingCard({ cohort }: { cohort: LearnerCohort }) {
  return (
    <Card className="flex flex-wrap items-center justify-between gap-4 border-amber-200 p-5">
      <div>
        <Badge tone="warning">{cohort.awaitingPayment ? "Payment processing" : "Checkout in progress"}</Badge>
        <p className="mt-2 font-medium text-gray-900">{cohort.courseTitle}</p>
        <p className="text-sm text-gray-600">{cohort.cohortName}</p>
        {cohort.holdExpiresAt && (
          <p className="mt-1 flex items-center gap-1 text-sm text-amber-800">
            <Clock className="size-4" aria-hidden /> Seat held for <Countdown until={cohort.holdExpiresAt} />
          </p>
        )}
      </div>
      {!cohort.awaitingPayment && (
        <Button asChild size="sm">
          <Link href={`/checkout/${cohort.enrollmentId}`}>Continue to payment</Link>
        </Button>
      )}
    </Card>
  );
}

function downloadText(filename: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The .ics of the whole cohort, or of one session; `isDownloading("all")` / `isDownloading(sessionId)` while it is
 * fetched.
 */
function useCalendarDownload(cohortId: Id<"cohorts">) {
  const convex = useConvex();
  const { isPending, run } = useSubmit();
  const download = (cohortSessionId?: Id<"cohortSessions">) => {
    const saved = convex
      .query(api.learning.cohorts.calendarFile, { cohortId, ...(cohortSessionId ? { cohortSessionId } : {}) })
      .then((file) => {
        if (!file) throw new ConvexError("The calendar is available to confirmed participants.");
        downloadText(file.filename, file.content, "text/calendar");
      });
    void run(() => saved, { key: cohortSessionId ?? "all" });
  };
  return { download, isDownloading: isPending };
}

function CohortCard({ cohort, now, zone }: { cohort: LearnerCohort; now: number; zone?: string }) {
  const { download, isDownloading } = useCalendarDownload(cohort.cohortId);
  const openKitItem = useMutation(api.learning.cohorts.openKitItem);
  const { isPending, run } = useSubmit();
  const days = new Map<string, ScheduledSession[]>();
  for (const session of cohort.sessions) {
    const key = formatWeekday(session.startsAt, zone);
    days.set(key, [...(days.get(key) ?? []), session]);
  }
  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone="brand">{FORMAT_LABEL[cohort.format]}</Badge>
            <Badge tone={cohort.cohortStatus === "in_progress" ? "success" : "neutral"}>
              {cohort.cohortStatus === "in_progress"
                ? "In progress"
                : cohort.cohortStatus === "completed"
                  ? "Completed"
                  : "Confirmed"}
            </Badge>
          </div>
          <h2 className="mt-2 text-lg font-semibold text-gray-900">{cohort.courseTitle}</h2>
          <p className="text-sm text-gray-600">
            {cohort.cohortName} · {formatDateRange(cohort.startDate, cohort.endDate, cohort.timezone ?? zone)}
          </p>
        </div>
        <Button variant="secondary" size="sm" loading={isDownloading("all")} onClick={() => download()}>
          <CalendarPlus className="size-4" aria-hidden /> Add all to calendar (.ics)
        </Button>
      </div>

      {!cohort.intakeSurveyCompleted && cohort.cohortStatus !== "completed" && (
        <IntakeSurveyPrompt enrollmentId={cohort.enrollmentId} courseTitle={cohort.courseTitle} />
      )}
      {(cohort.cohortStatus === "open" || cohort.cohortStatus === "scheduled") && (
        <SelfServicePanel enrollmentId={cohort.enrollmentId} now={now} zone={zone} />
      )}
      <div className="mt-5 grid gap-6 lg:grid-cols-[1fr_300px]">
        <section aria-label={`Schedule of ${cohort.cohortName}`}>
          {[...days].map(([label, sessions]) => (
            <div key={label} className="mb-4">
              <h3 className="text-xs font-semibold tracking-wide text-gray-600 uppercase">{label}</h3>
              <ul className="mt-2 divide-y divide-gray-100 rounded-md border border-gray-200">
                {sessions.map((session) => (
                  <li
                    key={session._id}
                    className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:gap-3"
                    data-testid="schedule-session"
                  >
                    <span className="tabular text-sm whitespace-nowrap text-gray-700 sm:w-40 sm:shrink-0">
                      {formatTime(session.startsAt, zone)} – {formatTime(session.endsAt, zone)}
                    </span>
                    <span className="min-w-0 sm:flex-1">
                      <span
                        className={cn(
                          "block text-sm font-medium",
                          session.status === "cancelled" ? "text-gray-500 line-through" : "text-gray-900",
                        )}
                      >
                        {session.title}
                      </span>
                      <span className="text-xs text-gray-600">{SESSION_TYPE_LABEL[session.type]}</span>
                      <SessionMeta session={session} />
                      {session.recap && <SessionRecap recap={session.recap} />}
                      <SessionLessons cohortId={cohort.cohortId} session={session} />
                    </span>
                    <span className="flex flex-wrap items-center gap-2">
                      <AttendanceBadge status={session.attendance} />
                      <LiveStatus session={session} now={now} />
                      <JoinButton session={session} now={now} />
                      <Tooltip content={`Add ${session.title} to calendar`}>
                        <Button
                          variant="ghost"
                          size="sm"
                          loading={isDownloading(session._id)}
                          onClick={() => download(session._id)}
                          aria-label={`Add ${session.title} to calendar`}
                        >
                          {!isDownloading(session._id) && <CalendarPlus className="size-4" aria-hidden />}
                        </Button>
                      </Tooltip>
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section aria-label="Enablement kit">
          <h3 className="text-sm font-semibold text-gray-900">Enablement kit</h3>
          <p className="text-xs text-gray-600">Yours until {formatDate(cohort.materialsAccessUntil, zone)}</p>
          <ul className="mt-3 space-y-2">
            {cohort.kit.map((item) => (
              <li key={item._id}>
                <Button
                  variant="secondary"
                  size="sm"
                  className="w-full justify-start"
                  loading={isPending(item._id)}
                  onClick={() =>
                    void run(() => openKitItem({ itemId: item._id }), {
                      key: item._id,
                      onSuccess: (url) => window.open(url, "_blank", "noopener"),
                    })
                  }
                >
                  {item.type === "chatbot" ? (
                    <ExternalLink className="size-4" aria-hidden />
                  ) : item.type === "slides" ? (
                    <Download className="size-4" aria-hidden />
                  ) : (
                    <FileText className="size-4" aria-hidden />
                  )}
                  <span className="truncate">{item.title.replace(`${cohort.courseTitle}: `, "")}</span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Card>
  );
}
