/**
 * Manager dashboards at 1,000 and 10,000 learners: documents read, bytes read
 * and time per dashboard query. Each organization has 100 teams and 50 cohorts
 * of one course (6 sessions, 12 lessons), with attendance, lessons done,
 * certificates, skills, privacy choices and last-active times spread over a
 * month; at 1,000 every member's dashboard row is built by the app's own write
 * path (`dashboards.refreshMembers`), at 10,000 the rows, totals and activity
 * days are written directly (see seedDirect). Reads are counted by convex-test's
 * transaction metrics, the same accounting that enforces Convex's limits; a
 * query counted as reading nothing stops the benchmark (bench/backend.ts).
 */
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";
import { startOfDay } from "../convex/dashboards/model/memberStats";
import { MANAGER_PERMISSIONS } from "../convex/validators";
import {
  cohortSessionRow,
  courseRow,
  organizationRow,
  outlineSessionRow,
  paidEnrollmentRow,
  userRow,
} from "../tests/convex/fixtures";
import { type Backend, expectReadsCounted, newBackend, reads } from "./backend";

const DAY = 86_400_000;

/** Deterministic pseudo-random numbers. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const learnerName = (i: number) => `Learner ${String(i).padStart(5, "0")}`;

/** Learner `i` of the `learners`-strong organization: holds one of its seats, gets no notifications. */
function memberRow(
  learners: number,
  i: number,
  organizationId: Id<"organizations">,
  now: number,
  lastActiveAt: number | undefined,
) {
  return userRow(`learner${i}@bench${learners}.com`, {
    name: learnerName(i),
    role: "org_member",
    organizationId,
    holdsOrgSeat: true,
    emailNotifications: false,
    ...(lastActiveAt ? { lastActiveAt } : {}),
    createdAt: now,
    updatedAt: now,
  });
}

