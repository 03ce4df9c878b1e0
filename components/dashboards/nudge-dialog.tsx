"use client";
import { useMutation, useQuery } from "convex/react";
import { BellRing } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { TEXT_LIMITS } from "@/convex/limits";
import { REMINDER_CHANNEL_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

export type NudgeTarget =
  | { type: "individual"; userIds: Id<"users">[]; label: string }
  | { type: "team"; teamIds: Id<"teams">[]; label: string }
  | { type: "behind_schedule" | "inactive"; teamIds?: Id<"teams">[]; label: string };

const DEFAULT_TEXT = {
  individual: [
    "A quick nudge on your AI course",
    "Hi! Just checking in: your next lesson is waiting. Twenty minutes this week keeps you on track.",
  ],
  team: [
    "This week's learning",
    "Hi team, a reminder to keep going with the course this week. Reply if anything is in the way.",
  ],
  behind_schedule: [
    "Let's catch up on the course",
    "You're a little behind the cohort's schedule. The recordings and lessons are ready when you are.",
  ],
  inactive: [
    "We miss you in the course",
    "It's been a while since your last lesson. Pick up where you left off; it takes about 20 minutes.",
  ],
} as const;

/** Opens the reminder dialog for a person, a team, or those behind / inactive. Hidden without send_reminders. */
export function NudgeButton({
  organizationId,
  target,
  compact,
}: {
  organizationId: Id<"organizations">;
  target: NudgeTarget;
  compact?: boolean;
}) {
  const nav = useQuery(api.organizations.overview.get, { organizationId });
  const [open, setOpen] = useState(false);
  if (!nav?.myPermissions.includes("send_reminders")) return null;
  const button = (
    <Button
      variant={compact ? "ghost" : "secondary"}
      size="sm"
      onClick={() => setOpen(true)}
      aria-label={compact ? `Remind ${target.label}` : undefined}
    >
      <BellRing className="size-4" aria-hidden />
      {compact ? null : `Remind ${target.label}`}
    </Button>
  );
  return (
    <>
      {compact ? <Tooltip content={`Remind ${target.label}`}>{button}</Tooltip> : button}
      {open && <NudgeDialog organizationId={organizationId} target={target} onClose={() => setOpen(false)} />}
    </>
  );
}

function NudgeDialog({
  organizationId,
  target,
  onClose,
}: {
  organizationId: Id<"organizations">;
  target: NudgeTarget;
  onClose: () => void;
}) {
  const send = useMutation(api.dashboards.reminders.send);
  const { pending, run } = useSubmit();
  const [subject, setSubject] = useState<string>(DEFAULT_TEXT[target.type][0]);
  const [message, setMessage] = useState<string>(DEFAULT_TEXT[target.type][1]);
  const [channel, setChannel] = useState<keyof typeof REMINDER_CHANNEL_LABEL>("both");
  const [includeProgress, setIncludeProgress] = useState(true);
  const [days, setDays] = useState(7);
  const targetArgs = {
    targetType: target.type,
    ...(target.type === "individual" ? { userIds: target.userIds } : {}),
    ...("teamIds" in target && target.teamIds ? { teamIds: target.teamIds } : {}),
    ...(target.type === "inactive" ? { inactivityDays: days } : {}),
  };
  const count = useQuery(api.dashboards.reminders.preview, { organizationId, ...targetArgs });
  const submit = () =>
    run(() => send({ organizationId, ...targetArgs, subject, message, includeProgress, channel }), {
      success: ({ recipients }) => `Reminder sent to ${recipients} ${recipients === 1 ? "person" : "people"}.`,
      onSuccess: onClose,
    });
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={`Remind ${target.label}`}
        description={
          count === undefined
            ? "Counting recipients…"
            : `Goes to ${count} ${count === 1 ? "person" : "people"}. You can send 20 reminders an hour.`
        }
      >
        <div className="space-y-3">
          {target.type === "inactive" && (
            <Field id="nudge-days" label="Inactive for at least (days)">
              <Input
                id="nudge-days"
                type="number"
                min={1}
                max={90}
                value={days}
                onChange={(e) => setDays(Number(e.target.value) || 1)}
              />
            </Field>
          )}
          <Field id="nudge-subject" label="Subject">
            <Input
              id="nudge-subject"
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              maxLength={TEXT_LIMITS.title}
            />
          </Field>
          <Field id="nudge-message" label="Message">
            <Textarea
              id="nudge-message"
              rows={4}
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              maxLength={TEXT_LIMITS.paragraph}
            />
          </Field>
          <Field id="nudge-channel" label="Send by">
            <Select id="nudge-channel" value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
              <SelectOptions labels={REMINDER_CHANNEL_LABEL} />
            </Select>
          </Field>
          <CheckboxField
            label="Include each person's own progress"
            checked={includeProgress}
            onCheckedChange={setIncludeProgress}
          />
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={pending} disabled={count === 0} onClick={() => void submit()}>
            Send reminder
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
