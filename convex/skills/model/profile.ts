/**
 * A learner's skill profile: each skill's level and how it was earned (courses completed, assessment results by skill,
 * competency evidence), the badges with their expiry, and what to learn next. Reads are indexed and bounded by the
 * learner's own records (a handful of courses, a few hundred evidence rows at most) and the small skills catalogue.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { CourseSkillLevel, SkillLevel } from "../../validators";
import { AUTOMATIC_LEVEL, LEVELS, capped, rank } from "./levels";
import { counts, credentialsOf, evidenceOf, nextSignOff, skillFacts } from "./signOff";
import { allSkills, courseLinksOfSkill } from "./taxonomy";

/** Skills to start that the profile suggests. */
const SUGGESTIONS = 3;

type CourseRef = { title: string; slug: string };
type PathRef = { title: string; slug: string };

/** A published course that builds `skill` up to at least `level` by itself, and a learning path that holds it. */
async function courseFor(
  ctx: QueryCtx,
  skill: Doc<"skills">,
  level: SkillLevel,
  completed: ReadonlySet<Id<"courses">>,
  mastersOnly = false,
): Promise<{ course: CourseRef; path: PathRef | null } | null> {
  const links = (await courseLinksOfSkill(ctx, skill._id))
    .filter((l) => !completed.has(l.courseId))
    .filter((l) =>
      mastersOnly ? l.skillLevel === "masters" : rank(capped(AUTOMATIC_LEVEL[l.skillLevel], skill)) >= rank(level),
    )
    // The course made for this step first (introduces → Foundational, develops → Practitioner), then the weightiest.
    .sort(
      (a, b) =>
        Number(AUTOMATIC_LEVEL[b.skillLevel] === level) - Number(AUTOMATIC_LEVEL[a.skillLevel] === level) ||
        b.weight - a.weight,
    );
  for (const link of links) {
    const course = await ctx.db.get("courses", link.courseId);
    if (course === null || course.status !== "published") continue;
    let path: PathRef | null = null;
    for (const step of await ctx.db
      .query("learningPathSteps")
      .withIndex("by_courseId", (q) => q.eq("courseId", course._id))
      .take(5)) {
      const found = await ctx.db.get("learningPaths", step.pathId);
      if (found?.isActive) {
        path = { title: found.title, slug: found.slug };
        break;
      }
    }
    return { course: { title: course.title, slug: course.slug }, path };
  }
  return null;
}

export type NextStep =
  | { kind: "course"; level: SkillLevel; course: CourseRef; path: PathRef | null }
  | { kind: "sign_off"; level: SkillLevel; ready: boolean; missing: string[]; course: CourseRef | null }
  | { kind: "issuing"; level: SkillLevel }
  | { kind: "top"; level: SkillLevel }
  | { kind: "none"; level: SkillLevel };

