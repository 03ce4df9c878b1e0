/** Issuing planned certificates: signed in scheduled batches, rendered (badges, PDF) and recorded. */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { ActionCtx, MutationCtx } from "../_generated/server";
import { BADGE_PNG_BASE64, BADGE_SVG } from "./model/badgeArt";
import { base64ToBytes, bakePng, bakeSvg } from "./shared/baking";
import { renderCertificatePdf } from "./model/pdf";
import { internalAction, internalMutation, internalQuery } from "../functions";
import { certificateUrls, statusListUrl } from "./model/plan";
import { notifyUsers } from "../notifications/model/notify";
import { issuerDid, signAchievementCredential } from "./shared/openBadges";
import { ensureStatusListSigned } from "./revocation";

export const issueContext = internalQuery({
  args: { certificateId: v.id("certificates") },
  handler: async (ctx, { certificateId }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null || certificate.issueStatus === "issued") return null;
    const [user, cohort, course] = await Promise.all([ctx.db.get("users", certificate.userId), ctx.db.get("cohorts", certificate.cohortId), ctx.db.get("courses", certificate.courseId)]);
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
        await ctx.runMutation(internal.certificates.issue.finishIssue, { certificateId, credentialJson, issuerId: issuerDid(), ...assets });
      } catch (error) {
        await ctx.runMutation(internal.certificates.issue.failIssue, { certificateId, error: (error as Error).message.slice(0, 500) });
      }
    }
    return null;
  },
});

/** OB 3.0 achievement types: a course certificate, a skill (competency) badge, a learning-path certificate. */
const ACHIEVEMENT_TYPE = { course: "CertificateOfCompletion", skill: "Competency", path: "Certificate" } as const;

async function signCertificate({ certificate, user, cohort }: { certificate: Doc<"certificates">; user: Doc<"users">; cohort: Doc<"cohorts"> }) {
  const badge = certificate.badgeData;
  return await signAchievementCredential({
    credentialId: badge.credentialId,
    achievementId: badge.achievementId,
    name: badge.name,
    description: badge.description,
    criteria: badge.criteriaNarrative,
    imageUrl: badge.imageUrl ?? certificateUrls(certificate.publicId).image,
    achievementType: ACHIEVEMENT_TYPE[certificate.kind ?? "course"],
    recipient: { email: user.email, name: user.name },
    salt: certificate.publicId.slice(0, 8),
    term: cohort.name,
    activityStartDate: cohort.startDate,
    activityEndDate: cohort.endDate,
    validFrom: certificate.issuedAt,
    validUntil: certificate.expiresAt,
    status: { listUrl: statusListUrl(), index: certificate.statusListIndex! },
  });
}

/** The baked PNG and SVG badges and the PDF, kept in file storage. */
async function renderAssets(ctx: ActionCtx, { certificate, user, cohort, course }: { certificate: Doc<"certificates">; user: Doc<"users">; cohort: Doc<"cohorts">; course: Doc<"courses"> }, credentialJson: string) {
  const png = bakePng(base64ToBytes(BADGE_PNG_BASE64), credentialJson);
  const svg = bakeSvg(BADGE_SVG, credentialJson);
  const date = (ms: number) => new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(ms);
  const pdf = await renderCertificatePdf({
    recipientName: user.name,
    courseTitle: certificate.kind === "skill" || certificate.kind === "path" ? certificate.badgeData.name : course.title,
    cohortName: certificate.kind === "skill" || certificate.kind === "path" ? `${course.title} — ${cohort.name}` : cohort.name,
    issuerName: certificate.badgeData.issuerName,
    issuedOn: date(certificate.issuedAt),
    ...(certificate.expiresAt ? { validUntil: date(certificate.expiresAt) } : {}),
    verifyUrl: certificate.verificationUrl,
    credentialId: certificate.badgeData.credentialId,
    kind: certificate.kind ?? "course",
  });
  // One store at a time: the local backend's engine (convex-test) does not take concurrent storage writes.
  const badgeImageId = await ctx.storage.store(new Blob([png as BlobPart], { type: "image/png" }));
  const badgeSvgId = await ctx.storage.store(new Blob([svg], { type: "image/svg+xml" }));
  const pdfId = await ctx.storage.store(new Blob([pdf as BlobPart], { type: "application/pdf" }));
  return { badgeImageId, badgeSvgId, pdfId };
}

