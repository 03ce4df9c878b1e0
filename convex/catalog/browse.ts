/** The public catalogue: published courses and their open cohorts. */
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import { query } from "../functions";
import { seatsLeft } from "./model/cohorts";
import { policySummary } from "./model/policy";
import { courseSkillOutcomes } from "../skills/model/outcomes";
import {
  vCapabilityLevel,
  vCohortSessionStatus,
  vCohortStatus,
  vCourseFormat,
  vCourseSkillLevel,
  vSessionType,
  vSkillCategory,
  vSkillLevel,
} from "../validators";

const vCohortCard = v.object({
  _id: v.id("cohorts"),
  name: v.string(),
  startDate: v.number(),
  endDate: v.number(),
  timezone: v.optional(v.string()),
  seatsLeft: v.number(),
  maxCapacity: v.number(),
});

const vCourseCard = v.object({
  _id: v.id("courses"),
  slug: v.string(),
  title: v.string(),
  tagline: v.optional(v.string()),
  format: vCourseFormat,
  level: vCapabilityLevel,
  priceB2C: v.number(),
  nextCohort: v.union(v.null(), vCohortCard),
  openCohorts: v.number(),
});

function cohortCard(cohort: Doc<"cohorts">) {
  return {
    _id: cohort._id,
    name: cohort.name,
    startDate: cohort.startDate,
    endDate: cohort.endDate,
    ...(cohort.timezone ? { timezone: cohort.timezone } : {}),
    seatsLeft: seatsLeft(cohort),
    maxCapacity: cohort.maxCapacity,
  };
}

/** Published courses with their next open public cohort; seat counts are live. */
export const listCourses = query({
  args: { format: v.optional(vCourseFormat), level: v.optional(vCapabilityLevel) },
  returns: v.array(vCourseCard),
  handler: async (ctx, { format, level }) => {
    const courses = await ctx.db
      .query("courses")
      .withIndex("by_status", (q) => q.eq("status", "published"))
      .take(100);
    const cards = [];
    for (const course of courses) {
      if (format && course.sessionType !== format) continue;
      if (level && course.capabilityLevel !== level) continue;
      const cohorts = await ctx.db
        .query("cohorts")
        .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", course._id))
        .take(50);
      const open = cohorts.filter((c) => c.status === "open" && !c.isB2B);
      cards.push({
        _id: course._id,
        slug: course.slug,
        title: course.title,
        ...(course.tagline ? { tagline: course.tagline } : {}),
        format: course.sessionType,
        level: course.capabilityLevel,
        priceB2C: course.priceB2C,
        nextCohort: open.length > 0 ? cohortCard(open[0]) : null,
        openCohorts: open.length,
      });
    }
    return cards.sort((a, b) => (a.nextCohort?.startDate ?? Infinity) - (b.nextCohort?.startDate ?? Infinity));
  },
});

