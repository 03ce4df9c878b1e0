/**
 * Skills authoring (#19): platform admins build the taxonomy — skills, their hierarchy and prerequisites without
 * cycles, competencies, and which courses build which skill — and every rule refuses with a message the admin reads.
 * The course page shows what the course builds.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, type T } from "./checkout-helpers";
import { addPlatformAdmin, courseRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser } from "./org-helpers";

const skill = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
  description: `${name}: what it means to be good at it.`,
  category: "technical" as const,
  level: "expert" as const,
  prerequisites: [] as Array<Id<"skills">>,
  isActive: true,
  ...extra,
});

const competency = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  description: `${name}, shown in real work.`,
  assessmentCriteria: "Observed twice in a live session or in a project.",
  evidenceTypes: ["project", "observation"] as Array<"project" | "observation">,
  passingThreshold: 70,
  isActive: true,
  ...extra,
});

async function world() {
  const t = newTest();
  const adminId = await addPlatformAdmin(t);
  const admin = as(t, adminId);
  const courseId = await t.run(async (ctx) => ctx.db.insert("courses", courseRow()));
  return { t, admin, courseId };
}

async function skillRow(t: T, skillId: Id<"skills">) {
  return await t.run(async (ctx) => ctx.db.get("skills", skillId));
}

describe("skills taxonomy", () => {
  test("an admin creates skills with a hierarchy and prerequisites; the list shows them by position", async () => {
    const { t, admin } = await world();
    const prompting = await admin.mutation(api.skills.authoring.save, skill("Prompt Engineering"));
    const systemPrompts = await admin.mutation(
      api.skills.authoring.save,
      skill("System Prompts", { parentSkillId: prompting, prerequisites: [prompting], level: "advanced" }),
    );
    expect(await skillRow(t, systemPrompts)).toMatchObject({
      slug: "system-prompts",
      parentSkillId: prompting,
      prerequisites: [prompting],
      sortOrder: 1,
    });
    const list = await admin.query(api.skills.authoring.list, {});
    expect(list.map((s) => [s.name, s.parent?.name ?? null, s.prerequisites.map((p) => p.name)])).toEqual([
      ["Prompt Engineering", null, []],
      ["System Prompts", "Prompt Engineering", ["Prompt Engineering"]],
    ]);
    const detail = await admin.query(api.skills.authoring.get, { skillId: prompting });
    expect(detail?.children.map((c) => c.name)).toEqual(["System Prompts"]);
  });

  test("a prerequisite cycle is refused, directly and through other skills", async () => {
    const { t, admin } = await world();
    const a = await admin.mutation(api.skills.authoring.save, skill("Data Literacy"));
    const b = await admin.mutation(api.skills.authoring.save, skill("Prompt Engineering", { prerequisites: [a] }));
    const c = await admin.mutation(api.skills.authoring.save, skill("Agent Design", { prerequisites: [b] }));
    // a ← b ← c; making c a prerequisite of a closes the loop.
    const message = await expectAppError(
      admin.mutation(api.skills.authoring.save, { skillId: a, ...skill("Data Literacy", { prerequisites: [c] }) }),
      "INVALID_INPUT",
    );
    expect(message).toMatch(/Agent Design already needs this skill first/);
    await expectAppError(
      admin.mutation(api.skills.authoring.save, { skillId: b, ...skill("Prompt Engineering", { prerequisites: [b] }) }),
      "INVALID_INPUT",
    );
    expect((await skillRow(t, a))?.prerequisites).toEqual([]);
    // The same skill twice is refused; a prerequisite that does not form a loop is kept.
    await expectAppError(
      admin.mutation(api.skills.authoring.save, { skillId: c, ...skill("Agent Design", { prerequisites: [b, b] }) }),
      "INVALID_INPUT",
    );
    await admin.mutation(api.skills.authoring.save, {
      skillId: c,
      ...skill("Agent Design", { prerequisites: [a, b] }),
    });
    expect((await skillRow(t, c))?.prerequisites).toEqual([a, b]);
  });

  test("a parent cycle is refused, and the hierarchy stays four levels deep", async () => {
    const { admin } = await world();
    const top = await admin.mutation(api.skills.authoring.save, skill("AI Skills"));
    const second = await admin.mutation(api.skills.authoring.save, skill("Prompting", { parentSkillId: top }));
    const third = await admin.mutation(api.skills.authoring.save, skill("System Prompts", { parentSkillId: second }));
    expect(
      await expectAppError(
        admin.mutation(api.skills.authoring.save, { skillId: top, ...skill("AI Skills", { parentSkillId: third }) }),
        "INVALID_INPUT",
      ),
    ).toMatch(/System Prompts sits under this skill/);
    await expectAppError(
      admin.mutation(api.skills.authoring.save, { skillId: top, ...skill("AI Skills", { parentSkillId: top }) }),
      "INVALID_INPUT",
    );
    await admin.mutation(api.skills.authoring.save, skill("Role Prompts", { parentSkillId: third }));
    const fifth = skill("Persona Prompts", {
      parentSkillId: (await admin.query(api.skills.authoring.list, {})).find((s) => s.name === "Role Prompts")!._id,
    });
    expect(await expectAppError(admin.mutation(api.skills.authoring.save, fifth), "INVALID_INPUT")).toMatch(
      /at most 4 levels/,
    );
  });

  test("names, addresses and lengths are checked: duplicates, bad slugs, text too long, validity out of range", async () => {
    const { admin } = await world();
    await admin.mutation(api.skills.authoring.save, skill("Prompt Engineering"));
    expect(
      await expectAppError(
        admin.mutation(api.skills.authoring.save, skill("prompt engineering", { slug: "prompting" })),
        "INVALID_INPUT",
      ),
    ).toMatch(/already a skill called Prompt Engineering/);
    expect(
      await expectAppError(
        admin.mutation(api.skills.authoring.save, skill("Prompting", { slug: "prompt-engineering" })),
        "INVALID_INPUT",
      ),
    ).toMatch(/already used by Prompt Engineering/);
    await expectAppError(
      admin.mutation(api.skills.authoring.save, skill("Prompting", { slug: "Prompt Engineering!" })),
      "INVALID_INPUT",
    );
    await expectAppError(admin.mutation(api.skills.authoring.save, skill("x".repeat(121))), "INVALID_INPUT");
    await expectAppError(
      admin.mutation(api.skills.authoring.save, skill("Evaluation", { description: "d".repeat(5_001) })),
      "INVALID_INPUT",
    );
    await expectAppError(
      admin.mutation(api.skills.authoring.save, skill("Evaluation", { badgeValidityMonths: 121 })),
      "INVALID_INPUT",
    );
    await expectAppError(
      admin.mutation(api.skills.authoring.save, skill("Evaluation", { badgeValidityMonths: 1.5 })),
      "INVALID_INPUT",
    );
    // Within the bounds it is saved, the slug lower-cased and the name trimmed.
    const id = await admin.mutation(
      api.skills.authoring.save,
      skill("  Evaluation  ", { slug: "AI-Evaluation", badgeValidityMonths: 0 }),
    );
    expect(await admin.query(api.skills.authoring.get, { skillId: id })).toMatchObject({
      name: "Evaluation",
      slug: "ai-evaluation",
      badgeValidityMonths: 0,
    });
  });

  test("competencies: criteria, evidence types and a passing score; names unique within a skill", async () => {
    const { admin } = await world();
    const prompting = await admin.mutation(api.skills.authoring.save, skill("Prompt Engineering"));
    const id = await admin.mutation(api.skills.authoring.saveCompetency, {
      skillId: prompting,
      ...competency("Write system prompts"),
    });
    await expectAppError(
      admin.mutation(api.skills.authoring.saveCompetency, {
        skillId: prompting,
        ...competency("write SYSTEM prompts"),
      }),
      "INVALID_INPUT",
    );
    await expectAppError(
      admin.mutation(api.skills.authoring.saveCompetency, {
        skillId: prompting,
        ...competency("Few-shot examples", { evidenceTypes: [] }),
      }),
      "INVALID_INPUT",
    );
    await expectAppError(
      admin.mutation(api.skills.authoring.saveCompetency, {
        skillId: prompting,
        ...competency("Few-shot examples", { evidenceTypes: ["project", "project"] }),
      }),
      "INVALID_INPUT",
    );
    for (const passingThreshold of [-1, 101, 70.5])
      await expectAppError(
        admin.mutation(api.skills.authoring.saveCompetency, {
          skillId: prompting,
          ...competency("Few-shot examples", { passingThreshold }),
        }),
        "INVALID_INPUT",
      );
    await expectAppError(
      admin.mutation(api.skills.authoring.saveCompetency, {
        skillId: prompting,
        ...competency("Few-shot examples", { assessmentCriteria: "c".repeat(5_001) }),
      }),
      "INVALID_INPUT",
    );
    await admin.mutation(api.skills.authoring.saveCompetency, {
      skillId: prompting,
      competencyId: id,
      ...competency("Write system prompts", { passingThreshold: 80, isActive: false }),
    });
    const detail = await admin.query(api.skills.authoring.get, { skillId: prompting });
    expect(detail?.competencies).toEqual([
      expect.objectContaining({ name: "Write system prompts", passingThreshold: 80, isActive: false }),
    ]);
  });

  test("a course builds a skill once, at a level and weight; the course page lists what it builds", async () => {
    const { t, admin, courseId } = await world();
    const prompting = await admin.mutation(api.skills.authoring.save, skill("Prompt Engineering"));
    const literacy = await admin.mutation(api.skills.authoring.save, skill("AI Literacy", { category: "strategic" }));
    const hidden = await admin.mutation(api.skills.authoring.save, skill("Old Skill", { isActive: false }));
    await admin.mutation(api.skills.authoring.mapCourse, {
      courseId,
      skillId: literacy,
      skillLevel: "introduces",
      weight: 30,
    });
    const link = await admin.mutation(api.skills.authoring.mapCourse, {
      courseId,
      skillId: prompting,
      skillLevel: "develops",
      weight: 60,
    });
    await admin.mutation(api.skills.authoring.mapCourse, {
      courseId,
      skillId: hidden,
      skillLevel: "masters",
      weight: 10,
    });
    // Mapping the same pair again changes it; it is not stored twice.
    expect(
      await admin.mutation(api.skills.authoring.mapCourse, {
        courseId,
        skillId: prompting,
        skillLevel: "masters",
        weight: 70,
      }),
    ).toBe(link);
    for (const weight of [0, 101, 12.5])
      await expectAppError(
        admin.mutation(api.skills.authoring.mapCourse, {
          courseId,
          skillId: prompting,
          skillLevel: "develops",
          weight,
        }),
        "INVALID_INPUT",
      );
    const page = await t.query(api.catalog.browse.getCourse, { slug: "intensive" });
    expect(page?.skills).toEqual([
      expect.objectContaining({
        name: "Prompt Engineering",
        skillLevel: "masters",
        category: "technical",
        earns: "practitioner",
        advancedWithSignOff: true,
      }),
      expect.objectContaining({
        name: "AI Literacy",
        skillLevel: "introduces",
        category: "strategic",
        earns: "foundational",
        advancedWithSignOff: false,
      }),
    ]);
    // A skill certified only up to Foundational: a course that develops it earns Foundational, no sign-off.
    await admin.mutation(api.skills.authoring.save, {
      skillId: prompting,
      ...skill("Prompt Engineering", { level: "foundational" }),
    });
    expect((await t.query(api.catalog.browse.getCourse, { slug: "intensive" }))?.skills[0]).toMatchObject({
      earns: "foundational",
      advancedWithSignOff: false,
    });
    await admin.mutation(api.skills.authoring.unmapCourse, { courseSkillId: link });
    expect((await t.query(api.catalog.browse.getCourse, { slug: "intensive" }))?.skills.map((s) => s.name)).toEqual([
      "AI Literacy",
    ]);
  });

  test("a course builds at most 20 skills", async () => {
    const { t, admin, courseId } = await world();
    const ids = await t.run(async (ctx) => {
      const out = [];
      for (let i = 0; i < 21; i++)
        out.push(await ctx.db.insert("skills", { ...skill(`Skill ${i}`), sortOrder: i, createdAt: 1, updatedAt: 1 }));
      return out;
    });
    for (const skillId of ids.slice(0, 20))
      await admin.mutation(api.skills.authoring.mapCourse, { courseId, skillId, skillLevel: "introduces", weight: 5 });
    expect(
      await expectAppError(
        admin.mutation(api.skills.authoring.mapCourse, {
          courseId,
          skillId: ids[20],
          skillLevel: "introduces",
          weight: 5,
        }),
        "INVALID_INPUT",
      ),
    ).toMatch(/already builds 20 skills/);
  });

  test("only platform admins author the taxonomy", async () => {
    const { t, courseId } = await world();
    const learner = as(t, await addUser(t, "learner@example.com"));
    await expectAppError(
      learner.mutation(api.skills.authoring.save, skill("Prompt Engineering")),
      "NOT_PLATFORM_ADMIN",
    );
    await expectAppError(learner.query(api.skills.authoring.list, {}), "NOT_PLATFORM_ADMIN");
    const skillId = await t.run(async (ctx) =>
      ctx.db.insert("skills", { ...skill("Prompt Engineering"), sortOrder: 0, createdAt: 1, updatedAt: 1 }),
    );
    await expectAppError(
      learner.mutation(api.skills.authoring.mapCourse, { courseId, skillId, skillLevel: "develops", weight: 50 }),
      "NOT_PLATFORM_ADMIN",
    );
    expect(await t.run(async (ctx) => ctx.db.query("courseSkills").collect())).toEqual([]);
  });
});
