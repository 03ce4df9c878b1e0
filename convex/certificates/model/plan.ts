/**
 * Who has earned a certificate, and planning the course certificate, skill badges and path certificate each completion
 * earns.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { credentialIssuerSettings, siteUrl } from "../../env";
import { cohortLearners } from "../../enrollments/model/learners";
import { heldSessions } from "../../liveSessions/model/lifecycle";
import { AUTOMATIC_LEVEL, LEVEL_LABEL, badgeValidityMonths, capped, rank } from "../../skills/model/levels";
import { STATUS_LIST_LENGTH } from "../shared/openBadges";
import { pathSkillsAchieved } from "../../paths/model/certificates";
import { issuingPool } from "./pool";
import { certificateUrls, linkedInShareUrl } from "./urls";

export const DEFAULT_MIN_ATTENDANCE = 75;

export type CompletionRules = {
  minAttendancePercent: number;
  postAssessmentId: Id<"assessments"> | null;
  validityMonths?: number;
};

/** The course's rules: attendance (default 75%) and, when the course has one, a passed post-course assessment. */
export async function completionRules(ctx: QueryCtx, course: Doc<"courses">): Promise<CompletionRules> {
  const post = await ctx.db
    .query("assessments")
    .withIndex("by_courseId_and_type_and_isActive", (q) =>
      q.eq("courseId", course._id).eq("type", "post_course").eq("isActive", true),
    )
    .first();
  const required = course.certificateRules?.requirePostAssessment ?? true;
  return {
    minAttendancePercent: course.certificateRules?.minAttendancePercent ?? DEFAULT_MIN_ATTENDANCE,
    postAssessmentId: required && post ? post._id : null,
    validityMonths: course.certificateRules?.validityMonths,
  };
}

/** Whether one learner met the rules; the reason is shown to admins when not. */
export async function evaluateCompletion(
  ctx: QueryCtx,
  rules: CompletionRules,
  held: Array<Doc<"cohortSessions">>,
  enrollment: Doc<"enrollments">,
) {
  const heldIds = new Set(held.map((s) => s._id));
  const marks = await ctx.db
    .query("sessionAttendance")
    .withIndex("by_cohortId_and_userId", (q) => q.eq("cohortId", enrollment.cohortId).eq("userId", enrollment.userId))
    .take(300);
  const attended = marks.filter(
    (m) => heldIds.has(m.cohortSessionId) && (m.status === "present" || m.status === "late"),
  ).length;
  const percent = held.length === 0 ? 0 : Math.round((attended / held.length) * 100);
  if (held.length === 0 || percent < rules.minAttendancePercent) {
    return {
      eligible: false,
      attended,
      held: held.length,
      reason: `Attended ${attended} of ${held.length} sessions (${percent}%); ${rules.minAttendancePercent}% needed.`,
    };
  }
  if (rules.postAssessmentId) {
    const assessmentId = rules.postAssessmentId;
    const attempts = await ctx.db
      .query("assessmentAttempts")
      .withIndex("by_userId_and_assessmentId", (q) =>
        q.eq("userId", enrollment.userId).eq("assessmentId", assessmentId),
      )
      .take(20);
    if (!attempts.some((a) => a.passed === true))
      return {
        eligible: false,
        attended,
        held: held.length,
        reason: await postAssessmentReason(ctx, assessmentId, attempts),
      };
  }
  return { eligible: true, attended, held: held.length, reason: null };
}

/**
 * Why the post-course assessment does not count yet: not taken, waiting for grading, or the best score and the one
 * needed.
 */
async function postAssessmentReason(
  ctx: QueryCtx,
  assessmentId: Id<"assessments">,
  attempts: Array<Doc<"assessmentAttempts">>,
) {
  const assessment = await ctx.db.get("assessments", assessmentId);
  if (attempts.length === 0) return "Has not taken the post-course assessment yet.";
  if (attempts.some((a) => a.status === "in_progress")) return "Is taking the post-course assessment.";
  const scored = attempts.filter((a) => a.score !== undefined);
  if (scored.length < attempts.length && scored.every((a) => !a.passed))
    return "The post-course assessment is waiting for open answers to be graded.";
  const best = Math.max(...scored.map((a) => a.score!));
  return `Best post-course assessment score ${best}%; ${assessment?.passingScore ?? 0}% needed.`;
}