/** A course page: outline by day, outcomes, and its open public cohorts. */
export const getCourse = query({
  args: { slug: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("courses"),
      slug: v.string(),
      title: v.string(),
      tagline: v.optional(v.string()),
      description: v.string(),
      format: vCourseFormat,
      level: vCapabilityLevel,
      priceB2C: v.number(),
      outcomes: v.array(v.string()),
      /** The self-service policy in words ("Free transfer until 14 days before start; …"). */
      policy: v.string(),
      days: v.array(
        v.object({
          dayNumber: v.number(),
          sessions: v.array(
            v.object({
              _id: v.id("sessions"),
              title: v.string(),
              type: v.union(v.literal("S"), v.literal("W"), v.literal("MM"), v.literal("CAP"), v.literal("IO")),
              durationMinutes: v.number(),
              description: v.string(),
            }),
          ),
        }),
      ),
      cohorts: v.array(vCohortCard),
      /** "Skills you will build": the active skills the course builds, the most weighted first. */
      skills: v.array(
        v.object({
          name: v.string(),
          category: vSkillCategory,
          skillLevel: vCourseSkillLevel,
          description: v.string(),
          /** The level completing the course gives by itself. */
          earns: vSkillLevel,
          /** The course masters the skill: an instructor may sign its learners off at Advanced. */
          advancedWithSignOff: v.boolean(),
        }),
      ),
    }),
  ),
  handler: async (ctx, { slug }) => {
    const course = await ctx.db
      .query("courses")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    if (course === null || course.status !== "published") return null;
    const sessions = await ctx.db
      .query("sessions")
      .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", course._id))
      .take(200);
    const days = new Map<number, typeof sessions>();
    for (const session of sessions) days.set(session.dayNumber, [...(days.get(session.dayNumber) ?? []), session]);
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", course._id))
      .take(50);
    return {
      _id: course._id,
      slug: course.slug,
      title: course.title,
      ...(course.tagline ? { tagline: course.tagline } : {}),
      description: course.description,
      format: course.sessionType,
      level: course.capabilityLevel,
      priceB2C: course.priceB2C,
      outcomes: course.outcomes ?? [],
      policy: policySummary(course),
      days: [...days.entries()].map(([dayNumber, list]) => ({
        dayNumber,
        sessions: list.map((s) => ({
          _id: s._id,
          title: s.title,
          type: s.type,
          durationMinutes: s.durationMinutes,
          description: s.description,
        })),
      })),
      cohorts: cohorts.filter((c) => c.status === "open" && !c.isB2B).map(cohortCard),
      skills: await courseSkillOutcomes(ctx, course._id),
    };
  },
});

/**
 * A public cohort page: its dated schedule in the cohort's timezone and live seats. The id comes from a URL: a
 * malformed one is "no such cohort".
 */
export const getCohort = query({
  args: { cohortId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      cohort: v.object({ ...vCohortCard.fields, status: vCohortStatus }),
      course: v.object({
        slug: v.string(),
        title: v.string(),
        tagline: v.optional(v.string()),
        format: vCourseFormat,
        priceB2C: v.number(),
      }),
      instructorName: v.optional(v.string()),
      sessions: v.array(
        v.object({
          _id: v.id("cohortSessions"),
          title: v.string(),
          type: vSessionType,
          startsAt: v.number(),
          endsAt: v.number(),
          status: vCohortSessionStatus,
        }),
      ),
    }),
  ),
  handler: async (ctx, args) => {
    const cohortId = ctx.db.normalizeId("cohorts", args.cohortId);
    const cohort = cohortId === null ? null : await ctx.db.get("cohorts", cohortId);
    if (cohort === null || cohort.isB2B) return null;
    const course = await ctx.db.get("courses", cohort.courseId);
    if (course === null || course.status !== "published") return null;
    const instructor = cohort.instructorId ? await ctx.db.get("users", cohort.instructorId) : null;
    const sessions = await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohort._id))
      .take(200);
    return {
      cohort: { ...cohortCard(cohort), status: cohort.status },
      course: {
        slug: course.slug,
        title: course.title,
        ...(course.tagline ? { tagline: course.tagline } : {}),
        format: course.sessionType,
        priceB2C: course.priceB2C,
      },
      ...(instructor ? { instructorName: instructor.name } : {}),
      sessions: sessions.map((s) => ({
        _id: s._id,
        title: s.title,
        type: s.type,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        status: s.status,
      })),
    };
  },
});

/** What search engines may list: published courses and their open public cohorts, with when each last changed. */
export const sitemap = query({
  args: {},
  returns: v.object({
    courses: v.array(v.object({ slug: v.string(), updatedAt: v.number() })),
    cohorts: v.array(v.object({ _id: v.id("cohorts"), updatedAt: v.number() })),
  }),
  handler: async (ctx) => {
    const courses = await ctx.db
      .query("courses")
      .withIndex("by_status", (q) => q.eq("status", "published"))
      .take(100);
    const cohorts = [];
    for (const course of courses) {
      const list = await ctx.db
        .query("cohorts")
        .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", course._id))
        .take(50);
      for (const cohort of list)
        if (cohort.status === "open" && !cohort.isB2B) cohorts.push({ _id: cohort._id, updatedAt: cohort.updatedAt });
    }
    return { courses: courses.map((course) => ({ slug: course.slug, updatedAt: course.updatedAt })), cohorts };
  },
});
