/** Editing the catalogue's courses and their outline (outline sessions, table `sessions`). Platform admins only. */
import { pick } from "convex-helpers";
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { cohortRows, vCohortRow } from "./model/cohorts";
import { catalogTables } from "./tables";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";
import { vCapabilityLevel, vCourseFormat, vCourseStatus, vImpactLevel, vKitItemType } from "../validators";

export const list = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("courses"),
      title: v.string(),
      slug: v.string(),
      format: vCourseFormat,
      status: vCourseStatus,
      priceB2C: v.number(),
    }),
  ),
  handler: async (ctx) => {
    const courses = await ctx.db.query("courses").order("desc").take(200);
    return courses.map((c) => ({
      _id: c._id,
      title: c.title,
      slug: c.slug,
      format: c.sessionType,
      status: c.status,
      priceB2C: c.priceB2C,
    }));
  },
});

/** What the course editor reads and writes of an outline session. */
const vOutlineSessionFields = pick(catalogTables.sessions.validator.fields, [
  "title",
  "type",
  "dayNumber",
  "orderInDay",
  "durationMinutes",
  "description",
]);

const vCourseFields = {
  title: v.string(),
  slug: v.string(),
  tagline: v.optional(v.string()),
  description: v.string(),
  format: vCourseFormat,
  level: vCapabilityLevel,
  impact: vImpactLevel,
  priceB2C: v.number(),
  priceB2B: v.number(),
  maxParticipants: v.number(),
  status: vCourseStatus,
  outcomes: v.array(v.string()),
  /** Self-service policy in days before a cohort starts; unset: by request only. */
  transferDaysBeforeStart: v.optional(v.number()),
  refundDaysBeforeStart: v.optional(v.number()),
};

export const get = platformAdminQuery({
  args: { courseId: v.id("courses") },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("courses"),
      ...vCourseFields,
      sessions: v.array(v.object({ _id: v.id("sessions"), ...vOutlineSessionFields })),
      kit: v.array(
        v.object({
          _id: v.id("enablementKitItems"),
          title: v.string(),
          type: vKitItemType,
          hasFile: v.boolean(),
          externalUrl: v.optional(v.string()),
          order: v.number(),
        }),
      ),
      cohorts: v.array(vCohortRow),
    }),
  ),
  handler: async (ctx, { courseId }) => {
    const course = await ctx.db.get("courses", courseId);
    if (course === null) return null;
    const sessions = await ctx.db
      .query("sessions")
      .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", courseId))
      .take(200);
    const kit = await ctx.db
      .query("enablementKitItems")
      .withIndex("by_courseId", (q) => q.eq("courseId", courseId))
      .take(100);
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", courseId))
      .take(100);
    return {
      _id: course._id,
      title: course.title,
      slug: course.slug,
      ...(course.tagline ? { tagline: course.tagline } : {}),
      description: course.description,
      format: course.sessionType,
      level: course.capabilityLevel,
      impact: course.impactLevel,
      priceB2C: course.priceB2C,
      priceB2B: course.priceB2B,
      maxParticipants: course.maxParticipants,
      status: course.status,
      outcomes: course.outcomes ?? [],
      ...(course.transferDaysBeforeStart !== undefined
        ? { transferDaysBeforeStart: course.transferDaysBeforeStart }
        : {}),
      ...(course.refundDaysBeforeStart !== undefined ? { refundDaysBeforeStart: course.refundDaysBeforeStart } : {}),
      sessions: sessions.map((s) => ({
        _id: s._id,
        title: s.title,
        type: s.type,
        dayNumber: s.dayNumber,
        orderInDay: s.orderInDay,
        durationMinutes: s.durationMinutes,
        description: s.description,
      })),
      kit: kit
        .sort((a, b) => a.order - b.order)
        .map((k) => ({
          _id: k._id,
          title: k.title,
          type: k.type,
          hasFile: Boolean(k.fileId),
          ...(k.externalUrl ? { externalUrl: k.externalUrl } : {}),
          order: k.order,
        })),
      cohorts: await cohortRows(ctx, cohorts),
    };
  },
});

function assertMoney(cents: number, label: string) {
  if (!Number.isInteger(cents) || cents < 0 || cents > 10_000_000) {
    throw appError("INVALID_INPUT", `${label} must be a whole number of cents between 0 and 100,000 dollars.`);
  }
}

/** A self-service window: whole days before the start, 0..365 (a year ahead is the furthest we sell). */
function assertPolicyDays(days: number | undefined, label: string) {
  if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 365)) {
    throw appError("INVALID_INPUT", `${label} must be a whole number of days between 0 and 365, or left empty.`);
  }
}