/** The learner's whole skill profile (see the module comment). */
export async function learnerProfile(ctx: QueryCtx, user: Doc<"users">) {
  const userId = user._id;
  const [progressRows, evidence, credentials, gains, catalogue] = await Promise.all([
    ctx.db
      .query("userSkillProgress")
      .withIndex("by_userId_and_skillId", (q) => q.eq("userId", userId))
      .take(100),
    evidenceOf(ctx, userId),
    credentialsOf(ctx, userId),
    ctx.db
      .query("learningGainAnalytics")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .take(50),
    allSkills(ctx),
  ]);
  const skills = new Map(catalogue.map((s) => [s._id, s]));

  // Courses completed (a course certificate that counts), and the skills each builds.
  const completedCourses = new Map<Id<"courses">, { title: string; slug: string; completedAt: number }>();
  for (const c of credentials) {
    if ((c.kind ?? "course") !== "course" || !counts(c) || c.issueStatus !== "issued") continue;
    const course = await ctx.db.get("courses", c.courseId);
    if (course) completedCourses.set(course._id, { title: course.title, slug: course.slug, completedAt: c.issuedAt });
  }
  const coursesBySkill = new Map<
    Id<"skills">,
    Array<CourseRef & { completedAt: number; skillLevel: CourseSkillLevel }>
  >();
  for (const [courseId, course] of completedCourses) {
    for (const link of await ctx.db
      .query("courseSkills")
      .withIndex("by_courseId", (q) => q.eq("courseId", courseId))
      .take(20)) {
      coursesBySkill.set(link.skillId, [
        ...(coursesBySkill.get(link.skillId) ?? []),
        { ...course, skillLevel: link.skillLevel },
      ]);
    }
  }

  // Assessment results by skill (pre- and post-course scores of the questions that test it).
  const assessmentsBySkill = new Map<
    Id<"skills">,
    Array<{ courseTitle: string; preScore: number; postScore: number }>
  >();
  for (const gain of gains) {
    const course = await ctx.db.get("courses", gain.courseId);
    for (const s of gain.skillGains)
      assessmentsBySkill.set(s.skillId, [
        ...(assessmentsBySkill.get(s.skillId) ?? []),
        { courseTitle: course?.title ?? "A course", preScore: s.preScore, postScore: s.postScore },
      ]);
  }

  // Evidence by skill, newest first, with who assessed it.
  const competencies = new Map<Id<"competencies">, Doc<"competencies"> | null>();
  const assessors = new Map<Id<"users">, string>();
  const evidenceBySkill = new Map<
    Id<"skills">,
    Array<{
      competency: string;
      evidenceType: Doc<"competencyEvidence">["evidenceType"];
      score: number;
      passed: boolean;
      notes: string | null;
      assessedBy: string | null;
      createdAt: number;
    }>
  >();
  for (const e of [...evidence].sort((a, b) => b.createdAt - a.createdAt)) {
    if (!competencies.has(e.competencyId))
      competencies.set(e.competencyId, await ctx.db.get("competencies", e.competencyId));
    const competency = competencies.get(e.competencyId);
    if (!competency) continue;
    if (e.assessedBy && !assessors.has(e.assessedBy))
      assessors.set(e.assessedBy, (await ctx.db.get("users", e.assessedBy))?.name ?? "A former instructor");
    evidenceBySkill.set(competency.skillId, [
      ...(evidenceBySkill.get(competency.skillId) ?? []),
      {
        competency: competency.name,
        evidenceType: e.evidenceType,
        score: e.score,
        passed: e.passed,
        notes: e.notes ?? null,
        assessedBy: e.assessedBy ? (assessors.get(e.assessedBy) ?? null) : null,
        createdAt: e.createdAt,
      },
    ]);
  }

  const completed = new Set(completedCourses.keys());
  const rows = [];
  for (const progress of progressRows) {
    const skill = skills.get(progress.skillId);
    if (!skill || progress.currentLevel === "none") continue;
    const facts = await skillFacts(ctx, userId, skill, { evidence, credentials });
    rows.push({
      skillId: skill._id,
      name: skill.name,
      slug: skill.slug,
      category: skill.category,
      description: skill.description,
      highestLevel: skill.level,
      level: progress.currentLevel,
      progressPercent: progress.progressPercent,
      competencies: facts.competencies.length,
      competenciesShown: facts.passed.size,
      verifiedByInstructor: progress.verifiedByInstructor,
      courses: coursesBySkill.get(skill._id) ?? [],
      assessments: assessmentsBySkill.get(skill._id) ?? [],
      evidence: (evidenceBySkill.get(skill._id) ?? []).slice(0, 20),
      badges: credentials
        .filter((c) => c.kind === "skill" && c.skillId === skill._id && c.issueStatus !== "failed" && c.skillLevel)
        .sort((a, b) => rank(b.skillLevel) - rank(a.skillLevel) || b.issuedAt - a.issuedAt)
        .map((c) => ({
          publicId: c.publicId,
          name: c.badgeData.name,
          level: c.skillLevel!,
          issuedAt: c.issuedAt,
          expiresAt: c.expiresAt ?? null,
          issuing: c.issueStatus === "pending",
          revoked: c.revokedAt !== undefined,
          signedOff: c.signedOffBy !== undefined,
        })),
      next: await nextStep(ctx, skill, facts, completed),
      sortOrder: skill.sortOrder,
    });
  }
  rows.sort((a, b) => rank(b.level) - rank(a.level) || a.sortOrder - b.sortOrder);

  // Skills to start: active, not begun, every prerequisite begun, and a course that builds them.
  const begun = new Set(rows.map((r) => r.skillId));
  const suggestions = [];
  for (const skill of [...catalogue].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (suggestions.length >= SUGGESTIONS) break;
    if (!skill.isActive || begun.has(skill._id)) continue;
    if (!(skill.prerequisites ?? []).every((id) => begun.has(id))) continue;
    const found = await courseFor(ctx, skill, "foundational", completed);
    if (found)
      suggestions.push({
        name: skill.name,
        category: skill.category,
        description: skill.description,
        course: found.course,
        path: found.path,
      });
  }
  return { skills: rows.map(({ sortOrder: _sortOrder, ...row }) => row), suggestions };
}

/** What takes the learner to the skill's next level: a course, an instructor's sign-off, or nothing (the top). */
async function nextStep(
  ctx: QueryCtx,
  skill: Doc<"skills">,
  facts: Awaited<ReturnType<typeof skillFacts>>,
  completed: ReadonlySet<Id<"courses">>,
): Promise<NextStep> {
  const held = rank(facts.level);
  if (held >= rank(skill.level)) return { kind: "top", level: skill.level };
  const level = LEVELS[held];
  if (facts.badges.some((b) => b.issueStatus === "pending" && rank(b.skillLevel) >= rank(level)))
    return { kind: "issuing", level };
  if (level === "foundational" || level === "practitioner") {
    const found = await courseFor(ctx, skill, level, completed);
    return found ? { kind: "course", level, ...found } : { kind: "none", level };
  }
  const signOff = nextSignOff(facts, skill);
  if (signOff === null) return { kind: "none", level };
  const course =
    level === "advanced" && !facts.completedMasteringCourse
      ? ((await courseFor(ctx, skill, level, completed, true))?.course ?? null)
      : null;
  return { kind: "sign_off", level, ready: signOff.ready, missing: signOff.missing, course };
}
