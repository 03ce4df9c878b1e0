/**
 * #18 Intake survey: a learner's answers for their own confirmed seat, seen by the cohort's instructor and admins only.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import { as, enrollConfirmed, seedCohort } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";
import { addUser } from "./org-helpers";

async function fixture() {
  const t = newTest();
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 2 });
  const [ada, bob] = buyers;
  const instructor = await addUser(t, "maya@academy.example");
  const otherInstructor = await addUser(t, "noor@academy.example");
  const admin = await addUser(t, "priya@academy.example");
  await t.run(async (ctx) => {
    await ctx.db.patch("cohorts", cohortId, { instructorId: instructor });
    await ctx.db.patch("users", admin, { role: "platform_admin" });
    await ctx.db.patch("users", ada, { title: "Analyst", company: "Globex" });
  });
  const adaSeat = await enrollConfirmed(t, { userId: ada, cohortId, courseId });
  const bobSeat = await enrollConfirmed(t, { userId: bob, cohortId, courseId });
  return { t, cohortId, ada, bob, adaSeat, bobSeat, instructor, otherInstructor, admin };
}

const ANSWERS = {
  jobRole: "Operations analyst",
  aiExperience: "tried" as const,
  goals: "Automate the weekly sales report.",
};

describe("intake survey", () => {
  test("a learner answers for their seat; the instructor and admins see it, live on their roster, and the seat is marked completed", async () => {
    const { t, cohortId, ada, adaSeat, instructor, admin } = await fixture();
    const before = await as(t, instructor).query(api.learning.intake.forCohort, { cohortId });
    expect(before).toEqual([
      { enrollmentId: adaSeat, name: "Buyer 0", title: "Analyst", company: "Globex", answers: null },
      expect.objectContaining({ name: "Buyer 1", answers: null }),
    ]);
    expect((await as(t, ada).query(api.learning.cohorts.myCohorts, {}))[0].intakeSurveyCompleted).toBe(false);

    await as(t, ada).mutation(api.learning.intake.submit, {
      enrollmentId: adaSeat,
      ...ANSWERS,
      goals: `  ${ANSWERS.goals}  `,
    });
    for (const viewer of [instructor, admin]) {
      const rows = await as(t, viewer).query(api.learning.intake.forCohort, { cohortId });
      expect(rows![0].answers).toEqual({ ...ANSWERS, submittedAt: expect.any(Number) });
    }
    expect((await as(t, ada).query(api.learning.cohorts.myCohorts, {}))[0].intakeSurveyCompleted).toBe(true);

    // Answers can be changed later.
    await as(t, ada).mutation(api.learning.intake.submit, {
      enrollmentId: adaSeat,
      ...ANSWERS,
      aiExperience: "weekly",
    });
    expect((await as(t, instructor).query(api.learning.intake.forCohort, { cohortId }))![0].answers!.aiExperience).toBe(
      "weekly",
    );
  });

  test("nobody answers for someone else's seat, nor for a seat not yet paid", async () => {
    const { t, ada, bobSeat, adaSeat } = await fixture();
    await expectAppError(
      as(t, ada).mutation(api.learning.intake.submit, { enrollmentId: bobSeat, ...ANSWERS }),
      "NOT_FOUND",
    );
    await t.run(async (ctx) => await ctx.db.patch("enrollments", adaSeat, { paymentStatus: "pending" }));
    await expectAppError(
      as(t, ada).mutation(api.learning.intake.submit, { enrollmentId: adaSeat, ...ANSWERS }),
      "NOT_FOUND",
    );
    const stored = await t.run(async (ctx) => await ctx.db.get("enrollments", bobSeat));
    expect(stored!.intakeSurvey).toBeUndefined();
  });

  test("answers are required and bounded", async () => {
    const { t, ada, adaSeat } = await fixture();
    expect(
      await expectAppError(
        as(t, ada).mutation(api.learning.intake.submit, { enrollmentId: adaSeat, ...ANSWERS, jobRole: "  " }),
        "INVALID_INPUT",
      ),
    ).toMatch(/Please enter your role/);
    expect(
      await expectAppError(
        as(t, ada).mutation(api.learning.intake.submit, {
          enrollmentId: adaSeat,
          ...ANSWERS,
          goals: "x".repeat(2_001),
        }),
        "INVALID_INPUT",
      ),
    ).toMatch(/too long/);
    expect((await t.run(async (ctx) => await ctx.db.get("enrollments", adaSeat)))!.intakeSurveyCompleted).toBe(false);
  });

  test("other learners and other instructors see nothing", async () => {
    const { t, cohortId, ada, adaSeat, bob, otherInstructor } = await fixture();
    await as(t, ada).mutation(api.learning.intake.submit, { enrollmentId: adaSeat, ...ANSWERS });
    expect(await as(t, bob).query(api.learning.intake.forCohort, { cohortId })).toBeNull();
    expect(await as(t, otherInstructor).query(api.learning.intake.forCohort, { cohortId })).toBeNull();
    expect(await t.query(api.learning.intake.forCohort, { cohortId })).toBeNull();
  });
});
