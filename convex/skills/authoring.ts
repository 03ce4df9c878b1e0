/**
 * Authoring the skills taxonomy (platform admins, /admin/skills): skills with their category, highest level,
 * hierarchy and prerequisites; each skill's competencies; and which courses build it, at what level and weight.
 * The rules every save passes are in model/taxonomy.ts.
 */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import {
  allSkills,
  checkedCompetency,
  checkedCourseLink,
  checkedSkill,
  competenciesOf,
  courseLinksOfSkill,
} from "./model/taxonomy";
import {
  vCourseFormat,
  vCourseSkillLevel,
  vCourseStatus,
  vEvidenceType,
  vSkillCategory,
  vSkillLevel,
} from "../validators";

const vSkillRef = v.object({ _id: v.id("skills"), name: v.string() });

const vSkillRow = v.object({
  _id: v.id("skills"),
  name: v.string(),
  slug: v.string(),
  category: vSkillCategory,
  level: vSkillLevel,
  isActive: v.boolean(),
  sortOrder: v.number(),
  parent: v.union(v.null(), vSkillRef),
  prerequisites: v.array(vSkillRef),
  competencies: v.number(),
  courses: v.number(),
});

/** Every skill, by category and position, with its parent, prerequisites and how much hangs off it. */
export const list = platformAdminQuery({
  args: {},
  returns: v.array(vSkillRow),
  handler: async (ctx) => {
    const skills = await allSkills(ctx);
    const names = new Map(skills.map((s) => [s._id, s.name]));
    const ref = (id: (typeof skills)[number]["_id"]) => ({ _id: id, name: names.get(id) ?? "Removed skill" });
    const rows = [];
    for (const skill of skills) {
      rows.push({
        _id: skill._id,
        name: skill.name,
        slug: skill.slug,
        category: skill.category,
        level: skill.level,
        isActive: skill.isActive,
        sortOrder: skill.sortOrder,
        parent: skill.parentSkillId ? ref(skill.parentSkillId) : null,
        prerequisites: (skill.prerequisites ?? []).map(ref),
        competencies: (await competenciesOf(ctx, skill._id)).length,
        courses: (await courseLinksOfSkill(ctx, skill._id)).length,
      });
    }
    return rows.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  },
});

const vSkillFields = {
  name: v.string(),
  slug: v.string(),
  description: v.string(),
  category: vSkillCategory,
  level: vSkillLevel,
  parentSkillId: v.optional(v.id("skills")),
  prerequisites: v.array(v.id("skills")),
  isActive: v.boolean(),
  sortOrder: v.optional(v.number()),
  badgeValidityMonths: v.optional(v.number()),
};

const vCompetencyFields = {
  name: v.string(),
  description: v.string(),
  assessmentCriteria: v.string(),
  evidenceTypes: v.array(vEvidenceType),
  passingThreshold: v.number(),
  isActive: v.boolean(),
};

/** One skill for its editor: its fields, competencies, the courses that build it and the skills under it. */
export const get = platformAdminQuery({
  args: { skillId: v.id("skills") },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("skills"),
      ...vSkillFields,
      sortOrder: v.number(),
      children: v.array(vSkillRef),
      competencies: v.array(v.object({ _id: v.id("competencies"), ...vCompetencyFields })),
      courses: v.array(
        v.object({
          _id: v.id("courseSkills"),
          courseId: v.id("courses"),
          title: v.string(),
          slug: v.string(),
          format: vCourseFormat,
          status: vCourseStatus,
          skillLevel: vCourseSkillLevel,
          weight: v.number(),
        }),
      ),
    }),
  ),
  handler: async (ctx, { skillId }) => {
    const skill = await ctx.db.get("skills", skillId);
    if (skill === null) return null;
    const children = await ctx.db
      .query("skills")
      .withIndex("by_parentSkillId", (q) => q.eq("parentSkillId", skillId))
      .take(100);
    const courses = [];
    for (const link of await courseLinksOfSkill(ctx, skillId)) {
      const course = await ctx.db.get("courses", link.courseId);
      if (course === null) continue;
      courses.push({
        _id: link._id,
        courseId: course._id,
        title: course.title,
        slug: course.slug,
        format: course.sessionType,
        status: course.status,
        skillLevel: link.skillLevel,
        weight: link.weight,
      });
    }
    return {
      _id: skill._id,
      name: skill.name,
      slug: skill.slug,
      description: skill.description,
      category: skill.category,
      level: skill.level,
      ...(skill.parentSkillId ? { parentSkillId: skill.parentSkillId } : {}),
      prerequisites: skill.prerequisites ?? [],
      isActive: skill.isActive,
      sortOrder: skill.sortOrder,
      ...(skill.badgeValidityMonths !== undefined ? { badgeValidityMonths: skill.badgeValidityMonths } : {}),
      children: children.map((c) => ({ _id: c._id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name)),
      competencies: (await competenciesOf(ctx, skillId)).map((c) => ({
        _id: c._id,
        name: c.name,
        description: c.description,
        assessmentCriteria: c.assessmentCriteria,
        evidenceTypes: c.evidenceTypes,
        passingThreshold: c.passingThreshold,
        isActive: c.isActive,
      })),
      courses: courses.sort((a, b) => a.title.localeCompare(b.title)),
    };
  },
});

