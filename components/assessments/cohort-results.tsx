"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";
import { ASSESSMENT_TYPE_LABEL } from "./take-assessment";

type Results = NonNullable<FunctionReturnType<typeof api.assessments.review.cohortResults>>;

/** A cohort's results for its staff: per assessment the score distribution, pass rate and item statistics; the average gain. */
export function CohortResults({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const data = useQuery(api.assessments.review.cohortResults, { cohortId });
  const [open, setOpen] = useState<Id<"assessmentAttempts"> | null>(null);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href={`/teach/${cohortId}`} className="text-sm text-brand-700 hover:underline">
        ← Cohort
      </Link>
      {data === undefined ? (
        <Skeleton className="mt-2 h-96" />
      ) : data === null ? (
        <p className="mt-4 text-sm text-gray-700">Only the cohort&apos;s instructor and platform admins see its results.</p>
      ) : (
        <>
          <h1 className="mt-2 text-xl font-semibold text-gray-900">Assessment results · {data.cohortName}</h1>
          <p className="text-sm text-gray-600">
            {data.courseTitle} · {data.learners} learners · each learner&apos;s latest graded attempt
          </p>
          <Card className="mt-6 p-5">
            <p className="text-sm text-gray-600">Average learning gain (Hake&apos;s normalized gain, pre → post)</p>
            <p className="mt-1 text-3xl font-semibold tabular text-gray-900" data-testid="cohort-average-gain">
              {data.averageGain === null ? "–" : `${Math.round(data.averageGain * 100)}%`}
            </p>
            <p className="text-xs text-gray-600">
              over {data.gainCount} learner{data.gainCount === 1 ? "" : "s"} with both assessments graded
            </p>
          </Card>
          {data.assessments.map((a) => (
            <AssessmentResults key={a.assessmentId} result={a} onOpen={setOpen} />
          ))}
          {open && <AttemptDialog attemptId={open} onClose={() => setOpen(null)} />}
        </>
      )}
    </div>
  );
}

