/**
 * What a learner is sent about an attempt. Correct answers, accepted answers,
 * explanations, per-answer feedback, rubrics and sample answers leave the server
 * only when the assessment's `showCorrectAnswers` policy allows it; before that
 * a question is its text and its options (id and text), nothing more.
 */
import { v } from "convex/values";
import type { Doc } from "../../_generated/dataModel";
import { vQuestionType } from "../../validators";
import { attemptLimit } from "./access";
import { pointsPossible } from "./scoring";

/** Whether this attempt's answers and explanations may be shown to the learner now. */
export function answersRevealed(
  assessment: Doc<"assessments">,
  attempt: Doc<"assessmentAttempts">,
  learnerAttempts: Array<Doc<"assessmentAttempts">>,
) {
  if (attempt.status === "in_progress" || attempt.score === undefined) return false;
  switch (assessment.showCorrectAnswers) {
    case "never":
      return false;
    case "after_submit":
      return true;
    case "after_passing":
      return learnerAttempts.some((a) => a.passed === true);
    case "after_all_attempts": {
      const limit = attemptLimit(assessment);
      return limit !== null && learnerAttempts.filter((a) => a.status !== "in_progress").length >= limit;
    }
  }
}

export const vLearnerQuestion = v.object({
  questionId: v.id("assessmentQuestions"),
  questionType: vQuestionType,
  questionText: v.string(),
  points: v.number(),
  options: v.array(v.object({ id: v.string(), text: v.string() })),
  scale: v.optional(
    v.object({ min: v.number(), max: v.number(), minLabel: v.optional(v.string()), maxLabel: v.optional(v.string()) }),
  ),
  response: v.object({
    selectedAnswerIds: v.array(v.string()),
    textResponse: v.string(),
    ratingValue: v.optional(v.number()),
  }),
  /** Only after submission. */
  result: v.optional(
    v.object({
      pending: v.boolean(),
      /** Only when answers are revealed. */
      pointsEarned: v.optional(v.number()),
      isCorrect: v.optional(v.boolean()),
      correctAnswerIds: v.optional(v.array(v.string())),
      acceptedAnswers: v.optional(v.array(v.string())),
      explanation: v.optional(v.string()),
      answerFeedback: v.optional(v.array(v.object({ id: v.string(), feedback: v.string() }))),
      sampleAnswer: v.optional(v.string()),
      reviewerComment: v.optional(v.string()),
    }),
  ),
});

/** One question as the learner sees it, in the attempt's answer order; the result part only after submission. */
export function learnerQuestion(
  question: Doc<"assessmentQuestions">,
  attempt: Pick<Doc<"assessmentAttempts">, "answerOrder" | "status">,
  response: Doc<"questionResponses"> | null,
  revealed: boolean,
) {
  const order = attempt.answerOrder?.find((o) => o.questionId === question._id)?.answerIds;
  const byId = new Map((question.answers ?? []).map((a) => [a.id, a]));
  const options = (order ?? (question.answers ?? []).map((a) => a.id)).flatMap((id) => {
    const answer = byId.get(id);
    return answer ? [{ id: answer.id, text: answer.text }] : [];
  });
  const submitted = attempt.status !== "in_progress";
  const selected = new Set(response?.selectedAnswerIds ?? []);
  return {
    questionId: question._id,
    questionType: question.questionType,
    questionText: question.questionText,
    points: pointsPossible(question),
    options,
    ...(question.questionType === "rating_scale"
      ? {
          scale: {
            min: question.scaleMin ?? 1,
            max: question.scaleMax ?? 5,
            ...(question.scaleLabels ? { minLabel: question.scaleLabels.min, maxLabel: question.scaleLabels.max } : {}),
          },
        }
      : {}),
    response: {
      selectedAnswerIds: response?.selectedAnswerIds ?? [],
      textResponse: response?.textResponse ?? "",
      ...(response?.ratingValue !== undefined ? { ratingValue: response.ratingValue } : {}),
    },
    ...(submitted
      ? {
          result: {
            pending: response?.gradingState !== "graded",
            ...(revealed
              ? {
                  pointsEarned: response?.pointsEarned ?? 0,
                  ...(response?.isCorrect !== undefined ? { isCorrect: response.isCorrect } : {}),
                  ...(question.answers
                    ? { correctAnswerIds: question.answers.filter((a) => a.isCorrect).map((a) => a.id) }
                    : {}),
                  ...(question.questionType === "short_answer"
                    ? { acceptedAnswers: question.acceptedAnswers ?? [] }
                    : {}),
                  ...(question.explanation ? { explanation: question.explanation } : {}),
                  answerFeedback: (question.answers ?? [])
                    .filter((a) => selected.has(a.id) && a.feedback)
                    .map((a) => ({ id: a.id, feedback: a.feedback! })),
                  ...(question.sampleAnswer && question.questionType === "open_ended"
                    ? { sampleAnswer: question.sampleAnswer }
                    : {}),
                  ...(response?.feedback ? { reviewerComment: response.feedback } : {}),
                }
              : {}),
          },
        }
      : {}),
  };
}
