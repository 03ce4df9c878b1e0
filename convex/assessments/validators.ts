/** Validators of the assessment system (the spec's enums stay in convex/validators.ts). */
import { type Infer, v } from "convex/values";

/**
 * Where an answer is in grading: `graded` (done, by the rules, the AI or a person), `ai_pending` (sent to the model),
 * `review` (the AI's grade waits for an instructor's yes or change: confidence 0.7–0.9), `manual` (an instructor
 * grades it: confidence below 0.7, no model configured, or the model failed).
 */
export const vGradingState = v.union(v.literal("graded"), v.literal("ai_pending"), v.literal("review"), v.literal("manual"));
export type GradingState = Infer<typeof vGradingState>;

/** Who or what gave an answer its points. */
export const vGradedBy = v.union(v.literal("rules"), v.literal("ai"), v.literal("instructor"));
export type GradedBy = Infer<typeof vGradedBy>;

export const vReminderKind = v.union(v.literal("opened"), v.literal("closing"));
export type ReminderKind = Infer<typeof vReminderKind>;
