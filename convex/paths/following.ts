/**
 * The learner's own paths: the list on /learn, one path's steps on /learn/paths/[id] (live as certificates arrive and
 * steps open), what the path page offers them, and following a per-course path.
 */
import { v } from "convex/values";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { vPathEnrollmentStatus, vPathPurchaseStatus } from "../validators";
import { enrollInPath } from "./model/enroll";
import { learnerPath, myPathEnrollments, vLearnerPath } from "./model/learner";
import { currentPathEnrollment } from "./model/purchase";

/** The caller's paths with their progress and steps (for the Paths card on /learn). */
export const list = userQuery({
  args: {},
  returns: v.array(vLearnerPath),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const paths = [];
    for (const enrollment of await myPathEnrollments(ctx, ctx.viewer._id)) {
      paths.push(await learnerPath(ctx, enrollment));
    }
    return paths;
  },
});

/** One of the caller's path enrollments; null for anyone else's (indistinguishable from a missing one). */
export const get = userQuery({
  args: { pathEnrollmentId: v.string() },
  returns: v.union(v.null(), vLearnerPath),
  handler: async (ctx, args) => {
    const id = ctx.db.normalizeId("userPathEnrollments", args.pathEnrollmentId);
    const enrollment = id === null ? null : await ctx.db.get("userPathEnrollments", id);
    if (ctx.viewer === null || enrollment === null || enrollment.userId !== ctx.viewer._id) return null;
    return await learnerPath(ctx, enrollment);
  },
});

/** What the caller has of a path, for its page: their enrollment, or a bundle purchase waiting for payment. */
export const forPath = userQuery({
  args: { pathId: v.id("learningPaths") },
  returns: v.union(
    v.null(),
    v.object({
      pathEnrollmentId: v.optional(v.id("userPathEnrollments")),
      status: v.optional(vPathEnrollmentStatus),
      progressPercent: v.optional(v.number()),
      purchase: v.optional(v.object({ purchaseId: v.id("pathPurchases"), status: vPathPurchaseStatus })),
    }),
  ),
  handler: async (ctx, { pathId }) => {
    if (ctx.viewer === null) return null;
    const viewerId = ctx.viewer._id;
    const enrollment = await currentPathEnrollment(ctx, viewerId, pathId);
    if (enrollment) {
      return {
        pathEnrollmentId: enrollment._id,
        status: enrollment.status,
        progressPercent: enrollment.progressPercent,
      };
    }
    const purchase = (
      await ctx.db
        .query("pathPurchases")
        .withIndex("by_userId_and_pathId", (q) => q.eq("userId", viewerId).eq("pathId", pathId))
        .order("desc")
        .take(1)
    )[0];
    return purchase?.status === "pending" ? { purchase: { purchaseId: purchase._id, status: purchase.status } } : null;
  },
});

/** Follow a per-course path for free: its steps open for the caller, who books each course at its own price. */
export const follow = userMutation({
  args: { pathId: v.id("learningPaths") },
  returns: v.id("userPathEnrollments"),
  handler: async (ctx, { pathId }) => {
    const path = await ctx.db.get("learningPaths", pathId);
    if (path === null || !path.isActive) throw appError("NOT_FOUND", "This learning path is not available.");
    if (path.pricingModel !== "individual") {
      throw appError("INVALID_INPUT", `The ${path.title} is sold as a bundle: buy it to follow it.`);
    }
    if (await currentPathEnrollment(ctx, ctx.viewer._id, pathId)) {
      throw appError("ALREADY_IN_PATH", `You already follow the ${path.title}. It is on your learning page.`);
    }
    return await enrollInPath(ctx, ctx.viewer, path, { paymentType: "individual" });
  },
});
