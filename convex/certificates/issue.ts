/** Issuing planned certificates: signed in scheduled batches, rendered (badges, PDF) and recorded. */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction, internalMutation, internalQuery } from "../functions";
import { recordIssued, renderAssets, signCertificate } from "./model/issue";
import { issuerDid } from "./model/signing";
import { ensureStatusListSigned } from "./model/statusList";

export const issueContext = internalQuery({
  args: { certificateId: v.id("certificates") },
  handler: async (ctx, { certificateId }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null || certificate.issueStatus === "issued") return null;
    const [user, cohort, course] = await Promise.all([
      ctx.db.get("users", certificate.userId),
      ctx.db.get("cohorts", certificate.cohortId),
      ctx.db.get("courses", certificate.courseId),
    ]);
    if (!user || !cohort || !course) return null;
    return { certificate, user, cohort, course };
  },
});

/** Signs a batch of pending certificates; each one succeeds or is marked failed on its own. */
export const issueBatch = internalAction({
  args: { certificateIds: v.array(v.id("certificates")) },
  returns: v.null(),
  handler: async (ctx, { certificateIds }) => {
    await ensureStatusListSigned(ctx);
    for (const certificateId of certificateIds) {
      const data = await ctx.runQuery(internal.certificates.issue.issueContext, { certificateId });
      if (data === null) continue;
      try {
        const credential = await signCertificate(data);
        const credentialJson = JSON.stringify(credential);
        const assets = await renderAssets(ctx, data, credentialJson);
        await ctx.runMutation(internal.certificates.issue.finishIssue, {
          certificateId,
          credentialJson,
          issuerId: issuerDid(),
          ...assets,
        });
      } catch (error) {
        await ctx.runMutation(internal.certificates.issue.failIssue, {
          certificateId,
          error: (error as Error).message.slice(0, 500),
        });
      }
    }
    return null;
  },
});

export const finishIssue = internalMutation({
  args: {
    certificateId: v.id("certificates"),
    credentialJson: v.string(),
    issuerId: v.string(),
    badgeImageId: v.id("_storage"),
    badgeSvgId: v.id("_storage"),
    pdfId: v.id("_storage"),
  },
  returns: v.null(),
  handler: async (ctx, { certificateId, ...issued }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null || certificate.issueStatus === "issued") {
      // Issued meanwhile (or gone): these files are not kept.
      for (const id of [issued.badgeImageId, issued.badgeSvgId, issued.pdfId]) await ctx.storage.delete(id);
      return null;
    }
    await recordIssued(ctx, certificate, issued);
    return null;
  },
});

export const failIssue = internalMutation({
  args: { certificateId: v.id("certificates"), error: v.string() },
  returns: v.null(),
  handler: async (ctx, { certificateId, error }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate && certificate.issueStatus !== "issued")
      await ctx.db.patch("certificates", certificateId, { issueStatus: "failed", issueError: error });
    return null;
  },
});
