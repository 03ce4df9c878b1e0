/**
 * Shared setup for the assessment tests: a course with an enrolled learner, assessments built through the authoring
 * functions, the AI stand-in.
 */
import { vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { respond, type ChatRequest } from "../../local-llm/responder";
import { type QuestionInput } from "./assessment-questions";
import { as, enrollConfirmed, seedCohort, type T } from "./checkout-helpers";
import { userRow } from "./fixtures";

export const DAY = 86_400_000;

/** A course whose cohort starts in `startsInDays`, its instructor, a platform admin and one confirmed learner. */
export async function seedCourse(t: T, options: { startsInDays?: number } = {}) {
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 2, startsInDays: options.startsInDays ?? 1 });
  const [learner, other] = buyers;
  const { instructor, admin } = await t.run(async (ctx) => {
    const instructor = await ctx.db.insert("users", userRow("maya@academy.test"));
    const admin = await ctx.db.insert("users", userRow("priya@academy.test", { role: "platform_admin" }));
    await ctx.db.patch("cohorts", cohortId, { instructorId: instructor });
    return { instructor, admin };
  });
  const enrollmentId = await enrollConfirmed(t, { userId: learner, cohortId, courseId });
  return { courseId, cohortId, learner, other, instructor, admin, enrollmentId };
}

type Settings = Partial<{
  type: Doc<"assessments">["type"];
  passingScore: number;
  allowRetake: boolean;
  maxAttempts: number;
  timeLimit: number;
  showCorrectAnswers: Doc<"assessments">["showCorrectAnswers"];
  randomizeQuestions: boolean;
  randomizeAnswers: boolean;
  questionsPerAttempt: number;
  lessonId: Id<"lessons">;
}>;

/** An assessment of the course with these questions, made through the authoring functions as a platform admin. */
export async function author(
  t: T,
  admin: Id<"users">,
  courseId: Id<"courses">,
  questions: QuestionInput[],
  settings: Settings = {},
) {
  const assessmentId = await as(t, admin).mutation(api.assessments.authoring.saveAssessment, {
    courseId,
    title: "Baseline: AI at work",
    type: settings.type ?? "pre_course",
    passingScore: settings.passingScore ?? 0,
    allowRetake: settings.allowRetake ?? false,
    ...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
    ...(settings.timeLimit ? { timeLimit: settings.timeLimit } : {}),
    ...(settings.questionsPerAttempt ? { questionsPerAttempt: settings.questionsPerAttempt } : {}),
    ...(settings.lessonId ? { lessonId: settings.lessonId } : {}),
    showCorrectAnswers: settings.showCorrectAnswers ?? "after_submit",
    randomizeQuestions: settings.randomizeQuestions ?? false,
    randomizeAnswers: settings.randomizeAnswers ?? false,
  });
  const questionIds: Array<Id<"assessmentQuestions">> = [];
  for (const question of questions)
    questionIds.push(
      await as(t, admin).mutation(api.assessments.authoring.saveQuestion, { assessmentId, ...question }),
    );
  return { assessmentId, questionIds };
}

export type LlmCall = {
  url: string;
  authorization: string | null;
  body: ChatRequest & { response_format?: { type: string } };
};

/** Points the AI settings at a fake host answered by the local stand-in's own code; returns the requests it got. */
export function stubAiStandIn() {
  const calls: LlmCall[] = [];
  vi.stubEnv("AI_API_KEY", "sk-test-assessments");
  vi.stubEnv("AI_BASE_URL", "http://llm.test/v1");
  vi.stubEnv("AI_MODEL", "academy-local-grader");
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === "string" || input instanceof URL ? input.toString() : input.url;
      const body = JSON.parse(String(init?.body ?? "{}")) as LlmCall["body"];
      calls.push({ url, authorization: new Headers(init?.headers).get("authorization"), body });
      const content = respond(body);
      return new Response(
        JSON.stringify({
          id: "chatcmpl-test",
          object: "chat.completion",
          created: 1,
          model: body.model,
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    }),
  );
  return calls;
}

/** Lets scheduled work (AI grading, dashboard refreshes, emails) run to the end. */
export async function settle(t: T, rounds = 8) {
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.finishInProgressScheduledFunctions();
  }
}

/** Answers every question of the attempt as given (by question type), then submits. */
export async function answerAll(
  t: T,
  learner: Id<"users">,
  attemptId: Id<"assessmentAttempts">,
  answers: Partial<
    Record<
      Doc<"assessmentQuestions">["questionType"],
      { selectedAnswerIds?: string[]; textResponse?: string; ratingValue?: number }
    >
  >,
) {
  const view = (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!;
  for (const question of view.questions) {
    const answer = answers[question.questionType];
    if (answer)
      await as(t, learner).mutation(api.assessments.take.saveAnswer, {
        attemptId,
        questionId: question.questionId,
        ...answer,
      });
  }
  return view;
}
