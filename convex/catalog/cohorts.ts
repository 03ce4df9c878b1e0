/** Dated cohorts of a course: platform admins plan and edit them; their status follows their dates. */
import { internalMutation, platformAdminMutation, platformAdminQuery } from "../functions";
import { planCertificates } from "../certificates/model/plan";
import { v } from "convex/values";
import { appError } from "../errors";
import { checkCohortPlan, cohortRows, cohortStaffing, vCohortRow } from "./model/cohorts";
import { rescheduleCohort, scheduleCohort } from "../liveSessions/model/schedule";
import { DEFAULT_OFFER_HOURS, offerFreeSeats, promoteCourseWaitlist } from "../waitlist/model/queue";
import { vCohortPlanFields, vCohortStatus } from "../validators";

/**
 * open → in_progress at the start, in_progress → completed at the end, when certificates are planned (cron, hourly).
 */
export const advanceStatuses = internalMutation({
  args: {},
  handler: async (ctx) => {
    const now = Date.now();
    for (const cohort of await ctx.db
      .query("cohorts")
      .withIndex("by_status", (q) => q.eq("status", "open"))
      .take(500)) {
      if (cohort.startDate <= now) await ctx.db.patch("cohorts", cohort._id, { status: "in_progress", updatedAt: now });
    }
    for (const cohort of await ctx.db
      .query("cohorts")
      .withIndex("by_status", (q) => q.eq("status", "in_progress"))
      .take(500)) {
      if (cohort.endDate <= now) {
        await ctx.db.patch("cohorts", cohort._id, { status: "completed", updatedAt: now });
        // Everyone who met the course's rules gets a signed certificate, issued in batches.
        await planCertificates(ctx, cohort._id);
      }
    }
  },
});

export const list = platformAdminQuery({
  args: {},
  returns: v.array(vCohortRow),
  handler: async (ctx) => {
    const cohorts = await ctx.db.query("cohorts").withIndex("by_startDate").order("desc").take(200);
    return await cohortRows(ctx, cohorts);
  },
});

export const save = platformAdminMutation({
  args: {
    cohortId: v.optional(v.id("cohorts")),
    ...vCohortPlanFields,
    status: vCohortStatus,
    waitlistOfferHours: v.optional(v.number()),
  },
  returns: v.id("cohorts"),
  handler: async (ctx, { cohortId, instructorEmail, ...fields }) => {
    const { name } = checkCohortPlan(fields);
    if (fields.status === "cancelled") {
      // Cancelling cancels sessions, reminders and the waitlist and gives every learner a choice: never a field edit.
      const existing = cohortId ? await ctx.db.get("cohorts", cohortId) : null;
      if (existing?.status !== "cancelled")
        throw appError("INVALID_INPUT", "Cancel a cohort with “Cancel cohort”, which tells its learners.");
    } else if (cohortId && (await ctx.db.get("cohorts", cohortId))?.status === "cancelled") {
      throw appError("INVALID_INPUT", "A cancelled cohort cannot open again: create a new cohort instead.");
    }
    const { zoomLink, instructorId } = await cohortStaffing(ctx, fields.zoomLink, instructorEmail);
    if ((await ctx.db.get("courses", fields.courseId)) === null)
      throw appError("NOT_FOUND", "This course no longer exists.");
    const now = Date.now();
    const document = { ...fields, name, zoomLink, instructorId, updatedAt: now };
    if (cohortId) {
      const existing = await ctx.db.get("cohorts", cohortId);
      if (existing === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
      if (fields.maxCapacity < existing.currentEnrollment) {
        throw appError(
          "INVALID_INPUT",
          `${existing.currentEnrollment} seats are taken; capacity cannot go below that.`,
        );
      }
      await ctx.db.patch("cohorts", cohortId, document);
      const updated = (await ctx.db.get("cohorts", cohortId))!;
      if (
        existing.startDate !== updated.startDate ||
        existing.timezone !== updated.timezone ||
        existing.zoomLink !== updated.zoomLink ||
        existing.instructorId !== updated.instructorId
      ) {
        await rescheduleCohort(ctx, updated);
      }
      // A newly opened cohort takes the course's next-cohort line first; raised capacity goes to the waitlist.
      if (existing.status !== "open" && updated.status === "open") await promoteCourseWaitlist(ctx, updated);
      await offerFreeSeats(ctx, cohortId);
      return cohortId;
    }
    const id = await ctx.db.insert("cohorts", { ...document, currentEnrollment: 0, isB2B: false, createdAt: now });
    const created = (await ctx.db.get("cohorts", id))!;
    await scheduleCohort(ctx, created);
    await promoteCourseWaitlist(ctx, created);
    return id;
  },
});

export const get = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.union(
    v.null(),
    v.object({
      _id: v.id("cohorts"),
      courseId: v.id("courses"),
      courseTitle: v.string(),
      name: v.string(),
      startDate: v.number(),
      endDate: v.number(),
      timezone: v.string(),
      maxCapacity: v.number(),
      currentEnrollment: v.number(),
      zoomLink: v.optional(v.string()),
      instructorEmail: v.optional(v.string()),
      status: vCohortStatus,
      isB2B: v.boolean(),
      /** The organization a private cohort belongs to. */
      organization: v.union(v.object({ _id: v.id("organizations"), name: v.string() }), v.null()),
      waitlistOfferHours: v.number(),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null) return null;
    const course = await ctx.db.get("courses", cohort.courseId);
    const instructor = cohort.instructorId ? await ctx.db.get("users", cohort.instructorId) : null;
    const organization = cohort.organizationId ? await ctx.db.get("organizations", cohort.organizationId) : null;
    return {
      _id: cohort._id,
      courseId: cohort.courseId,
      courseTitle: course?.title ?? "Unknown course",
      name: cohort.name,
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      timezone: cohort.timezone ?? "UTC",
      maxCapacity: cohort.maxCapacity,
      currentEnrollment: cohort.currentEnrollment,
      ...(cohort.zoomLink ? { zoomLink: cohort.zoomLink } : {}),
      ...(instructor ? { instructorEmail: instructor.email } : {}),
      status: cohort.status,
      isB2B: cohort.isB2B,
      organization: organization && cohort.isB2B ? { _id: organization._id, name: organization.name } : null,
      waitlistOfferHours: cohort.waitlistOfferHours ?? DEFAULT_OFFER_HOURS,
    };
  },
});
