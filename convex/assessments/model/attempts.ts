/**
 * An attempt's life: drawn and ordered once when it starts, answers saved as the
 * learner goes, one submit (or the deadline) grades what the rules can and sends
 * open answers to the AI or an instructor, and the score is set when the last
 * answer is graded — which then moves learning gain, certificates and dashboards.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { completionRules, evaluateCompletion, planCertificates } from "../../certificates/model/plan";
import { heldSessions } from "../../liveSessions/model/lifecycle";
import { aiSettings } from "../../env";
import { boundedText, TEXT_LIMITS } from "../../limits";
import { markActive } from "../../users/model/accounts";
import { notifyUsers } from "../../notifications/model/notify";
import { attemptLimit } from "./access";
import { updateLearningGain } from "./gain";
import {
  aiGradingState,
  attemptScore,
  gradeByRules,
  gradedByRules,
  pointsFromAiScore,
  pointsPossible,
  type ResponseInput,
  round1,
} from "./scoring";

/** At most this many questions in an assessment (and so in an attempt). */
export const MAX_QUESTIONS = 200;

export async function attemptsOf(ctx: QueryCtx, userId: Id<"users">, assessmentId: Id<"assessments">) {
  return await ctx.db
    .query("assessmentAttempts")
    .withIndex("by_userId_and_assessmentId", (q) => q.eq("userId", userId).eq("assessmentId", assessmentId))
    .take(100);
}

export async function activeQuestions(ctx: QueryCtx, assessmentId: Id<"assessments">) {
  const questions = await ctx.db
    .query("assessmentQuestions")
    .withIndex("by_assessmentId_and_sortOrder", (q) => q.eq("assessmentId", assessmentId))
    .take(MAX_QUESTIONS * 2);
  return questions.filter((q) => q.isActive);
}

export async function responsesOf(ctx: QueryCtx, attemptId: Id<"assessmentAttempts">) {
  return await ctx.db
    .query("questionResponses")
    .withIndex("by_attemptId_and_questionId", (q) => q.eq("attemptId", attemptId))
    .take(MAX_QUESTIONS);
}

/** The attempt's questions in the order drawn. */
export async function attemptQuestions(ctx: QueryCtx, attempt: Doc<"assessmentAttempts">) {
  const questions = [];
  for (const questionId of attempt.questionIds ?? []) {
    const question = await ctx.db.get("assessmentQuestions", questionId);
    if (question) questions.push(question);
  }
  return questions;
}

function shuffle<T>(items: readonly T[], random: () => number) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * The questions of a new attempt, in order, and each one's answer order: the pool (`questionsPerAttempt`) drawn at
 * random when questions are randomized, otherwise the first by sort order. A post-assessment duplicated from the
 * pre-assessment asks the same questions the learner's pre-assessment drew (the spec's requirement for a valid gain).
 */
export function drawAttempt(
  assessment: Pick<Doc<"assessments">, "randomizeQuestions" | "randomizeAnswers" | "questionsPerAttempt">,
  questions: Array<Doc<"assessmentQuestions">>,
  random: () => number,
  sameAsQuestionIds?: ReadonlySet<Id<"assessmentQuestions">>,
) {
  const matching = sameAsQuestionIds
    ? questions.filter((q) => q.sourceQuestionId && sameAsQuestionIds.has(q.sourceQuestionId))
    : [];
  const pool = matching.length > 0 ? matching : questions;
  const ordered = assessment.randomizeQuestions ? shuffle(pool, random) : pool;
  const size =
    matching.length > 0 ? matching.length : Math.min(ordered.length, assessment.questionsPerAttempt ?? ordered.length);
  const chosen = ordered.slice(0, Math.max(1, size));
  const drawn = assessment.randomizeQuestions ? chosen : [...chosen].sort((a, b) => a.sortOrder - b.sortOrder);
  return {
    questionIds: drawn.map((q) => q._id),
    answerOrder: drawn
      .filter((q) => (q.answers?.length ?? 0) > 0)
      .map((q) => {
        const ids = (q.answers ?? []).map((a) => a.id);
        // True/false keeps True before False; other options are shuffled when answers are randomized.
        return {
          questionId: q._id,
          answerIds: assessment.randomizeAnswers && q.questionType !== "true_false" ? shuffle(ids, random) : ids,
        };
      }),
  };
}

