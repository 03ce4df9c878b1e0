/**
 * Checks on what platform admins write into a path: its fields, its steps' rules, and whether it can be published
 * (steps, a required one, published courses, a bundle cheaper than its courses one by one). After a change to the
 * steps, the path's counts and bundle saving follow, and enrolled learners' steps are re-evaluated.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { currency } from "../../env";
import { appError } from "../../errors";
import { formatMoney } from "../../format";
import { boundedText, optionalText, TEXT_LIMITS } from "../../limits";
import { structureProblem } from "./rules";
import { MAX_STEPS, pathPrice, stepsOf } from "./views";

/** A path page lists its outcomes as bullets; more than this is a description. */
export const MAX_OUTCOMES = 12;
export const MAX_SKILLS = 12;

/** Money an admin typed, in cents: whole, at most 100,000 dollars. */
export function assertPrice(cents: number, label: string) {
  if (!Number.isInteger(cents) || cents <= 0 || cents > 10_000_000) {
    throw appError("INVALID_INPUT", `${label} must be a whole number of cents above 0 and at most 100,000 dollars.`);
  }
}

/** The path's texts, trimmed and bounded; throws INVALID_INPUT naming the field. */
export function cleanPathTexts(fields: {
  title: string;
  slug: string;
  shortDescription: string;
  description: string;
  targetRole?: string;
  estimatedDuration: string;
  outcomes: string[];
}) {
  const slug = boundedText(fields.slug, "the URL slug", TEXT_LIMITS.name).toLowerCase();
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
    throw appError("INVALID_INPUT", "The URL slug may contain lower-case letters, digits and single dashes.");
  if (fields.outcomes.length > MAX_OUTCOMES) throw appError("INVALID_INPUT", `List at most ${MAX_OUTCOMES} outcomes.`);
  return {
    title: boundedText(fields.title, "the path's title", TEXT_LIMITS.title, { min: 3 }),
    slug,
    shortDescription: boundedText(fields.shortDescription, "the short description", TEXT_LIMITS.line, { min: 1 }),
    description: boundedText(fields.description, "the description", TEXT_LIMITS.paragraph, { min: 1 }),
    targetRole: optionalText(fields.targetRole, "the roles it is for", TEXT_LIMITS.line),
    estimatedDuration: boundedText(fields.estimatedDuration, "the estimated duration", TEXT_LIMITS.name, { min: 1 }),
    outcomes: fields.outcomes.map((o) => boundedText(o, "an outcome", TEXT_LIMITS.line)).filter(Boolean),
  };
}

/** Why the path cannot be published as it stands, or null. */
export async function publishProblem(
  ctx: QueryCtx,
  path: Pick<Doc<"learningPaths">, "pricingModel" | "bundlePrice" | "subscriptionPrice">,
  steps: ReadonlyArray<Doc<"learningPathSteps">>,
) {
  if (steps.length === 0) return "Add at least one step before publishing the path.";
  if (!steps.some((s) => s.isRequired)) return "Mark at least one step as required before publishing the path.";
  const courses = [];
  for (const step of steps) {
    const course = await ctx.db.get("courses", step.courseId);
    if (course === null || course.status !== "published")
      return `Step ${step.stepNumber}'s course is not published; publish it or choose another course first.`;
    courses.push(course);
  }
  if (path.pricingModel === "subscription" && path.subscriptionPrice === undefined)
    return "A subscription needs a monthly price.";
  if (path.pricingModel === "bundled") {
    if (path.bundlePrice === undefined) return "A bundled path needs a bundle price.";
    const { coursesTotalCents } = pathPrice(path, courses);
    if (path.bundlePrice >= coursesTotalCents) {
      return `The bundle must cost less than its courses one by one (${formatMoney(coursesTotalCents, currency())}).`;
    }
  }
  return null;
}

/** The checks a step's fields pass on their own: the course exists, the timeframe and notes are bounded. */
export async function cleanStep(
  ctx: QueryCtx,
  fields: { courseId: Id<"courses">; recommendedTimeframe?: string; notes?: string },
) {
  const course = await ctx.db.get("courses", fields.courseId);
  if (course === null) throw appError("NOT_FOUND", "This course no longer exists.");
  return {
    course,
    recommendedTimeframe: optionalText(fields.recommendedTimeframe, "the recommended timeframe", TEXT_LIMITS.name),
    notes: optionalText(fields.notes, "the notes", TEXT_LIMITS.line),
  };
}

/** Refuses a set of steps whose rules cannot work (rules.ts) or with a course twice. */
export function assertStructure(steps: ReadonlyArray<Doc<"learningPathSteps">>) {
  if (steps.length > MAX_STEPS) throw appError("INVALID_INPUT", `A path has at most ${MAX_STEPS} steps.`);
  const courses = new Set<Id<"courses">>();
  for (const step of steps) {
    if (courses.has(step.courseId))
      throw appError("INVALID_INPUT", "A course can be only one step of a path; this course already is.");
    courses.add(step.courseId);
  }
  const problem = structureProblem(steps);
  if (problem) throw appError("INVALID_INPUT", problem);
}

/**
 * After the steps changed: the path's course count and bundle saving follow, a published path must still be
 * publishable, and every enrolled learner's steps are evaluated again (in batches, by the scheduler).
 */
export async function afterStepsChanged(ctx: MutationCtx, pathId: Id<"learningPaths">) {
  const path = (await ctx.db.get("learningPaths", pathId))!;
  const steps = await stepsOf(ctx, pathId);
  assertStructure(steps);
  if (path.isActive) {
    const problem = await publishProblem(ctx, path, steps);
    if (problem) throw appError("INVALID_INPUT", `${problem} (The path is published.)`);
  }
  await syncDerivedFields(ctx, path, steps);
  if (
    await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_pathId", (q) => q.eq("pathId", pathId))
      .first()
  ) {
    await ctx.scheduler.runAfter(0, internal.paths.unlocks.resyncPath, { pathId, cursor: null });
  }
}

/** The spec's counts kept true: courses in the path and the bundle's percent off its courses one by one. */
export async function syncDerivedFields(
  ctx: MutationCtx,
  path: Doc<"learningPaths">,
  steps: ReadonlyArray<Doc<"learningPathSteps">>,
) {
  const courses = [];
  for (const step of steps) {
    const course = await ctx.db.get("courses", step.courseId);
    if (course) courses.push(course);
  }
  const price = pathPrice(path, courses);
  await ctx.db.patch("learningPaths", path._id, {
    totalCourses: steps.length,
    bundleDiscount: price.savingPercent,
    updatedAt: Date.now(),
  });
}