/** Creates a skill (no `skillId`) or saves one; refused with the reason when a rule of model/taxonomy.ts fails. */
export const save = platformAdminMutation({
  args: { skillId: v.optional(v.id("skills")), ...vSkillFields },
  returns: v.id("skills"),
  handler: async (ctx, { skillId, ...fields }) => {
    const existing = skillId ? await ctx.db.get("skills", skillId) : null;
    if (skillId && existing === null) throw appError("NOT_FOUND", "This skill no longer exists.");
    const checked = await checkedSkill(ctx, skillId ?? null, fields);
    const now = Date.now();
    if (existing) {
      await ctx.db.patch("skills", existing._id, {
        ...checked,
        sortOrder: fields.sortOrder ?? existing.sortOrder,
        updatedAt: now,
      });
      return existing._id;
    }
    const last = (await allSkills(ctx)).reduce((max, s) => Math.max(max, s.sortOrder), -1);
    return await ctx.db.insert("skills", {
      ...checked,
      sortOrder: fields.sortOrder ?? last + 1,
      createdAt: now,
      updatedAt: now,
    });
  },
});

/** Adds a competency to a skill (no `competencyId`) or saves one. */
export const saveCompetency = platformAdminMutation({
  args: { skillId: v.id("skills"), competencyId: v.optional(v.id("competencies")), ...vCompetencyFields },
  returns: v.id("competencies"),
  handler: async (ctx, { skillId, competencyId, ...fields }) => {
    const skill = await ctx.db.get("skills", skillId);
    if (skill === null) throw appError("NOT_FOUND", "This skill no longer exists.");
    const existing = competencyId ? await ctx.db.get("competencies", competencyId) : null;
    if (competencyId && (existing === null || existing.skillId !== skillId))
      throw appError("NOT_FOUND", "This competency no longer exists.");
    const checked = await checkedCompetency(ctx, skill, competencyId ?? null, fields);
    if (existing) {
      await ctx.db.patch("competencies", existing._id, checked);
      return existing._id;
    }
    return await ctx.db.insert("competencies", { skillId, ...checked, createdAt: Date.now() });
  },
});

/** Says that a course builds a skill, at a level and weight (saving again changes them; a pair is stored once). */
export const mapCourse = platformAdminMutation({
  args: { courseId: v.id("courses"), skillId: v.id("skills"), skillLevel: vCourseSkillLevel, weight: v.number() },
  returns: v.id("courseSkills"),
  handler: async (ctx, args) => {
    const { existing } = await checkedCourseLink(ctx, args);
    if (existing) {
      await ctx.db.patch("courseSkills", existing._id, { skillLevel: args.skillLevel, weight: args.weight });
      return existing._id;
    }
    return await ctx.db.insert("courseSkills", { ...args, createdAt: Date.now() });
  },
});

/** The course no longer builds the skill (badges already earned with it stay). */
export const unmapCourse = platformAdminMutation({
  args: { courseSkillId: v.id("courseSkills") },
  returns: v.null(),
  handler: async (ctx, { courseSkillId }) => {
    const link = await ctx.db.get("courseSkills", courseSkillId);
    if (link === null) throw appError("NOT_FOUND", "This course no longer builds the skill.");
    await ctx.db.delete("courseSkills", courseSkillId);
    return null;
  },
});