/** A random free slot in the revocation list (random, so an index says nothing about issue order). */
async function allocateStatusIndex(ctx: MutationCtx) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const index = Math.floor(Math.random() * STATUS_LIST_LENGTH);
    const taken = await ctx.db
      .query("certificates")
      .withIndex("by_statusListIndex", (q) => q.eq("statusListIndex", index))
      .first();
    if (taken === null) return index;
  }
  throw new Error("The revocation list is full; add a second list.");
}

/**
 * Creates a pending certificate for every learner of the cohort who met the
 * rules and has none yet, then schedules signing in batches. Idempotent.
 */
export async function planCertificates(ctx: MutationCtx, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
  if (!cohort || !course) return { planned: 0, notEligible: 0 };
  const rules = await completionRules(ctx, course);
  const held = await heldSessions(ctx, cohortId);
  const planned: Array<Id<"certificates">> = [];
  let notEligible = 0;
  const now = Date.now();
  for (const { enrollment, user } of await cohortLearners(ctx, cohortId)) {
    const existing = (
      await ctx.db
        .query("certificates")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
        .take(50)
    ).find((c) => (c.kind ?? "course") === "course");
    if (existing) continue;
    const result = await evaluateCompletion(ctx, rules, held, enrollment);
    if (!result.eligible) {
      notEligible += 1;
      continue;
    }
    const earned = { user, enrollment, course, cohort, rules, now };
    planned.push(
      await insertCredential(ctx, earned, {
        kind: "course",
        achievementId: `${siteUrl()}/courses/${course.slug}#certificate`,
        name: course.title,
        description:
          `Completed ${course.title} in the cohort “${cohort.name}”, ` +
          `attending ${result.attended} of ${result.held} live sessions.`,
        criteria: certificateCriteria(rules),
        expiresAt: rules.validityMonths ? addMonths(now, rules.validityMonths) : undefined,
      }),
    );
    planned.push(...(await planSkillBadges(ctx, earned)), ...(await planPathCertificates(ctx, earned)));
  }
  await scheduleIssue(ctx, planned);
  return { planned: planned.length, notEligible };
}

type Earned = {
  user: Doc<"users">;
  enrollment: Doc<"enrollments">;
  course: Doc<"courses">;
  cohort: Doc<"cohorts">;
  rules: CompletionRules;
  now: number;
};

/** Skill levels in order; a badge is planned only above the level the learner already holds. */
export const LEVEL_RANK = { foundational: 1, practitioner: 2, advanced: 3, expert: 4 } as const;

/** The learner's certificates that still count (not revoked, not failed). */
async function heldCredentials(ctx: QueryCtx, userId: Id<"users">) {
  const rows = await ctx.db
    .query("certificates")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(200);
  return rows.filter((c) => c.revokedAt === undefined && c.issueStatus !== "failed");
}

/**
 * Skill badges for the skills the completed course develops or masters: Practitioner (held to the skill's highest
 * level; a course never gives Advanced by itself, that takes an instructor's sign-off). Unless the learner holds that
 * level or higher — a Practitioner badge that expires is renewed instead: completing the next course that develops the
 * skill re-issues it with a fresh expiry. Technical skills' badges expire (convex/skills/model/levels.ts).
 */
