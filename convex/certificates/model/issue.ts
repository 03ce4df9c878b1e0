/** Issuing one planned certificate: signing it, rendering its badges and PDF, and recording it when it is issued. */
import type { Doc, Id } from "../../_generated/dataModel";
import type { ActionCtx, MutationCtx } from "../../_generated/server";
import { BADGE_PNG_BASE64, BADGE_SVG } from "./badgeArt";
import { base64ToBytes, bakePng, bakeSvg } from "../shared/baking";
import { renderCertificatePdf } from "./pdf";
import { certificateUrls, statusListUrl } from "./urls";
import { notifyUsers } from "../../notifications/model/notify";
import { recordPathCertificate } from "../../paths/model/certificates";
import { refreshPathsForCourse } from "../../paths/model/progress";
import { levelsFromCourse, raiseLevel } from "../../skills/model/progress";
import { signAchievementCredential } from "./signing";

/** OB 3.0 achievement types: a course certificate, a skill (competency) badge, a learning-path certificate. */
const ACHIEVEMENT_TYPE = { course: "CertificateOfCompletion", skill: "Competency", path: "Certificate" } as const;

export async function signCertificate({
  certificate,
  user,
  cohort,
}: {
  certificate: Doc<"certificates">;
  user: Doc<"users">;
  cohort: Doc<"cohorts">;
}) {
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
export async function renderAssets(
  ctx: ActionCtx,
  {
    certificate,
    user,
    cohort,
    course,
  }: { certificate: Doc<"certificates">; user: Doc<"users">; cohort: Doc<"cohorts">; course: Doc<"courses"> },
  credentialJson: string,
) {
  const png = bakePng(base64ToBytes(BADGE_PNG_BASE64), credentialJson);
  const svg = bakeSvg(BADGE_SVG, credentialJson);
  const date = (ms: number) =>
    new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(ms);
  const pdf = await renderCertificatePdf({
    recipientName: user.name,
    courseTitle:
      certificate.kind === "skill" || certificate.kind === "path" ? certificate.badgeData.name : course.title,
    cohortName:
      certificate.kind === "skill" || certificate.kind === "path" ? `${course.title} — ${cohort.name}` : cohort.name,
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

const EARNED_LABEL = { course: "Certificate", skill: "Skill badge", path: "Path certificate" } as const;

/** What signing and rendering produced for one certificate. */
export type Issued = {
  credentialJson: string;
  issuerId: string;
  badgeImageId: Id<"_storage">;
  badgeSvgId: Id<"_storage">;
  pdfId: Id<"_storage">;
};

/**
 * Records a certificate as issued: the signed credential and its files, the spec's own tables, the learner's skill
 * level (which rises now, when the badge exists, not when it was planned), and the learner is told.
 */
export async function recordIssued(ctx: MutationCtx, certificate: Doc<"certificates">, issued: Issued) {
  const { credentialJson, issuerId, badgeImageId, badgeSvgId, pdfId } = issued;
  const badgeData = { ...certificate.badgeData, issuerId };
  await ctx.db.patch("certificates", certificate._id, {
    credentialJson,
    issueStatus: "issued",
    issueError: undefined,
    badgeData,
    badgeImageId,
    badgeSvgId,
    pdfId,
  });
  await recordInSpecTables(ctx, { ...certificate, credentialJson, badgeData }, pdfId);
  await raiseSkillLevels(ctx, certificate);
  // A completed course completes its steps in the learner's paths: progress moves and the next steps may open.
  if ((certificate.kind ?? "course") === "course") {
    await refreshPathsForCourse(ctx, certificate.userId, certificate.courseId);
  }
  const user = await ctx.db.get("users", certificate.userId);
  if (user) {
    await notifyUsers(
      ctx,
      [user],
      {
        category: "certificates",
        title: `${EARNED_LABEL[certificate.kind ?? "course"]} earned: ${certificate.badgeData.name}`,
        body: "It is signed and ready to share and add to LinkedIn.",
        url: `/verify/${certificate.publicId}`,
      },
      {
        subject: `Your certificate: ${certificate.badgeData.name}`,
        heading: "Congratulations — your certificate is ready",
        lines: [
          certificate.badgeData.description,
          "It is a signed Open Badges 3.0 credential: anyone can verify it, " +
            "and you can add it to your LinkedIn profile.",
        ],
        actionLabel: "View my certificate",
      },
    );
  }
}

/**
 * The learner's recorded skill levels rise (never fall): to what a skill badge certifies, and to Foundational in the
 * skills a completed course builds (convex/skills/model/progress.ts).
 */
async function raiseSkillLevels(ctx: MutationCtx, certificate: Doc<"certificates">) {
  if (certificate.kind === "skill" && certificate.skillId && certificate.skillLevel) {
    const skill = await ctx.db.get("skills", certificate.skillId);
    if (skill)
      await raiseLevel(ctx, certificate.userId, skill, certificate.skillLevel, {
        badge: true,
        signedOff: certificate.signedOffBy !== undefined,
      });
  }
  if ((certificate.kind ?? "course") === "course")
    await levelsFromCourse(ctx, certificate.userId, certificate.courseId);
}

/**
 * Skill badges and path certificates also appear in the spec's own tables (`skillBadges`, and `pathCertificates` for
 * learners enrolled in the path); the certificate row stays the source of truth.
 */
async function recordInSpecTables(
  ctx: MutationCtx,
  certificate: Doc<"certificates"> & { credentialJson: string },
  pdfId: Id<"_storage">,
) {
  const now = Date.now();
  if (certificate.kind === "skill" && certificate.skillId && certificate.skillLevel) {
    await ctx.db.insert("skillBadges", {
      userId: certificate.userId,
      skillId: certificate.skillId,
      level: certificate.skillLevel,
      earnedAt: certificate.issuedAt,
      ...(certificate.expiresAt ? { expiresAt: certificate.expiresAt } : {}),
      badgeData: certificate.badgeData,
      credentialJson: certificate.credentialJson,
      publicUrl: certificate.verificationUrl,
      createdAt: now,
    });
  }
  if (certificate.kind === "path" && certificate.pathId) {
    // The path enrollment's progress and status follow its steps' course certificates (paths/model/progress.ts);
    // here the spec's own record of the path certificate is written, with its number and the skills achieved.
    await recordPathCertificate(ctx, certificate, pdfId);
  }
}