/** A course page lists its outcomes as bullets; more than this is a description. */
const MAX_OUTCOMES = 20;

export const save = platformAdminMutation({
  args: { courseId: v.optional(v.id("courses")), ...vCourseFields },
  returns: v.id("courses"),
  handler: async (ctx, { courseId, ...fields }) => {
    const title = boundedText(fields.title, "the course's title", TEXT_LIMITS.title, { min: 3 });
    const slug = boundedText(fields.slug, "the URL slug", TEXT_LIMITS.name).toLowerCase();
    const tagline = optionalText(fields.tagline, "the tagline", TEXT_LIMITS.line);
    const description = boundedText(fields.description, "the description", TEXT_LIMITS.paragraph);
    if (fields.outcomes.length > MAX_OUTCOMES)
      throw appError("INVALID_INPUT", `List at most ${MAX_OUTCOMES} outcomes.`);
    const outcomes = fields.outcomes.map((o) => boundedText(o, "an outcome", TEXT_LIMITS.line)).filter(Boolean);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
      throw appError("INVALID_INPUT", "The URL slug may contain lower-case letters, digits and single dashes.");
    assertMoney(fields.priceB2C, "The individual price");
    assertMoney(fields.priceB2B, "The per-seat price");
    assertPolicyDays(fields.transferDaysBeforeStart, "The transfer window");
    assertPolicyDays(fields.refundDaysBeforeStart, "The refund window");
    if (!Number.isInteger(fields.maxParticipants) || fields.maxParticipants < 1)
      throw appError("INVALID_INPUT", "Maximum participants must be at least 1.");
    const clash = await ctx.db
      .query("courses")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    if (clash && clash._id !== courseId)
      throw appError("INVALID_INPUT", `Another course already uses the slug "${slug}".`);
    const now = Date.now();
    const document = {
      title,
      slug,
      tagline,
      description,
      sessionType: fields.format,
      capabilityLevel: fields.level,
      impactLevel: fields.impact,
      priceB2C: fields.priceB2C,
      priceB2B: fields.priceB2B,
      maxParticipants: fields.maxParticipants,
      status: fields.status,
      outcomes,
      transferDaysBeforeStart: fields.transferDaysBeforeStart,
      refundDaysBeforeStart: fields.refundDaysBeforeStart,
      updatedAt: now,
    };
    if (courseId) {
      if ((await ctx.db.get("courses", courseId)) === null)
        throw appError("NOT_FOUND", "This course no longer exists.");
      await ctx.db.patch("courses", courseId, document);
      return courseId;
    }
    return await ctx.db.insert("courses", { ...document, createdAt: now });
  },
});

/** Adds or edits one session of a course's outline (table `sessions`; cohorts deliver them as live sessions). */
export const saveOutlineSession = platformAdminMutation({
  args: {
    courseId: v.id("courses"),
    outlineSessionId: v.optional(v.id("sessions")),
    ...vOutlineSessionFields,
  },
  returns: v.id("sessions"),
  handler: async (ctx, { courseId, outlineSessionId, ...fields }) => {
    const title = boundedText(fields.title, "the session's title", TEXT_LIMITS.title, { min: 3 });
    const description = boundedText(fields.description, "the description", TEXT_LIMITS.paragraph);
    if (!Number.isInteger(fields.dayNumber) || fields.dayNumber < 1 || fields.dayNumber > 120)
      throw appError("INVALID_INPUT", "Day must be between 1 and 120.");
    if (!Number.isInteger(fields.orderInDay) || fields.orderInDay < 1)
      throw appError("INVALID_INPUT", "Order within the day starts at 1.");
    if (!Number.isInteger(fields.durationMinutes) || fields.durationMinutes < 5 || fields.durationMinutes > 600) {
      throw appError("INVALID_INPUT", "Duration must be between 5 and 600 minutes.");
    }
    const document = { ...fields, title, description };
    if (outlineSessionId) {
      const existing = await ctx.db.get("sessions", outlineSessionId);
      if (existing === null || existing.courseId !== courseId)
        throw appError("NOT_FOUND", "This session no longer exists.");
      await ctx.db.patch("sessions", outlineSessionId, document);
      return outlineSessionId;
    }
    return await ctx.db.insert("sessions", { courseId, ...document, outcomes: [], createdAt: Date.now() });
  },
});

export const deleteOutlineSession = platformAdminMutation({
  args: { outlineSessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, { outlineSessionId }) => {
    if ((await ctx.db.get("sessions", outlineSessionId)) === null)
      throw appError("NOT_FOUND", "This session no longer exists.");
    await ctx.db.delete("sessions", outlineSessionId);
    return null;
  },
});
