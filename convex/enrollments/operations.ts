/** Platform admins' enrollment tools on a cohort's page: add a learner, move or remove an enrollment, the log. */
import { v } from "convex/values";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { vAddLearnerPayment, vCohortStatus, vEnrollmentAuditAction } from "../validators";
import { seatsLeft } from "../catalog/model/cohorts";
import { addLearner, moveLearner, removeLearner } from "./model/operations";

export const add = platformAdminMutation({
  args: {
    cohortId: v.id("cohorts"),
    email: v.string(),
    name: v.optional(v.string()),
    payment: vAddLearnerPayment,
  },
  returns: v.object({ enrollmentId: v.id("enrollments"), accountCreated: v.boolean() }),
  handler: async (ctx, args) => {
    const { enrollmentId, created } = await addLearner(ctx, ctx.viewer, args);
    return { enrollmentId, accountCreated: created };
  },
});

export const move = platformAdminMutation({
  args: { enrollmentId: v.id("enrollments"), toCohortId: v.id("cohorts") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await moveLearner(ctx, ctx.viewer, args);
    return null;
  },
});

export const remove = platformAdminMutation({
  args: { enrollmentId: v.id("enrollments"), reason: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await removeLearner(ctx, ctx.viewer, args);
    return null;
  },
});

/** The other cohorts of the cohort's course an enrollment can move to (not ended or cancelled), with their seats. */
export const moveTargets = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("cohorts"),
      name: v.string(),
      startDate: v.number(),
      status: vCohortStatus,
      seatsLeft: v.number(),
      isB2B: v.boolean(),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    if (cohort === null) return [];
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_courseId_and_startDate", (q) => q.eq("courseId", cohort.courseId))
      .take(200);
    return cohorts
      .filter((c) => c._id !== cohortId && c.status !== "completed" && c.status !== "cancelled")
      .map((c) => ({
        _id: c._id,
        name: c.name,
        startDate: c.startDate,
        status: c.status,
        seatsLeft: seatsLeft(c),
        isB2B: c.isB2B,
      }));
  },
});

/** What admins did to this cohort's enrollments (added, moved in or out, removed), newest first. */
export const history = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("enrollmentAuditLog"),
      action: vEnrollmentAuditAction,
      direction: v.union(v.literal("in"), v.literal("out")),
      learnerName: v.string(),
      actorName: v.string(),
      otherCohortName: v.optional(v.string()),
      details: v.optional(v.string()),
      createdAt: v.number(),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const here = await ctx.db
      .query("enrollmentAuditLog")
      .withIndex("by_cohortId", (q) => q.eq("cohortId", cohortId))
      .order("desc")
      .take(50);
    const leaving = await ctx.db
      .query("enrollmentAuditLog")
      .withIndex("by_fromCohortId", (q) => q.eq("fromCohortId", cohortId))
      .order("desc")
      .take(50);
    const entries = [...here, ...leaving]
      .sort((a, b) => b.createdAt - a.createdAt || b._creationTime - a._creationTime)
      .slice(0, 50);
    const rows = [];
    for (const entry of entries) {
      const learner = await ctx.db.get("users", entry.userId);
      const actor = await ctx.db.get("users", entry.actorId);
      const direction = entry.cohortId === cohortId ? ("in" as const) : ("out" as const);
      const otherId = direction === "in" ? entry.fromCohortId : entry.cohortId;
      const other = otherId ? await ctx.db.get("cohorts", otherId) : null;
      rows.push({
        _id: entry._id,
        action: entry.action,
        direction,
        learnerName: learner?.name ?? "Deleted user",
        actorName: actor?.name ?? "Deleted user",
        ...(other ? { otherCohortName: other.name } : {}),
        ...(entry.details ? { details: entry.details } : {}),
        createdAt: entry.createdAt,
      });
    }
    return rows;
  },
});
