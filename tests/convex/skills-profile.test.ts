/**
 * The learner's skill profile and public portfolio (#19): each skill's level and how it was earned, badges with their
 * expiry, what to learn next; a portfolio that is off until the learner switches it on, shows only badges and levels,
 * reaches only its owner, and is rate limited like the verify doors.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { as, enrollConfirmed, seedCohort, type T } from "./checkout-helpers";
import { addPlatformAdmin, giveLearningGain } from "./fixtures";
import { expectAppError, newTest, restoreFakes } from "./helpers";
import { addUser } from "./org-helpers";

const DAY = 86_400_000;
afterEach(restoreFakes);

type Skill = Pick<Doc<"skills">, "name" | "slug" | "category" | "level"> & Partial<Doc<"skills">>;

async function insertSkill(t: T, fields: Skill) {
  return await t.run(async (ctx) =>
    ctx.db.insert("skills", {
      description: `${fields.name}, shown in real work.`,
      isActive: true,
      sortOrder: 0,
      createdAt: 1,
      updatedAt: 1,
      ...fields,
    }),
  );
}

/** A certificate row as issuing leaves it (course certificate or skill badge). */
function credential(
  base: { userId: Id<"users">; courseId: Id<"courses">; cohortId: Id<"cohorts">; enrollmentId: Id<"enrollments"> },
  fields: Partial<Doc<"certificates">> & { publicId: string; name: string },
) {
  const { publicId, name, ...rest } = fields;
  return {
    ...base,
    issuedAt: Date.now() - 10 * DAY,
    publicId,
    kind: "course" as const,
    issueStatus: "issued" as const,
    statusListIndex: Math.floor(Math.random() * 100_000),
    verificationUrl: `https://academy.test/verify/${publicId}`,
    linkedInShareUrl: "https://www.linkedin.com/sharing/share-offsite/",
    badgeData: {
      credentialId: `urn:uuid:${publicId}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuerId: "did:key:z6Mk",
      issuerName: "AI Enablement Academy",
      achievementId: "https://academy.test/x",
      name,
      description: "",
      criteriaNarrative: "",
      validFrom: new Date().toISOString(),
    },
    createdAt: 1,
    ...rest,
  };
}

/**
 * Ada completed the intensive (it develops Prompt Engineering and introduces AI Literacy): a course certificate, a
 * Practitioner badge expiring in 20 days, a revoked older badge, a badge still being issued for AI Literacy's
 * Foundational… and evidence and assessment results for Prompt Engineering. Another course masters Prompt Engineering.
 */
async function seedAda() {
  const t = newTest();
  const { courseId, cohortId } = await seedCohort(t, { buyers: 0, startsInDays: -30 });
  const ada = await addUser(t, "ada.lovelace@example.com");
  await t.run(async (ctx) => ctx.db.patch("users", ada, { name: "Ada Lovelace" }));
  const enrollmentId = await enrollConfirmed(t, { userId: ada, cohortId, courseId });
  const instructor = await addUser(t, "maya@academy.test");
  const prompting = await insertSkill(t, {
    name: "Prompt Engineering",
    slug: "prompt-engineering",
    category: "technical",
    level: "expert",
  });
  const literacy = await insertSkill(t, {
    name: "AI Literacy",
    slug: "ai-literacy",
    category: "strategic",
    level: "practitioner",
    sortOrder: 1,
  });
  const evaluation = await insertSkill(t, {
    name: "AI Evaluation",
    slug: "ai-evaluation",
    category: "technical",
    level: "advanced",
    sortOrder: 2,
    prerequisites: [prompting],
  });
  const governance = await insertSkill(t, {
    name: "AI Governance",
    slug: "ai-governance",
    category: "leadership",
    level: "expert",
    sortOrder: 3,
    prerequisites: [evaluation],
  });
  const ids = await t.run(async (ctx) => {
    const base = { userId: ada, courseId, cohortId, enrollmentId };
    await ctx.db.insert("courseSkills", {
      courseId,
      skillId: prompting,
      skillLevel: "develops",
      weight: 60,
      createdAt: 1,
    });
    await ctx.db.insert("courseSkills", {
      courseId,
      skillId: literacy,
      skillLevel: "introduces",
      weight: 40,
      createdAt: 1,
    });
    const masteryCourse = await ctx.db.insert("courses", {
      title: "Prompt Engineering Mastery",
      description: "",
      slug: "prompt-mastery",
      sessionType: "cohort",
      priceB2C: 1,
      priceB2B: 1,
      maxParticipants: 20,
      impactLevel: "L2",
      capabilityLevel: "advanced",
      status: "published",
      createdAt: 1,
      updatedAt: 1,
    });
    for (const [skillId, skillLevel] of [
      [prompting, "masters"],
      [evaluation, "introduces"],
    ] as const)
      await ctx.db.insert("courseSkills", { courseId: masteryCourse, skillId, skillLevel, weight: 50, createdAt: 1 });
    const pathId = await ctx.db.insert("learningPaths", {
      title: "Prompting Track",
      slug: "prompting-track",
      description: "",
      shortDescription: "",
      targetAudience: "individual",
      estimatedDuration: "4 weeks",
      totalCourses: 1,
      totalHours: 10,
      skillIds: [prompting],
      outcomes: [],
      pricingModel: "individual",
      isActive: true,
      isFeatured: false,
      sortOrder: 0,
      enrollmentCount: 0,
      completionCount: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await ctx.db.insert("learningPathSteps", {
      pathId,
      courseId: masteryCourse,
      stepNumber: 1,
      isRequired: true,
      unlockRule: "immediate",
      createdAt: 1,
    });
    await ctx.db.insert("certificates", credential(base, { publicId: "course-1", name: "AI Enablement Intensive" }));
    await ctx.db.insert(
      "certificates",
      credential(base, {
        publicId: "badge-current",
        name: "Prompt Engineering — Practitioner",
        kind: "skill",
        skillId: prompting,
        skillLevel: "practitioner",
        expiresAt: Date.now() + 20 * DAY,
      }),
    );
    await ctx.db.insert(
      "certificates",
      credential(base, {
        publicId: "badge-revoked",
        name: "Prompt Engineering — Advanced",
        kind: "skill",
        skillId: prompting,
        skillLevel: "advanced",
        revokedAt: Date.now() - DAY,
        revocationReason: "Issued in error.",
      }),
    );
    await ctx.db.insert(
      "certificates",
      credential(base, {
        publicId: "badge-pending",
        name: "AI Literacy — Practitioner",
        kind: "skill",
        skillId: literacy,
        skillLevel: "practitioner",
        issueStatus: "pending",
      }),
    );
    for (const [skillId, currentLevel] of [
      [prompting, "practitioner"],
      [literacy, "foundational"],
    ] as const)
      await ctx.db.insert("userSkillProgress", {
        userId: ada,
        skillId,
        currentLevel,
        progressPercent: 50,
        evidenceCount: 2,
        verifiedByInstructor: false,
        createdAt: 1,
        updatedAt: 1,
      });
    const competencies = [];
    for (const name of ["Write system prompts", "Evaluate outputs"])
      competencies.push(
        await ctx.db.insert("competencies", {
          skillId: prompting,
          name,
          description: "",
          assessmentCriteria: "",
          evidenceTypes: ["project", "observation"],
          passingThreshold: 70,
          isActive: true,
          createdAt: 1,
        }),
      );
    await ctx.db.insert("competencyEvidence", {
      userId: ada,
      competencyId: competencies[0],
      enrollmentId,
      evidenceType: "project",
      score: 85,
      passed: true,
      notes: "A system prompt that held across a long conversation.",
      assessedBy: instructor,
      createdAt: Date.now() - 2 * DAY,
    });
    return { competencies, masteryCourse };
  });
  await giveLearningGain(t, ada, 0.5);
  await t.run(async (ctx) => {
    const gain = (await ctx.db.query("learningGainAnalytics").first())!;
    await ctx.db.patch("learningGainAnalytics", gain._id, {
      skillGains: [{ skillId: prompting, preScore: 35, postScore: 90, improvement: 55 }],
    });
  });
  return { t, ada, instructor, prompting, literacy, evaluation, governance, ...ids };
}

describe("skill profile", () => {
  test("each skill's level, how it was earned, its badges and what to learn next", async () => {
    const { t, ada } = await seedAda();
    const profile = (await as(t, ada).query(api.skills.profile.mine, {}))!;
    expect(profile.skills.map((s) => [s.name, s.level])).toEqual([
      ["Prompt Engineering", "practitioner"],
      ["AI Literacy", "foundational"],
    ]);
    const prompting = profile.skills[0];
    expect(prompting.courses).toEqual([
      expect.objectContaining({ title: "AI Enablement Intensive", skillLevel: "develops" }),
    ]);
    expect(prompting.assessments).toEqual([{ courseTitle: "AI Enablement Intensive", preScore: 35, postScore: 90 }]);
    expect(prompting.evidence).toEqual([
      expect.objectContaining({
        competency: "Write system prompts",
        evidenceType: "project",
        score: 85,
        passed: true,
        assessedBy: "maya",
        notes: "A system prompt that held across a long conversation.",
      }),
    ]);
    expect({ of: prompting.competencies, shown: prompting.competenciesShown }).toEqual({ of: 2, shown: 1 });
    // Badges with their expiry; the revoked one says so.
    expect(prompting.badges.map((b) => [b.publicId, b.level, b.revoked, b.expiresAt !== null])).toEqual([
      ["badge-revoked", "advanced", true, false],
      ["badge-current", "practitioner", false, true],
    ]);
    // Next: Advanced takes a sign-off; the course that masters it is named, and what is still missing.
    expect(prompting.next).toEqual({
      kind: "sign_off",
      level: "advanced",
      ready: false,
      course: { title: "Prompt Engineering Mastery", slug: "prompt-mastery" },
      missing: [
        "Complete a course that masters Prompt Engineering, or show every competency (still to show: Evaluate outputs).",
      ],
    });
    // AI Literacy: its Practitioner badge is on its way.
    expect(profile.skills[1].badges).toEqual([expect.objectContaining({ publicId: "badge-pending", issuing: true })]);
    expect(profile.skills[1].next).toEqual({ kind: "issuing", level: "practitioner" });
    // Skills to start: AI Evaluation (its prerequisite is begun), not AI Governance (its prerequisite is not).
    expect(profile.suggestions).toEqual([
      expect.objectContaining({
        name: "AI Evaluation",
        course: { title: "Prompt Engineering Mastery", slug: "prompt-mastery" },
        path: { title: "Prompting Track", slug: "prompting-track" },
      }),
    ]);
  });

  test("every competency shown: ready for sign-off; a skill at its highest level has nowhere further to go", async () => {
    const { t, ada, competencies, literacy } = await seedAda();
    await t.run(async (ctx) => {
      await ctx.db.insert("competencyEvidence", {
        userId: ada,
        competencyId: competencies[1],
        evidenceType: "observation",
        score: 75,
        passed: true,
        createdAt: Date.now(),
      });
      const row = await ctx.db
        .query("userSkillProgress")
        .withIndex("by_userId_and_skillId", (q) => q.eq("userId", ada).eq("skillId", literacy))
        .unique();
      await ctx.db.patch("userSkillProgress", row!._id, { currentLevel: "practitioner" });
    });
    const profile = (await as(t, ada).query(api.skills.profile.mine, {}))!;
    expect(profile.skills.find((s) => s.name === "Prompt Engineering")?.next).toMatchObject({
      kind: "sign_off",
      level: "advanced",
      ready: true,
      missing: [],
    });
    expect(profile.skills.find((s) => s.name === "AI Literacy")?.next).toEqual({ kind: "top", level: "practitioner" });
  });

  test("signed out: nothing; another learner sees only their own (empty) profile", async () => {
    const { t } = await seedAda();
    expect(await t.query(api.skills.profile.mine, {})).toBeNull();
    const other = await addUser(t, "other@example.com");
    expect((await as(t, other).query(api.skills.profile.mine, {}))?.skills).toEqual([]);
  });
});

describe("public portfolio", () => {
  test("off by default; switched on, its link shows only the name, levels and badges, each linking to /verify", async () => {
    const { t, ada } = await seedAda();
    const learner = as(t, ada);
    expect(await learner.query(api.skills.portfolio.settings, {})).toEqual({ isPublic: false, slug: null });
    const { slug } = await learner.mutation(api.skills.portfolio.setPublic, { isPublic: true });
    expect(slug).toMatch(/^ada-lovelace-[0-9a-f]{16}$/);
    const view = await t.action(api.skills.portfolio.view, { slug: slug! });
    expect(view).toEqual({
      name: "Ada Lovelace",
      skills: [
        { name: "Prompt Engineering", category: "technical", level: "practitioner" },
        { name: "AI Literacy", category: "strategic", level: "foundational" },
      ],
      // Only the issued badge that counts: not the revoked one, not the one being issued.
      badges: [
        expect.objectContaining({
          name: "Prompt Engineering — Practitioner",
          level: "practitioner",
          expired: false,
          verifyPath: "/verify/badge-current",
        }),
      ],
    });
    expect(JSON.stringify(view)).not.toMatch(/ada\.lovelace@|evidence|score|Maya|maya/i);
    // Expired badges say so.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 30 * DAY);
    expect((await t.action(api.skills.portfolio.view, { slug: slug! }))?.badges[0].expired).toBe(true);
  });

  test("switched off, or given a new link, the old link shows nothing; a link reaches only its owner", async () => {
    const { t, ada } = await seedAda();
    const other = await addUser(t, "grace@example.com");
    const { slug } = await as(t, ada).mutation(api.skills.portfolio.setPublic, { isPublic: true });
    const { slug: graceSlug } = await as(t, other).mutation(api.skills.portfolio.setPublic, { isPublic: true });
    expect(graceSlug).not.toBe(slug);
    expect((await t.action(api.skills.portfolio.view, { slug: graceSlug! }))?.name).toBe("grace");
    expect(await t.action(api.skills.portfolio.view, { slug: "ada-lovelace" })).toBeNull();

    await as(t, ada).mutation(api.skills.portfolio.setPublic, { isPublic: false });
    expect(await t.action(api.skills.portfolio.view, { slug: slug! })).toBeNull();
    // Switched on again: the same link.
    expect(await as(t, ada).mutation(api.skills.portfolio.setPublic, { isPublic: true })).toEqual({ slug });
    const fresh = await as(t, ada).mutation(api.skills.portfolio.newLink, {});
    expect(fresh.slug).not.toBe(slug);
    expect(await t.action(api.skills.portfolio.view, { slug: slug! })).toBeNull();
    expect((await t.action(api.skills.portfolio.view, { slug: fresh.slug }))?.name).toBe("Ada Lovelace");
    // Someone without a portfolio has no link to renew.
    const third = await addUser(t, "third@example.com");
    await expectAppError(as(t, third).mutation(api.skills.portfolio.newLink, {}), "NOT_FOUND");
    await expectAppError(t.mutation(api.skills.portfolio.setPublic, { isPublic: true }), "NOT_SIGNED_IN");
  });

  test("views are limited per client network and for everyone together", async () => {
    const { t, ada } = await seedAda();
    const { slug } = await as(t, ada).mutation(api.skills.portfolio.setPublic, { isPublic: true });
    const from = (ip: string) => t.withRequestMetadata({ ip });
    for (let i = 0; i < 30; i++) await from("203.0.113.7").action(api.skills.portfolio.view, { slug: slug! });
    const message = await expectAppError(
      from("203.0.113.7").action(api.skills.portfolio.view, { slug: slug! }),
      "RATE_LIMITED",
    );
    expect(message).toMatch(/^Too many portfolio views from your network\. Try again in \d+ seconds\.$/);
    // Another network still gets through.
    expect(await from("198.51.100.1").action(api.skills.portfolio.view, { slug: slug! })).not.toBeNull();
  });

  test("erasing the learner deletes the portfolio", async () => {
    const { t, ada } = await seedAda();
    const { slug } = await as(t, ada).mutation(api.skills.portfolio.setPublic, { isPublic: true });
    await as(t, ada).mutation(api.privacy.erasure.request, { certificates: "keep" });
    const admin = await addPlatformAdmin(t);
    const requestId = (await as(t, admin).query(api.privacy.erasure.queue, {})).open[0]._id;
    await as(t, admin).mutation(api.privacy.erasure.carryOut, { requestId });
    for (let i = 0; i < 50; i++) {
      const request = await t.run(async (ctx) => await ctx.db.get("erasureRequests", requestId));
      if (request?.status === "completed") break;
      await t.mutation(internal.privacy.erasure.runStep, { requestId });
    }
    expect(await t.run(async (ctx) => ctx.db.query("skillPortfolios").collect())).toEqual([]);
    expect(await t.action(api.skills.portfolio.view, { slug: slug! })).toBeNull();
  });
});
