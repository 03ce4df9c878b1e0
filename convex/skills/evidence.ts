/**
 * Competency evidence and sign-off, by the instructor of a cohort (or a platform admin) for the cohort's own confirmed
 * learners, on the skills the cohort's course builds. Foundational comes by itself with passing evidence; Advanced and
 * Expert badges are planned only here, when an instructor signs off a learner who is ready (model/signOff.ts).
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { planSignedOffBadge } from "../certificates/model/plan";
import { cohortLearners } from "../enrollments/model/learners";
import { appError } from "../errors";
import { userMutation, userQuery } from "../functions";
import { TEXT_LIMITS, optionalText } from "../limits";
import { isSessionStaff } from "../liveSessions/model/lifecycle";
import { notifyUsers } from "../notifications/model/notify";
import { LEVEL_LABEL, rank } from "./model/levels";
import { raiseLevel } from "./model/progress";
import { credentialsOf, evidenceOf, nextSignOff, signOffReady, skillFacts } from "./model/signOff";
import { competenciesOf, skillLinksOfCourse } from "./model/taxonomy";
import { vEvidenceType, vSkillLevel, vSkillProgressLevel } from "../validators";

/** Learners listed on a cohort's skills page (a cohort holds at most a few dozen; webinars up to 200). */
const LEARNERS_LISTED = 200;
/** Kinds of evidence an instructor records (a self-assessment is the learner's own). */
const INSTRUCTOR_EVIDENCE = ["observation", "project", "instructor_assessment", "quiz", "peer_review"] as const;

/** The cohort, when the caller is its instructor or a platform admin; FORBIDDEN otherwise. */
async function requireStaff(ctx: QueryCtx, viewer: Doc<"users">, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
  if (!isSessionStaff(viewer, cohort))
    throw appError("FORBIDDEN", "Only the cohort's instructor or a platform admin can assess its learners' skills.");
  return cohort;
}

/** A confirmed learner's enrollment in this cohort; NOT_FOUND for anyone else's. */
async function requireLearner(ctx: QueryCtx, cohort: Doc<"cohorts">, enrollmentId: Id<"enrollments">) {
  const enrollment = await ctx.db.get("enrollments", enrollmentId);
  if (enrollment === null || enrollment.cohortId !== cohort._id || enrollment.paymentStatus !== "completed")
    throw appError("NOT_FOUND", "This learner is not in this cohort.");
  const learner = await ctx.db.get("users", enrollment.userId);
  if (learner === null || learner.erasedAt !== undefined)
    throw appError("NOT_FOUND", "This learner is not in this cohort.");
  return { enrollment, learner };
}

/** The active skills the cohort's course builds. */
async function courseSkills(ctx: QueryCtx, courseId: Id<"courses">) {
  const skills: Array<Doc<"skills">> = [];
  for (const link of await skillLinksOfCourse(ctx, courseId)) {
    const skill = await ctx.db.get("skills", link.skillId);
    if (skill?.isActive) skills.push(skill);
  }
  return skills.sort((a, b) => a.sortOrder - b.sortOrder);
}

/**
 * A cohort's skills for its instructor: the skills its course builds with their competencies, each learner's level
 * and evidence, and who is waiting for a sign-off (ready for the next level, or due to renew one). `now` decides
 * renewals (the client passes its clock, so the query stays cacheable).
 */
