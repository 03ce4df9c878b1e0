/**
 * Grading that runs on its own: attempts submitted at their deadline, and open
 * answers sent to the AI model (Vercel AI SDK, lib/ai/grading.ts) whose grade is
 * applied by the spec's confidence rule (model/attempts.ts `applyAiGrade`).
 */
import { v } from "convex/values";
import { gradeOpenAnswer } from "../../lib/ai/grading";
import { internal } from "../_generated/api";
import { internalAction, internalMutation, internalQuery } from "../functions";
import { aiSettings } from "../env";
import { applyAiGrade, failAiGrade, responsesOf, submitAttempt } from "./model/attempts";

/** Submits an attempt whose time ran out, as it stands (status `expired`). */
export const expireAttempt = internalMutation({
  args: { attemptId: v.id("assessmentAttempts") },
  returns: v.null(),
  handler: async (ctx, { attemptId }) => {
    const attempt = await ctx.db.get("assessmentAttempts", attemptId);
    if (attempt?.status === "in_progress") await submitAttempt(ctx, attempt, { expired: true });
    return null;
  },
});

/** Hourly safety net: attempts in progress past their deadline (e.g. a lost job) are submitted as they stand. */
export const expireOverdue = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const overdue = await ctx.db
      .query("assessmentAttempts")
      // Attempts without a time limit have no deadline (it sorts first in the index): the range starts above it.
      .withIndex("by_status_and_deadline", (q) =>
        q.eq("status", "in_progress").gt("deadline", 0).lt("deadline", Date.now()),
      )
      .take(100);
    for (const attempt of overdue) await submitAttempt(ctx, attempt, { expired: true });
    return overdue.length;
  },
});

/** The open answers of an attempt waiting for the AI, with what the model needs to grade them. */
export const answersForAi = internalQuery({
  args: { attemptId: v.id("assessmentAttempts") },
  returns: v.array(
    v.object({
      responseId: v.id("questionResponses"),
      question: v.string(),
      rubric: v.optional(v.string()),
      sampleAnswer: v.optional(v.string()),
      response: v.string(),
      points: v.number(),
    }),
  ),
  handler: async (ctx, { attemptId }) => {
    const rows = [];
    for (const response of await responsesOf(ctx, attemptId)) {
      if (response.gradingState !== "ai_pending") continue;
      const question = await ctx.db.get("assessmentQuestions", response.questionId);
      if (!question) continue;
      rows.push({
        responseId: response._id,
        question: question.questionText,
        ...(question.rubric ? { rubric: question.rubric } : {}),
        ...(question.sampleAnswer ? { sampleAnswer: question.sampleAnswer } : {}),
        response: response.textResponse ?? "",
        points: question.points,
      });
    }
    return rows;
  },
});

export const recordAiGrade = internalMutation({
  args: { responseId: v.id("questionResponses"), score: v.number(), confidence: v.number(), explanation: v.string() },
  returns: v.null(),
  handler: async (ctx, { responseId, ...grade }) => {
    await applyAiGrade(ctx, responseId, grade);
    return null;
  },
});

export const recordAiFailure = internalMutation({
  args: { responseId: v.id("questionResponses"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { responseId, reason }) => {
    await failAiGrade(ctx, responseId, reason);
    return null;
  },
});

/**
 * Sends each open answer waiting for the AI to the model, one at a time; each succeeds or goes to an instructor on
 * its own. Without a configured model (no AI_API_KEY) every one goes to an instructor.
 */
export const gradeOpenAnswers = internalAction({
  args: { attemptId: v.id("assessmentAttempts") },
  returns: v.null(),
  handler: async (ctx, { attemptId }) => {
    const settings = aiSettings();
    const answers = await ctx.runQuery(internal.assessments.grading.answersForAi, { attemptId });
    for (const answer of answers) {
      if (settings === null) {
        await ctx.runMutation(internal.assessments.grading.recordAiFailure, {
          responseId: answer.responseId,
          reason: "no AI model is configured (AI_API_KEY).",
        });
        continue;
      }
      try {
        const grade = await gradeOpenAnswer(settings, answer);
        await ctx.runMutation(internal.assessments.grading.recordAiGrade, { responseId: answer.responseId, ...grade });
      } catch (error) {
        await ctx.runMutation(internal.assessments.grading.recordAiFailure, {
          responseId: answer.responseId,
          reason: (error as Error).message.slice(0, 300),
        });
      }
    }
    return null;
  },
});
