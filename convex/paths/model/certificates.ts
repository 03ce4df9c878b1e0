/**
 * The spec's record of a path certificate (`pathCertificates`), written when the signed path credential is recorded
 * as issued (certificates/model/issue.ts) for a learner enrolled in the path: its number, PATH-YYYY-NNNNNN counting
 * up within the year it was issued, and the skills of the path at the level the learner holds them.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { SkillLevel } from "../../validators";
import { refreshPathEnrollment } from "./progress";

const NUMBER_DIGITS = 6;
const LEVEL_RANK: Record<SkillLevel, number> = { foundational: 1, practitioner: 2, advanced: 3, expert: 4 };

/** The next free PATH-YYYY-NNNNNN of the year `issuedAt` falls in (the last one of that year, plus one). */
export async function nextPathCertificateNumber(ctx: QueryCtx, issuedAt: number) {
  const prefix = `PATH-${new Date(issuedAt).getUTCFullYear()}-`;
  const last = await ctx.db
    .query("pathCertificates")
    .withIndex("by_certificateNumber", (q) =>
      q.gte("certificateNumber", prefix).lt("certificateNumber", `${prefix}\uffff`),
    )
    .order("desc")
    .first();
  const next = last ? Number(last.certificateNumber.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(NUMBER_DIGITS, "0")}`;
}

/**
 * The path's skills the learner has achieved, each at the highest level they hold: their skill level, or a skill badge
 * that is issued or still being signed (the completion that finishes a path plans its skill badges in the same
 * transaction, and the issuing pool may sign them after the path certificate).
 */
export async function pathSkillsAchieved(ctx: QueryCtx, userId: Id<"users">, path: Doc<"learningPaths">) {
  if (path.skillIds.length === 0) return [];
  const badges = (
    await ctx.db
      .query("certificates")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .take(300)
  ).filter((c) => c.kind === "skill" && c.revokedAt === undefined && c.issueStatus !== "failed");
  const achieved: Array<{ skillId: Id<"skills">; level: SkillLevel }> = [];
  for (const skillId of path.skillIds) {
    const progress = await ctx.db
      .query("userSkillProgress")
      .withIndex("by_userId_and_skillId", (q) => q.eq("userId", userId).eq("skillId", skillId))
      .unique();
    const levels: SkillLevel[] = badges.flatMap((c) => (c.skillId === skillId && c.skillLevel ? [c.skillLevel] : []));
    if (progress && progress.currentLevel !== "none") levels.push(progress.currentLevel);
    const highest = levels.sort((a, b) => LEVEL_RANK[b] - LEVEL_RANK[a])[0];
    if (highest) achieved.push({ skillId, level: highest });
  }
  return achieved;
}

/** Writes the path certificate's record once (a second recording of the same credential changes nothing). */
export async function recordPathCertificate(
  ctx: MutationCtx,
  certificate: Doc<"certificates"> & { credentialJson: string },
  pdfId: Id<"_storage">,
) {
  const pathId = certificate.pathId;
  const path = pathId ? await ctx.db.get("learningPaths", pathId) : null;
  if (path === null) return null;
  const enrollment = await ctx.db
    .query("userPathEnrollments")
    .withIndex("by_userId_and_pathId", (q) => q.eq("userId", certificate.userId).eq("pathId", path._id))
    .first();
  if (enrollment === null) return null;
  const recorded = await ctx.db
    .query("pathCertificates")
    .withIndex("by_userId", (q) => q.eq("userId", certificate.userId))
    .take(100);
  const existing = recorded.find((r) => r.publicUrl === certificate.verificationUrl);
  if (existing) return existing._id;
  const id = await ctx.db.insert("pathCertificates", {
    userId: certificate.userId,
    pathId: path._id,
    enrollmentId: enrollment._id,
    certificateNumber: await nextPathCertificateNumber(ctx, certificate.issuedAt),
    issuedAt: certificate.issuedAt,
    ...(certificate.expiresAt !== undefined ? { expiresAt: certificate.expiresAt } : {}),
    skillsAchieved: await pathSkillsAchieved(ctx, certificate.userId, path),
    badgeData: certificate.badgeData,
    credentialJson: certificate.credentialJson,
    publicUrl: certificate.verificationUrl,
    pdfId,
    createdAt: Date.now(),
  });
  await refreshPathEnrollment(ctx, enrollment._id);
  return id;
}