export const forCohort = userQuery({
  args: { cohortId: v.id("cohorts"), now: v.number() },
  returns: v.union(
    v.null(),
    v.object({
      cohortName: v.string(),
      courseTitle: v.string(),
      skills: v.array(
        v.object({
          skillId: v.id("skills"),
          name: v.string(),
          highestLevel: vSkillLevel,
          competencies: v.array(
            v.object({
              _id: v.id("competencies"),
              name: v.string(),
              assessmentCriteria: v.string(),
              evidenceTypes: v.array(vEvidenceType),
              passingThreshold: v.number(),
            }),
          ),
        }),
      ),
      learners: v.array(
        v.object({
          enrollmentId: v.id("enrollments"),
          name: v.string(),
          skills: v.array(
            v.object({
              skillId: v.id("skills"),
              level: vSkillProgressLevel,
              shown: v.number(),
              of: v.number(),
              /** Competencies with passing evidence. */
              passed: v.array(v.id("competencies")),
              next: v.union(
                v.null(),
                v.object({
                  level: vSkillLevel,
                  ready: v.boolean(),
                  renewal: v.boolean(),
                  missing: v.array(v.string()),
                }),
              ),
            }),
          ),
        }),
      ),
      waiting: v.array(
        v.object({
          enrollmentId: v.id("enrollments"),
          name: v.string(),
          skillId: v.id("skills"),
          skillName: v.string(),
          level: v.union(v.literal("advanced"), v.literal("expert")),
          renewal: v.boolean(),
        }),
      ),
    }),
  ),
  handler: async (ctx, { cohortId, now }) => {
    if (ctx.viewer === null) return null;
    const cohort = await requireStaff(ctx, ctx.viewer, cohortId);
    const course = await ctx.db.get("courses", cohort.courseId);
    const skills = await courseSkills(ctx, cohort.courseId);
    const competencies = new Map<Id<"skills">, Array<Doc<"competencies">>>();
    for (const skill of skills)
      competencies.set(
        skill._id,
        (await competenciesOf(ctx, skill._id)).filter((c) => c.isActive),
      );
    const learners = [];
    const waiting = [];
    const enrolled = (await cohortLearners(ctx, cohortId))
      .filter(({ user }) => user.erasedAt === undefined)
      .sort((a, b) => a.user.name.localeCompare(b.user.name))
      .slice(0, LEARNERS_LISTED);
    for (const { enrollment, user } of enrolled) {
      const read = { evidence: await evidenceOf(ctx, user._id), credentials: await credentialsOf(ctx, user._id) };
      const rows = [];
      for (const skill of skills) {
        const facts = await skillFacts(ctx, user._id, skill, read);
        const ready = signOffReady(facts, skill, now);
        const next = nextSignOff(facts, skill);
        rows.push({
          skillId: skill._id,
          level: facts.level,
          shown: facts.passed.size,
          of: facts.competencies.length,
          passed: [...facts.passed],
          next: ready
            ? { level: ready.level, ready: true, renewal: ready.renewal, missing: [] }
            : next
              ? { level: next.level, ready: false, renewal: false, missing: next.missing }
              : null,
        });
        if (ready)
          waiting.push({
            enrollmentId: enrollment._id,
            name: user.name,
            skillId: skill._id,
            skillName: skill.name,
            level: ready.level,
            renewal: ready.renewal,
          });
      }
      learners.push({ enrollmentId: enrollment._id, name: user.name, skills: rows });
    }
    return {
      cohortName: cohort.name,
      courseTitle: course?.title ?? "",
      skills: skills.map((skill) => ({
        skillId: skill._id,
        name: skill.name,
        highestLevel: skill.level,
        competencies: (competencies.get(skill._id) ?? []).map((c) => ({
          _id: c._id,
          name: c.name,
          assessmentCriteria: c.assessmentCriteria,
          evidenceTypes: c.evidenceTypes,
          passingThreshold: c.passingThreshold,
        })),
      })),
      learners,
      waiting,
    };
  },
});

/**
 * Records evidence of one competency for a learner of the cohort: how it was shown, a 0–100 score (passed at the
 * competency's threshold) and a note. Passing evidence gives Foundational by itself; the learner is told in the app.
 */
