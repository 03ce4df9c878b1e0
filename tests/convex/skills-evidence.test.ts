/**
 * Evidence and sign-off (#19): instructors record competency evidence only for learners of their own cohorts;
 * Foundational comes by itself, Advanced and Expert only with an instructor's sign-off; a learner's level never falls
 * except through revocation; technical badges expire after a year (soft skills' do not), renew through the next course,
 * and are reminded once, 30 days ahead, in the app and by email.
 */
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { DAY, runScheduled, seedFinishedCohort, useCredentialEnv } from "./certificate-helpers";
import { as, enrollConfirmed, type T } from "./checkout-helpers";
import { courseRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser } from "./org-helpers";

const env = useCredentialEnv();
// Signing, baking and PDF rendering run for real here.
vi.setConfig({ testTimeout: 60_000 });

type Category = Doc<"skills">["category"];

/**
 * The finished cohort of seedFinishedCohort (learners 0 and 2 meet the rules, learner 1 does not), taught by Maya; its
 * course masters Prompt Engineering (technical, up to expert, two competencies) and develops Change Leadership
 * (leadership: its badges never expire).
 */
async function world() {
  const t = newTest();
  env.current = t;
  const { cohortId, courseId, learners, adminId } = await seedFinishedCohort(t);
  const instructor = await addUser(t, "maya@academy.test");
  const otherInstructor = await addUser(t, "omar@academy.test");
  const ids = await t.run(async (ctx) => {
    await ctx.db.patch("cohorts", cohortId, { instructorId: instructor });
    const skill = (name: string, slug: string, category: Category) =>
      ctx.db.insert("skills", {
        name,
        slug,
        description: `${name}, in real work.`,
        category,
        level: "expert",
        isActive: true,
        sortOrder: 0,
        createdAt: 1,
        updatedAt: 1,
      });
    const prompting = await skill("Prompt Engineering", "prompt-engineering", "technical");
    const leadership = await skill("Change Leadership", "change-leadership", "leadership");
    const unrelated = await skill("AI Governance", "ai-governance", "leadership");
    await ctx.db.insert("courseSkills", {
      courseId,
      skillId: prompting,
      skillLevel: "masters",
      weight: 70,
      createdAt: 1,
    });
    await ctx.db.insert("courseSkills", {
      courseId,
      skillId: leadership,
      skillLevel: "develops",
      weight: 30,
      createdAt: 1,
    });
    const competency = (skillId: Id<"skills">, name: string) =>
      ctx.db.insert("competencies", {
        skillId,
        name,
        description: "",
        assessmentCriteria: "Seen in a session or a project.",
        evidenceTypes: ["observation", "project", "instructor_assessment", "self_assessment"],
        passingThreshold: 70,
        isActive: true,
        createdAt: 1,
      });
    const systemPrompts = await competency(prompting, "Write system prompts");
    const evaluation = await competency(prompting, "Evaluate outputs");
    const policy = await competency(unrelated, "Draft an AI policy");
    // Another cohort, of another course, that Omar teaches; learner 1 is in it.
    const otherCourse = await ctx.db.insert("courses", courseRow({ slug: "other", title: "Other course" }));
    const otherCohort = await ctx.db.insert("cohorts", {
      courseId: otherCourse,
      name: "Other cohort",
      startDate: Date.now(),
      endDate: Date.now() + DAY,
      maxCapacity: 10,
      currentEnrollment: 1,
      status: "in_progress",
      isB2B: false,
      instructorId: otherInstructor,
      createdAt: 1,
      updatedAt: 1,
    });
    await ctx.db.insert("courseSkills", {
      courseId: otherCourse,
      skillId: prompting,
      skillLevel: "develops",
      weight: 50,
      createdAt: 1,
    });
    return { prompting, leadership, unrelated, systemPrompts, evaluation, policy, otherCohort, otherCourse };
  });
  const enrollmentOf = async (userId: Id<"users">, cohort = cohortId) =>
    (await t.run(async (ctx) =>
      (
        await ctx.db
          .query("enrollments")
          .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
          .collect()
      ).find((e) => e.cohortId === cohort),
    ))!._id;
  const otherEnrollment = await enrollConfirmed(t, {
    userId: learners[1],
    cohortId: ids.otherCohort,
    courseId: ids.otherCourse,
  });
  return {
    t,
    cohortId,
    courseId,
    learners,
    adminId,
    instructor,
    otherInstructor,
    enrollmentOf,
    otherEnrollment,
    ...ids,
  };
}

