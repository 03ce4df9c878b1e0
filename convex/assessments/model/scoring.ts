/**
 * Grading rules and learning-gain arithmetic, as pure functions (no database):
 * the same code grades at submit, re-grades after an instructor's change, fills
 * the seed and is checked by the property tests.
 */
import type { Doc } from "../../_generated/dataModel";
import type { GradingState } from "../../validators";

export type GradableQuestion = Pick<
  Doc<"assessmentQuestions">,
  "questionType" | "answers" | "acceptedAnswers" | "points"
>;
export type ResponseInput = { selectedAnswerIds?: string[]; textResponse?: string; ratingValue?: number };

/** The AI's grade counts without review at this confidence or above (spec: "High confidence (≥0.9)"). */
export const AUTO_GRADE_CONFIDENCE = 0.9;
/**
 * From this confidence up to AUTO_GRADE_CONFIDENCE the AI's grade waits for an instructor; below it, the instructor
 * grades.
 */
export const REVIEW_CONFIDENCE = 0.7;

/** Case, accents, punctuation and spacing do not matter in short answers. */
export function normalizeAnswer(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Points a question can earn: rating scales are self-assessment and earn none. */
export function pointsPossible(question: Pick<GradableQuestion, "questionType" | "points">) {
  return question.questionType === "rating_scale" ? 0 : question.points;
}

/** Whether the rules grade this type at submit (open answers go to the AI or an instructor). */
export function gradedByRules(question: Pick<GradableQuestion, "questionType">) {
  return question.questionType !== "open_ended";
}

/**
 * Grades one answer by the rules: multiple choice and true/false need the one correct option; multiple select needs
 * exactly the correct set (all or nothing); short answers must match an accepted answer after `normalizeAnswer`;
 * rating scales are not graded. An empty answer earns nothing.
 */
export function gradeByRules(
  question: GradableQuestion,
  response: ResponseInput | null,
): { isCorrect?: boolean; pointsEarned: number } {
  const answers = question.answers ?? [];
  const correctIds = new Set(answers.filter((a) => a.isCorrect).map((a) => a.id));
  const result = (isCorrect: boolean) => ({ isCorrect, pointsEarned: isCorrect ? question.points : 0 });
  switch (question.questionType) {
    case "rating_scale":
      return { pointsEarned: 0 };
    case "multiple_choice":
    case "true_false": {
      const selected = response?.selectedAnswerIds ?? [];
      return result(selected.length === 1 && correctIds.has(selected[0]));
    }
    case "multiple_select": {
      const selected = new Set(response?.selectedAnswerIds ?? []);
      return result(
        selected.size > 0 && selected.size === correctIds.size && [...selected].every((id) => correctIds.has(id)),
      );
    }
    case "short_answer": {
      const given = normalizeAnswer(response?.textResponse ?? "");
      const accepted = (question.acceptedAnswers ?? []).map(normalizeAnswer).filter((a) => a.length > 0);
      return result(given.length > 0 && accepted.includes(given));
    }
    case "open_ended":
      throw new Error("Open answers are graded by the AI or an instructor, not by the rules.");
  }
}

/** The attempt's score: points earned over points possible, as a percentage with one decimal. */
export function attemptScore(items: Array<{ pointsEarned: number; pointsPossible: number }>) {
  const earned = round1(items.reduce((sum, item) => sum + item.pointsEarned, 0));
  const possible = round1(items.reduce((sum, item) => sum + item.pointsPossible, 0));
  return {
    pointsEarned: earned,
    pointsPossible: possible,
    score: possible === 0 ? 0 : round1((earned / possible) * 100),
  };
}

/** Points for an AI score (the share of the question's points, 0–1), to one decimal. */
export function pointsFromAiScore(score: number, points: number) {
  return round1(Math.min(1, Math.max(0, score)) * points);
}

/** The spec's rule for AI grades: ≥ 0.9 graded automatically, 0.7–0.9 to the review queue, below 0.7 graded by hand. */
export function aiGradingState(confidence: number): GradingState {
  if (confidence >= AUTO_GRADE_CONFIDENCE) return "graded";
  if (confidence >= REVIEW_CONFIDENCE) return "review";
  return "manual";
}

/**
 * Hake's normalized gain, `(post − pre) / (100 − pre)`, rounded to two decimals. At pre = 100 the formula divides
 * by zero; there is no room left to gain, so the gain is 0 when the learner stays at 100 and the share lost,
 * `(post − 100) / 100`, when they drop (Marx & Cummings' normalized change for a loss). Never above 1.
 */
export function normalizedGain(pre: number, post: number) {
  if (pre >= 100) return round2((Math.min(post, 100) - 100) / 100);
  return round2((post - pre) / (100 - pre));
}

/**
 * The relative gain `(post − pre) / pre` in percent; undefined at pre = 0, stored as 0 (nothing reads it as a rate).
 */
export function percentageGain(pre: number, post: number) {
  return pre === 0 ? 0 : round1(((post - pre) / pre) * 100);
}

export function round1(value: number) {
  return Math.round(value * 10) / 10;
}

export function round2(value: number) {
  return Math.round(value * 100) / 100;
}
