/** Platform admins write learning paths: their page, price and steps (courses, order, required, unlock rules). */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { vCourseStatus, vPathAudience, vPathPricing, vUnlockRule } from "../validators";
import {
  afterStepsChanged,
  assertPrice,
  cleanPathTexts,
  cleanStep,
  MAX_SKILLS,
  publishProblem,
  syncDerivedFields,
} from "./model/authoring";
import { inOrder } from "./model/rules";
import { pathPrice, stepsOf, vPathPrice } from "./model/views";

/** Every path, published or not, for the admins' list. */
export const list = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("learningPaths"),
      title: v.string(),
      slug: v.string(),
      isActive: v.boolean(),
      isFeatured: v.boolean(),
      pricingModel: vPathPricing,
      stepCount: v.number(),
      enrollmentCount: v.number(),
      completionCount: v.number(),
    }),
  ),
  handler: async (ctx) => {
    const paths = await ctx.db.query("learningPaths").order("desc").take(100);
    return paths
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((path) => ({
        _id: path._id,
        title: path.title,
        slug: path.slug,
        isActive: path.isActive,
        isFeatured: path.isFeatured,
        pricingModel: path.pricingModel,
        stepCount: path.totalCourses,
        enrollmentCount: path.enrollmentCount,
        completionCount: path.completionCount,
      }));
  },
});

const vPathFields = {
  title: v.string(),
  slug: v.string(),
  shortDescription: v.string(),
  description: v.string(),
  audience: vPathAudience,
  targetRole: v.optional(v.string()),
  estimatedDuration: v.string(),
  totalHours: v.number(),
  outcomes: v.array(v.string()),
  skillIds: v.array(v.id("skills")),
  pricingModel: vPathPricing,
  /** Cents; required for bundled pricing. */
  bundlePrice: v.optional(v.number()),
  /** Cents per month; required for subscription pricing. */
  subscriptionPrice: v.optional(v.number()),
  isActive: v.boolean(),
  isFeatured: v.boolean(),
  sortOrder: v.number(),
};

const vEditorStep = v.object({
  _id: v.id("learningPathSteps"),
  stepNumber: v.number(),
  courseId: v.id("courses"),
  courseTitle: v.string(),
  courseStatus: v.union(vCourseStatus, v.literal("missing")),
  coursePriceCents: v.number(),
  isRequired: v.boolean(),
  unlockRule: vUnlockRule,
  unlockAfterStepId: v.optional(v.id("learningPathSteps")),
  unlockAfterDays: v.optional(v.number()),
  recommendedTimeframe: v.optional(v.string()),
  notes: v.optional(v.string()),
});

/** One path with its steps, price and what keeps it from being published, for the editor. */
export const get = platformAdminQuery({
  args: { pathId: v.id("learningPaths") },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("learningPaths"),
      ...vPathFields,
      steps: v.array(vEditorStep),
      price: vPathPrice,
      enrollmentCount: v.number(),
      /** Why it cannot be published as it stands (shown beside "Published"). */
      publishProblem: v.optional(v.string()),
    }),
  ),
  handler: async (ctx, { pathId }) => {
    const path = await ctx.db.get("learningPaths", pathId);
    if (path === null) return null;
    const steps = inOrder(await stepsOf(ctx, pathId));
    const shaped = [];
    const courses = [];
    for (const step of steps) {
      const course = await ctx.db.get("courses", step.courseId);
      if (course) courses.push(course);
      shaped.push({
        _id: step._id,
        stepNumber: step.stepNumber,
        courseId: step.courseId,
        courseTitle: course?.title ?? "Removed course",
        courseStatus: course?.status ?? ("missing" as const),
        coursePriceCents: course?.priceB2C ?? 0,
        isRequired: step.isRequired,
        unlockRule: step.unlockRule,
        ...(step.unlockAfterStepId ? { unlockAfterStepId: step.unlockAfterStepId } : {}),
        ...(step.unlockAfterDays !== undefined ? { unlockAfterDays: step.unlockAfterDays } : {}),
        ...(step.recommendedTimeframe ? { recommendedTimeframe: step.recommendedTimeframe } : {}),
        ...(step.notes ? { notes: step.notes } : {}),
      });
    }
    const problem = await publishProblem(ctx, path, steps);
    return {
      _id: path._id,
      title: path.title,
      slug: path.slug,
      shortDescription: path.shortDescription,
      description: path.description,
      audience: path.targetAudience,
      ...(path.targetRole ? { targetRole: path.targetRole } : {}),
      estimatedDuration: path.estimatedDuration,
      totalHours: path.totalHours,
      outcomes: path.outcomes,
      skillIds: path.skillIds,
      pricingModel: path.pricingModel,
      ...(path.bundlePrice !== undefined ? { bundlePrice: path.bundlePrice } : {}),
      ...(path.subscriptionPrice !== undefined ? { subscriptionPrice: path.subscriptionPrice } : {}),
      isActive: path.isActive,
      isFeatured: path.isFeatured,
      sortOrder: path.sortOrder,
      steps: shaped,
      price: pathPrice(path, courses),
      enrollmentCount: path.enrollmentCount,
      ...(problem ? { publishProblem: problem } : {}),
    };
  },
});