async function levelOf(t: T, userId: Id<"users">, skillId: Id<"skills">) {
  return await t.run(async (ctx) =>
    ctx.db
      .query("userSkillProgress")
      .withIndex("by_userId_and_skillId", (q) => q.eq("userId", userId).eq("skillId", skillId))
      .unique(),
  );
}

async function badgesOf(t: T, userId: Id<"users">) {
  return (
    await t.run(async (ctx) =>
      ctx.db
        .query("certificates")
        .withIndex("by_userId", (q) => q.eq("userId", userId))
        .collect(),
    )
  ).filter((c) => c.kind === "skill");
}

/** Issues the finished cohort's certificates (course certificate, skill badges) and lets signing finish. */
async function completeCohort(t: T, adminId: Id<"users">, cohortId: Id<"cohorts">) {
  vi.setSystemTime(Date.now() + 2 * DAY);
  await as(t, adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
  await runScheduled(t);
}

describe("recording evidence", () => {
  test("only the cohort's instructor (or a platform admin), only for the cohort's own learners, on the skills its course builds", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    const maya = as(t, w.instructor);
    const evidence = (extra: Record<string, unknown> = {}) => ({
      cohortId,
      enrollmentId: "",
      competencyId: w.systemPrompts,
      evidenceType: "project" as const,
      score: 80,
      notes: "A system prompt for the support bot.",
      ...extra,
    });
    const ada = await w.enrollmentOf(learners[0]);
    expect(await maya.mutation(api.skills.evidence.record, { ...evidence(), enrollmentId: ada })).toEqual({
      passed: true,
    });
    // A learner of another cohort, named through this one: not found. The other cohort's instructor: refused here.
    await expectAppError(
      maya.mutation(api.skills.evidence.record, { ...evidence(), enrollmentId: w.otherEnrollment }),
      "NOT_FOUND",
    );
    await expectAppError(
      as(t, w.otherInstructor).mutation(api.skills.evidence.record, { ...evidence(), enrollmentId: ada }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, learners[2]).mutation(api.skills.evidence.record, { ...evidence(), enrollmentId: ada }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, w.otherInstructor).mutation(api.skills.evidence.record, {
        ...evidence(),
        cohortId: w.otherCohort,
        enrollmentId: ada,
      }),
      "NOT_FOUND",
    );
    // A platform admin may.
    await as(t, w.adminId).mutation(api.skills.evidence.record, { ...evidence({ score: 40 }), enrollmentId: ada });
    // A skill the course does not build, a kind the competency does not take, the learner's own kind, bad scores.
    for (const [extra, code] of [
      [{ competencyId: w.policy }, "INVALID_INPUT"],
      [{ evidenceType: "quiz" }, "INVALID_INPUT"],
      [{ evidenceType: "self_assessment" }, "INVALID_INPUT"],
      [{ score: 101 }, "INVALID_INPUT"],
      [{ score: 79.5 }, "INVALID_INPUT"],
      [{ notes: "n".repeat(5_001) }, "INVALID_INPUT"],
      [{ evidenceUrl: "javascript:alert(1)" }, "INVALID_INPUT"],
    ] as const)
      await expectAppError(maya.mutation(api.skills.evidence.record, { ...evidence(extra), enrollmentId: ada }), code);
    const rows = await t.run(async (ctx) => ctx.db.query("competencyEvidence").collect());
    expect(rows.map((r) => [r.userId, r.score, r.passed, r.assessedBy])).toEqual([
      [learners[0], 80, true, w.instructor],
      [learners[0], 40, false, w.adminId],
    ]);
    // The learner is told in the app.
    const notices = await t.run(async (ctx) =>
      (await ctx.db.query("notifications").collect()).filter((n) => n.userId === learners[0]).map((n) => n.title),
    );
    expect(notices).toEqual(["Competency shown: Write system prompts", "Feedback on Write system prompts"]);
    // The instructor's view lists the course's skills and the cohort's learners only.
    const view = (await maya.query(api.skills.evidence.forCohort, { cohortId, now: Date.now() }))!;
    expect(view.skills.map((s) => s.name)).toEqual(["Prompt Engineering", "Change Leadership"]);
    expect(view.learners.map((l) => l.name)).toEqual(["Buyer 1", "Buyer 2", "Łukasz Żółć"]);
    await expectAppError(
      as(t, w.otherInstructor).query(api.skills.evidence.forCohort, { cohortId, now: Date.now() }),
      "FORBIDDEN",
    );
  });

  test("Foundational comes by itself with passing evidence; failing evidence raises nothing", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    const maya = as(t, w.instructor);
    const bob = await w.enrollmentOf(learners[1]);
    const record = (score: number) =>
      maya.mutation(api.skills.evidence.record, {
        cohortId,
        enrollmentId: bob,
        competencyId: w.evaluation,
        evidenceType: "observation",
        score,
      });
    await record(50);
    expect(await levelOf(t, learners[1], w.prompting)).toMatchObject({ currentLevel: "none", evidenceCount: 1 });
    await record(70);
    expect(await levelOf(t, learners[1], w.prompting)).toMatchObject({
      currentLevel: "foundational",
      progressPercent: 50,
      evidenceCount: 2,
      verifiedByInstructor: false,
    });
  });
});

