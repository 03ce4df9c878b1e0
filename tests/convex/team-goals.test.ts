/**
 * Team goals (#19): a manager of the team or an administrator sets target courses, paths and skills and a deadline;
 * the team's progress, pace, at-risk figures, deadline reminders and the compliance report follow the goal. Viewers
 * and managers of other teams cannot set it.
 */
import ExcelJS from "exceljs";
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, type T } from "./checkout-helpers";
import { courseRow } from "./fixtures";
import { expectAppError, newTest, restoreFakes, settleReports } from "./helpers";
import { addTeamLearner, addUser, makeManager, seedOrg } from "./org-helpers";

const DAY = 24 * 60 * 60 * 1000;
afterEach(restoreFakes);

/** Lets scheduled refreshes (and what they schedule) run. */
async function settle(t: T) {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.finishInProgressScheduledFunctions();
  }
}

/**
 * Acme: Sales (ada, bob) and Support (cy), all in the open cohort of the intensive (its first session held, ada
 * attended it). Another published course, "Strategy", nobody took; a path whose one required course is Strategy; a
 * skill, Prompt Engineering, in which ada is Foundational.
 */
async function fixture() {
  const t = newTest();
  const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 10 });
  const admin = as(t, adminId);
  const sales = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Sales" });
  const support = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Support" });
  const people: Record<string, Id<"users">> = {};
  for (const [name, teamId] of [
    ["ada", sales],
    ["bob", sales],
    ["cy", support],
  ] as const)
    people[name] = (
      await addTeamLearner(t, admin, `${name}@acme.com`, { organizationId, teamId, cohortId, courseId })
    ).userId;
  const ids = await t.run(async (ctx) => {
    const held = Date.now() - DAY;
    const sessionId = await ctx.db.insert("cohortSessions", {
      cohortId,
      title: "Day 1",
      type: "W",
      startsAt: held,
      endsAt: held + 3_600_000,
      status: "scheduled",
      sequence: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await ctx.db.insert("cohortSessions", {
      cohortId,
      title: "Day 2",
      type: "W",
      startsAt: Date.now() + 5 * DAY,
      endsAt: Date.now() + 5 * DAY + 3_600_000,
      status: "scheduled",
      sequence: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    const enrollment = (await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", people.ada))
      .first())!;
    await ctx.db.insert("sessionAttendance", {
      cohortSessionId: sessionId,
      cohortId,
      enrollmentId: enrollment._id,
      userId: people.ada,
      status: "present",
      source: "instructor",
      updatedAt: 1,
    });
    const strategy = await ctx.db.insert("courses", courseRow({ title: "Strategy", slug: "strategy" }));
    const draft = await ctx.db.insert("courses", courseRow({ title: "Draft", slug: "draft", status: "draft" }));
    const pathId = await ctx.db.insert("learningPaths", {
      title: "Leadership Track",
      slug: "leadership",
      description: "",
      shortDescription: "",
      targetAudience: "team",
      estimatedDuration: "4 weeks",
      totalCourses: 1,
      totalHours: 10,
      skillIds: [],
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
      courseId: strategy,
      stepNumber: 1,
      isRequired: true,
      unlockRule: "immediate",
      createdAt: 1,
    });
    const skillId = await ctx.db.insert("skills", {
      name: "Prompt Engineering",
      slug: "prompt-engineering",
      description: "",
      category: "technical",
      level: "expert",
      isActive: true,
      sortOrder: 0,
      createdAt: 1,
      updatedAt: 1,
    });
    await ctx.db.insert("userSkillProgress", {
      userId: people.ada,
      skillId,
      currentLevel: "foundational",
      progressPercent: 0,
      evidenceCount: 1,
      verifiedByInstructor: false,
      createdAt: 1,
      updatedAt: 1,
    });
    return { strategy, draft, pathId, skillId };
  });
  await t.mutation(internal.dashboards.members.refresh, { userIds: [people.ada, people.bob, people.cy] });
  const sam = await addUser(t, "sam@acme.com", { organizationId });
  await makeManager(
    t,
    sam,
    organizationId,
    "manager",
    ["view_progress", "view_analytics", "export_reports", "send_reminders"],
    [sales],
  );
  const lee = await addUser(t, "lee@acme.com", { organizationId });
  await makeManager(t, lee, organizationId, "viewer", ["view_progress", "view_analytics"]);
  const pat = await addUser(t, "pat@acme.com", { organizationId });
  await makeManager(t, pat, organizationId, "manager", ["view_progress"], [support]);
  return { t, organizationId, admin, adminId, courseId, sales, support, people, sam, lee, pat, ...ids };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

async function teamRow(f: Fixture, userId: Id<"users">, teamId?: Id<"teams">) {
  return await f.t.run(async (ctx) =>
    (
      await ctx.db
        .query("memberStats")
        .withIndex("by_userId", (q) => q.eq("userId", userId))
        .collect()
    ).find((r) => r.teamId === teamId),
  );
}

const goal = (f: Fixture, extra: Record<string, unknown> = {}) => ({
  organizationId: f.organizationId,
  teamId: f.sales,
  courseIds: [] as Array<Id<"courses">>,
  pathIds: [] as Array<Id<"learningPaths">>,
  skillIds: [] as Array<Id<"skills">>,
  skillLevel: "practitioner" as const,
  deadline: null as number | null,
  ...extra,
});

describe("team goals", () => {
  test("a goal set on the dashboard drives the team's progress and pace, live, and leaves the organization's alone", async () => {
    const f = await fixture();
    const { t, people } = f;
    const sam = as(t, f.sam);
    const team = () => sam.query(api.dashboards.views.team, { organizationId: f.organizationId, teamId: f.sales });
    // Before: the course's own pace (ada attended the held session, bob did not).
    expect((await teamRow(f, people.ada, f.sales))!.pace).toBe("on_track");
    expect((await team()).figures.pace).toMatchObject({ on_track: 1, behind: 1 });

    // Sam sets a goal: Strategy (nobody took it) and Prompt Engineering at Practitioner, due in 10 days.
    vi.useFakeTimers({ toFake: ["Date"] });
    const setAt = Date.now();
    await sam.mutation(
      api.dashboards.goals.set,
      goal(f, { courseIds: [f.strategy], skillIds: [f.skillId], deadline: setAt + 10 * DAY }),
    );
    await settle(t);
    // ada: Strategy 0 %, Prompt Engineering Foundational of Practitioner 50 % → 25 %; nothing expected yet.
    expect(await teamRow(f, people.ada, f.sales)).toMatchObject({
      progressPercent: 25,
      pace: "on_track",
      inProgress: 1,
      nextDeadline: setAt + 10 * DAY,
      goal: { progressPercent: 25, met: false, deadline: setAt + 10 * DAY },
    });
    expect(await teamRow(f, people.bob, f.sales)).toMatchObject({ progressPercent: 0, pace: "not_started" });
    expect((await team()).figures).toMatchObject({ avgProgress: 13, pace: { on_track: 1, not_started: 1 } });
    // The organization's row keeps the member's own pace, and notes the goal for reports.
    expect(await teamRow(f, people.ada)).toMatchObject({ pace: "on_track", goal: { progressPercent: 25, met: false } });
    // Support has no goal: cy's team row is as before.
    expect((await teamRow(f, people.cy, f.support))!.goal).toBeUndefined();

    // Six days on, the daily refresh moves the pace with the calendar: both are behind (60 % of the time gone).
    vi.setSystemTime(setAt + 6 * DAY);
    await t.mutation(internal.dashboards.reminders.goalPace, { organizationId: f.organizationId });
    await settle(t);
    expect((await team()).figures.pace).toMatchObject({ behind: 2 });
    const behind = await sam.query(api.dashboards.reminders.preview, {
      organizationId: f.organizationId,
      targetType: "behind_schedule",
      teamIds: [f.sales],
    });
    expect(behind).toBe(2);
  });

  test("meeting the goal completes it; a path's required courses count; the deadline reminder goes to those not done", async () => {
    const f = await fixture();
    const { t, people } = f;
    const admin = f.admin;
    await admin.mutation(api.dashboards.goals.set, goal(f, { pathIds: [f.pathId], deadline: Date.now() + 2.5 * DAY }));
    await settle(t);
    expect(await teamRow(f, people.ada, f.sales)).toMatchObject({ progressPercent: 0, goal: { met: false } });
    // ada completes Strategy (the path's required course): her goal is met.
    await t.run(async (ctx) => {
      const cohortId = await ctx.db.insert("cohorts", {
        courseId: f.strategy,
        name: "Strategy (done)",
        startDate: 1,
        endDate: 2,
        maxCapacity: 10,
        currentEnrollment: 1,
        status: "completed",
        isB2B: false,
        createdAt: 1,
        updatedAt: 1,
      });
      const enrollment = (await ctx.db
        .query("enrollments")
        .withIndex("by_userId_and_courseId", (q) => q.eq("userId", people.ada))
        .first())!;
      const { _id, _creationTime, ...row } = enrollment;
      const enrollmentId = await ctx.db.insert("enrollments", { ...row, cohortId, courseId: f.strategy });
      await ctx.db.insert("certificates", {
        enrollmentId,
        userId: people.ada,
        courseId: f.strategy,
        cohortId,
        issuedAt: 1,
        kind: "course",
        publicId: "strategy-ada",
        issueStatus: "issued",
        verificationUrl: "x",
        linkedInShareUrl: "x",
        badgeData: {
          credentialId: "urn:uuid:x",
          type: [],
          issuerId: "",
          issuerName: "",
          achievementId: "",
          name: "Strategy",
          description: "",
          criteriaNarrative: "",
          validFrom: "",
        },
        createdAt: 1,
      });
      void _id;
      void _creationTime;
    });
    await t.mutation(internal.dashboards.members.refresh, { userIds: [people.ada] });
    expect(await teamRow(f, people.ada, f.sales)).toMatchObject({
      progressPercent: 100,
      pace: "completed",
      inProgress: 0,
      goal: { met: true },
    });
    expect((await teamRow(f, people.ada, f.sales))!.nextDeadline).toBeUndefined();
    // The deadline is in 3 days: bob, not done, is reminded; ada, done, is not; Sales' managers are told.
    await t.mutation(internal.dashboards.reminders.deadlineReminder, { organizationId: f.organizationId });
    const titles = async (userId: Id<"users">) =>
      (
        await t.run(async (ctx) =>
          ctx.db
            .query("notifications")
            .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
            .collect(),
        )
      ).map((n) => n.title);
    expect(await titles(people.bob)).toContain("3 days to your team's learning deadline");
    expect(await titles(people.ada)).not.toContain("3 days to your team's learning deadline");
    expect(await titles(f.sam)).toContain("Sales: deadline in 3 days");
    expect(await titles(f.pat)).not.toContain("Sales: deadline in 3 days");
  });

  test("members who go quiet with a goal to meet count as at risk on the team dashboard", async () => {
    const f = await fixture();
    const { t, people } = f;
    await t.run(async (ctx) => {
      for (const userId of [people.ada, people.bob])
        await ctx.db.patch("users", userId, { lastActiveAt: Date.now() - 10 * DAY });
    });
    // Take them out of the cohort's progress: only the goal keeps them "in progress".
    await t.run(async (ctx) => {
      for (const cohort of await ctx.db.query("cohorts").collect())
        await ctx.db.patch("cohorts", cohort._id, { status: "completed" });
    });
    await settle(t);
    const team = () =>
      as(t, f.sam).query(api.dashboards.views.team, { organizationId: f.organizationId, teamId: f.sales });
    expect((await team()).figures.atRisk).toBe(0);
    await as(t, f.sam).mutation(api.dashboards.goals.set, goal(f, { courseIds: [f.strategy] }));
    await settle(t);
    expect((await team()).figures.atRisk).toBe(2);
  });

  test("only a manager of the team or an administrator sets it; targets and the deadline are checked", async () => {
    const f = await fixture();
    const { t } = f;
    const set = (userId: Id<"users">, extra: Record<string, unknown>) =>
      as(t, userId).mutation(api.dashboards.goals.set, goal(f, extra));
    const inTenDays = Date.now() + 10 * DAY;
    expect(await expectAppError(set(f.lee, { courseIds: [f.strategy] }), "FORBIDDEN")).toMatch(/Viewers can see/);
    await expectAppError(set(f.pat, { courseIds: [f.strategy] }), "OUTSIDE_TEAM_SCOPE");
    await expectAppError(set(f.people.ada, { courseIds: [f.strategy] }), "FORBIDDEN");
    await expectAppError(set(f.sam, { courseIds: [f.draft] }), "NOT_FOUND");
    await expectAppError(set(f.sam, { courseIds: [f.strategy, f.strategy] }), "INVALID_INPUT");
    await expectAppError(set(f.sam, { courseIds: [f.strategy], deadline: Date.now() - DAY }), "INVALID_INPUT");
    await expectAppError(
      set(f.sam, { courseIds: [f.strategy], deadline: Date.now() + 4 * 365 * DAY }),
      "INVALID_INPUT",
    );
    await expectAppError(set(f.sam, { deadline: inTenDays }), "INVALID_INPUT");
    // The viewer still sees it; the goal keeps its start when only changed; clearing it puts the course pace back.
    await set(f.sam, { courseIds: [f.strategy], deadline: inTenDays });
    const read = () =>
      as(t, f.lee).query(api.dashboards.goals.forTeam, { organizationId: f.organizationId, teamId: f.sales });
    const first = await read();
    expect(first).toMatchObject({
      canEdit: false,
      goal: { courses: [{ _id: f.strategy, name: "Strategy" }], deadline: inTenDays, setBy: "sam" },
    });
    await set(f.adminId, {
      courseIds: [f.strategy],
      skillIds: [f.skillId],
      skillLevel: "advanced",
      deadline: inTenDays,
    });
    expect((await read()).goal).toMatchObject({ setAt: first.goal!.setAt, skillLevel: "advanced" });
    await set(f.sam, {});
    expect((await read()).goal).toBeNull();
    await settle(t);
    expect((await teamRow(f, f.people.ada, f.sales))!.goal).toBeUndefined();
    const log = await t.run(async (ctx) => ctx.db.query("organizationAuditLog").collect());
    expect(
      log.filter((e) => e.action === "team_updated" && e.details?.startsWith("Goal")).map((e) => e.details),
    ).toEqual([
      expect.stringMatching(/^Goal of Sales: 1 courses, 0 paths, 0 skills, due /),
      expect.stringMatching(/^Goal of Sales: 1 courses, 0 paths, 1 skills, due /),
      "Goal of Sales cleared",
    ]);
  });

  test("the compliance report says who met the team's goal, with its progress and due date", async () => {
    const f = await fixture();
    const { t } = f;
    const deadline = Date.now() + 60 * DAY;
    const due = new Date(deadline).toISOString().slice(0, 10);
    await as(t, f.sam).mutation(
      api.dashboards.goals.set,
      goal(f, { skillIds: [f.skillId], skillLevel: "foundational", deadline }),
    );
    await settle(t);
    await as(t, f.sam).mutation(api.dashboards.reports.create, {
      organizationId: f.organizationId,
      name: "Sales compliance",
      reportType: "compliance",
      teamIds: [f.sales],
    });
    await settleReports(t);
    const run = await t.run(async (ctx) =>
      (await ctx.db.query("reportRuns").collect()).find((r) => r.status === "done"),
    );
    const bytes = await t.run(async (ctx) => await (await ctx.storage.get(run!.fileId!))!.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet("Compliance")!;
    const rows = new Map<string, unknown[]>();
    for (let i = 2; i <= sheet.rowCount; i++) {
      const values = (sheet.getRow(i).values as unknown[]).slice(1);
      rows.set(String(values[0]), values);
    }
    // ada is Foundational in the target skill: met, 100 %; bob is not.
    expect(rows.get("ada")!.slice(8)).toEqual([100, due, "Yes"]);
    expect(rows.get("bob")!.slice(8)).toEqual([0, due, "No"]);
  });
});