async function planSkillBadges(ctx: MutationCtx, earned: Earned) {
  const { user, course, cohort, rules, now } = earned;
  const held = await heldCredentials(ctx, user._id);
  const planned: Array<Id<"certificates">> = [];
  for (const link of await ctx.db
    .query("courseSkills")
    .withIndex("by_courseId", (q) => q.eq("courseId", course._id))
    .take(20)) {
    const skill = await ctx.db.get("skills", link.skillId);
    if (skill === null || !skill.isActive) continue;
    const level = capped(AUTOMATIC_LEVEL[link.skillLevel], skill);
    if (level === "foundational") continue;
    const badges = held.filter((c) => c.kind === "skill" && c.skillId === skill._id && c.skillLevel);
    const top = badges.reduce((max, c) => Math.max(max, rank(c.skillLevel)), 0);
    const newest = badges
      .filter((c) => c.skillLevel === level)
      .sort((a, b) => (b.expiresAt ?? Infinity) - (a.expiresAt ?? Infinity))[0];
    const renewal = top === rank(level) && newest?.expiresAt !== undefined && newest.issueStatus === "issued";
    if (top >= rank(level) && !renewal) continue;
    const months = badgeValidityMonths(skill);
    planned.push(
      await insertCredential(ctx, earned, {
        kind: "skill",
        skillId: skill._id,
        skillLevel: level,
        achievementId: `${siteUrl()}/skills/${skill.slug}#${level}`,
        name: `${skill.name} — ${LEVEL_LABEL[level]}`,
        description:
          `Demonstrated ${skill.name} at ${LEVEL_LABEL[level].toLowerCase()} level ` +
          `by completing ${course.title} (${cohort.name})${renewal ? ", renewing an earlier badge" : ""}.`,
        criteria:
          `Complete a course that ${link.skillLevel} ${skill.name}, ` +
          `meeting its rules: ${certificateCriteria(rules).replace(/\.$/, "")}.`,
        ...(months ? { expiresAt: addMonths(now, months) } : {}),
      }),
    );
  }
  return planned;
}

/**
 * A skill badge at Advanced or Expert, planned when an instructor signs the learner off in one of their cohorts
 * (convex/skills/evidence.ts decides who may, and when the learner is ready). Returns its id; issuing is scheduled.
 */
export async function planSignedOffBadge(
  ctx: MutationCtx,
  earned: Omit<Earned, "rules" | "now">,
  what: { skill: Doc<"skills">; level: "advanced" | "expert"; signedOffBy: Doc<"users">; renewal: boolean },
) {
  const { skill, level, signedOffBy, renewal } = what;
  const now = Date.now();
  const months = badgeValidityMonths(skill);
  const id = await insertCredential(
    ctx,
    { ...earned, now },
    {
      kind: "skill",
      skillId: skill._id,
      skillLevel: level,
      signedOffBy: signedOffBy._id,
      achievementId: `${siteUrl()}/skills/${skill.slug}#${level}`,
      name: `${skill.name} — ${LEVEL_LABEL[level]}`,
      description:
        `Demonstrated ${skill.name} at ${LEVEL_LABEL[level].toLowerCase()} level, ` +
        `${renewal ? "renewed" : "verified"} by ${signedOffBy.name}, instructor of ${earned.course.title} ` +
        `(${earned.cohort.name}).`,
      criteria:
        level === "advanced"
          ? `Hold ${skill.name} at Practitioner level, complete a course that masters it or show every one of its ` +
            "competencies, and be signed off by an instructor."
          : `Hold ${skill.name} at Advanced level, show every one of its competencies in at least two ways, ` +
            "and be signed off by an instructor.",
      ...(months ? { expiresAt: addMonths(now, months) } : {}),
    },
  );
  await scheduleIssue(ctx, [id]);
  return id;
}