describe("sign-off", () => {
  test("a course that masters a skill gives Practitioner; Advanced needs an instructor's sign-off, then verifies", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    await completeCohort(t, w.adminId, cohortId);
    // A Practitioner badge (expiring: technical) and a Change Leadership one (not expiring); no Advanced badge.
    const badges = await badgesOf(t, learners[0]);
    expect(badges.map((b) => [b.badgeData.name, b.issueStatus]).sort()).toEqual([
      ["Change Leadership — Practitioner", "issued"],
      ["Prompt Engineering — Practitioner", "issued"],
    ]);
    const practitioner = badges.find((b) => b.skillId === w.prompting)!;
    expect(practitioner.expiresAt).toBe(addMonths(practitioner.issuedAt, 12));
    expect(badges.find((b) => b.skillId === w.leadership)!.expiresAt).toBeUndefined();
    expect(await levelOf(t, learners[0], w.prompting)).toMatchObject({ currentLevel: "practitioner" });
    // Learner 1 did not complete: nothing. The course's skills gave learner 0 no Advanced.
    expect(await badgesOf(t, learners[1])).toEqual([]);

    // Maya sees learner 0 waiting for Advanced (the course masters it); learner 1 is not.
    const maya = as(t, w.instructor);
    const view = (await maya.query(api.skills.evidence.forCohort, { cohortId, now: Date.now() }))!;
    expect(view.waiting.map((x) => [x.name, x.skillName, x.level, x.renewal])).toEqual([
      ["Buyer 2", "Prompt Engineering", "advanced", false],
      ["Łukasz Żółć", "Prompt Engineering", "advanced", false],
    ]);
    const ada = await w.enrollmentOf(learners[0]);
    const bob = await w.enrollmentOf(learners[1]);
    // Not ready, not theirs, not that level: refused with the reason.
    expect(
      await expectAppError(
        maya.mutation(api.skills.evidence.signOff, {
          cohortId,
          enrollmentId: bob,
          skillId: w.prompting,
          level: "advanced",
        }),
        "INVALID_INPUT",
      ),
    ).toMatch(/Buyer 1 is not ready for Advanced\. Buyer 1 holds no level in Prompt Engineering\./);
    expect(
      await expectAppError(
        maya.mutation(api.skills.evidence.signOff, {
          cohortId,
          enrollmentId: ada,
          skillId: w.prompting,
          level: "expert",
        }),
        "INVALID_INPUT",
      ),
    ).toMatch(/is not ready for Expert/);
    await expectAppError(
      as(t, w.otherInstructor).mutation(api.skills.evidence.signOff, {
        cohortId,
        enrollmentId: ada,
        skillId: w.prompting,
        level: "advanced",
      }),
      "FORBIDDEN",
    );
    await expectAppError(
      maya.mutation(api.skills.evidence.signOff, {
        cohortId,
        enrollmentId: ada,
        skillId: w.unrelated,
        level: "advanced",
      }),
      "INVALID_INPUT",
    );

    const badgeId = await maya.mutation(api.skills.evidence.signOff, {
      cohortId,
      enrollmentId: ada,
      skillId: w.prompting,
      level: "advanced",
    });
    // Planned, not yet held: the level rises when the badge is issued; signing off twice is refused meanwhile.
    expect(await levelOf(t, learners[0], w.prompting)).toMatchObject({ currentLevel: "practitioner" });
    await expectAppError(
      maya.mutation(api.skills.evidence.signOff, {
        cohortId,
        enrollmentId: ada,
        skillId: w.prompting,
        level: "advanced",
      }),
      "INVALID_INPUT",
    );
    await runScheduled(t);
    const advanced = (await t.run(async (ctx) => ctx.db.get("certificates", badgeId)))!;
    expect(advanced).toMatchObject({ issueStatus: "issued", skillLevel: "advanced", signedOffBy: w.instructor });
    expect(advanced.badgeData.name).toBe("Prompt Engineering — Advanced");
    expect(advanced.badgeData.description).toMatch(/verified by maya, instructor of AI Enablement Intensive/);
    expect(Date.parse(JSON.parse(advanced.credentialJson!).validUntil)).toBe(advanced.expiresAt);
    expect(await t.action(api.certificates.verify.verifyStored, { publicId: advanced.publicId })).toMatchObject({
      verified: true,
    });
    expect(await levelOf(t, learners[0], w.prompting)).toMatchObject({
      currentLevel: "advanced",
      verifiedByInstructor: true,
    });
    const mirror = await t.run(async (ctx) =>
      (await ctx.db.query("skillBadges").collect()).find((b) => b.level === "advanced"),
    );
    expect(mirror).toMatchObject({ userId: learners[0], expiresAt: advanced.expiresAt });
    // Held now: no longer waiting; Expert is next and needs every competency shown two ways.
    const after = (await maya.query(api.skills.evidence.forCohort, { cohortId, now: Date.now() }))!;
    expect(after.waiting.map((x) => x.name)).toEqual(["Buyer 2"]);
    expect(after.learners.find((l) => l.name === "Łukasz Żółć")!.skills[0].next).toMatchObject({
      level: "expert",
      ready: false,
    });
  });

  test("Expert needs Advanced, every competency shown, and two kinds of evidence", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    await completeCohort(t, w.adminId, cohortId);
    const maya = as(t, w.instructor);
    const ada = await w.enrollmentOf(learners[0]);
    await maya.mutation(api.skills.evidence.signOff, {
      cohortId,
      enrollmentId: ada,
      skillId: w.prompting,
      level: "advanced",
    });
    await runScheduled(t);
    const record = (competencyId: Id<"competencies">, evidenceType: "project" | "observation") =>
      maya.mutation(api.skills.evidence.record, { cohortId, enrollmentId: ada, competencyId, evidenceType, score: 90 });
    const expert = () =>
      maya.mutation(api.skills.evidence.signOff, {
        cohortId,
        enrollmentId: ada,
        skillId: w.prompting,
        level: "expert",
      });
    await record(w.systemPrompts, "project");
    expect(await expectAppError(expert(), "INVALID_INPUT")).toMatch(/still to show: Evaluate outputs/);
    await record(w.evaluation, "project");
    expect(await expectAppError(expert(), "INVALID_INPUT")).toMatch(/at least two ways/);
    await record(w.evaluation, "observation");
    await expert();
    await runScheduled(t);
    expect(await levelOf(t, learners[0], w.prompting)).toMatchObject({ currentLevel: "expert", progressPercent: 100 });
  });
});

