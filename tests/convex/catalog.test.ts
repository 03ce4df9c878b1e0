/** The public catalogue that the server-rendered course, cohort and sitemap pages read. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { newTest } from "./helpers";

const NOW = Date.UTC(2026, 10, 22, 10);

async function seeded() {
  const t = newTest();
  await t.mutation(internal.dev.seed.run, { now: NOW });
  return t;
}

// Seeding the whole academy takes a few seconds on a busy 2-core machine.
describe("catalog pages", { timeout: 60_000 }, () => {
  // The seed schedules reminders and certificate batches; they are not what these tests are about.
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  test("#23 a cohort URL with a malformed or foreign id is no such cohort (a 404), not a server error", async () => {
    const t = await seeded();
    const courseId = await t.run(async (ctx) => (await ctx.db.query("courses").first())!._id);
    expect(await t.query(api.catalog.browse.getCohort, { cohortId: "not-a-cohort-id" })).toBeNull();
    // A real id of another table is no cohort either.
    expect(await t.query(api.catalog.browse.getCohort, { cohortId: courseId })).toBeNull();
    const intensive = await t.query(api.catalog.browse.getCourse, { slug: "ai-enablement-intensive" });
    expect((await t.query(api.catalog.browse.getCohort, { cohortId: intensive!.cohorts[0]._id }))?.cohort.name).toBe(
      intensive!.cohorts[0].name,
    );
  });

  test("the sitemap lists published courses and open public cohorts only", async () => {
    const t = await seeded();
    const { courses, cohorts } = await t.query(api.catalog.browse.sitemap, {});
    const facts = await t.run(async (ctx) => ({
      published: (await ctx.db.query("courses").collect()).filter((c) => c.status === "published").map((c) => c.slug),
      listable: (await ctx.db.query("cohorts").collect())
        .filter((c) => c.status === "open" && !c.isB2B)
        .map((c) => c._id),
      unlisted: (await ctx.db.query("cohorts").collect())
        .filter((c) => c.status !== "open" || c.isB2B)
        .map((c) => c._id),
    }));
    expect(courses.map((c) => c.slug).sort()).toEqual(facts.published.sort());
    expect(cohorts.map((c) => c._id).sort()).toEqual(facts.listable.sort());
    expect(facts.unlisted.length).toBeGreaterThan(0);
    for (const id of facts.unlisted) expect(cohorts.map((c) => c._id)).not.toContain(id);

    // Unpublishing a course takes it and its cohorts off the list.
    const slug = "ai-enablement-intensive";
    await t.run(async (ctx) => {
      const course = (await ctx.db
        .query("courses")
        .withIndex("by_slug", (q) => q.eq("slug", slug))
        .unique())!;
      await ctx.db.patch("courses", course._id, { status: "draft" });
    });
    const after = await t.query(api.catalog.browse.sitemap, {});
    expect(after.courses.map((c) => c.slug)).not.toContain(slug);
    expect(after.cohorts.length).toBeLessThan(cohorts.length);
  });
});
