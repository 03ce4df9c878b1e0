import { describe, expect, test } from "vitest";
import { getTotals, ORG_TOTALS_SHARDS, totalsShard } from "../../convex/dashboards/model/memberStats";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, type T } from "./checkout-helpers";
import { giveLearningGain } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addTeamLearner, addUser, makeManager, seedOrg } from "./org-helpers";

const DAY = 24 * 60 * 60 * 1000;

/** Lets scheduled refreshes (and what they schedule) run. */
async function settle(t: T) {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.finishInProgressScheduledFunctions();
  }
}

/** An org with two teams (Sales: ada, bob; Support: cy), a cohort of two course sessions with two lessons each. */
async function fixture() {
  const t = newTest();
  const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 10 });
  const admin = as(t, adminId);
  const { lessons, sessionIds } = await t.run(async (ctx) => {
    const lessons: Id<"lessons">[] = [];
    const sessionIds: Id<"cohortSessions">[] = [];
    for (const day of [1, 2]) {
      const sessionId = await ctx.db.insert("sessions", {
        courseId,
        title: `Day ${day}`,
        type: "IO",
        dayNumber: day,
        orderInDay: 1,
        durationMinutes: 90,
        description: "",
        outcomes: [],
        createdAt: 1,
      });
      for (const order of [0, 1]) {
        lessons.push(
          await ctx.db.insert("lessons", {
            sessionId,
            title: `Lesson ${day}.${order}`,
            description: "",
            orderInSession: order,
            durationMinutes: 15,
            createdAt: 1,
          }),
        );
      }
      const startsAt = Date.now() + day * DAY;
      sessionIds.push(
        await ctx.db.insert("cohortSessions", {
          cohortId,
          courseSessionId: sessionId,
          title: `Day ${day}`,
          type: "IO",
          startsAt,
          endsAt: startsAt + 90 * 60 * 1000,
          status: "scheduled",
          sequence: 0,
          createdAt: 1,
          updatedAt: 1,
        }),
      );
    }
    return { lessons, sessionIds };
  });
  const sales = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Sales" });
  const support = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Support" });
  const people: Record<string, Id<"users">> = {};
  for (const [name, teamId] of [
    ["ada", sales],
    ["bob", sales],
    ["cy", support],
  ] as const) {
    const place = { organizationId, teamId, cohortId, courseId };
    people[name] = (await addTeamLearner(t, admin, `${name}@acme.com`, place)).userId;
  }
  await settle(t);
  return { t, organizationId, adminId, admin, cohortId, lessons, sessionIds, sales, support, people };
}