describe("a learner's level never falls", () => {
  test("not by failing evidence, a lower course, or an expired badge; revoking a badge is the only way down", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    await completeCohort(t, w.adminId, cohortId);
    const maya = as(t, w.instructor);
    const ada = await w.enrollmentOf(learners[0]);
    await maya.mutation(api.skills.evidence.signOff, {
      cohortId,
      enrollmentId: ada,
      skillId: w.prompting,
      level: "advanced",
    });
    await runScheduled(t);
    const level = async () => (await levelOf(t, learners[0], w.prompting))!.currentLevel;
    expect(await level()).toBe("advanced");

    // Failing evidence.
    await maya.mutation(api.skills.evidence.record, {
      cohortId,
      enrollmentId: ada,
      competencyId: w.systemPrompts,
      evidenceType: "observation",
      score: 10,
    });
    expect(await level()).toBe("advanced");
    // Both badges expire (technical: 12 months): the level stays; the profile shows them expired.
    vi.setSystemTime(Date.now() + 400 * DAY);
    await t.mutation(internal.dashboards.members.refresh, { userIds: [learners[0]] });
    expect(await level()).toBe("advanced");
    const profile = (await as(t, learners[0]).query(api.skills.profile.mine, {}))!;
    const prompting = profile.skills.find((s) => s.name === "Prompt Engineering")!;
    expect(prompting.level).toBe("advanced");
    expect(prompting.badges.every((b) => b.expiresAt! < Date.now())).toBe(true);
    // Completing another course that develops it plans nothing lower than what is held.
    await completeAnotherCourse(t, w, learners[0]);
    expect((await badgesOf(t, learners[0])).filter((b) => b.skillId === w.prompting)).toHaveLength(2);
    expect(await level()).toBe("advanced");

    // Revoking the Advanced badge: back to Practitioner (the badge still held, expired or not).
    const admin = as(t, w.adminId);
    const badge = async (skillLevel: string) =>
      (await badgesOf(t, learners[0])).find((b) => b.skillId === w.prompting && b.skillLevel === skillLevel)!;
    await admin.mutation(api.certificates.revocation.revoke, {
      certificateId: (await badge("advanced"))._id,
      reason: "Signed off in error.",
    });
    expect(await levelOf(t, learners[0], w.prompting)).toMatchObject({
      currentLevel: "practitioner",
      verifiedByInstructor: false,
    });
    expect(
      (await t.run(async (ctx) => ctx.db.query("skillBadges").collect())).filter((b) => b.level === "advanced"),
    ).toEqual([]);
    // Revoking the Practitioner badge: Foundational remains (the completed course builds the skill).
    await admin.mutation(api.certificates.revocation.revoke, {
      certificateId: (await badge("practitioner"))._id,
      reason: "Issued in error.",
    });
    expect(await level()).toBe("foundational");
  });
});

