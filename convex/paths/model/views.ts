/**
 * How a path reads to the people who browse it: its steps in order with their courses and unlock rules in words, and
 * its price — per course, a bundle with the saving against buying the courses one by one, or a subscription.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import {
  vCapabilityLevel,
  vCourseFormat,
  vPathAudience,
  vPathPricing,
  vUnlockRule,
  type UnlockRule,
} from "../../validators";
import { gateStep, inOrder, type RuleStep } from "./rules";

/** At most this many steps in a path (a path is a curated sequence, not a catalogue). */
export const MAX_STEPS = 20;

/** A path's steps in order (bounded by MAX_STEPS, with room to spare for the index read). */
export async function stepsOf(ctx: QueryCtx, pathId: Id<"learningPaths">) {
  return await ctx.db
    .query("learningPathSteps")
    .withIndex("by_pathId_and_stepNumber", (q) => q.eq("pathId", pathId))
    .take(MAX_STEPS + 5);
}

/** The rule of a step in words, naming the step it waits for by its course. */
export function unlockInWords(
  steps: readonly RuleStep[],
  step: RuleStep,
  titleOf: (stepId: Id<"learningPathSteps">) => string,
): string {
  const words: Record<UnlockRule, () => string> = {
    immediate: () => "Open from the start",
    after_days: () => {
      const days = step.unlockAfterDays ?? 0;
      return `Opens ${days} ${days === 1 ? "day" : "days"} after you enroll`;
    },
    sequential: () => {
      const gate = gateStep(steps, step);
      return gate ? `Opens when you complete ${titleOf(gate._id)}` : "Open from the start";
    },
    after_completion: () => {
      const gate = gateStep(steps, step);
      return gate ? `Opens when you complete ${titleOf(gate._id)}` : "Open from the start";
    },
  };
  return words[step.unlockRule]();
}

export const vPathPrice = v.object({
  model: vPathPricing,
  /** Every step's course bought one by one. */
  coursesTotalCents: v.number(),
  bundlePriceCents: v.optional(v.number()),
  /** What the bundle saves against coursesTotalCents, in cents and percent. */
  savingCents: v.optional(v.number()),
  savingPercent: v.optional(v.number()),
  /** A subscription's price per month. */
  monthlyPriceCents: v.optional(v.number()),
});

/** The price of a path from its courses' prices today. */
export function pathPrice(
  path: Pick<Doc<"learningPaths">, "pricingModel" | "bundlePrice" | "subscriptionPrice">,
  courses: ReadonlyArray<Pick<Doc<"courses">, "priceB2C">>,
) {
  const coursesTotalCents = courses.reduce((sum, course) => sum + course.priceB2C, 0);
  if (path.pricingModel === "subscription" && path.subscriptionPrice !== undefined) {
    return { model: path.pricingModel, coursesTotalCents, monthlyPriceCents: path.subscriptionPrice };
  }
  if (path.pricingModel !== "bundled" || path.bundlePrice === undefined) {
    return { model: path.pricingModel, coursesTotalCents };
  }
  const savingCents = Math.max(0, coursesTotalCents - path.bundlePrice);
  return {
    model: path.pricingModel,
    coursesTotalCents,
    bundlePriceCents: path.bundlePrice,
    savingCents,
    savingPercent: coursesTotalCents === 0 ? 0 : Math.round((100 * savingCents) / coursesTotalCents),
  };
}

const vPathCourse = v.object({
  _id: v.id("courses"),
  slug: v.string(),
  title: v.string(),
  tagline: v.optional(v.string()),
  format: vCourseFormat,
  level: vCapabilityLevel,
  priceB2C: v.number(),
  /** The next open public cohort's first day, if any. */
  nextCohortStart: v.optional(v.number()),
});

export const vPathStep = v.object({
  _id: v.id("learningPathSteps"),
  stepNumber: v.number(),
  isRequired: v.boolean(),
  unlockRule: vUnlockRule,
  unlockInWords: v.string(),
  /** Open as soon as the learner enrolls (no time to wait, no step to complete first). */
  openFromStart: v.boolean(),
  recommendedTimeframe: v.optional(v.string()),
  course: vPathCourse,
});

