/**
 * The rules of convex/'s shape that keep writes honest: builders come from convex/functions.ts (whose every
 * mutation builder fires the dashboards' triggers), and only enrollments/model/state.ts writes enrollments.
 */
import rateLimiter from "@convex-dev/rate-limiter/test";
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { describe, expect, test } from "vitest";
import type { Id } from "../../convex/_generated/dataModel";
import * as builders from "../../convex/functions";
import schema from "../../convex/schema";
import { as, enrollConfirmed } from "./checkout-helpers";
import { addPlatformAdmin } from "./fixtures";
import { modules } from "./helpers";
import { addUser, seedOrg } from "./org-helpers";

/** Every source file of convex/ (generated code aside), as text. */
const sources = Object.fromEntries(
  Object.entries(
    import.meta.glob("../../convex/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true }) as Record<
      string,
      string
    >,
  )
    .filter(([file]) => !file.includes("/_generated/"))
    .map(([file, text]) => [file.replace("../../convex/", ""), text]),
);

/** The import declarations of a file: what it imports from where, and whether it imports types only. */
function importsOf(text: string) {
  return [...text.matchAll(/import\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/g)].map(
    ([, typeOnly, clause, from]) => ({
      from,
      typeOnly: Boolean(typeOnly),
      names: clause.includes("{")
        ? clause
            .slice(clause.indexOf("{") + 1, clause.lastIndexOf("}"))
            .split(",")
            .map((name) => name.trim())
            .filter(Boolean)
        : [clause.trim()],
    }),
  );
}

const MUTATION_BUILDERS_OF_CONVEX = ["mutationGeneric", "internalMutationGeneric"];

describe("convex/ is built from the wrapped builders", () => {
  test("#16 no module but functions.ts imports a function builder from _generated/server (only types), nor Convex's generic mutation builders", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      if (file === "functions.ts") continue;
      for (const declaration of importsOf(text)) {
        if (/(^|\/)_generated\/server$/.test(declaration.from) && !declaration.typeOnly) {
          const values = declaration.names.filter((name) => !name.startsWith("type "));
          if (values.length > 0) offenders.push(`${file}: ${values.join(", ")} from ${declaration.from}`);
        }
        if (declaration.from === "convex/server") {
          const generic = declaration.names.filter((name) =>
            MUTATION_BUILDERS_OF_CONVEX.includes(name.replace(/^type\s+/, "").split(" as ")[0]),
          );
          if (generic.length > 0) offenders.push(`${file}: ${generic.join(", ")} from convex/server`);
        }
      }
    }
    expect(offenders, "import builders from convex/functions.ts, whose mutations fire the triggers").toEqual([]);
  });

  test("#16 every mutation builder of functions.ts wraps the database with the triggers", () => {
    const text = sources["functions.ts"];
    const customMutations = [...text.matchAll(/customMutation\(\s*(\w+),\s*([\s\S]{0,40})/g)];
    expect(customMutations.length).toBeGreaterThanOrEqual(8);
    for (const [call, , customization] of customMutations) {
      expect(customization.trimStart().startsWith("triggered("), call).toBe(true);
    }
    // The raw builders are used only to build the wrapped ones.
    expect(text.match(/\brawMutation\b/g)?.length).toBe(2); // imported, then bounded
    expect(text.match(/\brawInternalMutation\b/g)?.length).toBe(3); // imported, internalMutation, devInternalMutation
    expect(text).not.toMatch(/export\s*\{[^}]*\binternalMutation\b[^}]*\}/);
  });

  test("#16 the Open Badges code the browser shares (certificates/shared/) imports only packages and itself", () => {
    const shared = Object.entries(sources).filter(([file]) => file.startsWith("certificates/shared/"));
    expect(shared.length).toBeGreaterThanOrEqual(3);
    const reachingOut = shared.flatMap(([file, text]) =>
      importsOf(text)
        .filter((d) => d.from.startsWith(".") && !d.from.startsWith("./"))
        .map((d) => `${file}: ${d.from}`),
    );
    expect(reachingOut, "the browser verifier must not pull in server code or the deployment's settings").toEqual([]);
  });

  test("#16 only enrollments/model/state.ts writes the enrollments table", () => {
    const writers = Object.entries(sources)
      .filter(
        ([file, text]) =>
          file !== "enrollments/model/state.ts" && /db\.(insert|patch|replace|delete)\(\s*"enrollments"/.test(text),
      )
      .map(([file]) => file);
    expect(writers).toEqual([]);
    expect(sources["enrollments/model/state.ts"]).toMatch(/db\.insert\(\s*"enrollments"/);
  });
});

