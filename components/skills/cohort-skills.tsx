"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { BadgeCheck, Sparkles } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { EvidenceType } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { EVIDENCE_TYPE_LABEL, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { useNow } from "@/lib/use-now";
import { useSubmit } from "@/lib/use-submit";

type Data = NonNullable<FunctionReturnType<typeof api.skills.evidence.forCohort>>;
type Waiting = Data["waiting"][number];

const HOUR = 3_600_000;
/** Kinds of evidence an instructor records (a self-assessment is the learner's own). */
const INSTRUCTOR_EVIDENCE: EvidenceType[] = ["observation", "project", "instructor_assessment", "quiz", "peer_review"];

/**
 * A cohort's skills for its instructor: who is waiting for a sign-off (Advanced, Expert, or a renewal), recording a
 * learner's competency evidence, and every learner's level and competencies shown.
 */
export function CohortSkills({ cohortId }: { cohortId: Id<"cohorts"> }) {
  // Renewals open 30 days ahead: the hour is precise enough, and keeps the subscription still in between.
  const now = Math.floor(useNow(60_000) / HOUR) * HOUR;
  const data = useQuery(api.skills.evidence.forCohort, { cohortId, now });
  const [signing, setSigning] = useState<Waiting | null>(null);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href={`/teach/${cohortId}`} className="text-sm text-brand-700 hover:underline">
        ← {data?.cohortName ?? "Cohort"}
      </Link>
      <h1 className="mt-2 flex items-center gap-2 text-xl font-semibold text-gray-900">
        <Sparkles className="size-5 text-brand-700" aria-hidden /> Skills and sign-off
      </h1>
      {data === undefined ? (
        <div className="mt-6 space-y-4">
          <Skeleton className="h-32" />
          <Skeleton className="h-64" />
        </div>
      ) : data === null ? null : data.skills.length === 0 ? (
        <div className="mt-6">
          <EmptyState
            icon={Sparkles}
            title="This course builds no skills yet"
            description="A platform admin maps skills to the course under Admin · Skills."
          />
        </div>
      ) : (
        <>
          <p className="mt-1 text-sm text-gray-600">
            {data.courseTitle} builds {data.skills.map((s) => s.name).join(", ")}. Evidence you record shows on the
            learner&apos;s skill profile; Advanced and Expert badges are issued only when you sign a learner off.
          </p>
          <WaitingList waiting={data.waiting} onSign={setSigning} />
          <RecordEvidence cohortId={cohortId} data={data} />
          <LearnerTable data={data} />
          {signing && <SignOffDialog cohortId={cohortId} waiting={signing} onClose={() => setSigning(null)} />}
        </>
      )}
    </div>
  );
}