/**
 * Starts an attempt (or returns the one in progress). Refuses when every allowed attempt is used. The deadline, when
 * the assessment has a time limit, is enforced by the server: answers after it are refused and a scheduled job
 * submits the attempt as it stands.
 */
export async function startAttempt(
  ctx: MutationCtx,
  {
    assessment,
    userId,
    enrollment,
    now = Date.now(),
    random = Math.random,
  }: {
    assessment: Doc<"assessments">;
    userId: Id<"users">;
    enrollment: Doc<"enrollments">;
    now?: number;
    random?: () => number;
  },
) {
  const previous = await attemptsOf(ctx, userId, assessment._id);
  const open = previous.find((a) => a.status === "in_progress");
  if (open) {
    if (open.deadline === undefined || now < open.deadline) return open._id;
    await submitAttempt(ctx, open, { now, expired: true });
  }
  const limit = attemptLimit(assessment);
  if (limit !== null && previous.length >= limit) {
    throw appError(
      "NOT_AVAILABLE",
      limit === 1
        ? "You have already taken this assessment."
        : `You have used all ${limit} attempts of this assessment.`,
    );
  }
  const questions = await activeQuestions(ctx, assessment._id);
  if (questions.length === 0) throw appError("NOT_AVAILABLE", "This assessment has no questions yet.");
  let sameAs: Set<Id<"assessmentQuestions">> | undefined;
  if (assessment.duplicatedFromId) {
    const pre = (await attemptsOf(ctx, userId, assessment.duplicatedFromId)).sort(
      (a, b) => a.startedAt - b.startedAt,
    )[0];
    if (pre?.questionIds) sameAs = new Set(pre.questionIds);
  }
  const drawn = drawAttempt(assessment, questions, random, sameAs);
  const deadline = assessment.timeLimit ? now + assessment.timeLimit * 60_000 : undefined;
  const attemptId = await ctx.db.insert("assessmentAttempts", {
    userId,
    assessmentId: assessment._id,
    enrollmentId: enrollment._id,
    cohortId: enrollment.cohortId,
    attemptNumber: previous.length + 1,
    status: "in_progress",
    startedAt: now,
    ...(deadline !== undefined ? { deadline } : {}),
    ...drawn,
    createdAt: now,
  });
  if (deadline !== undefined) {
    const expiryJobId = await ctx.scheduler.runAt(deadline, internal.assessments.grading.expireAttempt, { attemptId });
    await ctx.db.patch("assessmentAttempts", attemptId, { expiryJobId });
  }
  await markActive(ctx, userId);
  return attemptId;
}

/** Checks an answer against its question's type and options; returns what is stored. */
export function checkResponse(question: Doc<"assessmentQuestions">, input: ResponseInput): ResponseInput {
  const optionIds = new Set((question.answers ?? []).map((a) => a.id));
  switch (question.questionType) {
    case "multiple_choice":
    case "true_false":
    case "multiple_select": {
      const ids = [...new Set(input.selectedAnswerIds ?? [])];
      if (ids.some((id) => !optionIds.has(id)))
        throw appError("INVALID_INPUT", "That answer is not one of the question's options.");
      if (question.questionType !== "multiple_select" && ids.length > 1)
        throw appError("INVALID_INPUT", "Choose one answer.");
      return { selectedAnswerIds: ids };
    }
    case "short_answer":
      return { textResponse: boundedText(input.textResponse ?? "", "your answer", TEXT_LIMITS.line) };
    case "open_ended":
      return { textResponse: boundedText(input.textResponse ?? "", "your answer", TEXT_LIMITS.paragraph) };
    case "rating_scale": {
      const value = input.ratingValue;
      const min = question.scaleMin ?? 1;
      const max = question.scaleMax ?? 5;
      if (value === undefined || !Number.isInteger(value) || value < min || value > max)
        throw appError("INVALID_INPUT", `Choose a rating from ${min} to ${max}.`);
      return { ratingValue: value };
    }
  }
}

