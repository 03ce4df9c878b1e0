"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Clock } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Countdown } from "@/components/ui/countdown";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { formatAppointment } from "@/lib/format";
import { ASSESSMENT_TYPE_LABEL, SHOW_CORRECT_ANSWERS_RULE } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { type Answer, QuestionFields, withAnswer } from "./question-fields";
import { cn } from "@/lib/utils";

type Overview = NonNullable<FunctionReturnType<typeof api.assessments.take.overview>>;
type Attempt = NonNullable<FunctionReturnType<typeof api.assessments.take.attempt>>;

/** An assessment for the learner: its rules, the attempt in progress (saved as they go), and results. */
export function TakeAssessment({ assessmentId }: { assessmentId: Id<"assessments"> }) {
  const overview = useQuery(api.assessments.take.overview, { assessmentId });
  const [chosen, setChosen] = useState<Id<"assessmentAttempts"> | null>(null);
  const latest = overview?.attempts.at(-1)?.attemptId ?? null;
  const attemptId = overview?.inProgressAttemptId ?? chosen ?? latest;
  const attempt = useQuery(api.assessments.take.attempt, attemptId ? { attemptId } : "skip");

  if (overview === undefined) {
    return (
      <div className="mx-auto max-w-[760px] px-4 py-10" aria-busy>
        <Skeleton className="h-8 w-80" />
        <Skeleton className="mt-6 h-64" />
      </div>
    );
  }
  if (overview === null) {
    return (
      <div className="mx-auto max-w-[760px] px-4 py-10">
        <h1 className="text-xl font-semibold text-gray-900">Assessment not available</h1>
        <p className="mt-2 text-sm text-gray-700">
          This assessment is for confirmed participants of its course. Sign in with the account you enrolled with.
        </p>
        <Link href="/learn" className="mt-4 inline-block text-sm text-brand-700 hover:underline">
          ← My learning
        </Link>
      </div>
    );
  }
  const inProgress = attempt && attempt.status === "in_progress";
  return (
    <div className="mx-auto max-w-[760px] px-4 py-10">
      <Link href="/learn" className="text-sm text-brand-700 hover:underline">
        ← My learning
      </Link>
      <p className="mt-3 text-xs font-semibold tracking-wide text-brand-700 uppercase">
        {ASSESSMENT_TYPE_LABEL[overview.type]}
      </p>
      <h1 className="mt-1 text-2xl font-semibold text-gray-900">{overview.title}</h1>
      <p className="text-sm text-gray-600">
        {overview.courseTitle} · {overview.cohortName}
      </p>
      {overview.description && <p className="mt-3 text-gray-800">{overview.description}</p>}
      {!inProgress && <Rules overview={overview} />}
      {attemptId && attempt === undefined ? (
        <Skeleton className="mt-6 h-96" />
      ) : inProgress ? (
        <AttemptForm attempt={attempt} />
      ) : (
        <>
          {attempt && <Results attempt={attempt} />}
          <StartPanel overview={overview} onStarted={setChosen} />
          {overview.attempts.length > 1 && (
            <Card className="mt-6 p-5">
              <h2 className="text-base font-semibold text-gray-900">Your attempts</h2>
              <ul className="mt-2 divide-y divide-gray-100">
                {overview.attempts.map((a) => (
                  <li key={a.attemptId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                    <button
                      type="button"
                      className="text-brand-700 hover:underline"
                      onClick={() => setChosen(a.attemptId)}
                    >
                      Attempt {a.attemptNumber}
                    </button>
                    <span className="tabular text-gray-700">
                      {a.score !== undefined
                        ? `${a.score}%` +
                          (a.passed === false && overview.passingScore > 0
                            ? " · not passed"
                            : a.passed
                              ? " · passed"
                              : "")
                        : a.pendingGrades > 0
                          ? "Being graded"
                          : "In progress"}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </>
      )}
    </div>
  );
}

function Rules({ overview }: { overview: Overview }) {
  const items = [
    `${overview.questionCount} question${overview.questionCount === 1 ? "" : "s"}`,
    overview.timeLimit
      ? `${overview.timeLimit} minutes once you start; answers are saved as you go and submitted when time runs out`
      : "No time limit; answers are saved as you go",
    overview.attemptLimit === null
      ? "Unlimited attempts"
      : overview.attemptLimit === 1
        ? "One attempt"
        : `Up to ${overview.attemptLimit} attempts (${overview.attempts.length} used)`,
    overview.passingScore > 0 ? `${overview.passingScore}% to pass` : "No passing score: it measures where you stand",
    SHOW_CORRECT_ANSWERS_RULE[overview.showCorrectAnswers],
  ];
  return (
    <Card className="mt-6 p-5">
      <ul className="list-disc space-y-1 pl-5 text-sm text-gray-800">
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {overview.openAnswersGradedByHand && (
        <p className="mt-3 text-sm text-gray-700">
          Open answers are graded by your instructor (AI grading is not set up), so your score appears once they have
          graded them.
        </p>
      )}
    </Card>
  );
}

function StartPanel({
  overview,
  onStarted,
}: {
  overview: Overview;
  onStarted: (id: Id<"assessmentAttempts">) => void;
}) {
  const start = useMutation(api.assessments.take.start);
  const { pending, run } = useSubmit();
  const label = overview.attempts.length === 0 ? "Start the assessment" : "Start another attempt";
  return (
    <div className="mt-6 flex flex-wrap items-center gap-3">
      {overview.canStart ? (
        <Button
          loading={pending}
          onClick={() => void run(() => start({ assessmentId: overview.assessmentId }), { onSuccess: onStarted })}
        >
          {label}
        </Button>
      ) : (
        overview.refusal && (
          <p className="text-sm text-gray-700" data-testid="assessment-refusal">
            {overview.attempts.length === 0 && overview.window === "upcoming" && overview.opensAt
              ? `Opens ${formatAppointment(overview.opensAt)}.`
              : overview.refusal}
          </p>
        )
      )}
      {overview.window === "open" && overview.closesAt && overview.canStart && (
        <p className="text-sm text-gray-600">Open until {formatAppointment(overview.closesAt)}</p>
      )}
    </div>
  );
}

function AttemptForm({ attempt }: { attempt: Attempt }) {
  const save = useMutation(api.assessments.take.saveAnswer).withOptimisticUpdate(
    (store, { attemptId, questionId, ...answer }) => {
      const current = store.getQuery(api.assessments.take.attempt, { attemptId });
      if (!current) return;
      store.setQuery(
        api.assessments.take.attempt,
        { attemptId },
        {
          ...current,
          questions: current.questions.map((q) => (q.questionId === questionId ? withAnswer(q, answer) : q)),
        },
      );
    },
  );
  const submit = useMutation(api.assessments.take.submit);
  const saves = useSubmit();
  const submission = useSubmit();
  const [lastSaved, setLastSaved] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const unanswered = attempt.questions.filter(
    (q) =>
      q.response.selectedAnswerIds.length === 0 &&
      !q.response.textResponse.trim() &&
      q.response.ratingValue === undefined,
  ).length;

  const answer = (questionId: Id<"assessmentQuestions">, value: Answer) =>
    void saves.run(() => save({ attemptId: attempt.attemptId, questionId, ...value }), {
      onSuccess: () => setLastSaved(Date.now()),
    });

  return (
    <div className="mt-6">
      <div
        className={cn(
          "sticky top-16 z-30 -mx-4 flex flex-wrap items-center justify-between gap-3",
          "border-b border-gray-200 bg-white/95 px-4 py-3 backdrop-blur",
        )}
      >
        <p className="text-sm text-gray-700" aria-live="polite" data-testid="save-state">
          {saves.pending ? "Saving…" : lastSaved ? "All answers saved" : "Answers are saved as you go"}
        </p>
        {attempt.deadline && (
          <p className="flex items-center gap-1.5 text-sm font-medium text-gray-900">
            <Clock className="size-4" aria-hidden /> Time left <Countdown until={attempt.deadline} />
          </p>
        )}
      </div>
      <ol className="mt-4 space-y-4">
        {attempt.questions.map((question, index) => (
          <li key={question.questionId}>
            <Card className="p-5">
              <QuestionFields
                question={question}
                index={index}
                disabled={submission.pending}
                onAnswer={(value) => answer(question.questionId, value)}
              />
            </Card>
          </li>
        ))}
      </ol>
      <div className="mt-6 flex justify-end">
        <Dialog open={confirming} onOpenChange={setConfirming}>
          {/* Not disabled while saving: leaving a text field saves it on mousedown, which would swallow this click. The
              submit reaches the server after the saves (one client's mutations run in order). */}
          <Button onClick={() => setConfirming(true)}>Submit answers</Button>
          <DialogContent
            title="Submit your answers?"
            description={
              unanswered > 0
                ? `${unanswered} question${unanswered === 1 ? " is" : "s are"} unanswered. ` +
                  "You cannot change answers after submitting."
                : "You cannot change answers after submitting."
            }
          >
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                Keep working
              </Button>
              <Button
                loading={submission.pending}
                onClick={() =>
                  void submission.run(() => submit({ attemptId: attempt.attemptId }), {
                    onSuccess: () => setConfirming(false),
                  })
                }
              >
                Submit
              </Button>
            </div>
          </DialogContent>
        </Dialog>
      </div>
    </div>
  );
}

function Results({ attempt }: { attempt: Attempt }) {
  const scored = attempt.score !== undefined;
  return (
    <div className="mt-6 space-y-4">
      <Card className="p-5" data-testid="assessment-result">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <p className="text-sm text-gray-600">
              Attempt {attempt.attemptNumber}
              {attempt.submittedAt ? ` · submitted ${formatAppointment(attempt.submittedAt)}` : ""}
              {attempt.status === "expired" ? " · submitted when time ran out" : ""}
            </p>
            {scored ? (
              <p className="tabular mt-1 text-3xl font-semibold text-gray-900">{attempt.score}%</p>
            ) : (
              <p className="mt-1 text-lg font-semibold text-gray-900">Being graded</p>
            )}
          </div>
          {scored &&
            attempt.passingScore > 0 &&
            (attempt.passed ? (
              <Badge tone="success">Passed</Badge>
            ) : (
              <Badge tone="warning">Not passed · {attempt.passingScore}% needed</Badge>
            ))}
        </div>
        {!scored && (
          <p className="mt-2 text-sm text-gray-700">
            Your instructor is grading {attempt.pendingGrades} open answer{attempt.pendingGrades === 1 ? "" : "s"}. Your
            score appears here (and you are notified) when they are done.
          </p>
        )}
        {scored && !attempt.answersRevealed && (
          <p className="mt-2 text-sm text-gray-700">Correct answers are not shown for this assessment yet.</p>
        )}
      </Card>
      {attempt.answersRevealed && (
        <ol className="space-y-4">
          {attempt.questions.map((question, index) => (
            <li key={question.questionId}>
              <Card className="p-5">
                <QuestionFields question={question} index={index} disabled onAnswer={() => undefined} />
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