export const record = userMutation({
  args: {
    cohortId: v.id("cohorts"),
    enrollmentId: v.id("enrollments"),
    competencyId: v.id("competencies"),
    evidenceType: vEvidenceType,
    score: v.number(),
    notes: v.optional(v.string()),
    evidenceUrl: v.optional(v.string()),
  },
  returns: v.object({ passed: v.boolean() }),
  handler: async (ctx, { cohortId, enrollmentId, competencyId, evidenceType, score, notes, evidenceUrl }) => {
    const cohort = await requireStaff(ctx, ctx.viewer, cohortId);
    const { enrollment, learner } = await requireLearner(ctx, cohort, enrollmentId);
    const competency = await ctx.db.get("competencies", competencyId);
    const skill = competency ? await ctx.db.get("skills", competency.skillId) : null;
    if (competency === null || skill === null || !competency.isActive || !skill.isActive)
      throw appError("NOT_FOUND", "This competency is no longer assessed.");
    if (!(await skillLinksOfCourse(ctx, cohort.courseId)).some((link) => link.skillId === skill._id))
      throw appError("INVALID_INPUT", `${skill.name} is not a skill this cohort's course builds.`);
    if (
      !(INSTRUCTOR_EVIDENCE as readonly string[]).includes(evidenceType) ||
      !competency.evidenceTypes.includes(evidenceType)
    )
      throw appError("INVALID_INPUT", `${competency.name} is not assessed that way.`);
    if (!Number.isInteger(score) || score < 0 || score > 100)
      throw appError("INVALID_INPUT", "The score is a whole number from 0 to 100.");
    const note = optionalText(notes, "the note", TEXT_LIMITS.paragraph);
    const url = optionalText(evidenceUrl, "the link", TEXT_LIMITS.url);
    if (url !== undefined && !/^https:\/\/[^\s]+$/.test(url))
      throw appError("INVALID_INPUT", "The link must be a web address starting with https://.");
    const passed = score >= competency.passingThreshold;
    await ctx.db.insert("competencyEvidence", {
      userId: learner._id,
      competencyId,
      enrollmentId: enrollment._id,
      evidenceType,
      score,
      passed,
      ...(url ? { evidenceUrl: url } : {}),
      ...(note ? { notes: note } : {}),
      assessedBy: ctx.viewer._id,
      createdAt: Date.now(),
    });
    await raiseLevel(ctx, learner._id, skill, passed ? "foundational" : "none");
    await notifyUsers(ctx, [learner], {
      category: "learning",
      title: passed ? `Competency shown: ${competency.name}` : `Feedback on ${competency.name}`,
      body: `${ctx.viewer.name} assessed ${competency.name} (${skill.name}): ${score}/100${passed ? ", passed" : ""}.`,
      url: "/learn/skills",
    });
    return { passed };
  },
});

/**
 * Signs a learner of the cohort off at Advanced or Expert (or renews that level) when they are ready: the badge is
 * planned and signed, and the level rises once it is issued. Refused, with what is missing, otherwise.
 */
export const signOff = userMutation({
  args: {
    cohortId: v.id("cohorts"),
    enrollmentId: v.id("enrollments"),
    skillId: v.id("skills"),
    level: v.union(v.literal("advanced"), v.literal("expert")),
  },
  returns: v.id("certificates"),
  handler: async (ctx, { cohortId, enrollmentId, skillId, level }) => {
    const cohort = await requireStaff(ctx, ctx.viewer, cohortId);
    const { enrollment, learner } = await requireLearner(ctx, cohort, enrollmentId);
    const skill = await ctx.db.get("skills", skillId);
    if (skill === null || !skill.isActive) throw appError("NOT_FOUND", "This skill is no longer assessed.");
    if (!(await skillLinksOfCourse(ctx, cohort.courseId)).some((link) => link.skillId === skill._id))
      throw appError("INVALID_INPUT", `${skill.name} is not a skill this cohort's course builds.`);
    const course = await ctx.db.get("courses", cohort.courseId);
    if (course === null) throw appError("NOT_FOUND", "This cohort's course no longer exists.");
    const facts = await skillFacts(ctx, learner._id, skill);
    const ready = signOffReady(facts, skill, Date.now());
    if (ready === null || ready.level !== level) {
      const next = nextSignOff(facts, skill);
      const why =
        rank(level) > rank(skill.level)
          ? `${skill.name} is certified up to ${LEVEL_LABEL[skill.level]}.`
          : next && next.level === level && next.missing.length > 0
            ? `Still needed: ${next.missing.join(" ")}`
            : `${learner.name} holds ${facts.level === "none" ? "no level" : LEVEL_LABEL[facts.level]} ` +
              `in ${skill.name}.`;
      throw appError("INVALID_INPUT", `${learner.name} is not ready for ${LEVEL_LABEL[level]}. ${why}`);
    }
    return await planSignedOffBadge(
      ctx,
      { user: learner, enrollment, course, cohort },
      { skill, level, signedOffBy: ctx.viewer, renewal: ready.renewal },
    );
  },
});