function WaitingList({ waiting, onSign }: { waiting: Waiting[]; onSign: (w: Waiting) => void }) {
  return (
    <section aria-labelledby="waiting-heading" className="mt-6">
      <h2 id="waiting-heading" className="flex items-center gap-2 text-base font-semibold text-gray-900">
        Waiting for your sign-off
        <Badge tone={waiting.length > 0 ? "warning" : "neutral"}>{waiting.length}</Badge>
      </h2>
      {waiting.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">
          Nobody yet. Learners appear here once they hold the level below and have shown what the next one asks.
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
          {waiting.map((w) => (
            <li
              key={`${w.enrollmentId}-${w.skillId}`}
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
              data-testid="waiting-row"
            >
              <span className="text-sm">
                <span className="font-medium text-gray-900">{w.name}</span> · {w.skillName} ·{" "}
                {w.renewal ? `renew ${SKILL_LEVEL_LABEL[w.level]} (badge expiring)` : SKILL_LEVEL_LABEL[w.level]}
              </span>
              <Button size="sm" onClick={() => onSign(w)}>
                <BadgeCheck className="size-4" aria-hidden />
                {w.renewal ? "Renew" : "Sign off"}
                <span className="sr-only">
                  {" "}
                  {w.name} at {SKILL_LEVEL_LABEL[w.level]} in {w.skillName}
                </span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SignOffDialog({
  cohortId,
  waiting,
  onClose,
}: {
  cohortId: Id<"cohorts">;
  waiting: Waiting;
  onClose: () => void;
}) {
  const signOff = useMutation(api.skills.evidence.signOff);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const level = SKILL_LEVEL_LABEL[waiting.level];
  return (
    <ActionDialog
      title={`Sign ${waiting.name} off at ${level}?`}
      description={
        `A signed ${waiting.skillName} — ${level} badge is issued in their name, stating that you verified it. ` +
        "Anyone they show it to can check it."
      }
      pending={pending}
      onClose={onClose}
    >
      {error && <FormError className="mb-3">{error}</FormError>}
      <DialogActions onBack={onClose} pending={pending}>
        <Button
          loading={pending}
          onClick={() =>
            void run(
              () =>
                signOff({
                  cohortId,
                  enrollmentId: waiting.enrollmentId,
                  skillId: waiting.skillId,
                  level: waiting.level,
                }),
              { success: `${waiting.name} is signed off; their badge is being issued.`, onSuccess: onClose },
            )
          }
        >
          Sign off at {level}
        </Button>
      </DialogActions>
    </ActionDialog>
  );
}

function RecordEvidence({ cohortId, data }: { cohortId: Id<"cohorts">; data: Data }) {
  const record = useMutation(api.skills.evidence.record);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const empty = { enrollmentId: "", competencyId: "", evidenceType: "" as EvidenceType | "", score: "", notes: "" };
  const [draft, setDraft] = useState(empty);
  const competency = data.skills.flatMap((s) => s.competencies).find((c) => c._id === draft.competencyId);
  const types = INSTRUCTOR_EVIDENCE.filter((t) => competency?.evidenceTypes.includes(t));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const learner = data.learners.find((l) => l.enrollmentId === draft.enrollmentId)?.name ?? "The learner";
    void run(
      () =>
        record({
          cohortId,
          enrollmentId: draft.enrollmentId as Id<"enrollments">,
          competencyId: draft.competencyId as Id<"competencies">,
          evidenceType: draft.evidenceType as EvidenceType,
          score: Number(draft.score),
          ...(draft.notes.trim() ? { notes: draft.notes } : {}),
        }),
      {
        success: ({ passed }) =>
          passed ? `Recorded: ${learner} showed ${competency?.name}.` : `Recorded: ${learner} is not there yet.`,
        onSuccess: () => setDraft({ ...empty, enrollmentId: draft.enrollmentId }),
      },
    );
  };
  return (
    <Card className="mt-8 p-5">
      <h2 className="text-base font-semibold text-gray-900">Record evidence</h2>
      <p className="mt-1 text-sm text-gray-600">
        What you saw in a session, a project, or an assessment. A score at or above the competency&apos;s passing score
        counts as shown.
      </p>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
        <Field id="evidence-learner" label="Learner">
          <Select
            id="evidence-learner"
            required
            value={draft.enrollmentId}
            onChange={(e) => setDraft({ ...draft, enrollmentId: e.target.value })}
          >
            <option value="">Choose a learner</option>
            {data.learners.map((l) => (
              <option key={l.enrollmentId} value={l.enrollmentId}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="evidence-competency" label="Competency">
          <Select
            id="evidence-competency"
            required
            value={draft.competencyId}
            onChange={(e) => setDraft({ ...draft, competencyId: e.target.value, evidenceType: "" })}
          >
            <option value="">Choose a competency</option>
            {data.skills.map((s) => (
              <optgroup key={s.skillId} label={s.name}>
                {s.competencies.map((c) => (
                  <option key={c._id} value={c._id}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Field id="evidence-type" label="How it was shown">
          <Select
            id="evidence-type"
            required
            value={draft.evidenceType}
            onChange={(e) => setDraft({ ...draft, evidenceType: e.target.value as EvidenceType })}
          >
            <option value="">{competency ? "Choose how" : "Choose a competency first"}</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {EVIDENCE_TYPE_LABEL[t]}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="evidence-score"
          label="Score (0–100)"
          hint={competency ? `Shown at ${competency.passingThreshold} or more.` : undefined}
        >
          <Input
            id="evidence-score"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            required
            value={draft.score}
            onChange={(e) => setDraft({ ...draft, score: e.target.value })}
          />
        </Field>
        <div className="sm:col-span-2">
          <Field id="evidence-notes" label="Note for the learner (optional)" hint={competency?.assessmentCriteria}>
            <Textarea
              id="evidence-notes"
              className="min-h-16"
              value={draft.notes}
              onChange={(e) => setDraft({ ...draft, notes: e.target.value })}
            />
          </Field>
        </div>
        {error && <FormError className="sm:col-span-2">{error}</FormError>}
        <div className="sm:col-span-2">
          <Button type="submit" loading={pending}>
            Record evidence
          </Button>
        </div>
      </form>
    </Card>
  );
}

function LearnerTable({ data }: { data: Data }) {
  return (
    <section aria-labelledby="learners-heading" className="mt-8">
      <h2 id="learners-heading" className="text-base font-semibold text-gray-900">
        Learners
      </h2>
      <Table caption="Learners' skill levels" className="mt-2 max-h-[70vh]">
        <TableHeader>
          <TableRow>
            <TableHead>Learner</TableHead>
            {data.skills.map((s) => (
              <TableHead key={s.skillId}>{s.name}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.learners.map((learner) => (
            <TableRow key={learner.enrollmentId} data-testid="learner-skills-row">
              <TableRowHeader className="whitespace-nowrap">{learner.name}</TableRowHeader>
              {learner.skills.map((s) => (
                <TableCell key={s.skillId} className="min-w-36">
                  <span className="font-medium text-gray-900">{SKILL_LEVEL_LABEL[s.level]}</span>
                  {s.of > 0 && (
                    <span className="block text-xs text-gray-600">
                      {s.shown} of {s.of} shown
                    </span>
                  )}
                  {s.next &&
                    (s.next.ready ? (
                      <span className="block text-xs font-medium text-amber-800">
                        Ready for {SKILL_LEVEL_LABEL[s.next.level]}
                      </span>
                    ) : (
                      <Tooltip content={s.next.missing.join(" ")}>
                        <span tabIndex={0} className="block rounded text-xs text-gray-600 underline decoration-dotted">
                          {SKILL_LEVEL_LABEL[s.next.level]}: not ready yet
                          <span className="sr-only">. {s.next.missing.join(" ")}</span>
                        </span>
                      </Tooltip>
                    ))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