describe("manager dashboards", () => {
  test("a lesson completed by a learner moves the team and organization figures (6 units: 4 lessons + 2 sessions)", async () => {
    const { t, organizationId, admin, cohortId, lessons, sales, people } = await fixture();
    const before = await admin.query(api.dashboards.views.team, { organizationId, teamId: sales });
    expect(before.figures).toMatchObject({
      members: 2,
      lessonsCompleted: 0,
      avgProgress: 0,
      activeMembers: 0,
      atRisk: 2,
      enrollmentsInProgress: 2,
    });

    const ada = as(t, people.ada);
    await ada.mutation(api.learning.cohorts.setLessonDone, { cohortId, lessonId: lessons[0], done: true });
    await ada.mutation(api.learning.cohorts.setLessonDone, { cohortId, lessonId: lessons[1], done: true });
    await ada.mutation(api.learning.cohorts.setLessonDone, { cohortId, lessonId: lessons[1], done: true }); // twice changes nothing
    await settle(t);

    const after = await admin.query(api.dashboards.views.team, { organizationId, teamId: sales });
    expect(after.figures).toMatchObject({ members: 2, lessonsCompleted: 2, activeMembers: 1, atRisk: 1 });
    const adaRow = after.members.find((m) => m.userId === people.ada)!;
    expect(adaRow).toMatchObject({ progressPercent: 33, lessonsCompleted: 2 });
    expect(after.figures.avgProgress).toBe(17); // (33 + 0) / 2
    expect(after.trend.at(-1)).toMatchObject({ live: true, lessonsCompleted: 2 });

    const org = await admin.query(api.dashboards.views.executive, { organizationId });
    expect(org.figures).toMatchObject({ members: 3, lessonsCompleted: 2, activeMembers: 1 }); // the fixture inserts its admin directly, outside the app's write paths
    expect(org.teams.map((team) => [team.name, team.members, team.avgProgress])).toEqual([
      ["Sales", 2, 17],
      ["Support", 1, 0],
    ]);

    // Undoing a lesson moves the figures back; nobody outside the cohort can tick its lessons.
    await ada.mutation(api.learning.cohorts.setLessonDone, { cohortId, lessonId: lessons[1], done: false });
    await settle(t);
    expect(
      (await admin.query(api.dashboards.views.team, { organizationId, teamId: sales })).figures.lessonsCompleted,
    ).toBe(1);
    const outsider = await addUser(t, "eve@elsewhere.com");
    await expectAppError(
      as(t, outsider).mutation(api.learning.cohorts.setLessonDone, { cohortId, lessonId: lessons[0], done: true }),
      "FORBIDDEN",
    );
  });

  test("totals always equal the sum of the member rows, through team moves and removal", async () => {
    const { t, organizationId, admin, cohortId, lessons, sales, support, people } = await fixture();
    await as(t, people.bob).mutation(api.learning.cohorts.setLessonDone, {
      cohortId,
      lessonId: lessons[2],
      done: true,
    });
    await admin.mutation(api.organizations.teams.removeMember, { organizationId, teamId: sales, memberId: people.bob });
    await admin.mutation(api.organizations.teams.setMember, {
      organizationId,
      teamId: support,
      memberId: people.bob,
      teamRole: "lead",
    });
    await admin.mutation(api.organizations.members.remove, { organizationId, memberId: people.cy });
    await settle(t);
    const check = await t.run(async (ctx) => {
      const scopes = new Map(
        (await ctx.db.query("dashboardTotals").collect()).map((row) => [`${row.organizationId}/${row.teamId}`, row]),
      );
      const totals = [];
      for (const row of scopes.values()) totals.push((await getTotals(ctx, row.organizationId, row.teamId))!);
      const rows = await ctx.db.query("memberStats").collect();
      return totals.map((total) => {
        const mine = rows.filter((r) => r.organizationId === total.organizationId && r.teamId === total.teamId);
        return {
          members: [total.members, mine.length],
          lessons: [total.lessonsCompleted, mine.reduce((s, r) => s + r.lessonsCompleted, 0)],
          progress: [total.progressSum, mine.reduce((s, r) => s + r.progressPercent, 0)],
        };
      });
    });
    // Activity days count each member once, on the day they were last active.
    const days = await t.run(async (ctx) => {
      const rows = await ctx.db.query("memberStats").collect();
      const buckets = await ctx.db.query("activityDays").collect();
      return {
        active: rows.filter((r) => r.lastActiveAt > 0).length,
        counted: buckets.reduce((s, b) => s + b.members, 0),
        inProgress: buckets.reduce((s, b) => s + b.inProgressMembers, 0),
        activeInProgress: rows.filter((r) => r.lastActiveAt > 0 && r.inProgress === 1).length,
      };
    });
    expect(days.counted).toBe(days.active);
    expect(days.inProgress).toBe(days.activeInProgress);
    expect(days.active).toBeGreaterThan(0);
    for (const row of check) {
      expect(row.members[0]).toBe(row.members[1]);
      expect(row.lessons[0]).toBe(row.lessons[1]);
      expect(row.progress[0]).toBe(row.progress[1]);
    }
    const supportView = await admin.query(api.dashboards.views.team, { organizationId, teamId: support });
    expect(supportView.members.map((m) => m.name)).toEqual(["bob"]);
    expect(supportView.figures.lessonsCompleted).toBe(1);
  });

  test("#16 an organization's sums are split over shard rows: each member moves only theirs; readers add them up", async () => {
    const t = newTest();
    const { organizationId } = await seedOrg(t, { seats: 40 });
    const members: Id<"users">[] = [];
    for (let i = 0; i < 24; i++)
      members.push(await addUser(t, `m${i}@acme.com`, { organizationId, holdsOrgSeat: true }));
    await t.mutation(internal.dashboards.members.refresh, { userIds: members });
    const rows = await t.run(
      async (ctx) =>
        await ctx.db
          .query("dashboardTotals")
          .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
            q.eq("organizationId", organizationId).eq("teamId", undefined),
          )
          .collect(),
    );
    // Several rows, at most one per shard, each counting exactly the members hashed to it.
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.length).toBeLessThanOrEqual(ORG_TOTALS_SHARDS);
    for (const row of rows) expect(row.members).toBe(members.filter((m) => totalsShard(m) === row.shard).length);
    expect((await t.run(async (ctx) => await getTotals(ctx, organizationId)))!.members).toBe(members.length);

    // One member's change writes their shard's row and no other.
    const before = new Map(rows.map((r) => [r._id, r.updatedAt]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.run(async (ctx) => await ctx.db.patch("users", members[0], { lastActiveAt: Date.now() }));
    await t.mutation(internal.dashboards.members.refresh, { userIds: [members[0]] });
    const after = await t.run(async (ctx) => await ctx.db.query("dashboardTotals").collect());
    const changed = after.filter((r) => before.has(r._id) && before.get(r._id) !== r.updatedAt);
    expect(changed.map((r) => r.shard)).toEqual([totalsShard(members[0])]);
  });

  test("permissions: scope, roles and the access log", async () => {
    const { t, organizationId, sales, support, people } = await fixture();
    const sam = await addUser(t, "sam@acme.com", { organizationId });
    await makeManager(t, sam, organizationId, "manager", ["view_progress", "view_analytics"], [sales]);
    const manager = as(t, sam);
    // A manager scoped to Sales sees Sales, not Support, not the whole organization, and not Support's members.
    expect((await manager.query(api.dashboards.views.team, { organizationId, teamId: sales })).members).toHaveLength(2);
    await expectAppError(
      manager.query(api.dashboards.views.team, { organizationId, teamId: support }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(manager.query(api.dashboards.views.executive, { organizationId }), "OUTSIDE_TEAM_SCOPE");
    await expectAppError(
      manager.mutation(api.dashboards.views.recordView, {
        organizationId,
        accessType: "view_individual",
        targetUserId: people.cy,
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    expect(
      (await manager.query(api.dashboards.views.myTeams, { organizationId })).teams.map((team) => team.name),
    ).toEqual(["Sales"]);

    // Opening a person needs a logged view first; the learner then sees who looked.
    await expectAppError(
      manager.query(api.dashboards.views.member, { organizationId, memberId: people.ada }),
      "VIEW_NOT_LOGGED",
    );
    await manager.mutation(api.dashboards.views.recordView, {
      organizationId,
      accessType: "view_individual",
      targetUserId: people.ada,
    });
    const detail = await manager.query(api.dashboards.views.member, { organizationId, memberId: people.ada });
    expect(detail.row.name).toBe("ada");
    const mine = await as(t, people.ada).query(api.privacy.controls.mine, {});
    expect(mine!.views).toEqual([expect.objectContaining({ managerName: "sam", accessType: "view_individual" })]);

    // A viewer without view_progress cannot open team lists; someone outside the org cannot open anything.
    const viewer = await addUser(t, "vi@acme.com", { organizationId });
    await makeManager(t, viewer, organizationId, "viewer", ["view_analytics"]);
    await expectAppError(
      as(t, viewer).query(api.dashboards.views.team, { organizationId, teamId: sales }),
      "MISSING_PERMISSION",
    );
    expect((await as(t, viewer).query(api.dashboards.views.executive, { organizationId })).figures.members).toBe(3);
    const outsider = await addUser(t, "eve@elsewhere.com");
    await expectAppError(as(t, outsider).query(api.dashboards.views.executive, { organizationId }), "FORBIDDEN");
    const noAnalytics = await addUser(t, "na@acme.com", { organizationId });
    await makeManager(t, noAnalytics, organizationId, "manager", ["view_progress"]);
    await expectAppError(
      as(t, noAnalytics).query(api.dashboards.views.executive, { organizationId }),
      "MISSING_PERMISSION",
    );
  });

  test("privacy: scores need consent and view_scores; hidden activity and certificates stay hidden", async () => {
    const { t, organizationId, admin, sales, people } = await fixture();
    await giveLearningGain(t, people.ada, 0.75); // 40 % before, 85 % after
    const ada = as(t, people.ada);
    await ada.mutation(api.privacy.controls.update, {
      allowManagerViewScores: false,
      allowManagerViewActivity: false,
      allowManagerViewCertificates: false,
      allowLeaderboardDisplay: false,
    });
    await settle(t);
    let row = (await admin.query(api.dashboards.views.team, { organizationId, teamId: sales })).members.find(
      (m) => m.userId === people.ada,
    )!;
    expect(row).toMatchObject({ latestScore: null, lastActiveAt: null, certificates: null });

    await ada.mutation(api.privacy.controls.update, {
      allowManagerViewScores: true,
      allowManagerViewActivity: true,
      allowManagerViewCertificates: true,
      allowLeaderboardDisplay: false,
    });
    await settle(t);
    row = (await admin.query(api.dashboards.views.team, { organizationId, teamId: sales })).members.find(
      (m) => m.userId === people.ada,
    )!;
    expect(row.lastActiveAt).not.toBeNull();
    expect(row.certificates).toBe(0);
    expect(row.latestScore).toBe(85);
    // A manager whose role lacks view_scores still sees no score.
    const noScores = await addUser(t, "ns@acme.com", { organizationId });
    await makeManager(t, noScores, organizationId, "manager", ["view_progress"]);
    expect(
      (await as(t, noScores).query(api.dashboards.views.team, { organizationId, teamId: sales })).members.find(
        (m) => m.userId === people.ada,
      )!.latestScore,
    ).toBeNull();

    // Leaderboards list only people who opted in.
    expect((await admin.query(api.dashboards.views.team, { organizationId, teamId: sales })).leaderboard).toEqual([]);
    await ada.mutation(api.privacy.controls.update, {
      allowManagerViewScores: true,
      allowManagerViewActivity: true,
      allowManagerViewCertificates: true,
      allowLeaderboardDisplay: true,
    });
    await settle(t);
    expect(
      (await admin.query(api.dashboards.views.team, { organizationId, teamId: sales })).leaderboard.map((e) => e.name),
    ).toEqual(["ada"]);

    // The learner's export holds what managers can see, and nothing else about them.
    const exported = await ada.query(api.privacy.controls.exportMine, {});
    expect(Object.keys(exported.visibleToManagers!).sort()).toEqual(
      [
        "certificates",
        "enrollmentsCompleted",
        "enrollmentsInProgress",
        "lastActiveAt",
        "latestScore",
        "learningGain",
        "lessonsCompleted",
        "pace",
        "progressPercent",
        "sessionsAttended",
        "skillLevels",
      ].sort(),
    );
    expect(exported.teams).toEqual(["Sales"]);

    await ada.mutation(api.privacy.erasure.request, { certificates: "keep" });
    await expectAppError(ada.mutation(api.privacy.erasure.request, { certificates: "revoke" }), "NOT_AVAILABLE");
    expect((await ada.query(api.privacy.controls.mine, {}))!.erasure).toMatchObject({ status: "requested" });
  });

  test("attendance and idle time: active in the last 7 days, at risk after 7 quiet days", async () => {
    const { t, organizationId, admin, people } = await fixture();
    await t.run(async (ctx) => {
      await ctx.db.patch("users", people.ada, { lastActiveAt: Date.now() - 2 * DAY });
      await ctx.db.patch("users", people.bob, { lastActiveAt: Date.now() - 9 * DAY });
    });
    await t.mutation(internal.dashboards.members.refresh, { userIds: [people.ada, people.bob] });
    const org = await admin.query(api.dashboards.views.executive, { organizationId });
    expect(org.figures.activeMembers).toBe(1);
    expect(org.figures.atRisk).toBe(2); // bob (9 days) and cy (never active), both with a cohort in progress
    expect(org.atRisk.map((m) => m.name).sort()).toEqual(["bob", "cy"]);
  });

  test("refreshing a member whose figures did not change writes nothing", async () => {
    const { t, people } = await fixture();
    const read = () =>
      t.run(async (ctx) => ({
        rows: await ctx.db.query("memberStats").collect(),
        totals: await ctx.db.query("dashboardTotals").collect(),
      }));
    const before = await read();
    await t.mutation(internal.dashboards.members.refresh, { userIds: [people.ada, people.bob] });
    expect(await read()).toEqual(before);
  });

  test("the nightly snapshot writes one organization row and one row per team", async () => {
    const { t, organizationId } = await fixture();
    await t.mutation(internal.dashboards.snapshots.snapshotOne, {
      organizationId,
      day: Math.floor(Date.now() / DAY) * DAY - DAY,
    });
    await t.mutation(internal.dashboards.snapshots.snapshotOne, {
      organizationId,
      day: Math.floor(Date.now() / DAY) * DAY - DAY,
    }); // rerun replaces
    const counts = await t.run(async (ctx) => ({
      org: (await ctx.db.query("organizationAnalytics").collect()).length,
      teams: (await ctx.db.query("teamAnalytics").collect()).map((r) => r.memberCount).sort(),
    }));
    expect(counts).toEqual({ org: 1, teams: [1, 2] });
  });
});

// Twenty-odd reminders with their emails: seconds on a busy machine.
describe("manager reminders", { timeout: 30_000 }, () => {
  test("nudges reach the right people on the chosen channel, are logged, scoped and rate-limited", async () => {
    const { t, organizationId, admin, adminId, sales, support, people } = await fixture();
    await t.run(async (ctx) => {
      await ctx.db.patch("users", people.ada, { lastActiveAt: Date.now() - 10 * DAY });
      await ctx.db.patch("users", people.bob, { lastActiveAt: Date.now() - DAY });
    });
    await t.mutation(internal.dashboards.members.refresh, { userIds: [people.ada, people.bob] });

    expect(
      await admin.query(api.dashboards.reminders.preview, {
        organizationId,
        targetType: "inactive",
        inactivityDays: 7,
      }),
    ).toBe(2); // ada and cy (never active)
    const sent = await admin.mutation(api.dashboards.reminders.send, {
      organizationId,
      targetType: "inactive",
      inactivityDays: 7,
      subject: "We miss you",
      message: "Pick up where you left off.",
      includeProgress: true,
      channel: "in_app",
    });
    expect(sent.recipients).toBe(2);
    const inbox = await t.run(async (ctx) => ({
      ada: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", people.ada))
        .collect(),
      bob: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", people.bob))
        .collect(),
      log: await ctx.db.query("learningReminders").collect(),
    }));
    expect(inbox.ada.map((n) => [n.category, n.title])).toEqual([["learning", "We miss you"]]);
    expect(inbox.ada[0].body).toMatch(/Your progress: 0%/);
    expect(inbox.bob).toHaveLength(0);
    expect(inbox.log).toEqual([
      expect.objectContaining({
        targetType: "inactive",
        inactivityDays: 7,
        recipientCount: 2,
        channel: "in_app",
        sentBy: adminId,
      }),
    ]);

    // Email only: no in-app notification, one email.
    await admin.mutation(api.dashboards.reminders.send, {
      organizationId,
      targetType: "team",
      teamIds: [support],
      subject: "Support week",
      message: "Keep going, team.",
      includeProgress: false,
      channel: "email",
    });
    await settle(t);
    const cy = await t.run(async (ctx) => ({
      notes: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", people.cy))
        .collect(),
      mail: await ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "cy@acme.com"))
        .collect(),
    }));
    expect(cy.notes.filter((n) => n.title === "Support week")).toHaveLength(0);
    expect(cy.mail.filter((m) => m.subject === "Support week")).toHaveLength(1);

    // A manager scoped to Sales cannot nudge Support; bad input is refused; the 21st nudge in an hour is limited.
    const sam = await addUser(t, "sam@acme.com", { organizationId });
    await makeManager(t, sam, organizationId, "manager", ["view_progress", "send_reminders"], [sales]);
    const manager = as(t, sam);
    const nudge = (target: { teamIds: Id<"teams">[] } | { userIds: Id<"users">[] }, subject = "Hello there") =>
      manager.mutation(api.dashboards.reminders.send, {
        organizationId,
        targetType: "teamIds" in target ? "team" : "individual",
        ...target,
        subject,
        message: "A friendly nudge.",
        includeProgress: false,
        channel: "in_app",
      });
    await expectAppError(nudge({ teamIds: [support] }), "OUTSIDE_TEAM_SCOPE");
    await expectAppError(nudge({ userIds: [people.cy] }), "OUTSIDE_TEAM_SCOPE");
    await expectAppError(nudge({ userIds: [people.ada] }, "x"), "INVALID_INPUT");
    expect(
      await manager.query(api.dashboards.reminders.preview, { organizationId, targetType: "team", teamIds: [sales] }),
    ).toBe(2);
    for (let i = 0; i < 20; i++) await nudge({ userIds: [people.ada] });
    await expectAppError(nudge({ userIds: [people.ada] }), "RATE_LIMITED");
    expect((await manager.query(api.dashboards.reminders.history, { organizationId })).length).toBe(20); // a scoped manager sees their own
  });

  test("automatic alerts: at-risk after 7 quiet days, deadline in 3 days, Monday summary", async () => {
    const { t, organizationId, adminId, sales, people } = await fixture();
    await t.run(async (ctx) => {
      await ctx.db.patch("users", people.ada, { lastActiveAt: Date.now() - 7 * DAY - 3 * 60 * 60 * 1000 });
      await ctx.db.patch("users", people.bob, { lastActiveAt: Date.now() - 20 * DAY }); // crossed long ago: no new alert
      await ctx.db.patch("teams", sales, { completionDeadline: Date.now() + 2.5 * DAY });
    });
    await t.mutation(internal.dashboards.members.refresh, { userIds: [people.ada, people.bob] });
    await t.mutation(internal.dashboards.reminders.atRiskAlert, { organizationId });
    await t.mutation(internal.dashboards.reminders.deadlineReminder, { organizationId });
    await t.mutation(internal.dashboards.reminders.weeklySummary, { organizationId });
    const notes = await t.run(async (ctx) => ({
      admin: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", adminId))
        .collect(),
      ada: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", people.ada))
        .collect(),
      cy: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", people.cy))
        .collect(),
    }));
    const titles = notes.admin.map((n) => n.title);
    expect(titles).toEqual(
      expect.arrayContaining(["Learners at risk", "Sales: deadline in 3 days", "Your weekly learning summary"]),
    );
    expect(notes.admin.find((n) => n.title === "Learners at risk")!.body).toBe(
      "1 learner has had no learning activity for 7 days: ada.",
    );
    expect(notes.ada.map((n) => n.title)).toEqual(["3 days to your team's learning deadline"]);
    expect(notes.cy).toHaveLength(0); // Support has no deadline
  });
});