describe("badge expiry", () => {
  test("a technical badge is reminded once, 30 days before it expires, in the app and by email; soft skills' never expire", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    await completeCohort(t, w.adminId, cohortId);
    const badge = (await badgesOf(t, learners[0])).find((b) => b.skillId === w.prompting)!;
    const reminders = async () =>
      await t.run(async (ctx) =>
        (await ctx.db.query("notifications").collect()).filter(
          (n) => n.userId === learners[0] && n.title.startsWith("Your skill badge expires"),
        ),
      );
    const emails = async () =>
      (await t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect())).filter(
        (job) =>
          job.name.includes("notifications/delivery") &&
          JSON.stringify(job.args).includes("skill badge") &&
          JSON.stringify(job.args).includes("buyer0@example.com"),
      );

    vi.setSystemTime(badge.expiresAt! - 31 * DAY);
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    expect(await reminders()).toHaveLength(0);
    vi.setSystemTime(badge.expiresAt! - 29 * DAY);
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    const [reminder] = await reminders();
    expect(reminder).toMatchObject({
      title: "Your skill badge expires in 29 days: Prompt Engineering — Practitioner",
      body: "Complete Other course, which develops Prompt Engineering, to renew it.",
      url: "/courses/other",
    });
    // Change Leadership's badge (a leadership skill) has no expiry, so nothing to remind.
    expect((await reminders()).map((r) => r.title)).toEqual([reminder.title]);
    expect((await emails()).map((job) => job.args[0])).toEqual([
      expect.objectContaining({ subject: reminder.title, heading: "Time to renew your skill badge" }),
    ]);
    // Once: the next days' runs send nothing more, to the end.
    for (const days of [28, 10, 1]) {
      vi.setSystemTime(badge.expiresAt! - days * DAY);
      await t.mutation(internal.certificates.holders.remindExpiring, {});
    }
    expect(await reminders()).toHaveLength(1);
    expect(await emails()).toHaveLength(1);
  });

  test("the next course that develops the skill renews an expiring Practitioner badge, and the old one is not reminded", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    await completeCohort(t, w.adminId, cohortId);
    const first = (await badgesOf(t, learners[0])).find((b) => b.skillId === w.prompting)!;
    vi.setSystemTime(first.expiresAt! - 40 * DAY);
    await completeAnotherCourse(t, w, learners[0]);
    const renewed = (await badgesOf(t, learners[0])).filter((b) => b.skillId === w.prompting && b._id !== first._id);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]).toMatchObject({ skillLevel: "practitioner", issueStatus: "issued" });
    expect(renewed[0].expiresAt).toBe(addMonths(renewed[0].issuedAt, 12));
    expect(renewed[0].badgeData.description).toMatch(/renewing an earlier badge/);
    vi.setSystemTime(first.expiresAt! - 29 * DAY);
    await t.mutation(internal.certificates.holders.remindExpiring, {});
    const reminded = await t.run(async (ctx) =>
      (await ctx.db.query("notifications").collect()).filter(
        (n) => n.title.startsWith("Your skill badge expires") && n.userId === learners[0],
      ),
    );
    expect(reminded).toEqual([]);
    // Learner 2 did not renew: reminded.
    expect(
      await t.run(async (ctx) =>
        (await ctx.db.query("notifications").collect()).filter(
          (n) => n.title.startsWith("Your skill badge expires") && n.userId === learners[2],
        ),
      ),
    ).toHaveLength(1);
  });

  test("an expired Advanced badge is renewed by an instructor's sign-off, not by a course", async () => {
    const w = await world();
    const { t, cohortId, learners } = w;
    await completeCohort(t, w.adminId, cohortId);
    const maya = as(t, w.instructor);
    const ada = await w.enrollmentOf(learners[0]);
    await maya.mutation(api.skills.evidence.signOff, {
      cohortId,
      enrollmentId: ada,
      skillId: w.prompting,
      level: "advanced",
    });
    await runScheduled(t);
    const advanced = (await badgesOf(t, learners[0])).find((b) => b.skillLevel === "advanced")!;
    expect((await maya.query(api.skills.evidence.forCohort, { cohortId, now: Date.now() }))!.waiting).toHaveLength(1);
    // 20 days before it expires, Maya's list shows the renewal.
    const now = advanced.expiresAt! - 20 * DAY;
    vi.setSystemTime(now);
    const view = (await maya.query(api.skills.evidence.forCohort, { cohortId, now }))!;
    expect(view.waiting.find((x) => x.name === "Łukasz Żółć")).toMatchObject({ level: "advanced", renewal: true });
    await maya.mutation(api.skills.evidence.signOff, {
      cohortId,
      enrollmentId: ada,
      skillId: w.prompting,
      level: "advanced",
    });
    await runScheduled(t);
    const renewals = (await badgesOf(t, learners[0])).filter((b) => b.skillLevel === "advanced");
    expect(renewals).toHaveLength(2);
    expect(renewals.find((b) => b._id !== advanced._id)!.badgeData.description).toMatch(/renewed by maya/);
  });
});

