import { makeFunctionReference } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { addPlatformAdmin, assessmentRow, courseRow, userRow } from "./fixtures";
import { authEnv, expectAppError, modules, newTest } from "./helpers";

const email = { to: "learner@example.com", subject: "Your receipt", html: "<p>Thanks</p>", text: "Thanks" };

describe("a deployment that is not in local mode", () => {
  beforeEach(async () => {
    for (const [name, value] of Object.entries(await authEnv())) vi.stubEnv(name, value);
    vi.stubEnv("ACADEMY_LOCAL_MODE", "");
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubEnv("AUTH_RESEND_KEY", "");
  });
  afterEach(() => vi.unstubAllEnvs());

  test("#15.13 without an email key it refuses to send (sign-in links included) and tells platform admins once, in the app", async () => {
    const t = newTest();
    const adminId = await addPlatformAdmin(t);

    const message = await expectAppError(
      t.action(api.auth.signIn, { provider: "resend", params: { email: "ops@academy.test", redirectTo: "/learn" } }),
      "NOT_AVAILABLE",
    );
    expect(message).toMatch(/cannot send email/);
    await expectAppError(t.action(internal.integrations.email.send, email), "NOT_AVAILABLE");

    const facts = await t.run(async (ctx) => ({
      mailbox: await ctx.db.query("devEmails").collect(),
      alerts: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", adminId))
        .collect(),
    }));
    expect(facts.mailbox).toEqual([]);
    expect(facts.alerts.map((n) => n.title)).toEqual(["Email is not being sent"]);
    expect(facts.alerts[0].body).toMatch(/RESEND_API_KEY/);
  });

  test("#15.13 without ACADEMY_LOCAL_MODE=1 the dev mailbox, demo sign-in and seeding do not exist", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      await ctx.db.insert("devEmails", { ...email, createdAt: 1 });
    });
    await expectAppError(t.query(api.dev.mailbox.list, {}), "NOT_AVAILABLE");
    await expectAppError(t.query(api.dev.demo.accounts, {}), "NOT_AVAILABLE");
    await expectAppError(t.mutation(internal.dev.seed.run, {}), "NOT_AVAILABLE");
    await expectAppError(t.mutation(internal.dev.mailbox.deliver, email), "NOT_AVAILABLE");
    expect(await t.query(api.users.account.signInOptions, {})).toEqual({ google: false, localMode: false });
    expect(await t.run(async (ctx) => ctx.db.query("courses").first())).toBeNull();
  });

  test("#16 every entry point of convex/dev/ refuses without ACADEMY_LOCAL_MODE=1 before it reads or writes anything", async () => {
    const t = newTest();
    const ids = await t.run(async (ctx) => {
      await ctx.db.insert("devEmails", { ...email, createdAt: 1 });
      const courseId = await ctx.db.insert("courses", courseRow());
      const cohortId = await ctx.db.insert("cohorts", {
        courseId,
        name: "Cohort",
        startDate: 1,
        endDate: 2,
        maxCapacity: 20,
        currentEnrollment: 0,
        status: "completed",
        isB2B: true,
        timezone: "UTC",
        createdAt: 1,
        updatedAt: 1,
      });
      const assessmentId = await ctx.db.insert("assessments", assessmentRow(courseId, "pre_course"));
      // An id of the users table whose row is gone again: no person exists, so none can be written to.
      const userId = await ctx.db.insert("users", userRow("gone@example.com"));
      await ctx.db.delete("users", userId);
      return { cohortId, assessmentId, userId };
    });
    // Arguments that pass each function's validator, so that only the local-mode check can refuse it.
    const CALLS: Record<string, Record<string, unknown>> = {
      "dev/mailbox:deliver": email,
      "dev/mailbox:list": { to: "learner@example.com" },
      "dev/demo:accounts": {},
      "dev/seed:run": {},
      "dev/seed:takeAssessments": {
        preId: ids.assessmentId,
        postId: ids.assessmentId,
        instructorId: ids.userId,
        cohortId: ids.cohortId,
        enrollmentIds: [],
        seed: 1,
        now: 3,
      },
    };
    type Registered = { isQuery?: boolean; isMutation?: boolean; isAction?: boolean };
    const found = new Map<string, Registered>();
    for (const [file, load] of Object.entries(modules)) {
      const match = /\/convex\/(dev\/.+)\.tsx?$/.exec(file);
      if (!match) continue;
      for (const [name, fn] of Object.entries((await load()) as Record<string, Registered>)) {
        if (fn?.isQuery || fn?.isMutation || fn?.isAction) found.set(`${match[1]}:${name}`, fn);
      }
    }
    // A new entry point of the local-mode area needs a row above (and so this check).
    expect([...found.keys()].sort()).toEqual(Object.keys(CALLS).sort());
    for (const [path, args] of Object.entries(CALLS)) {
      const fn = found.get(path)!;
      const call = fn.isQuery
        ? t.query(makeFunctionReference<"query">(path), args)
        : fn.isMutation
          ? t.mutation(makeFunctionReference<"mutation">(path), args)
          : t.action(makeFunctionReference<"action">(path), args);
      await expectAppError(call, "NOT_AVAILABLE");
    }
    const facts = await t.run(async (ctx) => ({
      emails: (await ctx.db.query("devEmails").collect()).length,
      users: (await ctx.db.query("users").collect()).length,
      attendance: (await ctx.db.query("sessionAttendance").collect()).length,
      certificates: (await ctx.db.query("certificates").collect()).length,
    }));
    expect(facts).toEqual({ emails: 1, users: 0, attendance: 0, certificates: 0 });
  });

  test("#15.13 local mode is the explicit flag alone: with ACADEMY_LOCAL_MODE=1 a real Resend key is never used, mail stays in the dev mailbox", async () => {
    vi.stubEnv("ACADEMY_LOCAL_MODE", "1");
    vi.stubEnv("RESEND_API_KEY", "re_live_key");
    const fetchSpy = vi.fn(async () => new Response("{}", { status: 500 }));
    vi.stubGlobal("fetch", fetchSpy);
    try {
      const t = newTest();
      await t.action(internal.integrations.email.send, email);
      expect(await t.query(api.dev.mailbox.list, { to: "learner@example.com" })).toHaveLength(1);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(await t.query(api.users.account.signInOptions, {})).toEqual({ google: false, localMode: true });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