export const finishIssue = internalMutation({
  args: { certificateId: v.id("certificates"), credentialJson: v.string(), issuerId: v.string(), badgeImageId: v.id("_storage"), badgeSvgId: v.id("_storage"), pdfId: v.id("_storage") },
  returns: v.null(),
  handler: async (ctx, { certificateId, credentialJson, issuerId, badgeImageId, badgeSvgId, pdfId }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null || certificate.issueStatus === "issued") {
      for (const id of [badgeImageId, badgeSvgId, pdfId]) await ctx.storage.delete(id);
      return null;
    }
    await ctx.db.patch("certificates", certificateId, { credentialJson, issueStatus: "issued", issueError: undefined, badgeData: { ...certificate.badgeData, issuerId }, badgeImageId, badgeSvgId, pdfId });
    await recordInSpecTables(ctx, { ...certificate, credentialJson, badgeData: { ...certificate.badgeData, issuerId } }, pdfId);
    const user = await ctx.db.get("users", certificate.userId);
    if (user) {
      await notifyUsers(
        ctx,
        [user],
        { category: "certificates", title: `${EARNED_LABEL[certificate.kind ?? "course"]} earned: ${certificate.badgeData.name}`, body: "It is signed and ready to share and add to LinkedIn.", url: `/verify/${certificate.publicId}` },
        {
          subject: `Your certificate: ${certificate.badgeData.name}`,
          heading: "Congratulations — your certificate is ready",
          lines: [certificate.badgeData.description, "It is a signed Open Badges 3.0 credential: anyone can verify it, and you can add it to your LinkedIn profile."],
          actionLabel: "View my certificate",
        },
      );
    }
    return null;
  },
});

const EARNED_LABEL = { course: "Certificate", skill: "Skill badge", path: "Path certificate" } as const;

/**
 * Skill badges and path certificates also appear in the spec's own tables
 * (`skillBadges`, and `pathCertificates` for learners enrolled in the path, whose
 * path enrollment is then completed); the certificate row stays the source of truth.
 */
async function recordInSpecTables(ctx: MutationCtx, certificate: Doc<"certificates"> & { credentialJson: string }, pdfId: Id<"_storage">) {
  const now = Date.now();
  if (certificate.kind === "skill" && certificate.skillId && certificate.skillLevel) {
    await ctx.db.insert("skillBadges", {
      userId: certificate.userId,
      skillId: certificate.skillId,
      level: certificate.skillLevel,
      earnedAt: certificate.issuedAt,
      badgeData: certificate.badgeData,
      credentialJson: certificate.credentialJson,
      publicUrl: certificate.verificationUrl,
      createdAt: now,
    });
  }
  if (certificate.kind === "path" && certificate.pathId) {
    const pathId = certificate.pathId;
    const enrollment = await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_userId_and_pathId", (q) => q.eq("userId", certificate.userId).eq("pathId", pathId))
      .first();
    if (enrollment) {
      await ctx.db.patch("userPathEnrollments", enrollment._id, { status: "completed", progressPercent: 100, completedAt: now, updatedAt: now });
      await ctx.db.insert("pathCertificates", {
        userId: certificate.userId,
        pathId,
        enrollmentId: enrollment._id,
        certificateNumber: certificate.publicId,
        issuedAt: certificate.issuedAt,
        skillsAchieved: [],
        badgeData: certificate.badgeData,
        credentialJson: certificate.credentialJson,
        publicUrl: certificate.verificationUrl,
        pdfId,
        createdAt: now,
      });
    }
  }
}

export const failIssue = internalMutation({
  args: { certificateId: v.id("certificates"), error: v.string() },
  returns: v.null(),
  handler: async (ctx, { certificateId, error }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate && certificate.issueStatus !== "issued") await ctx.db.patch("certificates", certificateId, { issueStatus: "failed", issueError: error });
    return null;
  },
});