/** Saves one answer of an attempt in progress (replacing the previous one); refused after the deadline. */
export async function saveResponse(
  ctx: MutationCtx,
  attempt: Doc<"assessmentAttempts">,
  questionId: Id<"assessmentQuestions">,
  input: ResponseInput,
  now = Date.now(),
) {
  if (attempt.status !== "in_progress")
    throw appError("NOT_AVAILABLE", "This attempt is already submitted; its answers can no longer change.");
  if (attempt.deadline !== undefined && now > attempt.deadline) {
    throw appError(
      "NOT_AVAILABLE",
      "Time is up: answers after the time limit are not accepted. " +
        "Your attempt is submitted with the answers saved before.",
    );
  }
  if (!(attempt.questionIds ?? []).includes(questionId))
    throw appError("NOT_FOUND", "This question is not part of your attempt.");
  const question = await ctx.db.get("assessmentQuestions", questionId);
  if (question === null) throw appError("NOT_FOUND", "This question no longer exists.");
  const stored = checkResponse(question, input);
  const existing = await ctx.db
    .query("questionResponses")
    .withIndex("by_attemptId_and_questionId", (q) => q.eq("attemptId", attempt._id).eq("questionId", questionId))
    .unique();
  const fields = {
    selectedAnswerIds: stored.selectedAnswerIds,
    textResponse: stored.textResponse,
    ratingValue: stored.ratingValue,
    answeredAt: now,
  };
  if (existing) await ctx.db.patch("questionResponses", existing._id, fields);
  else
    await ctx.db.insert("questionResponses", {
      attemptId: attempt._id,
      questionId,
      ...(attempt.cohortId ? { cohortId: attempt.cohortId } : {}),
      ...fields,
      pointsEarned: 0,
      createdAt: now,
    });
}

/**
 * Submits an attempt once: answers the rules can grade are graded now, open answers go to the AI (when a model is
 * configured and the question allows it) or to an instructor; the score is set at once when nothing waits. An
 * attempt past its deadline is submitted as it stands and marked `expired`.
 */
export async function submitAttempt(
  ctx: MutationCtx,
  attempt: Doc<"assessmentAttempts">,
  { now = Date.now(), expired = false }: { now?: number; expired?: boolean } = {},
) {
  if (attempt.status !== "in_progress") return;
  const late = expired || (attempt.deadline !== undefined && now > attempt.deadline);
  const questions = await attemptQuestions(ctx, attempt);
  const responses = new Map((await responsesOf(ctx, attempt._id)).map((r) => [r.questionId, r]));
  const useAi = aiSettings() !== null;
  let pending = 0;
  let sentToAi = 0;
  for (const question of questions) {
    let response = responses.get(question._id) ?? null;
    if (response === null) {
      const id = await ctx.db.insert("questionResponses", {
        attemptId: attempt._id,
        questionId: question._id,
        ...(attempt.cohortId ? { cohortId: attempt.cohortId } : {}),
        pointsEarned: 0,
        createdAt: now,
      });
      response = (await ctx.db.get("questionResponses", id))!;
    }
    const answered = (response.textResponse ?? "").trim().length > 0;
    if (gradedByRules(question) || !answered) {
      const graded = gradedByRules(question) ? gradeByRules(question, response) : { isCorrect: false, pointsEarned: 0 };
      await ctx.db.patch("questionResponses", response._id, {
        ...graded,
        gradingState: "graded",
        gradedBySource: "rules",
        gradedAt: now,
      });
      continue;
    }
    pending += 1;
    const toAi = useAi && question.aiGradingEnabled !== false;
    if (toAi) sentToAi += 1;
    await ctx.db.patch("questionResponses", response._id, { gradingState: toAi ? "ai_pending" : "manual" });
  }
  const deadline = attempt.deadline ?? now;
  await ctx.db.patch("assessmentAttempts", attempt._id, {
    status: late ? "expired" : "submitted",
    submittedAt: Math.min(now, deadline),
    timeSpent: Math.max(0, Math.round((Math.min(now, deadline) - attempt.startedAt) / 1000)),
    pendingGrades: pending,
  });
  if (!late && attempt.expiryJobId) {
    const job = await ctx.db.system.get("_scheduled_functions", attempt.expiryJobId);
    if (job?.state.kind === "pending") await ctx.scheduler.cancel(attempt.expiryJobId);
  }
  if (sentToAi > 0)
    await ctx.scheduler.runAfter(0, internal.assessments.grading.gradeOpenAnswers, { attemptId: attempt._id });
  await markActive(ctx, attempt.userId);
  if (pending === 0) await finalizeAttempt(ctx, attempt._id, { now, notify: false });
}