/** A path certificate when this course completes every required course of a learning path. */
async function planPathCertificates(ctx: MutationCtx, earned: Earned) {
  const { user, course } = earned;
  const planned: Array<Id<"certificates">> = [];
  const held = await heldCredentials(ctx, user._id);
  const completedCourses = new Set(held.filter((c) => (c.kind ?? "course") === "course").map((c) => c.courseId));
  for (const step of await ctx.db
    .query("learningPathSteps")
    .withIndex("by_courseId", (q) => q.eq("courseId", course._id))
    .take(20)) {
    const path = await ctx.db.get("learningPaths", step.pathId);
    if (path === null || !path.isActive) continue;
    if (held.some((c) => c.kind === "path" && c.pathId === path._id)) continue;
    const steps = await ctx.db
      .query("learningPathSteps")
      .withIndex("by_pathId_and_stepNumber", (q) => q.eq("pathId", path._id))
      .take(50);
    const required = steps.filter((s) => s.isRequired);
    if (required.length === 0 || !required.every((s) => completedCourses.has(s.courseId))) continue;
    const titles = [];
    for (const s of required) titles.push((await ctx.db.get("courses", s.courseId))?.title ?? "a course");
    // Skill badges this completion earns were planned just before, so they count among the skills achieved.
    const skills = [];
    for (const { skillId, level } of await pathSkillsAchieved(ctx, user._id, path)) {
      const skill = await ctx.db.get("skills", skillId);
      if (skill) skills.push(`${skill.name} (${LEVEL_LABEL[level]})`);
    }
    const achieved = skills.length > 0 ? ` Skills achieved: ${skills.join(", ")}.` : "";
    planned.push(
      await insertCredential(ctx, earned, {
        kind: "path",
        pathId: path._id,
        achievementId: `${siteUrl()}/paths/${path.slug}#certificate`,
        name: path.title,
        description: `Completed every required course of the ${path.title}: ${titles.join(", ")}.${achieved}`,
        criteria: `Complete all ${required.length} required courses of the ${path.title}, each by its own rules.`,
      }),
    );
  }
  return planned;
}

/**
 * The one insert of a pending credential — course certificate, skill badge or path certificate — with its status-list
 * slot and public URLs.
 */
async function insertCredential(
  ctx: MutationCtx,
  { user, enrollment, course, cohort, now }: Omit<Earned, "rules">,
  what: {
    kind: "course" | "skill" | "path";
    skillId?: Id<"skills">;
    skillLevel?: keyof typeof LEVEL_RANK;
    signedOffBy?: Id<"users">;
    pathId?: Id<"learningPaths">;
    achievementId: string;
    name: string;
    description: string;
    criteria: string;
    expiresAt?: number;
  },
) {
  const publicId = crypto.randomUUID();
  const urls = certificateUrls(publicId);
  return await ctx.db.insert("certificates", {
    enrollmentId: enrollment._id,
    userId: user._id,
    courseId: course._id,
    cohortId: cohort._id,
    issuedAt: now,
    publicId,
    kind: what.kind,
    ...(what.skillId ? { skillId: what.skillId, skillLevel: what.skillLevel } : {}),
    ...(what.signedOffBy ? { signedOffBy: what.signedOffBy } : {}),
    ...(what.pathId ? { pathId: what.pathId } : {}),
    issueStatus: "pending",
    statusListIndex: await allocateStatusIndex(ctx),
    verificationUrl: urls.verify,
    linkedInShareUrl: linkedInShareUrl(urls.verify),
    ...(what.expiresAt ? { expiresAt: what.expiresAt } : {}),
    badgeData: {
      credentialId: `urn:uuid:${publicId}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuerId: "",
      issuerName: credentialIssuerSettings().name,
      achievementId: what.achievementId,
      name: what.name,
      description: what.description,
      criteriaNarrative: what.criteria,
      imageUrl: urls.image,
      validFrom: new Date(now).toISOString(),
      ...(what.expiresAt ? { validUntil: new Date(what.expiresAt).toISOString() } : {}),
    },
    createdAt: now,
  });
}

/**
 * Hands planned certificates to the issuing pool: each is signed and rendered on its own, retried on failure; one that
 * still fails is marked failed (an admin's "issue now" retries it).
 */
export async function scheduleIssue(ctx: MutationCtx, certificateIds: Array<Id<"certificates">>) {
  for (const certificateId of certificateIds) {
    await issuingPool.enqueueAction(
      ctx,
      internal.certificates.issue.issueOne,
      { certificateId },
      { onComplete: internal.certificates.issue.issueFinished, context: certificateId },
    );
  }
}

export function certificateCriteria(rules: CompletionRules) {
  const assessment = rules.postAssessmentId ? " and pass the post-course assessment" : "";
  return `Attend at least ${rules.minAttendancePercent}% of the cohort's live sessions${assessment}.`;
}

function addMonths(ms: number, months: number) {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}
