/**
 * The skills taxonomy as platform admins author it: skills (category, highest level, parent, prerequisites),
 * their competencies, and which courses build them at which level. Every rule a save must pass is here, so the
 * functions stay thin and the rules are tested in one place.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { TEXT_LIMITS, boundedText } from "../../limits";
import type { Infer } from "convex/values";
import type { vCourseSkillLevel, vEvidenceType, vSkillCategory, vSkillLevel } from "../../validators";

/** Skills the catalogue holds at most (every read of the taxonomy takes this many). */
export const MAX_SKILLS = 200;
/** Prerequisites one skill may name. */
export const MAX_PREREQUISITES = 10;
/** Levels of the hierarchy, a top-level skill counting as the first. */
export const MAX_DEPTH = 4;
/** Competencies per skill. */
export const MAX_COMPETENCIES = 20;
/** Skills one course may build (certificate planning and the course page read this many). */
export const MAX_SKILLS_PER_COURSE = 20;
/** Months a badge may be valid for, at most (10 years). */
export const MAX_VALIDITY_MONTHS = 120;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type SkillFields = {
  name: string;
  slug: string;
  description: string;
  category: Infer<typeof vSkillCategory>;
  level: Infer<typeof vSkillLevel>;
  parentSkillId?: Id<"skills">;
  prerequisites: Array<Id<"skills">>;
  isActive: boolean;
  sortOrder?: number;
  /** Months a badge of this skill stays valid; 0: never expires; absent: the category's default. */
  badgeValidityMonths?: number;
};

/**
 * A skill as it may be stored, or INVALID_INPUT / NOT_FOUND naming what is wrong: bounded text, a unique slug, a
 * parent and prerequisites that exist and make no cycle, at most MAX_PREREQUISITES prerequisites and MAX_DEPTH levels.
 */
export async function checkedSkill(ctx: QueryCtx, skillId: Id<"skills"> | null, fields: SkillFields) {
  const name = boundedText(fields.name, "the skill's name", TEXT_LIMITS.name, { min: 2 });
  const description = boundedText(fields.description, "the description", TEXT_LIMITS.paragraph, { min: 10 });
  const slug = fields.slug.trim().toLowerCase();
  if (slug.length < 2 || slug.length > 60 || !SLUG.test(slug))
    throw appError(
      "INVALID_INPUT",
      "The web address must be 2–60 lowercase letters, digits and single hyphens, like prompt-engineering.",
    );
  const sameSlug = await ctx.db
    .query("skills")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .first();
  if (sameSlug !== null && sameSlug._id !== skillId)
    throw appError("INVALID_INPUT", `The web address "${slug}" is already used by ${sameSlug.name}.`);
  const sameName = (await allSkills(ctx)).find((s) => s._id !== skillId && s.name.toLowerCase() === name.toLowerCase());
  if (sameName) throw appError("INVALID_INPUT", `There is already a skill called ${sameName.name}.`);
  if (fields.sortOrder !== undefined && (!Number.isInteger(fields.sortOrder) || Math.abs(fields.sortOrder) > 10_000))
    throw appError("INVALID_INPUT", "The position must be a whole number between -10,000 and 10,000.");
  const months = fields.badgeValidityMonths;
  if (months !== undefined && (!Number.isInteger(months) || months < 0 || months > MAX_VALIDITY_MONTHS))
    throw appError(
      "INVALID_INPUT",
      `Badge validity is a whole number of months from 0 (never expires) to ${MAX_VALIDITY_MONTHS}.`,
    );

  if (fields.parentSkillId !== undefined) await checkParent(ctx, skillId, fields.parentSkillId);
  const prerequisites = [...new Set(fields.prerequisites)];
  if (prerequisites.length !== fields.prerequisites.length)
    throw appError("INVALID_INPUT", "A prerequisite is listed twice.");
  if (prerequisites.length > MAX_PREREQUISITES)
    throw appError("INVALID_INPUT", `A skill can have at most ${MAX_PREREQUISITES} prerequisites.`);
  for (const prerequisiteId of prerequisites) {
    if (prerequisiteId === skillId) throw appError("INVALID_INPUT", "A skill cannot be its own prerequisite.");
    const prerequisite = await ctx.db.get("skills", prerequisiteId);
    if (prerequisite === null) throw appError("NOT_FOUND", "One of the prerequisites no longer exists.");
    if (skillId !== null && (await reachesThroughPrerequisites(ctx, prerequisiteId, skillId)))
      throw appError(
        "INVALID_INPUT",
        `${prerequisite.name} already needs this skill first: making it a prerequisite would be a cycle.`,
      );
  }
  return {
    name,
    slug,
    description,
    category: fields.category,
    level: fields.level,
    parentSkillId: fields.parentSkillId,
    prerequisites,
    isActive: fields.isActive,
    badgeValidityMonths: months,
  };
}

