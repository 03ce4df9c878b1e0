"use client";
import type { FunctionReturnType } from "convex/server";
import { CheckCircle2, XCircle } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import type { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Textarea } from "@/components/ui/textarea";
import { Input } from "@/components/ui/input";
import { QUESTION_TYPE_LABEL } from "@/lib/labels";
import { cn } from "@/lib/utils";

export type LearnerQuestion = NonNullable<FunctionReturnType<typeof api.assessments.take.attempt>>["questions"][number];
export type Answer = { selectedAnswerIds?: string[]; textResponse?: string; ratingValue?: number };

/** The question as the learner has now answered it (a saved answer replaces only what it sets). */
export function withAnswer<Q extends Pick<LearnerQuestion, "response">>(question: Q, answer: Answer): Q {
  const { response } = question;
  const ratingValue = answer.ratingValue ?? response.ratingValue;
  return {
    ...question,
    response: {
      selectedAnswerIds: answer.selectedAnswerIds ?? response.selectedAnswerIds,
      textResponse: answer.textResponse ?? response.textResponse,
      ...(ratingValue !== undefined ? { ratingValue } : {}),
    },
  };
}

/**
 * One question with the inputs its type needs. Choices save at once; text saves
 * after a pause in typing and when the field loses focus (`onAnswer`).
 */
export function QuestionFields({
  question,
  index,
  disabled,
  onAnswer,
}: {
  question: LearnerQuestion;
  index: number;
  disabled: boolean;
  onAnswer: (answer: Answer) => void;
}) {
  const name = `question-${question.questionId}`;
  const labelId = `${name}-label`;
  const selected = question.response.selectedAnswerIds;
  const result = question.result;
  return (
    <fieldset className="space-y-3" aria-labelledby={labelId} data-testid="assessment-question">
      <legend id={labelId} className="w-full">
        <span className="flex flex-wrap items-center gap-2 text-xs font-medium tracking-wide text-gray-600 uppercase">
          Question {index + 1} · {QUESTION_TYPE_LABEL[question.questionType]}
          {question.points > 0 && <span className="tracking-normal normal-case">· {question.points} points</span>}
        </span>
        <span className="mt-1 block text-base font-medium whitespace-pre-line text-gray-900">
          {question.questionText}
        </span>
      </legend>
      {(question.questionType === "multiple_choice" || question.questionType === "true_false") && (
        <div className="space-y-2">
          {question.options.map((option) => (
            <OptionRow
              key={option.id}
              type="radio"
              name={name}
              label={option.text}
              checked={selected.includes(option.id)}
              disabled={disabled}
              correct={result?.correctAnswerIds?.includes(option.id)}
              onChange={() => onAnswer({ selectedAnswerIds: [option.id] })}
            />
          ))}
        </div>
      )}
      {question.questionType === "multiple_select" && (
        <div className="space-y-2">
          {question.options.map((option) => (
            <OptionRow
              key={option.id}
              type="checkbox"
              name={name}
              label={option.text}
              checked={selected.includes(option.id)}
              disabled={disabled}
              correct={result?.correctAnswerIds?.includes(option.id)}
              onChange={(checked) =>
                onAnswer({
                  selectedAnswerIds: checked ? [...selected, option.id] : selected.filter((id) => id !== option.id),
                })
              }
            />
          ))}
        </div>
      )}
      {question.questionType === "rating_scale" && question.scale && (
        <div>
          <div className="flex flex-wrap gap-2">
            {Array.from({ length: question.scale.max - question.scale.min + 1 }, (_, i) => question.scale!.min + i).map(
              (value) => (
                <label
                  key={value}
                  className={cn(
                    "flex cursor-pointer items-center gap-1.5 rounded-md border border-gray-300 px-3 py-2 text-sm",
                    "has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50",
                  )}
                >
                  <input
                    type="radio"
                    name={name}
                    className="accent-brand-700"
                    checked={question.response.ratingValue === value}
                    disabled={disabled}
                    onChange={() => onAnswer({ ratingValue: value })}
                  />
                  {value}
                </label>
              ),
            )}
          </div>
          {(question.scale.minLabel || question.scale.maxLabel) && (
            <p className="mt-1 text-xs text-gray-600">
              {question.scale.min} = {question.scale.minLabel} · {question.scale.max} = {question.scale.maxLabel}
            </p>
          )}
        </div>
      )}
      {(question.questionType === "short_answer" || question.questionType === "open_ended") && (
        <TextAnswer question={question} labelId={labelId} disabled={disabled} onAnswer={onAnswer} />
      )}
      {result && <QuestionResult question={question} />}
    </fieldset>
  );
}