/** The organization, its admin, 3 skills and 100 teams. */
async function seedOrgBase(ctx: MutationCtx, learners: number, now: number) {
  const stamps = { createdAt: now, updatedAt: now };
  const organizationId = await ctx.db.insert(
    "organizations",
    organizationRow({
      name: `Bench ${learners}`,
      domain: `bench${learners}.com`,
      seatsPurchased: learners + 10,
      seatsUsed: learners,
      ...stamps,
    }),
  );
  const adminId = await ctx.db.insert(
    "users",
    userRow(`admin@bench${learners}.com`, {
      name: "Admin",
      role: "org_admin",
      organizationId,
      emailNotifications: false,
      ...stamps,
    }),
  );
  // An organization's administrators hold every permission.
  await ctx.db.insert("organizationManagers", {
    userId: adminId,
    organizationId,
    role: "admin",
    permissions: [...MANAGER_PERMISSIONS],
    isActive: true,
    ...stamps,
  });
  const skills = [];
  for (const [i, name] of ["AI literacy", "Prompting", "Automation"].entries()) {
    skills.push(
      await ctx.db.insert("skills", {
        name,
        slug: `${name}-${learners}`,
        description: "",
        category: "technical",
        level: "foundational",
        isActive: true,
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
  const teams = [];
  for (let i = 0; i < 100; i++)
    teams.push(
      await ctx.db.insert("teams", {
        organizationId,
        name: `Team ${String(i + 1).padStart(3, "0")}`,
        memberCount: learners / 100,
        isActive: true,
        createdAt: now,
        updatedAt: now,
      }),
    );
  return { organizationId, adminId, skills, teams };
}

async function seedOrganization(t: Backend, learners: number) {
  const rand = random(learners);
  const now = Date.now();
  const base = await t.run(async (ctx) => {
    const { organizationId, adminId, skills, teams } = await seedOrgBase(ctx, learners, now);
    const courseId = await ctx.db.insert(
      "courses",
      courseRow({ slug: `bench-${learners}`, maxParticipants: 500, createdAt: now, updatedAt: now }),
    );
    const courseSessions = [];
    for (let day = 1; day <= 6; day++) {
      const sessionId = await ctx.db.insert(
        "sessions",
        outlineSessionRow(courseId, {
          title: `Session ${day}`,
          type: "W",
          dayNumber: day,
          durationMinutes: 60,
          createdAt: now,
        }),
      );
      const lessons = [];
      for (let i = 0; i < 2; i++)
        lessons.push(
          await ctx.db.insert("lessons", {
            sessionId,
            title: `Lesson ${day}.${i}`,
            description: "",
            orderInSession: i,
            durationMinutes: 15,
            createdAt: now,
          }),
        );
      courseSessions.push({ sessionId, lessons });
    }
    const cohorts = [];
    for (let i = 0; i < 50; i++) {
      // Cohorts spread from 40 days ago to 20 days ahead; the schedule is 6 weekly sessions.
      const start = now + (i - 33) * 1.2 * DAY;
      const cohortId = await ctx.db.insert("cohorts", {
        courseId,
        name: `Cohort ${i + 1}`,
        startDate: start,
        endDate: start + 42 * DAY,
        maxCapacity: 1000,
        currentEnrollment: 0,
        status: start + 42 * DAY < now ? "completed" : start < now ? "in_progress" : "open",
        isB2B: true,
        organizationId,
        createdAt: now,
        updatedAt: now,
      });
      const sessions = [];
      for (const [n, cs] of courseSessions.entries()) {
        const startsAt = start + n * 7 * DAY;
        sessions.push({
          id: await ctx.db.insert(
            "cohortSessions",
            cohortSessionRow(cohortId, `Session ${n + 1}`, startsAt, startsAt + 3_600_000, {
              courseSessionId: cs.sessionId,
              createdAt: now,
              updatedAt: now,
            }),
          ),
          endsAt: startsAt + 3_600_000,
        });
      }
      cohorts.push({ cohortId, sessions });
    }
    return { organizationId, adminId, courseId, courseSessions, skills, teams, cohorts };
  });

  const userIds: Id<"users">[] = [];
  const chunk = 100;
  for (let from = 0; from < learners; from += chunk) {
    const ids = await t.run(async (ctx) => {
      const out: Id<"users">[] = [];
      for (let i = from; i < Math.min(learners, from + chunk); i++) {
        const lastActiveAt = rand() < 0.1 ? undefined : now - Math.floor(rand() * 30 * DAY);
        const userId = await ctx.db.insert("users", memberRow(learners, i, base.organizationId, now, lastActiveAt));
        out.push(userId);
        await ctx.db.insert("teamMembers", { teamId: base.teams[i % 100], userId, role: "member", joinedAt: now });
        const cohort = base.cohorts[i % 50];
        const enrollmentId = await ctx.db.insert(
          "enrollments",
          paidEnrollmentRow({ userId, cohortId: cohort.cohortId, courseId: base.courseId }, now, {
            paymentType: "b2b",
            intakeSurveyCompleted: true,
          }),
        );
        const diligence = rand();
        for (const session of cohort.sessions) {
          if (session.endsAt < now && rand() < diligence + 0.2) {
            await ctx.db.insert("sessionAttendance", {
              cohortSessionId: session.id,
              cohortId: cohort.cohortId,
              enrollmentId,
              userId,
              status: "present",
              source: "check_in",
              updatedAt: now,
            });
          }
        }
        for (const cs of base.courseSessions) {
          for (const lessonId of cs.lessons) {
            if (rand() < diligence * 0.7)
              await ctx.db.insert("lessonCompletions", {
                userId,
                enrollmentId,
                cohortId: cohort.cohortId,
                lessonId,
                completedAt: now - Math.floor(rand() * 20 * DAY),
              });
          }
        }
        for (const skillId of base.skills) {
          if (rand() < 0.6)
            await ctx.db.insert("userSkillProgress", {
              userId,
              skillId,
              currentLevel: (["foundational", "practitioner", "advanced", "expert"] as const)[Math.floor(rand() * 4)],
              progressPercent: Math.floor(rand() * 100),
              evidenceCount: 1,
              verifiedByInstructor: false,
              createdAt: now,
              updatedAt: now,
            });
        }
        await ctx.db.insert("userPrivacySettings", {
          userId,
          allowManagerViewScores: rand() < 0.6,
          allowManagerViewActivity: rand() < 0.9,
          allowManagerViewCertificates: true,
          allowLeaderboardDisplay: rand() < 0.3,
          updatedAt: now,
        });
      }
      return out;
    });
    userIds.push(...ids);
  }
  const refreshStart = performance.now();
  for (let i = 0; i < userIds.length; i += 10)
    await t.mutation(internal.dashboards.members.refresh, { userIds: userIds.slice(i, i + 10) });
  const refreshMsPerMember = (performance.now() - refreshStart) / userIds.length;
  await t.mutation(internal.dashboards.snapshots.snapshotOne, {
    organizationId: base.organizationId,
    day: Math.floor(now / DAY) * DAY - DAY,
  });
  return { ...base, userIds, refreshMsPerMember };
}

/**
 * The 10,000-learner organization: members' dashboard rows, the running totals and the
 * activity days written directly (the app's write path recomputes a member from their
 * own records, which convex-test's full-table query scans make too slow to run 10,000 times
 * here). What the dashboard queries read depends on these rows' shape and indexes, which are the
 * same; the 1,000-learner organization covers the write path itself.
 */
async function seedDirect(t: Backend, learners: number) {
  const rand = random(learners);
  const now = Date.now();
  const base = await t.run(async (ctx) => await seedOrgBase(ctx, learners, now));
  const userIds: Id<"users">[] = [];
  for (let from = 0; from < learners; from += 50) {
    userIds.push(
      ...(await t.run(async (ctx) => {
        const out: Id<"users">[] = [];
        for (let i = from; i < Math.min(learners, from + 50); i++) {
          const lastActiveAt = rand() < 0.1 ? 0 : now - Math.floor(rand() * 30 * DAY);
          const userId = await ctx.db.insert(
            "users",
            memberRow(learners, i, base.organizationId, now, lastActiveAt || undefined),
          );
          out.push(userId);
          const teamId = base.teams[i % 100];
          await ctx.db.insert("teamMembers", { teamId, userId, role: "member", joinedAt: now });
          const completed = rand() < 0.3 ? 1 : 0;
          const progressPercent = completed ? 100 : Math.floor(rand() * 100);
          const row = {
            organizationId: base.organizationId,
            userId,
            name: learnerName(i),
            inProgress: 1 - completed,
            progressPercent,
            lessonsCompleted: Math.floor((progressPercent / 100) * 12),
            sessionsAttended: Math.floor((progressPercent / 100) * 6),
            enrollmentsInProgress: 1 - completed,
            enrollmentsCompleted: completed,
            enrollmentsTotal: 1,
            certificates: completed,
            lastActiveAt,
            pace: completed
              ? ("completed" as const)
              : progressPercent < 20
                ? ("behind" as const)
                : ("on_track" as const),
            skillLevels: base.skills
              .filter(() => rand() < 0.6)
              .map((skillId) => ({ skillId, level: 1 + Math.floor(rand() * 4) })),
            privacy: { scores: rand() < 0.6, activity: rand() < 0.9, certificates: true, leaderboard: rand() < 0.3 },
            updatedAt: now,
          };
          for (const scope of [{}, { teamId }]) await ctx.db.insert("memberStats", { ...row, ...scope });
        }
        return out;
      })),
    );
  }
  // Totals from the rows, as the write path would have summed them.
  await t.run(async (ctx) => {
    const rows = await ctx.db.query("memberStats").collect();
    const scopes = new Map<string, { teamId?: Id<"teams">; rows: typeof rows }>();
    for (const row of rows) {
      const key = row.teamId ?? "org";
      if (!scopes.has(key)) scopes.set(key, { ...(row.teamId ? { teamId: row.teamId } : {}), rows: [] });
      scopes.get(key)!.rows.push(row);
    }
    for (const scope of scopes.values()) {
      const sum = (pick: (r: (typeof rows)[number]) => number) => scope.rows.reduce((s, r) => s + pick(r), 0);
      const skills = base.skills.map((skillId) => {
        const levels = scope.rows.flatMap((r) =>
          r.skillLevels.filter((s) => s.skillId === skillId).map((s) => s.level),
        );
        return { skillId, levelSum: levels.reduce((a, b) => a + b, 0), count: levels.length };
      });
      await ctx.db.insert("dashboardTotals", {
        organizationId: base.organizationId,
        ...(scope.teamId
          ? { teamId: scope.teamId, teamName: `Team ${String(base.teams.indexOf(scope.teamId) + 1).padStart(3, "0")}` }
          : {}),
        members: scope.rows.length,
        inProgressMembers: sum((r) => r.inProgress),
        progressSum: sum((r) => r.progressPercent),
        lessonsCompleted: sum((r) => r.lessonsCompleted),
        sessionsAttended: sum((r) => r.sessionsAttended),
        enrollmentsInProgress: sum((r) => r.enrollmentsInProgress),
        enrollmentsCompleted: sum((r) => r.enrollmentsCompleted),
        enrollmentsTotal: sum((r) => r.enrollmentsTotal),
        certificates: sum((r) => r.certificates),
        gainSum: 0,
        gainCount: 0,
        pace: {
          not_started: 0,
          on_track: sum((r) => Number(r.pace === "on_track")),
          behind: sum((r) => Number(r.pace === "behind")),
          completed: sum((r) => Number(r.pace === "completed")),
        },
        skills: skills.filter((s) => s.count > 0),
        updatedAt: now,
      });
      const days = new Map<number, { members: number; inProgressMembers: number }>();
      for (const r of scope.rows) {
        if (r.lastActiveAt === 0) continue;
        const day = days.get(startOfDay(r.lastActiveAt)) ?? { members: 0, inProgressMembers: 0 };
        day.members += 1;
        day.inProgressMembers += r.inProgress;
        days.set(startOfDay(r.lastActiveAt), day);
      }
      for (const [day, counts] of days)
        await ctx.db.insert("activityDays", {
          organizationId: base.organizationId,
          ...(scope.teamId ? { teamId: scope.teamId } : {}),
          day,
          ...counts,
        });
    }
  });
  await t.mutation(internal.dashboards.snapshots.snapshotOne, {
    organizationId: base.organizationId,
    day: Math.floor(now / DAY) * DAY - DAY,
  });
  return { ...base, userIds, refreshMsPerMember: null as number | null };
}

async function measure<T>(name: string, run: () => Promise<T>) {
  await run(); // warm-up
  const samples: Array<{ documents: number; bytes: number; ms: number }> = [];
  for (let i = 0; i < 5; i++) {
    reads.documents = 0;
    reads.bytes = 0;
    reads.counting = true;
    const start = performance.now();
    await run();
    const ms = performance.now() - start;
    reads.counting = false;
    expectReadsCounted(name, reads.documents);
    samples.push({ documents: reads.documents, bytes: reads.bytes, ms });
  }
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    query: name,
    documentsRead: samples[0].documents,
    bytesRead: samples[0].bytes,
    p50Ms: Math.round(sorted[2] * 10) / 10,
  };
}

async function benchOrganization(learners: number) {
  const t = await newBackend();
  const seedStart = performance.now();
  const direct = learners > 2000;
  const org = direct ? await seedDirect(t, learners) : await seedOrganization(t, learners);
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  console.log(`  seeded in ${seedSeconds} s${direct ? " (rows written directly)" : " (through the app's write path)"}`);
  const admin = t.withIdentity({ subject: `${org.adminId}|session` });
  const organizationId = org.organizationId;
  const member = org.userIds[7];
  await admin.mutation(api.dashboards.views.recordView, {
    organizationId,
    accessType: "view_individual",
    targetUserId: member,
  });
  const queries = [
    await measure("dashboards.executive", () => admin.query(api.dashboards.views.executive, { organizationId })),
    await measure("dashboards.team (one team)", () =>
      admin.query(api.dashboards.views.team, { organizationId, teamId: org.teams[3] }),
    ),
    await measure("dashboards.member", () =>
      admin.query(api.dashboards.views.member, { organizationId, memberId: member }),
    ),
    await measure("dashboards.myTeams", () => admin.query(api.dashboards.views.myTeams, { organizationId })),
  ];
  const write = direct
    ? null
    : await measure("refresh one member (write path)", () =>
        t.mutation(internal.dashboards.members.refresh, { userIds: [member] }),
      );
  const totals = await admin.query(api.dashboards.views.executive, { organizationId });
  return {
    learners,
    teams: 100,
    seeded: direct
      ? "member rows, totals and activity days written directly"
      : "source records (50 cohorts, attendance, lessons, skills) + the app's write path",
    seedSeconds,
    refreshMsPerMember: org.refreshMsPerMember === null ? null : Math.round(org.refreshMsPerMember * 10) / 10,
    members: totals.figures.members,
    activeMembers: totals.figures.activeMembers,
    atRisk: totals.figures.atRisk,
    queries,
    write,
  };
}

export async function benchDashboards() {
  const sizes: Array<Awaited<ReturnType<typeof benchOrganization>>> = [];
  for (const learners of (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number)) {
    console.log(`dashboards: seeding ${learners} learners …`);
    sizes.push(await benchOrganization(learners));
  }
  const worst = Math.max(...sizes.flatMap((s) => s.queries.map((q) => q.documentsRead)));
  const last = sizes[sizes.length - 1];
  // The team view lists the team's members (10 per team at 1,000 learners, 100 at 10,000; capped at 120),
  // so only the organization-scoped queries are expected to read the same at both sizes.
  const same = sizes[0].queries.every(
    (q, i) => q.query.startsWith("dashboards.team ") || Math.abs(q.documentsRead - last.queries[i].documentsRead) <= 10,
  );
  return {
    name: "manager dashboards: documents read per query at 1,000 and 10,000 learners",
    sizes,
    targetDocumentsPerQuery: 200,
    worstDocumentsRead: worst,
    sameAt1kAnd10k: same,
    note: "dashboards.team grows with the team's own size (capped at 120 listed members), not with the organization's. Times are convex-test's, which scans whole tables for index queries, so they grow with table size here; documents and bytes read are what a deployment would read.",
    meetsTarget: worst <= 200 && same,
  };
}

if (process.argv[1]?.endsWith("dashboards.ts")) {
  console.log(JSON.stringify(await benchDashboards(), null, 2));
}