/**
 * Sets the attempt's score from its graded answers (points earned over points possible) and whether it passed, then
 * updates the learner's learning gain, issues the certificate when a passed post-assessment completes a finished
 * cohort's rules, and tells the learner when grading had kept them waiting.
 */
export async function finalizeAttempt(
  ctx: MutationCtx,
  attemptId: Id<"assessmentAttempts">,
  { now = Date.now(), notify }: { now?: number; notify: boolean },
) {
  const attempt = await ctx.db.get("assessmentAttempts", attemptId);
  const assessment = attempt ? await ctx.db.get("assessments", attempt.assessmentId) : null;
  if (!attempt || !assessment || attempt.status === "in_progress") return;
  const questions = await attemptQuestions(ctx, attempt);
  const responses = new Map((await responsesOf(ctx, attempt._id)).map((r) => [r.questionId, r]));
  if (questions.some((q) => responses.get(q._id)?.gradingState !== "graded")) return;
  const result = attemptScore(
    questions.map((q) => ({
      pointsEarned: responses.get(q._id)?.pointsEarned ?? 0,
      pointsPossible: pointsPossible(q),
    })),
  );
  const passed = result.score >= assessment.passingScore;
  await ctx.db.patch("assessmentAttempts", attempt._id, {
    status: attempt.status === "expired" ? "expired" : "graded",
    ...result,
    passed,
    pendingGrades: 0,
    gradedAt: now,
  });
  const enrollment = attempt.enrollmentId ? await ctx.db.get("enrollments", attempt.enrollmentId) : null;
  if (enrollment) {
    if (assessment.type === "pre_course" || assessment.type === "post_course")
      await updateLearningGain(ctx, enrollment, now);
    if (assessment.type === "post_course" && passed) {
      const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
      // Passing after the cohort finished completes the rules now: the certificate is issued then.
      const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
      if (cohort && course && (cohort.status === "completed" || cohort.endDate <= now)) {
        const eligible = await evaluateCompletion(
          ctx,
          await completionRules(ctx, course),
          await heldSessions(ctx, cohort._id),
          enrollment,
        );
        if (eligible.eligible) await planCertificates(ctx, cohort._id);
      }
    }
  }
  const user = notify ? await ctx.db.get("users", attempt.userId) : null;
  if (user) {
    const title = `Graded: ${assessment.title}`;
    const verdict =
      assessment.passingScore > 0 ? (passed ? " and passed" : ` (${assessment.passingScore}% needed to pass)`) : "";
    const body = `You scored ${result.score}%${verdict}.`;
    await notifyUsers(
      ctx,
      [user],
      { category: "learning", title, body, url: `/learn/assessments/${assessment._id}` },
      {
        subject: title,
        heading: title,
        lines: [body, "Your instructor finished grading your open answers."],
        actionLabel: "See your results",
      },
    );
  }
}

