/**
 * #16 Data migrations run on `@convex-dev/migrations`: refreshDashboardMembers fills the dashboard rows of organization
 * members who have none (a deployment that had members before dashboards existed), in batches, and only theirs.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { internal } from "../../convex/_generated/api";
import { runScheduled } from "./checkout-helpers";
import { newTest } from "./helpers";
import { addUser, seedOrg } from "./org-helpers";

describe("migrations", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("refreshDashboardMembers gives every organization member their dashboard rows, and nobody else", async () => {
    const t = newTest();
    const { organizationId } = await seedOrg(t);
    const members = [];
    for (let i = 0; i < 7; i++) members.push(await addUser(t, `member${i}@acme.test`, { organizationId }));
    const outsider = await addUser(t, "outsider@example.com");
    // Rows written before the dashboards existed: none. (Triggers would have made them; clear what they made.)
    await runScheduled(t);
    await t.run(async (ctx) => {
      for (const row of await ctx.db.query("memberStats").collect()) await ctx.db.delete("memberStats", row._id);
    });

    await t.mutation(internal.migrations.run, { fn: "migrations:refreshDashboardMembers", batchSize: 3 });
    for (let i = 0; i < 10; i++) await runScheduled(t, 1000);

    const rows = await t.run(async (ctx) => await ctx.db.query("memberStats").collect());
    const covered = new Set(rows.map((row) => row.userId));
    for (const member of members) expect(covered.has(member)).toBe(true);
    expect(covered.has(outsider)).toBe(false);
  });
});