describe("#16 every mutation builder fires the dashboards' triggers", () => {
  type Build = (definition: Record<string, unknown>) => unknown;
  type Ctx = {
    db: { patch: (table: "users", id: Id<"users">, value: { lastActiveAt: number }) => Promise<void> };
    enrollment?: { userId: Id<"users"> };
  };
  /** A write that moves a learner's figures: they were active now. */
  const touch = async (ctx: Ctx, learnerId: Id<"users">) => {
    await ctx.db.patch("users", learnerId, { lastActiveAt: Date.now() });
    return null;
  };
  const learnerArgs = { learnerId: v.id("users") };
  const byArgs = {
    args: learnerArgs,
    handler: (ctx: Ctx, { learnerId }: { learnerId: Id<"users"> }) => touch(ctx, learnerId),
  };
  /** One probe function per mutation builder of functions.ts, built with it. */
  const PROBES: Record<string, (build: Build) => unknown> = {
    mutation: (build) => build(byArgs),
    internalMutation: (build) => build(byArgs),
    userMutation: (build) => build(byArgs),
    platformAdminMutation: (build) => build(byArgs),
    orgMutation: (build) => build(byArgs),
    orgMemberMutation: (build) =>
      build({
        args: {},
        memberAction: "view",
        handler: (ctx: Ctx, { memberId }: { memberId: Id<"users"> }) => touch(ctx, memberId),
      }),
    orgEnrollmentMutation: (build) =>
      build({ args: {}, memberAction: "enroll", handler: (ctx: Ctx) => touch(ctx, ctx.enrollment!.userId) }),
    devInternalMutation: (build) => build({ localFeature: "The probe", ...byArgs }),
  };

  test("each builder's write schedules the refresh of the learner's figures", async () => {
    const builderNames = Object.keys(builders).filter((name) => /mutation$/i.test(name));
    expect(builderNames.sort(), "a new mutation builder needs a probe here").toEqual(Object.keys(PROBES).sort());
    const probeModule = Object.fromEntries(
      Object.entries(PROBES).map(([name, probe]) => [
        name,
        probe(builders[name as keyof typeof builders] as unknown as Build),
      ]),
    );
    const t = convexTest({
      schema,
      modules: { ...modules, "../../convex/triggerProbe.ts": async () => probeModule },
      transactionLimits: true,
    });
    rateLimiter.register(t);
    const { organizationId, adminId, cohortId, courseId } = await seedOrg(t, { seats: 5 });
    const learnerId = await addUser(t, "probe@acme.com", { organizationId, holdsOrgSeat: true });
    const enrollmentId = await enrollConfirmed(t, { userId: learnerId, cohortId, courseId });
    const opsId = await addPlatformAdmin(t);
    const refreshes = async () =>
      (await t.run(async (ctx) => ctx.db.system.query("_scheduled_functions").collect())).filter(
        (job) =>
          job.name === "dashboards/members:refresh" &&
          (job.args[0] as { userIds: string[] }).userIds.includes(learnerId),
      ).length;
    const calls: Record<string, () => Promise<unknown>> = {
      mutation: () => t.mutation(makeFunctionReference<"mutation">("triggerProbe:mutation"), { learnerId }),
      internalMutation: () =>
        t.mutation(makeFunctionReference<"mutation">("triggerProbe:internalMutation"), { learnerId }),
      userMutation: () =>
        as(t, learnerId).mutation(makeFunctionReference<"mutation">("triggerProbe:userMutation"), { learnerId }),
      platformAdminMutation: () =>
        as(t, opsId).mutation(makeFunctionReference<"mutation">("triggerProbe:platformAdminMutation"), { learnerId }),
      orgMutation: () =>
        as(t, adminId).mutation(makeFunctionReference<"mutation">("triggerProbe:orgMutation"), {
          organizationId,
          learnerId,
        }),
      orgMemberMutation: () =>
        as(t, adminId).mutation(makeFunctionReference<"mutation">("triggerProbe:orgMemberMutation"), {
          organizationId,
          memberId: learnerId,
        }),
      orgEnrollmentMutation: () =>
        as(t, adminId).mutation(makeFunctionReference<"mutation">("triggerProbe:orgEnrollmentMutation"), {
          organizationId,
          enrollmentId,
        }),
      devInternalMutation: () =>
        t.mutation(makeFunctionReference<"mutation">("triggerProbe:devInternalMutation"), { learnerId }),
    };
    const missed: string[] = [];
    for (const name of Object.keys(PROBES)) {
      const before = await refreshes();
      await calls[name]();
      if ((await refreshes()) <= before) missed.push(name);
    }
    expect(missed, "builders whose writes bypass the triggers").toEqual([]);
  });
});