function OptionRow({
  type,
  name,
  label,
  checked,
  disabled,
  correct,
  onChange,
}: {
  type: "radio" | "checkbox";
  name: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  correct?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-start gap-3 rounded-md border border-gray-200 px-3 py-2.5 text-sm text-gray-900",
        "hover:bg-gray-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50",
      )}
    >
      <input
        type={type}
        name={name}
        className="mt-0.5 size-4 accent-brand-700"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span className="flex-1">{label}</span>
      {correct && (
        <Badge tone="success">
          <CheckCircle2 className="size-3.5" aria-hidden /> Correct answer
        </Badge>
      )}
    </label>
  );
}

/** Saves 800 ms after the last keystroke and on blur; the server's copy wins only until the learner types. */
function TextAnswer({
  question,
  labelId,
  disabled,
  onAnswer,
}: {
  question: LearnerQuestion;
  labelId: string;
  disabled: boolean;
  onAnswer: (answer: Answer) => void;
}) {
  const [draft, setDraft] = useState(question.response.textResponse);
  const saved = useRef(question.response.textResponse);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flush = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text !== saved.current) {
      saved.current = text;
      onAnswer({ textResponse: text });
    }
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const props = {
    "aria-labelledby": labelId,
    value: draft,
    disabled,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const text = event.target.value;
      setDraft(text);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flush(text), 800);
    },
    onBlur: () => flush(draft),
  };
  return question.questionType === "open_ended" ? (
    <div>
      <Textarea rows={7} maxLength={5000} {...props} />
      <p className="mt-1 text-xs text-gray-600">
        {draft.trim().split(/\s+/).filter(Boolean).length} words · saved as you type
      </p>
    </div>
  ) : (
    <Input maxLength={500} {...props} />
  );
}

function QuestionResult({ question }: { question: LearnerQuestion }) {
  const result = question.result!;
  if (result.pending)
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Waiting for grading: your instructor reviews this answer.
      </p>
    );
  if (result.pointsEarned === undefined) return null;
  const full = result.pointsEarned >= question.points && question.points > 0;
  return (
    <div className="space-y-2 rounded-md bg-gray-50 px-3 py-2.5 text-sm text-gray-800" data-testid="question-result">
      {question.points > 0 && (
        <p className="flex items-center gap-1.5 font-medium">
          {full ? (
            <CheckCircle2 className="size-4 text-green-700" aria-hidden />
          ) : (
            <XCircle className="size-4 text-red-700" aria-hidden />
          )}
          {result.pointsEarned} of {question.points} points
        </p>
      )}
      {result.acceptedAnswers && result.acceptedAnswers.length > 0 && (
        <p>Accepted: {result.acceptedAnswers.join(" · ")}</p>
      )}
      {result.answerFeedback?.map((f) => (
        <p key={f.id}>{f.feedback}</p>
      ))}
      {result.explanation && <p className="whitespace-pre-line">{result.explanation}</p>}
      {result.sampleAnswer && (
        <p className="whitespace-pre-line">
          <span className="font-medium">A strong answer: </span>
          {result.sampleAnswer}
        </p>
      )}
      {result.reviewerComment && (
        <p className="whitespace-pre-line">
          <span className="font-medium">Your instructor: </span>
          {result.reviewerComment}
        </p>
      )}
    </div>
  );
}
