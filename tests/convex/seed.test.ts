import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { newTest } from "./helpers";

describe("demo academy seed", () => {
  test("creates a believable academy once, with seat counts that match enrollments", async () => {
    const t = newTest();
    const now = Date.UTC(2026, 10, 22, 10);
    const first = await t.mutation(internal.dev.seed.run, { now });
    expect(first).toMatchObject({ seeded: true, courses: 7, cohorts: 13 });
    expect(await t.mutation(internal.dev.seed.run, { now })).toMatchObject({ seeded: false });

    const facts = await t.run(async (ctx) => {
      const cohorts = await ctx.db.query("cohorts").collect();
      const mismatches = [];
      for (const cohort of cohorts) {
        const enrolled = await ctx.db
          .query("enrollments")
          .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohort._id))
          .collect();
        if (enrolled.length !== cohort.currentEnrollment) mismatches.push(cohort.name);
        if (cohort.currentEnrollment > cohort.maxCapacity) mismatches.push(`${cohort.name} overbooked`);
      }
      const statuses = [...new Set(cohorts.map((c) => c.status))];
      const acme = await ctx.db
        .query("organizations")
        .withIndex("by_domain", (q) => q.eq("domain", "acme.com"))
        .unique();
      const teams = await ctx.db
        .query("teams")
        .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", acme!._id))
        .collect();
      const members = await ctx.db
        .query("users")
        .withIndex("by_organizationId", (q) => q.eq("organizationId", acme!._id))
        .collect();
      return { mismatches, statuses, teams: teams.length, members: members.length, acme };
    });
    expect(facts.mismatches).toEqual([]);
    expect(facts.statuses.sort()).toEqual(["cancelled", "completed", "in_progress", "open", "scheduled"]);
    expect(facts.teams).toBe(3);
    expect(facts.members).toBeGreaterThanOrEqual(40);
    expect(facts.acme!.seatsUsed).toBeLessThanOrEqual(facts.acme!.seatsPurchased);

    const catalog = await t.query(api.catalog.browse.listCourses, {});
    const intensive = await t.query(api.catalog.browse.getCourse, { slug: "ai-enablement-intensive" });
    expect(catalog.length).toBe(7);
    expect(intensive?.days.map((d) => d.sessions.map((s) => s.type).join(","))).toEqual([
      "S,MM,W,CAP,IO",
      "MM,W,CAP,IO,S",
    ]);
    const seats = intensive!.cohorts.map((c) => c.seatsLeft);
    expect(seats).toContain(0); // one full cohort
    expect(seats).toContain(2); // one nearly full
    const page = await t.query(api.catalog.browse.getCohort, { cohortId: intensive!.cohorts[0]._id });
    expect(page?.sessions).toHaveLength(10);
    expect(page?.instructorName).toBe("Maya Chen");
    const privateCohort = await t.run(
      async (ctx) => (await ctx.db.query("cohorts").collect()).find((c) => c.isB2B)!._id,
    );
    expect(await t.query(api.catalog.browse.getCohort, { cohortId: privateCohort })).toBeNull();
  });
});

describe("demo assessments", () => {
  test("the finished Acme cohort took the flagship's pre- and post-course assessments through the learners' helpers: gains, graded open answers and certificates", async () => {
    vi.stubEnv("AI_API_KEY", "");
    const t = newTest();
    const now = Date.UTC(2026, 10, 22, 10);
    await t.mutation(internal.dev.seed.run, { now });
    for (let i = 0; i < 40; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await t.finishInProgressScheduledFunctions();
    }
    const facts = await t.run(async (ctx) => {
      const gains = await ctx.db.query("learningGainAnalytics").collect();
      const changes = await ctx.db.query("gradeChanges").collect();
      const attempts = await ctx.db.query("assessmentAttempts").collect();
      const certificates = (await ctx.db.query("certificates").collect()).filter((c) => c.kind === "course");
      return { gains, changes, attempts, certificates };
    });
    expect(facts.gains).toHaveLength(14);
    expect(facts.gains.map((g) => [g.preScore < g.postScore, g.normalizedGain <= 1, g.skillGains.length])).toEqual(
      facts.gains.map(() => [true, true, 2]),
    );
    expect(facts.attempts.every((a) => a.status === "graded" && a.score !== undefined)).toBe(true);
    // Each open answer was graded by the instructor (two per learner).
    expect(facts.changes).toHaveLength(28);
    // Certificates for those who attended enough and passed; one expired, one revoked.
    expect(facts.certificates.length).toBeGreaterThanOrEqual(2);
    expect(facts.certificates.filter((c) => c.revokedAt !== undefined)).toHaveLength(1);
    expect(facts.certificates.filter((c) => c.expiresAt !== undefined && c.expiresAt < now)).toHaveLength(1);
  });
});
