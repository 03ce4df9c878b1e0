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
import { BarChartCard, CHART_COLORS } from "@/components/ui/chart";
import { Skeleton } from "@/components/ui/skeleton";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { formatDateTime, formatPercent } from "@/lib/format";
import { ASSESSMENT_TYPE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type Results = NonNullable<FunctionReturnType<typeof api.assessments.review.cohortResults>>;

/**
 * A cohort's results for its staff: per assessment the score distribution, pass rate and item statistics; the average
 * gain.
 */
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
        <p className="mt-4 text-sm text-gray-700">
          Only the cohort&apos;s instructor and platform admins see its results.
        </p>
      ) : (
        <>
          <h1 className="mt-2 text-xl font-semibold text-gray-900">Assessment results · {data.cohortName}</h1>
          <p className="text-sm text-gray-600">
            {data.courseTitle} · {data.learners} learners · each learner&apos;s latest graded attempt
          </p>
          <Stat
            className="mt-6"
            label="Average learning gain (Hake's normalized gain, pre → post)"
            value={data.averageGain === null ? "–" : formatPercent(data.averageGain)}
            hint={`over ${data.gainCount} learner${data.gainCount === 1 ? "" : "s"} with both assessments graded`}
            testId="cohort-average-gain"
          />
          {data.assessments.map((a) => (
            <AssessmentResults key={a.assessmentId} result={a} onOpen={setOpen} />
          ))}
          {open && <AttemptDialog attemptId={open} onClose={() => setOpen(null)} />}
        </>
      )}
    </div>
  );
}

/** Learners per band of ten points: 0–9, 10–19, …, 90–100. */
function scoreBands(distribution: number[]) {
  return distribution.map((learners, band) => ({ band: `${band * 10}–${band === 9 ? 100 : band * 10 + 9}`, learners }));
}

function AssessmentResults({
  result,
  onOpen,
}: {
  result: Results["assessments"][number];
  onOpen: (id: Id<"assessmentAttempts">) => void;
}) {
  const bands = scoreBands(result.distribution);
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
          <BarChartCard
            title="Score distribution"
            summary={`Learners per band of scores: ${bands
              .filter((b) => b.learners > 0)
              .map((b) => `${b.learners} at ${b.band}%`)
              .join(", ")}.`}
            data={bands}
            xKey="band"
            series={[{ key: "learners", label: "Learners", color: CHART_COLORS.brand }]}
          />
          <Table caption={`Learners' scores: ${result.title}`} className="max-h-64">
            <TableHeader>
              <TableRow>
                <TableHead>Learner</TableHead>
                <TableHead align="right">Score</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.attempts.map((a) => (
                <TableRow key={a.attemptId}>
                  <TableRowHeader className="py-2">
                    <button
                      type="button"
                      className="text-left font-normal text-brand-700 hover:underline"
                      onClick={() => onOpen(a.attemptId)}
                    >
                      {a.learnerName}
                    </button>
                  </TableRowHeader>
                  <TableCell numeric className="py-2">
                    {a.score}%
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {result.questions.length > 0 && (
        <>
          <h3 className="mt-6 text-sm font-semibold text-gray-900">Questions</h3>
          <Table caption={`Questions: ${result.title}`} className="mt-2">
            <TableHeader>
              <TableRow>
                <TableHead>Question</TableHead>
                <TableHead align="right">Answered</TableHead>
                <TableHead align="right" title="Share of the question's points learners earned">
                  Difficulty (p)
                </TableHead>
                <TableHead align="right" title="Share earned by the top 27 % minus the bottom 27 %">
                  Discrimination
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.questions.map((q) => (
                <TableRow key={q.questionText}>
                  <TableCell className="text-gray-900">{q.questionText}</TableCell>
                  <TableCell numeric>{q.answered}</TableCell>
                  <TableCell numeric>{q.difficulty === null ? "–" : q.difficulty.toFixed(2)}</TableCell>
                  <TableCell numeric>{q.discrimination === null ? "–" : q.discrimination.toFixed(2)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Card>
  );
}

/** One learner's attempt in full, with every grade change; any grade can be changed. */
function AttemptDialog({ attemptId, onClose }: { attemptId: Id<"assessmentAttempts">; onClose: () => void }) {
  const detail = useQuery(api.assessments.review.attemptDetail, { attemptId });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={detail ? `${detail.learnerName} · ${detail.assessmentTitle}` : "Attempt"}
        description={detail?.score !== undefined ? `Score ${detail.score}%` : undefined}
        className="max-h-[85vh] w-[min(44rem,calc(100vw-2rem))] overflow-auto"
      >
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
                    {c.by} changed {c.from} → {c.to} on {formatDateTime(c.at)}
                    {c.comment ? `: ${c.comment}` : ""}
                  </p>
                ))}
                {a.responseId && a.points > 0 && (
                  <ChangeGrade
                    responseId={a.responseId}
                    pointsEarned={a.pointsEarned}
                    points={a.points}
                    waiting={a.state !== "graded"}
                  />
                )}
              </li>
            ))}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  );
}

function ChangeGrade({
  responseId,
  pointsEarned,
  points,
  waiting,
}: {
  responseId: Id<"questionResponses">;
  pointsEarned: number;
  points: number;
  waiting: boolean;
}) {
  const grade = useMutation(api.assessments.review.grade);
  const { pending, run } = useSubmit();
  const [value, setValue] = useState(String(pointsEarned));
  const id = `grade-${responseId}`;
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2">
      <Field id={id} label={`${waiting ? "Waiting for grading · " : ""}Points (of ${points})`}>
        <Input
          id={id}
          type="number"
          className="w-28"
          min={0}
          max={points}
          step={0.5}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </Field>
      <Button
        size="sm"
        variant="secondary"
        loading={pending}
        onClick={() =>
          void run(() => grade({ responseId, points: Number(value) }), { success: "Grade saved; the score follows." })
        }
      >
        Change grade
      </Button>
    </div>
  );
}
