/**
 * A learner's recorded level in each skill (`userSkillProgress`). The level only rises — from a badge when it is
 * issued, from a completed course or passing evidence (Foundational, verified automatically) — and never falls by
 * itself: not when a badge expires, not when new evidence fails. Revoking a badge or certificate is the only way
 * down, and then the level is worked out again from what still counts (`afterRevocation`).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { SkillLevel } from "../../validators";
import { capped, higher, rank } from "./levels";
import { counts, credentialsOf, evidenceOf } from "./signOff";
import { competenciesOf } from "./taxonomy";

async function progressRow(ctx: QueryCtx, userId: Id<"users">, skillId: Id<"skills">) {
  return await ctx.db
    .query("userSkillProgress")
    .withIndex("by_userId_and_skillId", (q) => q.eq("userId", userId).eq("skillId", skillId))
    .unique();
}

/** Share of the skill's active competencies with passing evidence (0 when it has none), and how much evidence. */
async function competencyFigures(ctx: QueryCtx, userId: Id<"users">, skillId: Id<"skills">) {
  const active = (await competenciesOf(ctx, skillId)).filter((c) => c.isActive);
  const ids = new Set(active.map((c) => c._id));
  const evidence = (await evidenceOf(ctx, userId)).filter((e) => ids.has(e.competencyId));
  const shown = new Set(evidence.filter((e) => e.passed).map((e) => e.competencyId));
  return {
    progressPercent: active.length === 0 ? 0 : Math.round((shown.size / active.length) * 100),
    evidence: evidence.length,
  };
}

/**
 * Raises the learner's level in a skill to `level` (held to the skill's highest level) when that is higher, and
 * refreshes the competency figures. `badge`: the level comes with a badge (counted as evidence); `signedOff`: an
 * instructor verified it.
 */
export async function raiseLevel(
  ctx: MutationCtx,
  userId: Id<"users">,
  skill: Doc<"skills">,
  level: SkillLevel | "none",
  { badge = false, signedOff = false }: { badge?: boolean; signedOff?: boolean } = {},
) {
  const now = Date.now();
  const target = level === "none" ? "none" : capped(level, skill);
  const figures = await competencyFigures(ctx, userId, skill._id);
  const progress = await progressRow(ctx, userId, skill._id);
  const badges = badge ? 1 : 0;
  if (progress === null) {
    if (target === "none" && figures.evidence === 0) return;
    await ctx.db.insert("userSkillProgress", {
      userId,
      skillId: skill._id,
      currentLevel: target,
      progressPercent: figures.progressPercent,
      evidenceCount: figures.evidence + badges,
      lastAssessedAt: now,
      verifiedByInstructor: signedOff,
      createdAt: now,
      updatedAt: now,
    });
    return;
  }
  await ctx.db.patch("userSkillProgress", progress._id, {
    currentLevel: higher(progress.currentLevel, target),
    progressPercent: figures.progressPercent,
    evidenceCount: Math.max(progress.evidenceCount + badges, figures.evidence),
    verifiedByInstructor: progress.verifiedByInstructor || signedOff,
    lastAssessedAt: now,
    updatedAt: now,
  });
}

/** Completing a course: Foundational in every active skill it builds (higher levels come with their badges). */
export async function levelsFromCourse(ctx: MutationCtx, userId: Id<"users">, courseId: Id<"courses">) {
  for (const link of await ctx.db
    .query("courseSkills")
    .withIndex("by_courseId", (q) => q.eq("courseId", courseId))
    .take(20)) {
    const skill = await ctx.db.get("skills", link.skillId);
    if (skill?.isActive) await raiseLevel(ctx, userId, skill, "foundational");
  }
}

/**
 * After a badge or certificate of the learner was revoked: each affected skill's level is worked out again from what
 * still counts — the highest badge not revoked (expired ones still count: a level does not fall by time), else
 * Foundational when a completed course builds the skill or evidence on it passed, else none. The spec's mirror row of
 * a revoked skill badge (`skillBadges`) goes.
 */
export async function afterRevocation(ctx: MutationCtx, certificate: Doc<"certificates">) {
  const { userId } = certificate;
  const skillIds: Array<Id<"skills">> = [];
  if (certificate.kind === "skill" && certificate.skillId) {
    skillIds.push(certificate.skillId);
    const mirrors = await ctx.db
      .query("skillBadges")
      .withIndex("by_userId_and_skillId_and_level", (q) =>
        q.eq("userId", userId).eq("skillId", certificate.skillId!).eq("level", certificate.skillLevel!),
      )
      .take(20);
    for (const mirror of mirrors)
      if (mirror.publicUrl === certificate.verificationUrl) await ctx.db.delete("skillBadges", mirror._id);
  } else if ((certificate.kind ?? "course") === "course") {
    for (const link of await ctx.db
      .query("courseSkills")
      .withIndex("by_courseId", (q) => q.eq("courseId", certificate.courseId))
      .take(20))
      skillIds.push(link.skillId);
  }
  if (skillIds.length === 0) return;
  const credentials = (await credentialsOf(ctx, userId)).filter((c) => counts(c) && c._id !== certificate._id);
  const evidence = await evidenceOf(ctx, userId);
  for (const skillId of skillIds) {
    const skill = await ctx.db.get("skills", skillId);
    const progress = await progressRow(ctx, userId, skillId);
    if (skill === null || progress === null) continue;
    const badges = credentials.filter((c) => c.kind === "skill" && c.skillId === skillId && c.issueStatus === "issued");
    let level: SkillLevel | "none" = "none";
    for (const b of badges) if (b.skillLevel) level = higher(level, b.skillLevel);
    if (rank(level) === 0 && (await hasFoundationalSource(ctx, skillId, credentials, evidence))) level = "foundational";
    await ctx.db.patch("userSkillProgress", progress._id, {
      currentLevel: level === "none" ? "none" : capped(level, skill),
      verifiedByInstructor: badges.some((b) => b.signedOffBy !== undefined),
      updatedAt: Date.now(),
    });
  }
}

/** A completed course that builds the skill, or passing evidence on one of its competencies. */
async function hasFoundationalSource(
  ctx: QueryCtx,
  skillId: Id<"skills">,
  credentials: Array<Doc<"certificates">>,
  evidence: Array<Doc<"competencyEvidence">>,
) {
  for (const c of credentials) {
    if ((c.kind ?? "course") !== "course" || c.issueStatus !== "issued") continue;
    const links = await ctx.db
      .query("courseSkills")
      .withIndex("by_courseId", (q) => q.eq("courseId", c.courseId))
      .take(20);
    if (links.some((l) => l.skillId === skillId)) return true;
  }
  const competencies = new Set((await competenciesOf(ctx, skillId)).map((c) => c._id));
  return evidence.some((e) => e.passed && competencies.has(e.competencyId));
}