/** The courses and skills a path can be made of (the editor's choices). */
export const options = platformAdminQuery({
  args: {},
  returns: v.object({
    courses: v.array(
      v.object({ _id: v.id("courses"), title: v.string(), status: vCourseStatus, priceB2C: v.number() }),
    ),
    skills: v.array(v.object({ _id: v.id("skills"), name: v.string() })),
  }),
  handler: async (ctx) => {
    const courses = await ctx.db.query("courses").order("desc").take(200);
    const skills = await ctx.db.query("skills").take(200);
    return {
      courses: courses
        .filter((c) => c.status !== "archived")
        .map((c) => ({ _id: c._id, title: c.title, status: c.status, priceB2C: c.priceB2C }))
        .sort((a, b) => a.title.localeCompare(b.title)),
      skills: skills
        .filter((s) => s.isActive)
        .map((s) => ({ _id: s._id, name: s.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  },
});

/** Creates or edits a path's page and price; publishing checks that learners can follow and buy it. */
export const save = platformAdminMutation({
  args: { pathId: v.optional(v.id("learningPaths")), ...vPathFields },
  returns: v.id("learningPaths"),
  handler: async (ctx, { pathId, ...fields }) => {
    const texts = cleanPathTexts(fields);
    if (!Number.isInteger(fields.totalHours) || fields.totalHours < 1 || fields.totalHours > 1000)
      throw appError("INVALID_INPUT", "Total hours must be a whole number from 1 to 1,000.");
    if (!Number.isInteger(fields.sortOrder) || fields.sortOrder < 0 || fields.sortOrder > 1000)
      throw appError("INVALID_INPUT", "The position in the catalogue must be a whole number from 0 to 1,000.");
    if (fields.skillIds.length > MAX_SKILLS) throw appError("INVALID_INPUT", `Choose at most ${MAX_SKILLS} skills.`);
    for (const skillId of fields.skillIds) {
      if ((await ctx.db.get("skills", skillId)) === null)
        throw appError("NOT_FOUND", "One of the chosen skills no longer exists.");
    }
    if (fields.pricingModel === "bundled") {
      if (fields.bundlePrice === undefined) throw appError("INVALID_INPUT", "A bundled path needs a bundle price.");
      assertPrice(fields.bundlePrice, "The bundle price");
    }
    if (fields.pricingModel === "subscription") {
      if (fields.subscriptionPrice === undefined)
        throw appError("INVALID_INPUT", "A subscription needs a monthly price.");
      assertPrice(fields.subscriptionPrice, "The monthly price");
    }
    const clash = await ctx.db
      .query("learningPaths")
      .withIndex("by_slug", (q) => q.eq("slug", texts.slug))
      .unique();
    if (clash && clash._id !== pathId)
      throw appError("INVALID_INPUT", `Another path already uses the slug "${texts.slug}".`);
    const now = Date.now();
    const document = {
      ...texts,
      targetAudience: fields.audience,
      totalHours: fields.totalHours,
      skillIds: [...new Set(fields.skillIds)],
      pricingModel: fields.pricingModel,
      bundlePrice: fields.pricingModel === "bundled" ? fields.bundlePrice : undefined,
      subscriptionPrice: fields.pricingModel === "subscription" ? fields.subscriptionPrice : undefined,
      isActive: fields.isActive,
      isFeatured: fields.isFeatured,
      sortOrder: fields.sortOrder,
      updatedAt: now,
    };
    if (pathId === undefined) {
      if (fields.isActive)
        throw appError("INVALID_INPUT", "Add at least one step before publishing the path: save it as a draft first.");
      return await ctx.db.insert("learningPaths", {
        ...document,
        totalCourses: 0,
        enrollmentCount: 0,
        completionCount: 0,
        createdAt: now,
      });
    }
    const existing = await ctx.db.get("learningPaths", pathId);
    if (existing === null) throw appError("NOT_FOUND", "This path no longer exists.");
    const steps = await stepsOf(ctx, pathId);
    if (fields.isActive) {
      const problem = await publishProblem(ctx, document, steps);
      if (problem) throw appError("INVALID_INPUT", problem);
    }
    await ctx.db.patch("learningPaths", pathId, document);
    await syncDerivedFields(ctx, { ...existing, ...document }, steps);
    return pathId;
  },
});

const vStepFields = {
  courseId: v.id("courses"),
  isRequired: v.boolean(),
  unlockRule: vUnlockRule,
  unlockAfterStepId: v.optional(v.id("learningPathSteps")),
  unlockAfterDays: v.optional(v.number()),
  recommendedTimeframe: v.optional(v.string()),
  notes: v.optional(v.string()),
};

/** Adds a step at the end of the path, or edits one; the rules of every step must still work together. */
export const saveStep = platformAdminMutation({
  args: { pathId: v.id("learningPaths"), stepId: v.optional(v.id("learningPathSteps")), ...vStepFields },
  returns: v.id("learningPathSteps"),
  handler: async (ctx, { pathId, stepId, ...fields }) => {
    const path = await ctx.db.get("learningPaths", pathId);
    if (path === null) throw appError("NOT_FOUND", "This path no longer exists.");
    const { recommendedTimeframe, notes } = await cleanStep(ctx, fields);
    const document = {
      courseId: fields.courseId,
      isRequired: fields.isRequired,
      unlockRule: fields.unlockRule,
      unlockAfterStepId: fields.unlockRule === "after_completion" ? fields.unlockAfterStepId : undefined,
      unlockAfterDays: fields.unlockRule === "after_days" ? fields.unlockAfterDays : undefined,
      recommendedTimeframe,
      notes,
    };
    if (stepId === undefined) {
      const steps = await stepsOf(ctx, pathId);
      const stepNumber = Math.max(0, ...steps.map((s) => s.stepNumber)) + 1;
      const created = await ctx.db.insert("learningPathSteps", {
        pathId,
        stepNumber,
        ...document,
        createdAt: Date.now(),
      });
      await afterStepsChanged(ctx, pathId);
      return created;
    }
    const existing = await ctx.db.get("learningPathSteps", stepId);
    if (existing === null || existing.pathId !== pathId) throw appError("NOT_FOUND", "This step no longer exists.");
    await ctx.db.patch("learningPathSteps", stepId, document);
    await afterStepsChanged(ctx, pathId);
    return stepId;
  },
});

/** Moves a step one place up or down (the steps around it keep their rules, which must still work). */
export const moveStep = platformAdminMutation({
  args: { stepId: v.id("learningPathSteps"), direction: v.union(v.literal("up"), v.literal("down")) },
  returns: v.null(),
  handler: async (ctx, { stepId, direction }) => {
    const step = await ctx.db.get("learningPathSteps", stepId);
    if (step === null) throw appError("NOT_FOUND", "This step no longer exists.");
    const steps = inOrder(await stepsOf(ctx, step.pathId));
    const index = steps.findIndex((s) => s._id === stepId);
    const other = steps[direction === "up" ? index - 1 : index + 1];
    if (other === undefined) return null;
    await ctx.db.patch("learningPathSteps", step._id, { stepNumber: other.stepNumber });
    await ctx.db.patch("learningPathSteps", other._id, { stepNumber: step.stepNumber });
    await afterStepsChanged(ctx, step.pathId);
    return null;
  },
});

/**
 * Removes a step while nobody is enrolled in the path (enrolled learners were sold or given it: make it optional
 * instead); no other step may wait for it.
 */
export const removeStep = platformAdminMutation({
  args: { stepId: v.id("learningPathSteps") },
  returns: v.null(),
  handler: async (ctx, { stepId }) => {
    const step = await ctx.db.get("learningPathSteps", stepId);
    if (step === null) throw appError("NOT_FOUND", "This step no longer exists.");
    const enrolled = await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_pathId", (q) => q.eq("pathId", step.pathId))
      .first();
    if (enrolled !== null) {
      throw appError(
        "INVALID_INPUT",
        "Learners are enrolled in this path, so its steps stay. Make this step optional instead.",
      );
    }
    const steps = inOrder(await stepsOf(ctx, step.pathId));
    const waiting = steps.find((s) => s.unlockRule === "after_completion" && s.unlockAfterStepId === stepId);
    if (waiting) {
      throw appError(
        "INVALID_INPUT",
        `Step ${waiting.stepNumber} opens after this one: change its rule before removing this step.`,
      );
    }
    await ctx.db.delete("learningPathSteps", stepId);
    let number = 1;
    for (const s of steps) {
      if (s._id === stepId) continue;
      if (s.stepNumber !== number) await ctx.db.patch("learningPathSteps", s._id, { stepNumber: number });
      number += 1;
    }
    await afterStepsChanged(ctx, step.pathId);
    return null;
  },
});
