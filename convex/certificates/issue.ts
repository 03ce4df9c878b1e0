/** Issuing planned certificates: signed one by one in the issuing pool, rendered (badges, PDF) and recorded. */
import { vOnCompleteArgs } from "@convex-dev/workpool";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
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

/**
 * Signs, renders and records one pending certificate (run by the issuing pool, which retries a failure). Files stored
 * by a failed attempt are deleted before the error goes back to the pool.
 */
export const issueOne = internalAction({
  args: { certificateId: v.id("certificates") },
  returns: v.null(),
  handler: async (ctx, { certificateId }) => {
    await ensureStatusListSigned(ctx);
    const data = await ctx.runQuery(internal.certificates.issue.issueContext, { certificateId });
    if (data === null) return null;
    const credential = await signCertificate(data);
    const credentialJson = JSON.stringify(credential);
    const assets = await renderAssets(ctx, data, credentialJson);
    try {
      await ctx.runMutation(internal.certificates.issue.finishIssue, {
        certificateId,
        credentialJson,
        issuerId: issuerDid(),
        ...assets,
      });
    } catch (error) {
      for (const id of [assets.badgeImageId, assets.badgeSvgId, assets.pdfId]) await ctx.storage.delete(id);
      throw error;
    }
    return null;
  },
});

/** The pool's word on one certificate: after its last failed attempt (or a cancel) it is marked failed. */
export const issueFinished = internalMutation({
  args: vOnCompleteArgs(v.id("certificates")),
  returns: v.null(),
  handler: async (ctx, { context: certificateId, result }) => {
    if (result.kind === "success") return null;
    const error = result.kind === "failed" ? result.error : "Issuing was canceled.";
    await markFailed(ctx, certificateId, error.slice(0, 500));
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

async function markFailed(ctx: MutationCtx, certificateId: Id<"certificates">, error: string) {
  const certificate = await ctx.db.get("certificates", certificateId);
  if (certificate && certificate.issueStatus !== "issued")
    await ctx.db.patch("certificates", certificateId, { issueStatus: "failed", issueError: error });
}