function AssessmentResults({ result, onOpen }: { result: Results["assessments"][number]; onOpen: (id: Id<"assessmentAttempts">) => void }) {
  const max = Math.max(1, ...result.distribution);
  return (
    <Card className="mt-6 p-5">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-gray-900">{result.title}</h2>
        <Badge tone="brand">{ASSESSMENT_TYPE_LABEL[result.type]}</Badge>
        {!result.isActive && <Badge>Deactivated</Badge>}
      </div>
      <p className="mt-1 text-sm text-gray-700">
        {result.taken} took it
        {result.averageScore !== null ? ` · average ${result.averageScore}%` : ""}
        {result.passRate !== null && result.type !== "pre_course" ? ` · ${result.passRate}% passed` : ""}
      </p>
      {result.taken > 0 && (
        <div className="mt-4 grid gap-6 lg:grid-cols-2">
          <figure>
            <figcaption className="text-xs font-medium uppercase tracking-wide text-gray-600">Score distribution</figcaption>
            <table className="mt-2 w-full text-sm">
              <caption className="sr-only">Learners per band of 10 points</caption>
              <tbody>
                {result.distribution.map((count, band) => (
                  <tr key={band}>
                    <th scope="row" className="w-20 py-0.5 text-left font-normal tabular text-gray-700">
                      {band * 10}–{band === 9 ? 100 : band * 10 + 9}
                    </th>
                    <td className="py-0.5">
                      <div className="flex items-center gap-2">
                        <div className="h-3 rounded-sm bg-brand-600" style={{ width: `${(count / max) * 100}%`, minWidth: count > 0 ? 4 : 0 }} aria-hidden />
                        <span className="tabular text-gray-700">{count}</span>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-gray-600">Learners</p>
            <ul className="mt-2 max-h-64 divide-y divide-gray-100 overflow-auto rounded-md border border-gray-200">
              {result.attempts.map((a) => (
                <li key={a.attemptId} className="flex items-center justify-between gap-2 px-3 py-1.5 text-sm">
                  <button type="button" className="text-left text-brand-700 hover:underline" onClick={() => onOpen(a.attemptId)}>
                    {a.learnerName}
                  </button>
                  <span className="tabular text-gray-800">{a.score}%</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {result.questions.length > 0 && (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="text-left text-xs font-medium uppercase tracking-wide text-gray-600">Questions</caption>
            <thead>
              <tr className="border-b border-gray-200 text-left text-xs text-gray-600">
                <th scope="col" className="py-2 pr-3 font-medium">Question</th>
                <th scope="col" className="py-2 pr-3 font-medium">Answered</th>
                <th scope="col" className="py-2 pr-3 font-medium" title="Share of the question's points learners earned">Difficulty (p)</th>
                <th scope="col" className="py-2 font-medium" title="Share earned by the top 27 % minus the bottom 27 %">Discrimination</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {result.questions.map((q) => (
                <tr key={q.questionText}>
                  <td className="py-2 pr-3 text-gray-900">{q.questionText}</td>
                  <td className="py-2 pr-3 tabular">{q.answered}</td>
                  <td className="py-2 pr-3 tabular">{q.difficulty === null ? "–" : q.difficulty.toFixed(2)}</td>
                  <td className="py-2 tabular">{q.discrimination === null ? "–" : q.discrimination.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** One learner's attempt in full, with every grade change; any grade can be changed. */
function AttemptDialog({ attemptId, onClose }: { attemptId: Id<"assessmentAttempts">; onClose: () => void }) {
  const detail = useQuery(api.assessments.review.attemptDetail, { attemptId });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={detail ? `${detail.learnerName} · ${detail.assessmentTitle}` : "Attempt"} description={detail?.score !== undefined ? `Score ${detail.score}%` : undefined} className="max-h-[85vh] w-[min(44rem,calc(100vw-2rem))] overflow-auto">
        {detail === undefined ? (
          <Skeleton className="h-40" />
        ) : detail === null ? (
          <p className="text-sm text-gray-700">Not available.</p>
        ) : (
          <ol className="space-y-3">
            {detail.answers.map((a, i) => (
              <li key={i} className="rounded-md border border-gray-200 p-3 text-sm">
                <p className="font-medium text-gray-900">{a.questionText}</p>
                <p className="mt-1 whitespace-pre-line text-gray-800">Answer: {a.answer || "—"}</p>
                {a.correctAnswer && <p className="text-gray-600">Correct: {a.correctAnswer}</p>}
                {a.aiExplanation && <p className="text-gray-600">AI: {a.aiExplanation}</p>}
                {a.changes.map((c, j) => (
                  <p key={j} className="text-xs text-gray-600">
                    {c.by} changed {c.from} → {c.to} on {new Date(c.at).toLocaleString("en-US")}
                    {c.comment ? `: ${c.comment}` : ""}
                  </p>
                ))}
                {a.responseId && a.points > 0 && <ChangeGrade responseId={a.responseId} pointsEarned={a.pointsEarned} points={a.points} pending={a.state !== "graded"} />}
              </li>
            ))}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  );
}

function ChangeGrade({ responseId, pointsEarned, points, pending }: { responseId: Id<"questionResponses">; pointsEarned: number; points: number; pending: boolean }) {
  const grade = useMutation(api.assessments.review.grade);
  const toast = useToast();
  const [value, setValue] = useState(String(pointsEarned));
  const [busy, setBusy] = useState(false);
  const id = `grade-${responseId}`;
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2">
      <Field id={id} label={`${pending ? "Waiting for grading · " : ""}Points (of ${points})`}>
        <Input id={id} type="number" className="w-28" min={0} max={points} step={0.5} value={value} onChange={(e) => setValue(e.target.value)} />
      </Field>
      <Button
        size="sm"
        variant="secondary"
        loading={busy}
        onClick={() => {
          setBusy(true);
          grade({ responseId, points: Number(value) })
            .then(() => toast("success", "Grade saved; the score follows."))
            .catch((error: unknown) => toast("error", errorMessage(error)))
            .finally(() => setBusy(false));
        }}
      >
        Change grade
      </Button>
    </div>
  );
}
