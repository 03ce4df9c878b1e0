/**
 * Assessment questions as the authoring form sends them, and answers to the open one: shared by the assessment tests
 * and the assessments benchmark (so this module imports nothing from Vitest).
 */
import type { Doc, Id } from "../../convex/_generated/dataModel";

/** What the authoring form sends for one question. */
export type QuestionInput = {
  questionType: Doc<"assessmentQuestions">["questionType"];
  questionText: string;
  answers?: Array<{ id: string; text: string; isCorrect: boolean; feedback?: string }>;
  acceptedAnswers?: string[];
  rubric?: string;
  sampleAnswer?: string;
  explanation?: string;
  scaleMin?: number;
  scaleMax?: number;
  points: number;
  difficulty: "easy" | "medium" | "hard";
  skillIds?: Array<Id<"skills">>;
};

/** An open answer graded against a rubric (by the AI, or by an instructor), 10 points. */
export const OPEN_QUESTION: QuestionInput = {
  questionType: "open_ended",
  questionText: "Describe a business process AI could automate, the steps automated and the expected outcome.",
  rubric:
    "Names a concrete process. Lists the automated steps: categorize tickets, route them, suggest responses. States measurable outcomes: time saved, faster responses, consistent routing.",
  points: 10,
  difficulty: "hard",
};

/** One question of each of the six types (open answers with a rubric), 10 points each, ratings ungraded. */
export const SIX_TYPES: QuestionInput[] = [
  {
    questionType: "multiple_choice",
    questionText: "Which prompt element most reduces ambiguity?",
    answers: [
      { id: "mc-a", text: "A clear output format", isCorrect: true, feedback: "Right: format and criteria." },
      { id: "mc-b", text: "Capital letters", isCorrect: false, feedback: "Caps do not help." },
      { id: "mc-c", text: "Politeness", isCorrect: false },
    ],
    explanation: "Explicit formats remove guesswork.",
    points: 10,
    difficulty: "easy",
  },
  {
    questionType: "multiple_select",
    questionText: "Which are effective prompting techniques?",
    answers: [
      { id: "ms-a", text: "Context and role", isCorrect: true },
      { id: "ms-b", text: "All caps", isCorrect: false },
      { id: "ms-c", text: "Worked examples", isCorrect: true },
    ],
    points: 10,
    difficulty: "medium",
  },
  {
    questionType: "true_false",
    questionText: "One tool is always best for every business use.",
    answers: [
      { id: "tf-t", text: "True", isCorrect: false },
      { id: "tf-f", text: "False", isCorrect: true },
    ],
    points: 10,
    difficulty: "easy",
  },
  {
    questionType: "short_answer",
    questionText: "What does RAG stand for?",
    acceptedAnswers: ["Retrieval-Augmented Generation", "retrieval augmented generation"],
    points: 10,
    difficulty: "medium",
  },
  {
    questionType: "rating_scale",
    questionText: "How confident are you writing prompts?",
    scaleMin: 1,
    scaleMax: 5,
    points: 0,
    difficulty: "easy",
  },
  OPEN_QUESTION,
];

export const STRONG_OPEN_ANSWER =
  "Our support team would let AI categorize incoming tickets, route them to the right team and suggest responses. Outcome: time saved, faster responses and consistent routing.";
export const PARTIAL_OPEN_ANSWER =
  "In our support process, AI could categorize incoming tickets, route them to the right people and suggest replies, which should make responses faster.";
