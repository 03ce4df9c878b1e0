/** Planning certificates: who met a cohort's rules, and issuing now on a platform admin's request. */
import { v } from "convex/values";
import { appError } from "../errors";
import { internalMutation, platformAdminMutation, platformAdminQuery } from "../functions";
import { heldSessions } from "../liveSessions/model/lifecycle";
import { completionRules, evaluateCompletion, planCertificates, scheduleIssue } from "./model/plan";
import { cohortLearners } from "../enrollments/model/learners";
import { vCertificateIssueStatus } from "../validators";

/** Plans certificates for a cohort whose end date has passed (called by the cohort status cron). */
export const planForCohort = internalMutation({
  args: { cohortId: v.id("cohorts") },
  handler: async (ctx, { cohortId }) => await planCertificates(ctx, cohortId),
});

/** A cohort's certificates for platform admins: progress of issuing, who is not eligible and why. */
export const forCohort = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.object({
    learners: v.number(),
    issued: v.number(),
    pending: v.number(),
    failed: v.number(),
    revoked: v.number(),
    rows: v.array(
      v.object({
        enrollmentId: v.id("enrollments"),
        name: v.string(),
        email: v.string(),
        certificateId: v.optional(v.id("certificates")),
        publicId: v.optional(v.string()),
        issueStatus: v.optional(vCertificateIssueStatus),
        revoked: v.boolean(),
        notEligibleReason: v.optional(v.string()),
        /** Why the last attempt to sign it failed (platform admins only see this). */
        issueError: v.optional(v.string()),
        /** Skill badges and path certificates earned with this course. */
        extras: v.array(
          v.object({
            certificateId: v.id("certificates"),
            publicId: v.string(),
            name: v.string(),
            issueStatus: vCertificateIssueStatus,
            revoked: v.boolean(),
          }),
        ),
      }),
    ),
  }),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
    if (!cohort || !course) throw appError("NOT_FOUND", "This cohort no longer exists.");
    const rules = await completionRules(ctx, course);
    const held = await heldSessions(ctx, cohortId);
    const rows = [];
    const counts = { issued: 0, pending: 0, failed: 0, revoked: 0 };
    for (const { enrollment, user } of await cohortLearners(ctx, cohortId)) {
      // The course certificate counts; skill badges and path certificates earned with it are listed beside it.
      const earned = await ctx.db
        .query("certificates")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
        .take(50);
      const certificate = earned.find((c) => (c.kind ?? "course") === "course");
      const extras = earned
        .filter((c) => c !== certificate)
        .map((c) => ({
          certificateId: c._id,
          publicId: c.publicId,
          name: c.badgeData.name,
          issueStatus: c.issueStatus,
          revoked: c.revokedAt !== undefined,
        }));
      if (certificate) {
        counts[certificate.issueStatus] += 1;
        if (certificate.revokedAt) counts.revoked += 1;
        rows.push({
          enrollmentId: enrollment._id,
          name: user.name,
          email: user.email,
          certificateId: certificate._id,
          publicId: certificate.publicId,
          issueStatus: certificate.issueStatus,
          revoked: certificate.revokedAt !== undefined,
          issueError: certificate.issueStatus === "failed" ? certificate.issueError : undefined,
          extras,
        });
      } else {
        const result = await evaluateCompletion(ctx, rules, held, enrollment);
        rows.push({
          enrollmentId: enrollment._id,
          name: user.name,
          email: user.email,
          revoked: false,
          ...(result.reason ? { notEligibleReason: result.reason } : {}),
          extras,
        });
      }
    }
    return { learners: rows.length, ...counts, rows: rows.sort((a, b) => a.name.localeCompare(b.name)) };
  },
});

/** Issues certificates now to everyone in the cohort who met the rules (and retries failed ones). */
export const issueForCohort = platformAdminMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.object({ planned: v.number(), retried: v.number(), notEligible: v.number() }),
  handler: async (ctx, { cohortId }) => {
    const failed = await ctx.db
      .query("certificates")
      .withIndex("by_cohortId_and_issueStatus", (q) => q.eq("cohortId", cohortId).eq("issueStatus", "failed"))
      .take(500);
    for (const c of failed)
      await ctx.db.patch("certificates", c._id, { issueStatus: "pending", issueError: undefined });
    await scheduleIssue(
      ctx,
      failed.map((c) => c._id),
    );
    const { planned, notEligible } = await planCertificates(ctx, cohortId);
    return { planned, retried: failed.length, notEligible };
  },
});
