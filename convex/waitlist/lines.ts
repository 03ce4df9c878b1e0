/** A cohort's waitlist as platform admins run it: the line, offers out of order, removals and moves. */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { addToCohortLine, endOffer, makeOffer, offerExpiry } from "./model/queue";
import { vOfferOutcome, vWaitlistStatus } from "../validators";

export const forCohort = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.array(
    v.object({
      _id: v.id("waitlist"),
      position: v.number(),
      name: v.string(),
      email: v.string(),
      status: vWaitlistStatus,
      joinedAt: v.number(),
      offerExpiresAt: v.optional(v.number()),
      offerOutcome: v.optional(vOfferOutcome),
    }),
  ),
  handler: async (ctx, { cohortId }) => {
    const entries = await ctx.db
      .query("waitlist")
      .withIndex("by_cohortId_and_position", (q) => q.eq("cohortId", cohortId))
      .take(500);
    const rows = [];
    for (const entry of entries) {
      const user = await ctx.db.get("users", entry.userId);
      rows.push({
        _id: entry._id,
        position: entry.position,
        name: user?.name ?? "Deleted user",
        email: user?.email ?? "",
        status: entry.status,
        joinedAt: entry.createdAt,
        ...(entry.offerExpiresAt && entry.status === "offered" ? { offerExpiresAt: entry.offerExpiresAt } : {}),
        ...(entry.offerOutcome ? { offerOutcome: entry.offerOutcome } : {}),
      });
    }
    return rows;
  },
});

/** Offer a free seat to a specific waiting person, out of order. */
export const offerManually = platformAdminMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null || !entry.cohortId) throw appError("NOT_FOUND", "This waitlist place no longer exists.");
    if (entry.status !== "waiting") throw appError("INVALID_INPUT", "Only people who are waiting can get an offer.");
    const cohort = (await ctx.db.get("cohorts", entry.cohortId))!;
    if (cohort.currentEnrollment >= cohort.maxCapacity)
      throw appError("COHORT_FULL", "There is no free seat to offer. Raise the capacity first.");
    const now = Date.now();
    const expiresAt = offerExpiry(cohort, now);
    if (expiresAt <= now) throw appError("COHORT_NOT_OPEN", "The cohort starts within the hour; offers are closed.");
    await makeOffer(ctx, cohort, entryId, now, expiresAt);
    return null;
  },
});

export const remove = platformAdminMutation({
  args: { entryId: v.id("waitlist") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null) throw appError("NOT_FOUND", "This waitlist place no longer exists.");
    if (entry.status === "offered") await endOffer(ctx, entry, "withdrawn");
    else if (entry.status === "waiting")
      await ctx.db.patch("waitlist", entryId, { status: "cancelled", updatedAt: Date.now() });
    else throw appError("INVALID_INPUT", "This person is no longer on the waitlist.");
    return null;
  },
});

/** Move a waiting person to the end of another cohort's line (same course). */
export const move = platformAdminMutation({
  args: { entryId: v.id("waitlist"), toCohortId: v.id("cohorts") },
  returns: v.id("waitlist"),
  handler: async (ctx, { entryId, toCohortId }) => {
    const entry = await ctx.db.get("waitlist", entryId);
    if (entry === null) throw appError("NOT_FOUND", "This waitlist place no longer exists.");
    if (entry.status !== "waiting" && entry.status !== "offered")
      throw appError("INVALID_INPUT", "This person is no longer on the waitlist.");
    const target = await ctx.db.get("cohorts", toCohortId);
    if (target === null || target.courseId !== entry.courseId)
      throw appError("INVALID_INPUT", "Pick another cohort of the same course.");
    if (toCohortId === entry.cohortId)
      throw appError("INVALID_INPUT", "This person is already waiting for that cohort.");
    if (entry.status === "offered") await endOffer(ctx, entry, "withdrawn");
    else await ctx.db.patch("waitlist", entryId, { status: "cancelled", updatedAt: Date.now() });
    return await addToCohortLine(ctx, { userId: entry.userId, courseId: entry.courseId, cohortId: toCohortId });
  },
});
