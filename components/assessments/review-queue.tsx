"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { Inbox, Sparkles } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

type Item = NonNullable<FunctionReturnType<typeof api.assessments.review.queue>>["items"][number];

/** On /teach: the cohorts with open answers waiting for the viewer. */
export function ReviewQueues() {
  const queues = useQuery(api.assessments.review.myQueues);
  if (queues === undefined) return <Skeleton className="h-16" />;
  if (queues.length === 0) return <p className="text-sm text-gray-600">No open answers are waiting for you.</p>;
  return (
    <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="review-queues">
      {queues.map((q) => (
        <li key={q.cohortId} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div>
            <Link href={`/teach/reviews/${q.cohortId}`} className="text-sm font-medium text-gray-900 hover:underline">
              {q.cohortName}
            </Link>
            <p className="text-xs text-gray-600">{q.courseTitle}</p>
          </div>
          <Badge tone="warning">
            {q.waiting} answer{q.waiting === 1 ? "" : "s"} to grade
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/**
 * One cohort's review queue: each open answer with the rubric and the AI's suggestion; accept it or give your own
 * grade.
 */
export function ReviewQueue({ cohortId }: { cohortId: Id<"cohorts"> }) {
  const data = useQuery(api.assessments.review.queue, { cohortId });
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href="/teach" className="text-sm text-brand-700 hover:underline">
        ← Teaching
      </Link>
      {data === undefined ? (
        <Skeleton className="mt-2 h-8 w-80" />
      ) : data === null ? (
        <p className="mt-4 text-sm text-gray-700">
          Only the cohort&apos;s instructor and platform admins grade its assessments.
        </p>
      ) : (
        <>
          <h1 className="mt-2 text-xl font-semibold text-gray-900">Answers to grade · {data.cohortName}</h1>
          <p className="text-sm text-gray-600">
            {data.courseTitle}.{" "}
            {data.aiConfigured
              ? "The AI grades open answers first: confident grades count at once, the ones it is less sure of " +
                "wait here with its suggestion, and the ones it cannot judge are yours to grade."
              : "No AI model is set up, so every open answer is graded here by hand."}
            {data.waitingForAi > 0
              ? ` ${data.waitingForAi} answer${data.waitingForAi === 1 ? " is" : "s are"} still with the AI.`
              : ""}
          </p>
          <div className="mt-6 space-y-4">
            {data.items.length === 0 ? (
              <EmptyState
                icon={Inbox}
                title="Nothing to grade"
                description="Open answers that need you appear here as learners submit; they appear live."
              />
            ) : (
              data.items.map((item) => <ReviewItem key={item.responseId} item={item} />)
            )}
          </div>
        </>
      )}
    </div>
  );
}

function ReviewItem({ item }: { item: Item }) {
  const accept = useMutation(api.assessments.review.accept);
  const grade = useMutation(api.assessments.review.grade);
  const { isPending, pending, run } = useSubmit();
  const [points, setPoints] = useState(item.aiSuggestedPoints !== undefined ? String(item.aiSuggestedPoints) : "");
  const [comment, setComment] = useState("");
  const id = item.responseId;
  const graded = { success: `Graded ${item.learnerName}'s answer.` };
  const trimmed = comment.trim() || undefined;
  return (
    <Card className="p-5" data-testid="review-item">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-sm font-semibold text-gray-900">{item.learnerName}</p>
          <p className="text-xs text-gray-600">{item.assessmentTitle}</p>
        </div>
        {item.state === "review" ? (
          <Badge tone="brand">AI suggestion to confirm</Badge>
        ) : (
          <Badge tone="warning">Grade by hand</Badge>
        )}
      </div>
      <p className="mt-3 text-sm font-medium whitespace-pre-line text-gray-900">{item.questionText}</p>
      <blockquote
        className={cn(
          "mt-2 rounded-md border-l-4 border-gray-300 bg-gray-50 px-3 py-2",
          "text-sm whitespace-pre-line text-gray-800",
        )}
      >
        {item.response}
      </blockquote>
      {(item.rubric || item.sampleAnswer) && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-brand-700 hover:underline">
            Rubric{item.sampleAnswer ? " and sample answer" : ""}
          </summary>
          {item.rubric && <p className="mt-1 whitespace-pre-line text-gray-800">{item.rubric}</p>}
          {item.sampleAnswer && <p className="mt-1 whitespace-pre-line text-gray-700">Sample: {item.sampleAnswer}</p>}
        </details>
      )}
      {item.aiExplanation && (
        <p className="mt-3 flex items-start gap-2 rounded-md bg-brand-50 px-3 py-2 text-sm text-gray-800">
          <Sparkles className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
          <span>
            {item.aiSuggestedPoints !== undefined && (
              <span className="font-medium">
                AI suggests {item.aiSuggestedPoints} of {item.points} points
                {item.aiConfidence !== undefined ? ` (confidence ${Math.round(item.aiConfidence * 100)}%)` : ""}.{" "}
              </span>
            )}
            {item.aiExplanation}
          </span>
        </p>
      )}
      <div className="mt-4 grid gap-3 sm:grid-cols-[160px_1fr]">
        <Field id={`points-${id}`} label={`Points (of ${item.points})`}>
          <Input
            id={`points-${id}`}
            type="number"
            inputMode="decimal"
            min={0}
            max={item.points}
            step={0.5}
            value={points}
            onChange={(e) => setPoints(e.target.value)}
          />
        </Field>
        <Field id={`comment-${id}`} label="Comment for the learner (optional)">
          <Textarea
            id={`comment-${id}`}
            rows={2}
            maxLength={5000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Field>
      </div>
      <div className="mt-3 flex flex-wrap justify-end gap-2">
        {item.aiSuggestedPoints !== undefined && (
          <Button
            variant="secondary"
            loading={isPending("accept")}
            disabled={pending}
            onClick={() =>
              void run(() => accept({ responseId: id, ...(trimmed ? { comment: trimmed } : {}) }), {
                ...graded,
                key: "accept",
              })
            }
          >
            Accept AI grade ({item.aiSuggestedPoints})
          </Button>
        )}
        <Button
          loading={isPending("grade")}
          disabled={pending || points.trim() === ""}
          onClick={() =>
            void run(
              () => grade({ responseId: id, points: Number(points), ...(trimmed ? { comment: trimmed } : {}) }),
              { ...graded, key: "grade" },
            )
          }
        >
          Save grade
        </Button>
      </div>
    </Card>
  );
}