/** Applies the AI's grade to an answer waiting for it, by the spec's confidence rule. */
export async function applyAiGrade(
  ctx: MutationCtx,
  responseId: Id<"questionResponses">,
  grade: { score: number; confidence: number; explanation: string },
  now = Date.now(),
) {
  const response = await ctx.db.get("questionResponses", responseId);
  if (response === null || response.gradingState !== "ai_pending") return;
  const question = await ctx.db.get("assessmentQuestions", response.questionId);
  if (question === null) return;
  const state = aiGradingState(grade.confidence);
  await ctx.db.patch("questionResponses", responseId, {
    aiScore: grade.score,
    aiConfidence: grade.confidence,
    aiExplanation: grade.explanation.slice(0, TEXT_LIMITS.paragraph),
    gradingState: state,
    ...(state === "graded"
      ? { pointsEarned: pointsFromAiScore(grade.score, question.points), gradedBySource: "ai" as const, gradedAt: now }
      : {}),
  });
  if (state === "graded") await answerGraded(ctx, response.attemptId, now);
}

/** The AI could not grade the answer: an instructor will. */
export async function failAiGrade(ctx: MutationCtx, responseId: Id<"questionResponses">, reason: string) {
  const response = await ctx.db.get("questionResponses", responseId);
  if (response === null || response.gradingState !== "ai_pending") return;
  await ctx.db.patch("questionResponses", responseId, {
    gradingState: "manual",
    aiExplanation: `AI grading failed: ${reason}`.slice(0, TEXT_LIMITS.line),
  });
}

async function answerGraded(ctx: MutationCtx, attemptId: Id<"assessmentAttempts">, now: number, notify = true) {
  const attempt = await ctx.db.get("assessmentAttempts", attemptId);
  if (!attempt) return;
  const pending = Math.max(0, (attempt.pendingGrades ?? 1) - 1);
  await ctx.db.patch("assessmentAttempts", attemptId, { pendingGrades: pending });
  if (pending === 0) await finalizeAttempt(ctx, attemptId, { now, notify });
}

/**
 * An instructor's or admin's grade for an answer — accepting the AI's suggestion, grading by hand, or changing any
 * grade later. Kept in `gradeChanges` with who, when, from what and why; the attempt's score follows.
 */
export async function setGrade(
  ctx: MutationCtx,
  response: Doc<"questionResponses">,
  {
    points,
    by,
    comment,
    now = Date.now(),
    notify = true,
  }: { points: number; by: Id<"users">; comment?: string; now?: number; notify?: boolean },
) {
  const attempt = await ctx.db.get("assessmentAttempts", response.attemptId);
  const question = await ctx.db.get("assessmentQuestions", response.questionId);
  if (!attempt || !question) throw appError("NOT_FOUND", "This answer no longer exists.");
  if (attempt.status === "in_progress")
    throw appError("NOT_AVAILABLE", "The learner has not submitted this attempt yet.");
  const possible = pointsPossible(question);
  const given = round1(points);
  if (!Number.isFinite(points) || given < 0 || given > possible)
    throw appError("INVALID_INPUT", `Give between 0 and ${possible} points.`);
  const wasPending = response.gradingState !== "graded";
  await ctx.db.insert("gradeChanges", {
    responseId: response._id,
    attemptId: attempt._id,
    changedBy: by,
    previousPoints: response.pointsEarned,
    points: given,
    ...(response.gradingState ? { previousState: response.gradingState } : {}),
    ...(response.aiScore !== undefined
      ? { aiSuggestedPoints: pointsFromAiScore(response.aiScore, question.points) }
      : {}),
    ...(comment ? { comment } : {}),
    createdAt: now,
  });
  await ctx.db.patch("questionResponses", response._id, {
    pointsEarned: given,
    ...(question.questionType === "open_ended" ? {} : { isCorrect: given === possible }),
    gradingState: "graded",
    gradedBySource: "instructor",
    gradedBy: by,
    gradedAt: now,
    manualOverride: true,
    ...(comment ? { feedback: comment } : {}),
  });
  if (wasPending) await answerGraded(ctx, attempt._id, now, notify);
  else if (attempt.score !== undefined) await finalizeAttempt(ctx, attempt._id, { now, notify: false });
}