/** The learner completes the other course (it develops Prompt Engineering) in a finished cohort of its own. */
async function completeAnotherCourse(t: T, w: Awaited<ReturnType<typeof world>>, userId: Id<"users">) {
  const cohortId = await t.run(async (ctx) => {
    const now = Date.now();
    const cohortId = await ctx.db.insert("cohorts", {
      courseId: w.otherCourse,
      name: "Other cohort (finished)",
      startDate: now - 3 * DAY,
      endDate: now - DAY,
      maxCapacity: 10,
      currentEnrollment: 1,
      status: "in_progress",
      isB2B: false,
      createdAt: 1,
      updatedAt: 1,
    });
    await ctx.db.insert("cohortSessions", {
      cohortId,
      title: "Session",
      type: "W",
      startsAt: now - 3 * DAY,
      endsAt: now - 3 * DAY + 3_600_000,
      meetingUrl: "https://meet.example.com/x",
      status: "scheduled",
      sequence: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    return cohortId;
  });
  const enrollment = await enrollConfirmed(t, { userId, cohortId, courseId: w.otherCourse });
  await t.run(async (ctx) => {
    const session = (await ctx.db
      .query("cohortSessions")
      .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
      .first())!;
    await ctx.db.insert("sessionAttendance", {
      cohortSessionId: session._id,
      cohortId,
      enrollmentId: enrollment,
      userId,
      status: "present",
      source: "instructor",
      updatedAt: 1,
    });
  });
  await as(t, w.adminId).mutation(api.certificates.plan.issueForCohort, { cohortId });
  await runScheduled(t);
}

function addMonths(ms: number, months: number) {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}
