"use client";
import { useMutation } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { MAX_RECORDING_BYTES } from "@/convex/liveSessions/model/recordingUploads";
import { RECURRENCE_LABEL, SESSION_TYPE_LABEL } from "@/lib/labels";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useSubmit } from "@/lib/use-submit";

export type StaffSession = NonNullable<
  FunctionReturnType<typeof api.liveSessions.schedule.forCohort>
>["sessions"][number];
type SessionType = StaffSession["type"];

const minutesOf = (s: StaffSession) => Math.round((s.endsAt - s.startsAt) / 60_000);

/** Moves a session or changes its title, link, place or instructor. Learners are told; reminders follow. */
export function EditSessionDialog({
  session,
  timezone,
  onClose,
}: {
  session: StaffSession;
  timezone: string;
  onClose: () => void;
}) {
  const update = useMutation(api.liveSessions.schedule.update);
  const [form, setForm] = useState({
    title: session.title,
    startsAtLocal: session.startsAtLocal,
    durationMinutes: String(minutesOf(session)),
    meetingUrl: session.meetingUrl ?? "",
    location: session.location ?? "",
    instructorEmail: session.instructorEmail ?? "",
  });
  const { pending: busy, handleSubmit } = useSubmit();
  const submit = handleSubmit(
    () => update({ cohortSessionId: session._id, ...form, durationMinutes: Number(form.durationMinutes) }),
    {
      success: "Session saved. Learners were told and their reminders follow the new time.",
      onSuccess: onClose,
    },
  );
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={`Edit ${session.title}`} description={`Times are in the cohort's timezone, ${timezone}.`}>
        <form className="space-y-3" onSubmit={submit}>
          <Field id="session-title" label="Title">
            <Input id="session-title" value={form.title} onChange={set("title")} required />
          </Field>
          <StartAndDuration
            idPrefix="session"
            startLabel="Starts"
            start={form.startsAtLocal}
            minutes={form.durationMinutes}
            onStart={set("startsAtLocal")}
            onMinutes={set("durationMinutes")}
          />
          <Field id="session-link" label="Meeting link">
            <Input
              id="session-link"
              type="url"
              placeholder="https://"
              value={form.meetingUrl}
              onChange={set("meetingUrl")}
            />
          </Field>
          <Field id="session-location" label="Location (optional)">
            <Input
              id="session-location"
              placeholder="e.g. Room 4.12, Berlin office"
              value={form.location}
              onChange={set("location")}
            />
          </Field>
          <Field
            id="session-instructor"
            label="Instructor's email"
            hint="Leave empty for no instructor on this session."
          >
            <Input
              id="session-instructor"
              type="email"
              value={form.instructorEmail}
              onChange={set("instructorEmail")}
            />
          </Field>
          <DialogActions busy={busy} onClose={onClose} label="Save session" />
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function CancelSessionDialog({ session, onClose }: { session: StaffSession; onClose: () => void }) {
  const cancel = useMutation(api.liveSessions.schedule.cancel);
  const [reason, setReason] = useState("");
  const { pending: busy, handleSubmit } = useSubmit();
  const submit = handleSubmit(() => cancel({ cohortSessionId: session._id, reason }), {
    success: `${session.title} was cancelled; learners were told.`,
    onSuccess: onClose,
  });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Cancel ${session.title}?`}
        description={
          "Every learner is told at once, in the app and by email, with an updated calendar entry. " +
          "Its reminders are called off."
        }
      >
        <form className="space-y-3" onSubmit={submit}>
          <Field id="cancel-reason" label="Reason shown to learners (optional)">
            <Textarea
              id="cancel-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="e.g. The instructor is ill; the recording of last year's session is in your kit."
            />
          </Field>
          <DialogActions busy={busy} onClose={onClose} cancelLabel="Keep it" destructive label="Cancel session" />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Adds one session or a recurring series (weekly, every 2 weeks, monthly; N times or until a date). */
export function AddSessionsDialog({
  cohortId,
  timezone,
  onClose,
}: {
  cohortId: Id<"cohorts">;
  timezone: string;
  onClose: () => void;
}) {
  const add = useMutation(api.liveSessions.schedule.add);
  const [form, setForm] = useState({
    title: "",
    type: "IO" as SessionType,
    startsAtLocal: "",
    durationMinutes: "45",
    meetingUrl: "",
    location: "",
  });
  const [repeat, setRepeat] = useState<"none" | keyof typeof RECURRENCE_LABEL>("none");
  const [ending, setEnding] = useState<"count" | "until">("count");
  const [count, setCount] = useState("6");
  const [untilDate, setUntilDate] = useState("");
  const { pending: busy, handleSubmit } = useSubmit();
  const submit = handleSubmit(
    () =>
      add({
        cohortId,
        ...form,
        durationMinutes: Number(form.durationMinutes),
        ...(repeat === "none"
          ? {}
          : { recurrence: { frequency: repeat, ...(ending === "count" ? { count: Number(count) } : { untilDate }) } }),
      }),
    {
      success: repeat === "none" ? "Session added; learners were told." : "Series added; learners were told.",
      onSuccess: onClose,
    },
  );
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title="Add sessions"
        description={
          `Office hours, check-ins or an extra workshop. Times are in ${timezone}; ` +
          "repeating sessions keep their local time across daylight-saving changes."
        }
      >
        <form className="space-y-3" onSubmit={submit}>
          <div className="grid grid-cols-[1fr_150px] gap-3">
            <Field id="add-title" label="Title">
              <Input
                id="add-title"
                value={form.title}
                onChange={set("title")}
                placeholder="e.g. Office hours"
                required
              />
            </Field>
            <Field id="add-type" label="Type">
              <Select id="add-type" value={form.type} onChange={set("type")}>
                <SelectOptions labels={SESSION_TYPE_LABEL} />
              </Select>
            </Field>
          </div>
          <StartAndDuration
            idPrefix="add"
            startLabel="First session starts"
            start={form.startsAtLocal}
            minutes={form.durationMinutes}
            onStart={set("startsAtLocal")}
            onMinutes={set("durationMinutes")}
          />
          <Field id="add-repeat" label="Repeats">
            <Select id="add-repeat" value={repeat} onChange={(e) => setRepeat(e.target.value as typeof repeat)}>
              <option value="none">Does not repeat</option>
              <SelectOptions labels={RECURRENCE_LABEL} />
            </Select>
          </Field>
          {repeat !== "none" && (
            <div className="grid grid-cols-2 gap-3">
              <Field id="add-ending" label="Ends">
                <Select id="add-ending" value={ending} onChange={(e) => setEnding(e.target.value as typeof ending)}>
                  <option value="count">After a number of sessions</option>
                  <option value="until">On a date</option>
                </Select>
              </Field>
              {ending === "count" ? (
                <Field id="add-count" label="Number of sessions">
                  <Input
                    id="add-count"
                    type="number"
                    min={1}
                    max={52}
                    value={count}
                    onChange={(e) => setCount(e.target.value)}
                    required
                  />
                </Field>
              ) : (
                <Field id="add-until" label="Last date">
                  <Input
                    id="add-until"
                    type="date"
                    value={untilDate}
                    onChange={(e) => setUntilDate(e.target.value)}
                    required
                  />
                </Field>
              )}
            </div>
          )}
          <Field id="add-link" label="Meeting link (optional)" hint="Empty: the cohort's link.">
            <Input
              id="add-link"
              type="url"
              placeholder="https://"
              value={form.meetingUrl}
              onChange={set("meetingUrl")}
            />
          </Field>
          <DialogActions busy={busy} onClose={onClose} label={repeat === "none" ? "Add session" : "Add series"} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Base64 SHA-256 of a file, as Convex records it for stored files. */
async function fileSha256(file: File) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Recording link, summary and action items after a session. */
export function RecapDialog({ session, onClose }: { session: StaffSession; onClose: () => void }) {
  const save = useMutation(api.liveSessions.recaps.saveRecap);
  const uploadUrl = useMutation(api.liveSessions.recaps.generateRecordingUploadUrl);
  const [file, setFile] = useState<File | null>(null);
  const [recordingUrl, setRecordingUrl] = useState(session.recordingUrl ?? "");
  const [summary, setSummary] = useState(session.summary ?? "");
  const [actionItems, setActionItems] = useState(session.actionItems.join("\n"));
  const { pending: busy, handleSubmit } = useSubmit();
  const submit = handleSubmit(
    async () => {
      let recordingFileId: Id<"_storage"> | undefined;
      if (file) {
        if (file.size > MAX_RECORDING_BYTES)
          throw new ConvexError("A recording file may be at most 2 GB; add a link to larger ones instead.");
        // The academy attaches only the file this upload URL was asked for, named by its SHA-256.
        const sha256 = await fileSha256(file);
        const url = await uploadUrl({ cohortSessionId: session._id, sha256, size: file.size });
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": file.type || "video/mp4" },
          body: file,
        });
        if (!response.ok) throw new ConvexError("The upload failed; please try again.");
        recordingFileId = ((await response.json()) as { storageId: Id<"_storage"> }).storageId;
      }
      await save({
        cohortSessionId: session._id,
        recordingUrl,
        summary,
        actionItems: actionItems.split("\n"),
        ...(recordingFileId ? { recordingFileId } : {}),
      });
    },
    { success: "Recap saved; learners see it on their learning page.", onSuccess: onClose },
  );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Recap of ${session.title}`}
        description="Learners see it while their materials access lasts."
      >
        <form className="space-y-3" onSubmit={submit}>
          <Field id="recap-recording" label="Recording link">
            <Input
              id="recap-recording"
              type="url"
              placeholder="https://"
              value={recordingUrl}
              onChange={(e) => setRecordingUrl(e.target.value)}
            />
          </Field>
          <Field
            id="recap-file"
            label="…or upload the recording"
            hint={
              session.hasRecordingFile
                ? "A recording file is already uploaded; a new one replaces it."
                : "Video or audio file, up to 2 GB."
            }
          >
            <input
              id="recap-file"
              type="file"
              accept="video/*,audio/*"
              className="block w-full text-sm text-gray-700"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Field>
          <Field id="recap-summary" label="Summary">
            <Textarea id="recap-summary" value={summary} onChange={(e) => setSummary(e.target.value)} />
          </Field>
          <Field id="recap-actions" label="Action items" hint="One per line.">
            <Textarea id="recap-actions" value={actionItems} onChange={(e) => setActionItems(e.target.value)} />
          </Field>
          <DialogActions busy={busy} onClose={onClose} label={busy && file ? "Uploading…" : "Save recap"} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

function StartAndDuration(props: {
  idPrefix: string;
  startLabel: string;
  start: string;
  minutes: string;
  onStart: (e: { target: { value: string } }) => void;
  onMinutes: (e: { target: { value: string } }) => void;
}) {
  return (
    <div className="grid grid-cols-[1fr_110px] gap-3">
      <Field id={`${props.idPrefix}-start`} label={props.startLabel}>
        <Input
          id={`${props.idPrefix}-start`}
          type="datetime-local"
          value={props.start}
          onChange={props.onStart}
          required
        />
      </Field>
      <Field id={`${props.idPrefix}-duration`} label="Minutes">
        <Input
          id={`${props.idPrefix}-duration`}
          type="number"
          min={15}
          max={480}
          step={5}
          value={props.minutes}
          onChange={props.onMinutes}
          required
        />
      </Field>
    </div>
  );
}

function DialogActions({
  busy,
  onClose,
  label,
  cancelLabel = "Cancel",
  destructive = false,
}: {
  busy: boolean;
  onClose: () => void;
  label: string;
  cancelLabel?: string;
  destructive?: boolean;
}) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <Button type="button" variant="secondary" onClick={onClose}>
        {cancelLabel}
      </Button>
      <Button type="submit" variant={destructive ? "destructive" : "primary"} loading={busy}>
        {label}
      </Button>
    </div>
  );
}
