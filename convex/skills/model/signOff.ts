/**
 * When a learner is ready for an instructor's sign-off at Advanced or Expert, and what is still missing otherwise.
 *
 * - Advanced: holds Practitioner, and completed a course that masters the skill or passed every active competency.
 * - Expert: holds Advanced, passed every active competency, with evidence of at least two kinds.
 * - Renewal: holds Advanced or Expert, and the newest badge at that level has expired or expires within
 *   RENEWAL_WINDOW_DAYS: an instructor signs them off again (a course renews only what it gives by itself).
 *
 * Never above the skill's highest level, and never for a level whose badge is being issued or is current.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { EvidenceType, SkillLevel } from "../../validators";
import { rank } from "./levels";
import { competenciesOf, courseLinksOfSkill } from "./taxonomy";

/** A badge expiring within this many days (or expired) can be renewed; reminders go out as it starts. */
export const RENEWAL_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;
/** Evidence rows read per learner. */
export const EVIDENCE_LIMIT = 300;
/** Certificates (course and skill) read per learner. */
export const CREDENTIAL_LIMIT = 200;

/** What the learner has towards one skill. */
export type SkillFacts = {
  level: SkillLevel | "none";
  competencies: Array<Doc<"competencies">>;
  /** Active competencies with at least one passing piece of evidence. */
  passed: Set<Id<"competencies">>;
  /** Kinds of passing evidence on the skill's competencies. */
  evidenceTypes: Set<EvidenceType>;
  completedMasteringCourse: boolean;
  /** The learner's badges of this skill that count: issued or being issued, not revoked. */
  badges: Array<Doc<"certificates">>;
};

/** The learner's evidence rows (bounded). */
export async function evidenceOf(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("competencyEvidence")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(EVIDENCE_LIMIT);
}

/** The learner's certificates and badges (bounded). */
export async function credentialsOf(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("certificates")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(CREDENTIAL_LIMIT);
}

/** Whether a certificate still counts: not revoked, and issued or on its way. */
export function counts(certificate: Doc<"certificates">) {
  return certificate.revokedAt === undefined && certificate.issueStatus !== "failed";
}

/** Reads what the learner has towards `skill` (their evidence and credentials may be passed in when already read). */
export async function skillFacts(
  ctx: QueryCtx,
  userId: Id<"users">,
  skill: Doc<"skills">,
  read?: { evidence: Array<Doc<"competencyEvidence">>; credentials: Array<Doc<"certificates">> },
): Promise<SkillFacts> {
  const [progress, competencies, links] = await Promise.all([
    ctx.db
      .query("userSkillProgress")
      .withIndex("by_userId_and_skillId", (q) => q.eq("userId", userId).eq("skillId", skill._id))
      .unique(),
    competenciesOf(ctx, skill._id),
    courseLinksOfSkill(ctx, skill._id),
  ]);
  const evidence = read?.evidence ?? (await evidenceOf(ctx, userId));
  const credentials = read?.credentials ?? (await credentialsOf(ctx, userId));
  const active = competencies.filter((c) => c.isActive);
  const activeIds = new Set(active.map((c) => c._id));
  const passing = evidence.filter((e) => e.passed && activeIds.has(e.competencyId));
  const mastering = new Set(links.filter((l) => l.skillLevel === "masters").map((l) => l.courseId));
  return {
    level: progress?.currentLevel ?? "none",
    competencies: active,
    passed: new Set(passing.map((e) => e.competencyId)),
    evidenceTypes: new Set(passing.map((e) => e.evidenceType)),
    completedMasteringCourse: credentials.some(
      (c) => (c.kind ?? "course") === "course" && counts(c) && mastering.has(c.courseId),
    ),
    badges: credentials.filter((c) => c.kind === "skill" && c.skillId === skill._id && counts(c)),
  };
}

export type SignOff = { level: "advanced" | "expert"; renewal: boolean };

/** The newest badge at `level` (latest expiry first; one without expiry is newest of all). */
function newestBadge(facts: SkillFacts, level: SkillLevel) {
  return facts.badges
    .filter((b) => b.skillLevel === level)
    .sort((a, b) => (b.expiresAt ?? Infinity) - (a.expiresAt ?? Infinity))[0];
}

/** Whether every active competency has passing evidence (a skill without competencies has nothing to show). */
function allShown(facts: SkillFacts) {
  return facts.competencies.length > 0 && facts.competencies.every((c) => facts.passed.has(c._id));
}

/** A renewal the learner is due for: the newest badge of the level they hold (Advanced or Expert) is expiring. */
export function renewalDue(facts: SkillFacts, now: number): SignOff | null {
  for (const level of ["expert", "advanced"] as const) {
    if (rank(facts.level) !== rank(level)) continue;
    const badge = newestBadge(facts, level);
    if (badge?.issueStatus === "issued" && badge.expiresAt !== undefined)
      return badge.expiresAt <= now + RENEWAL_WINDOW_DAYS * DAY_MS ? { level, renewal: true } : null;
  }
  return null;
}

/**
 * The next sign-off up (Advanced from Practitioner, Expert from Advanced, within the skill's highest level): ready, or
 * what is still missing, in the learner's words. Null when there is none to aim for, or its badge is being issued.
 */
export function nextSignOff(
  facts: SkillFacts,
  skill: Pick<Doc<"skills">, "level" | "name">,
): { level: "advanced" | "expert"; ready: boolean; missing: string[] } | null {
  const held = rank(facts.level);
  const next = held === rank("practitioner") ? "advanced" : held === rank("advanced") ? "expert" : null;
  if (next === null || rank(next) > rank(skill.level)) return null;
  if (newestBadge(facts, next)?.issueStatus === "pending") return null;
  const missing: string[] = [];
  const unshown = facts.competencies.filter((c) => !facts.passed.has(c._id)).map((c) => c.name);
  if (next === "advanced") {
    if (!facts.completedMasteringCourse && !allShown(facts))
      missing.push(
        facts.competencies.length === 0
          ? `Complete a course that masters ${skill.name}.`
          : `Complete a course that masters ${skill.name}, or show every competency ` +
              `(still to show: ${unshown.join(", ")}).`,
      );
  } else {
    if (!allShown(facts))
      missing.push(
        facts.competencies.length === 0
          ? `${skill.name} has no competencies to show yet.`
          : `Show every competency (still to show: ${unshown.join(", ")}).`,
      );
    if (facts.evidenceTypes.size < 2)
      missing.push("Show it in at least two ways (for example a project and a live session).");
  }
  return { level: next, ready: missing.length === 0, missing };
}

/** The sign-off an instructor may give now: a renewal that is due, or the next level when the learner is ready. */
export function signOffReady(facts: SkillFacts, skill: Pick<Doc<"skills">, "level" | "name">, now: number) {
  const renewal = renewalDue(facts, now);
  if (renewal) return renewal;
  const next = nextSignOff(facts, skill);
  return next?.ready ? { level: next.level, renewal: false } : null;
}