/** The parent exists, is not the skill itself or one of its descendants, and the hierarchy stays MAX_DEPTH deep. */
async function checkParent(ctx: QueryCtx, skillId: Id<"skills"> | null, parentSkillId: Id<"skills">) {
  if (parentSkillId === skillId) throw appError("INVALID_INPUT", "A skill cannot be its own parent.");
  const parent = await ctx.db.get("skills", parentSkillId);
  if (parent === null) throw appError("NOT_FOUND", "The parent skill no longer exists.");
  // Up from the parent: the skill must not be among its ancestors (a cycle), and the levels above count.
  let levelsAbove = 1;
  for (let ancestor = parent; ancestor.parentSkillId !== undefined && levelsAbove <= MAX_DEPTH; levelsAbove++) {
    if (ancestor.parentSkillId === skillId)
      throw appError("INVALID_INPUT", `${parent.name} sits under this skill: making it the parent would be a cycle.`);
    const next = await ctx.db.get("skills", ancestor.parentSkillId);
    if (next === null) break;
    ancestor = next;
  }
  const below = skillId === null ? 0 : await depthBelow(ctx, skillId, 0);
  if (levelsAbove + 1 + below > MAX_DEPTH)
    throw appError("INVALID_INPUT", `Skills nest at most ${MAX_DEPTH} levels deep; choose a parent higher up.`);
}

/** How many levels of skills sit under this one (0 for a leaf), looking at most MAX_DEPTH levels down. */
async function depthBelow(ctx: QueryCtx, skillId: Id<"skills">, level: number): Promise<number> {
  if (level >= MAX_DEPTH) return 0;
  const children = await ctx.db
    .query("skills")
    .withIndex("by_parentSkillId", (q) => q.eq("parentSkillId", skillId))
    .take(MAX_SKILLS);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, 1 + (await depthBelow(ctx, child._id, level + 1)));
  return deepest;
}

/** Whether `target` is among `from`'s prerequisites, directly or through theirs (a search over at most MAX_SKILLS). */
async function reachesThroughPrerequisites(ctx: QueryCtx, from: Id<"skills">, target: Id<"skills">) {
  const seen = new Set<Id<"skills">>();
  const queue = [from];
  while (queue.length > 0 && seen.size < MAX_SKILLS) {
    const id = queue.shift()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    const skill = await ctx.db.get("skills", id);
    queue.push(...(skill?.prerequisites ?? []));
  }
  return false;
}

/** Every skill of the catalogue (a small table an admin curates, held to MAX_SKILLS). */
export async function allSkills(ctx: QueryCtx) {
  return await ctx.db.query("skills").take(MAX_SKILLS);
}

export type CompetencyFields = {
  name: string;
  description: string;
  assessmentCriteria: string;
  evidenceTypes: Array<Infer<typeof vEvidenceType>>;
  passingThreshold: number;
  isActive: boolean;
};