export const vPathCard = v.object({
  _id: v.id("learningPaths"),
  slug: v.string(),
  title: v.string(),
  shortDescription: v.string(),
  audience: vPathAudience,
  targetRole: v.optional(v.string()),
  estimatedDuration: v.string(),
  totalHours: v.number(),
  isFeatured: v.boolean(),
  color: v.optional(v.string()),
  courseCount: v.number(),
  requiredCount: v.number(),
  price: vPathPrice,
});

export const vPathPage = v.object({
  ...vPathCard.fields,
  description: v.string(),
  outcomes: v.array(v.string()),
  skills: v.array(v.object({ name: v.string(), slug: v.string() })),
  steps: v.array(vPathStep),
});

/** The course of each step (published or not: a path keeps its shape while a course is reworked). */
async function stepCourses(ctx: QueryCtx, steps: ReadonlyArray<Doc<"learningPathSteps">>) {
  const courses = new Map<Id<"courses">, Doc<"courses">>();
  for (const step of steps) {
    if (courses.has(step.courseId)) continue;
    const course = await ctx.db.get("courses", step.courseId);
    if (course) courses.set(course._id, course);
  }
  return courses;
}

async function nextOpenCohortStart(ctx: QueryCtx, courseId: Id<"courses">) {
  const cohorts = await ctx.db
    .query("cohorts")
    .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", courseId))
    .take(50);
  return cohorts.find((c) => c.status === "open" && !c.isB2B)?.startDate;
}

/** A path as its card shows it. */
export async function pathCard(ctx: QueryCtx, path: Doc<"learningPaths">) {
  const steps = await stepsOf(ctx, path._id);
  const courses = await stepCourses(ctx, steps);
  return {
    card: {
      _id: path._id,
      slug: path.slug,
      title: path.title,
      shortDescription: path.shortDescription,
      audience: path.targetAudience,
      ...(path.targetRole ? { targetRole: path.targetRole } : {}),
      estimatedDuration: path.estimatedDuration,
      totalHours: path.totalHours,
      isFeatured: path.isFeatured,
      ...(path.color ? { color: path.color } : {}),
      courseCount: steps.length,
      requiredCount: steps.filter((s) => s.isRequired).length,
      price: pathPrice(
        path,
        steps.flatMap((s) => courses.get(s.courseId) ?? []),
      ),
    },
    steps,
    courses,
  };
}

/** A path's page: the card, its description, outcomes, skills, and its steps with their courses. */
export async function pathPage(ctx: QueryCtx, path: Doc<"learningPaths">) {
  const { card, steps, courses } = await pathCard(ctx, path);
  const ordered = inOrder(steps);
  const titleOf = (stepId: Id<"learningPathSteps">) => {
    const step = ordered.find((s) => s._id === stepId);
    return (step && courses.get(step.courseId)?.title) ?? "the step before";
  };
  const skills = [];
  for (const skillId of path.skillIds.slice(0, 20)) {
    const skill = await ctx.db.get("skills", skillId);
    if (skill?.isActive) skills.push({ name: skill.name, slug: skill.slug });
  }
  const shapedSteps = [];
  for (const step of ordered) {
    const course = courses.get(step.courseId);
    if (!course) continue;
    const nextCohortStart = await nextOpenCohortStart(ctx, course._id);
    shapedSteps.push({
      _id: step._id,
      stepNumber: step.stepNumber,
      isRequired: step.isRequired,
      unlockRule: step.unlockRule,
      unlockInWords: unlockInWords(ordered, step, titleOf),
      openFromStart: step.unlockRule !== "after_days" && gateStep(ordered, step) === null,
      ...(step.recommendedTimeframe ? { recommendedTimeframe: step.recommendedTimeframe } : {}),
      course: {
        _id: course._id,
        slug: course.slug,
        title: course.title,
        ...(course.tagline ? { tagline: course.tagline } : {}),
        format: course.sessionType,
        level: course.capabilityLevel,
        priceB2C: course.priceB2C,
        ...(nextCohortStart !== undefined ? { nextCohortStart } : {}),
      },
    });
  }
  return {
    ...card,
    description: path.description,
    outcomes: path.outcomes,
    skills,
    steps: shapedSteps,
  };
}
