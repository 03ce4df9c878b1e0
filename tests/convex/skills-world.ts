/**
 * The skills things of the authorization world (authorization.table.ts): a skill the world's course builds, with one
 * competency.
 */
import type { Id } from "../../convex/_generated/dataModel";
import type { MutationCtx } from "../../convex/_generated/server";

export type SkillsWorld = {
  skillId: Id<"skills">;
  competencyId: Id<"competencies">;
  courseSkillId: Id<"courseSkills">;
  /** The learner's public portfolio's link. */
  portfolioSlug: string;
};

/**
 * Prompt Engineering (technical, up to expert), developed by the world's course, with one competency; the learner's
 * portfolio, switched on.
 */
export async function seedSkillsWorld(
  ctx: MutationCtx,
  w: { courseId: Id<"courses">; learner: Id<"users">; now: number },
): Promise<SkillsWorld> {
  const { now } = w;
  const skillId = await ctx.db.insert("skills", {
    name: "Prompt Engineering",
    slug: "prompt-engineering",
    description: "Writing prompts that get reliable results.",
    category: "technical",
    level: "expert",
    isActive: true,
    sortOrder: 0,
    createdAt: now,
    updatedAt: now,
  });
  const competencyId = await ctx.db.insert("competencies", {
    skillId,
    name: "Write system prompts",
    description: "Writes a system prompt that holds across a conversation.",
    assessmentCriteria: "Observed in a live session or shown in a project.",
    evidenceTypes: ["observation", "project"],
    passingThreshold: 70,
    isActive: true,
    createdAt: now,
  });
  const courseSkillId = await ctx.db.insert("courseSkills", {
    courseId: w.courseId,
    skillId,
    skillLevel: "develops",
    weight: 60,
    createdAt: now,
  });
  const portfolioSlug = "learner-0123456789abcdef";
  await ctx.db.insert("skillPortfolios", {
    userId: w.learner,
    slug: portfolioSlug,
    isPublic: true,
    createdAt: now,
    updatedAt: now,
  });
  return { skillId, competencyId, courseSkillId, portfolioSlug };
}