/** A competency as it may be stored: bounded text, a unique name in its skill, evidence types, a 0–100 threshold. */
export async function checkedCompetency(
  ctx: QueryCtx,
  skill: Doc<"skills">,
  competencyId: Id<"competencies"> | null,
  fields: CompetencyFields,
) {
  const name = boundedText(fields.name, "the competency's name", TEXT_LIMITS.title, { min: 3 });
  const description = boundedText(fields.description, "the description", TEXT_LIMITS.paragraph, { min: 10 });
  const assessmentCriteria = boundedText(fields.assessmentCriteria, "the assessment criteria", TEXT_LIMITS.paragraph, {
    min: 10,
  });
  const evidenceTypes = [...new Set(fields.evidenceTypes)];
  if (evidenceTypes.length === 0) throw appError("INVALID_INPUT", "Choose at least one kind of evidence.");
  if (evidenceTypes.length !== fields.evidenceTypes.length)
    throw appError("INVALID_INPUT", "A kind of evidence is listed twice.");
  if (!Number.isInteger(fields.passingThreshold) || fields.passingThreshold < 0 || fields.passingThreshold > 100)
    throw appError("INVALID_INPUT", "The passing score is a whole number from 0 to 100.");
  const siblings = await competenciesOf(ctx, skill._id);
  if (siblings.some((c) => c._id !== competencyId && c.name.toLowerCase() === name.toLowerCase()))
    throw appError("INVALID_INPUT", `${skill.name} already has a competency called ${name}.`);
  if (competencyId === null && siblings.length >= MAX_COMPETENCIES)
    throw appError("INVALID_INPUT", `A skill can have at most ${MAX_COMPETENCIES} competencies.`);
  return {
    name,
    description,
    assessmentCriteria,
    evidenceTypes,
    passingThreshold: fields.passingThreshold,
    isActive: fields.isActive,
  };
}

/** A skill's competencies, active or not. */
export async function competenciesOf(ctx: QueryCtx, skillId: Id<"skills">) {
  return await ctx.db
    .query("competencies")
    .withIndex("by_skillId", (q) => q.eq("skillId", skillId))
    .take(MAX_COMPETENCIES + 1);
}

/** The courses that build a skill, and how. */
export async function courseLinksOfSkill(ctx: QueryCtx, skillId: Id<"skills">) {
  return await ctx.db
    .query("courseSkills")
    .withIndex("by_skillId", (q) => q.eq("skillId", skillId))
    .take(100);
}

/** The skills a course builds, and how (at most MAX_SKILLS_PER_COURSE). */
export async function skillLinksOfCourse(ctx: QueryCtx, courseId: Id<"courses">) {
  return await ctx.db
    .query("courseSkills")
    .withIndex("by_courseId", (q) => q.eq("courseId", courseId))
    .take(MAX_SKILLS_PER_COURSE + 1);
}

/** A course ↔ skill link as it may be stored: one per pair, a 1–100 weight, at most MAX_SKILLS_PER_COURSE a course. */
export async function checkedCourseLink(
  ctx: QueryCtx,
  fields: {
    courseId: Id<"courses">;
    skillId: Id<"skills">;
    skillLevel: Infer<typeof vCourseSkillLevel>;
    weight: number;
  },
) {
  const [course, skill] = await Promise.all([
    ctx.db.get("courses", fields.courseId),
    ctx.db.get("skills", fields.skillId),
  ]);
  if (course === null) throw appError("NOT_FOUND", "This course no longer exists.");
  if (skill === null) throw appError("NOT_FOUND", "This skill no longer exists.");
  if (!Number.isInteger(fields.weight) || fields.weight < 1 || fields.weight > 100)
    throw appError("INVALID_INPUT", "The weight is a whole number from 1 to 100: how much of the course it takes.");
  const links = await skillLinksOfCourse(ctx, fields.courseId);
  const existing = links.find((link) => link.skillId === fields.skillId) ?? null;
  if (existing === null && links.length >= MAX_SKILLS_PER_COURSE)
    throw appError(
      "INVALID_INPUT",
      `${course.title} already builds ${MAX_SKILLS_PER_COURSE} skills, the most a course can.`,
    );
  return { course, skill, existing };
}
