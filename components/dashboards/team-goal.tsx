"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Target } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { SkillLevel } from "@/convex/validators";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select, SelectOptions } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { SKILL_LEVEL_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

type Data = FunctionReturnType<typeof api.dashboards.goals.forTeam>;
const { none: _none, ...TARGET_LEVEL_LABEL } = SKILL_LEVEL_LABEL;

/** "2026-12-31" for a date input, in the viewer's own calendar. */
function dateInput(ms: number) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The end of the chosen day in the viewer's timezone: a goal "due on the 31st" can be met all that day. */
function endOfDay(value: string) {
  const [year, month, day] = value.split("-").map(Number);
  return new Date(year, month - 1, day, 23, 59, 0).getTime();
}

/**
 * The team's goal on its dashboard: what it targets, by when, how many met it (the team's figures and pace follow it);
 * managers of the team and administrators change it.
 */
export function TeamGoal({
  organizationId,
  teamId,
  members,
  met,
}: {
  organizationId: Id<"organizations">;
  teamId: Id<"teams">;
  members: number;
  /** Members who met the goal (their pace is "completed"). */
  met: number;
}) {
  const data = useQuery(api.dashboards.goals.forTeam, { organizationId, teamId });
  const [editing, setEditing] = useState(false);
  if (data === undefined) return <Skeleton className="mt-6 h-32" />;
  const goal = data.goal;
  return (
    <Card className="mt-6 p-5" data-testid="team-goal">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="flex items-center gap-2 text-base font-semibold text-gray-900">
            <Target className="size-4 text-brand-700" aria-hidden /> Team goal
          </h2>
          {goal === null ? (
            <p className="mt-1 text-sm text-gray-600">
              No goal yet. With one, progress, pace, at-risk figures, deadline reminders and the compliance report
              measure what the team should learn, by when.
            </p>
          ) : (
            <p className="mt-1 text-sm text-gray-600">
              {goal.deadline ? `Due ${formatDate(goal.deadline)}` : "No deadline"}
              {goal.setBy ? ` · set by ${goal.setBy}` : ""}
            </p>
          )}
        </div>
        {data.canEdit && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {goal ? "Change goal" : "Set a goal"}
          </Button>
        )}
      </div>
      {goal && (
        <div className="mt-4 grid gap-4 md:grid-cols-[1fr_240px]">
          <dl className="space-y-2 text-sm">
            {goal.courses.length > 0 && (
              <div>
                <dt className="text-xs font-medium tracking-wide text-gray-600 uppercase">Courses</dt>
                <dd className="text-gray-900">{goal.courses.map((c) => c.name).join(", ")}</dd>
              </div>
            )}
            {goal.paths.length > 0 && (
              <div>
                <dt className="text-xs font-medium tracking-wide text-gray-600 uppercase">Learning paths</dt>
                <dd className="text-gray-900">{goal.paths.map((p) => p.name).join(", ")}</dd>
              </div>
            )}
            {goal.skills.length > 0 && (
              <div>
                <dt className="text-xs font-medium tracking-wide text-gray-600 uppercase">
                  Skills, at {SKILL_LEVEL_LABEL[goal.skillLevel]} or above
                </dt>
                <dd className="text-gray-900">{goal.skills.map((s) => s.name).join(", ")}</dd>
              </div>
            )}
          </dl>
          <div>
            <p className="text-sm text-gray-700">
              <span className="tabular text-2xl font-semibold text-gray-900" data-testid="team-goal-met">
                {met}
              </span>{" "}
              of {members} met it
            </p>
            <ProgressBar value={met} max={Math.max(1, members)} label="Members who met the goal" className="mt-2" />
          </div>
        </div>
      )}
      {editing && (
        <GoalDialog organizationId={organizationId} teamId={teamId} data={data} onClose={() => setEditing(false)} />
      )}
    </Card>
  );
}

function GoalDialog({
  organizationId,
  teamId,
  data,
  onClose,
}: {
  organizationId: Id<"organizations">;
  teamId: Id<"teams">;
  data: Data;
  onClose: () => void;
}) {
  const set = useMutation(api.dashboards.goals.set);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const [courseIds, setCourseIds] = useState(data.goal?.courses.map((c) => c._id) ?? []);
  const [pathIds, setPathIds] = useState(data.goal?.paths.map((p) => p._id) ?? []);
  const [skillIds, setSkillIds] = useState(data.goal?.skills.map((s) => s._id) ?? []);
  const [skillLevel, setSkillLevel] = useState<SkillLevel>(data.goal?.skillLevel ?? "practitioner");
  const [deadline, setDeadline] = useState(data.goal?.deadline ? dateInput(data.goal.deadline) : "");
  // The earliest deadline the server takes is tomorrow (fixed when the dialog opens).
  const [tomorrow] = useState(() => dateInput(Date.now() + 86_400_000));
  const save = (clear: boolean) =>
    run(
      () =>
        set({
          organizationId,
          teamId,
          courseIds: clear ? [] : courseIds,
          pathIds: clear ? [] : pathIds,
          skillIds: clear ? [] : skillIds,
          skillLevel,
          deadline: clear || !deadline ? null : endOfDay(deadline),
        }),
      {
        success: clear ? "The goal is cleared." : "The goal is saved; the team's figures follow it.",
        onSuccess: onClose,
      },
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };
  return (
    <ActionDialog
      title={data.goal ? "Change the team's goal" : "Set a team goal"}
      description="What every member should complete, and by when. Each course, path and skill counts equally."
      pending={pending}
      onClose={onClose}
      className="w-[min(40rem,calc(100vw-2rem))]"
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        <div className="max-h-[50vh] space-y-4 overflow-y-auto pr-1">
          <Choices legend="Courses" options={data.options.courses} chosen={courseIds} onChange={setCourseIds} />
          <Choices legend="Learning paths" options={data.options.paths} chosen={pathIds} onChange={setPathIds} />
          <Choices legend="Skills" options={data.options.skills} chosen={skillIds} onChange={setSkillIds} />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="goal-level" label="Skills should reach">
            <Select
              id="goal-level"
              value={skillLevel}
              disabled={skillIds.length === 0}
              onChange={(e) => setSkillLevel(e.target.value as SkillLevel)}
            >
              <SelectOptions labels={TARGET_LEVEL_LABEL} />
            </Select>
          </Field>
          <Field id="goal-deadline" label="Deadline" hint="Leave empty for no deadline.">
            <Input
              id="goal-deadline"
              type="date"
              min={tomorrow}
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </Field>
        </div>
        {error && <FormError>{error}</FormError>}
        <DialogActions onBack={onClose} pending={pending}>
          {data.goal && (
            <Button type="button" variant="ghost" disabled={pending} onClick={() => void save(true)}>
              Clear goal
            </Button>
          )}
          <Button type="submit" loading={pending}>
            Save goal
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}

function Choices<I extends string>({
  legend,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  options: Array<{ _id: I; name: string }>;
  chosen: I[];
  onChange: (ids: I[]) => void;
}) {
  if (options.length === 0) return null;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-gray-900">{legend}</legend>
      <div className={cn("mt-2 grid gap-2 rounded-md border border-gray-200 p-3 sm:grid-cols-2")}>
        {options.map((option) => (
          <CheckboxField
            key={option._id}
            label={option.name}
            checked={chosen.includes(option._id)}
            onCheckedChange={(checked) =>
              onChange(checked ? [...chosen, option._id] : chosen.filter((id) => id !== option._id))
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
