/**
 * What managers see of each organization member, maintained as learners act.
 *
 * Every write that changes a learner's progress (lesson completed, attendance,
 * certificate, enrollment, team change, privacy choice) fires a trigger that
 * schedules their refresh (convex/triggers.ts, registered in convex/functions.ts);
 * `refreshMember` recomputes that one member from their own records (bounded
 * by their enrollments, not by the organization's size), rewrites their
 * `memberStats` rows (organization + each team), moves the running sums in
 * `dashboardTotals` by the difference, and moves the member between
 * `activityDays` (members by the day they were last active). Dashboards then
 * read a fixed number of rows, whatever the organization's size.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import type { PaceStatus } from "../../validators";
import { type MemberAction, type OrgAccess, requireMemberInScope } from "../../access";
import { type GoalFacts, type GoalStanding, goalStanding, teamGoal } from "./goals";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const INACTIVE_AFTER_MS = 7 * DAY_MS;
/** Behind when progress trails the share of sessions already held by more than this many points. */
export const BEHIND_MARGIN = 25;
/** Aggregates of consent-gated figures (learning gain) are shown only over at least this many consenting learners. */
export const MIN_CONSENTING_GROUP = 5;
/** Until a learner chooses: activity and certificates visible to managers, scores and leaderboards not. */
export const DEFAULT_PRIVACY = {
  allowManagerViewScores: false,
  allowManagerViewActivity: true,
  allowManagerViewCertificates: true,
  allowLeaderboardDisplay: false,
};
export const SKILL_LEVELS = ["none", "foundational", "practitioner", "advanced", "expert"] as const;

type StatsFields = Omit<Doc<"memberStats">, "_id" | "_creationTime" | "organizationId" | "teamId" | "userId">;

export function scopeKey(organizationId: Id<"organizations">, teamId?: Id<"teams">) {
  return teamId ? `${organizationId}/${teamId}` : organizationId;
}

export function startOfDay(ms: number) {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Members active since the start of `since`'s day (UTC), and members with an enrollment in
 * progress but idle since before it: a fixed number of reads (one `activityDays` row per day,
 * at most 8), whatever the organization's size.
 */
export async function activityCounts(ctx: QueryCtx, totals: Doc<"dashboardTotals"> | null, since: number) {
  if (totals === null) return { activeMembers: 0, atRisk: 0 };
  const days = await ctx.db
    .query("activityDays")
    .withIndex("by_organizationId_and_teamId_and_day", (q) =>
      q.eq("organizationId", totals.organizationId).eq("teamId", totals.teamId).gte("day", startOfDay(since)),
    )
    .take(32);
  const activeMembers = days.reduce((sum, d) => sum + d.members, 0);
  const activeBusy = days.reduce((sum, d) => sum + d.inProgressMembers, 0);
  return { activeMembers, atRisk: Math.max(0, totals.inProgressMembers - activeBusy) };
}

/** Recomputes one member's rows and moves the totals by the difference. */
export async function refreshMember(ctx: MutationCtx, userId: Id<"users">) {
  const user = await ctx.db.get("users", userId);
  const existing = await ctx.db
    .query("memberStats")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(100);
  const organizationId = user?.organizationId;
  const rows = new Map<Id<"teams"> | undefined, StatsFields>();
  if (user && organizationId) {
    const { fields, facts } = await computeStats(ctx, user);
    const now = Date.now();
    const standings: GoalStanding[] = [];
    const memberships = await ctx.db
      .query("teamMembers")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .take(50);
    for (const membership of memberships) {
      const team = await ctx.db.get("teams", membership.teamId);
      if (!team || team.organizationId !== organizationId || !team.isActive) continue;
      const goal = await teamGoal(ctx, team);
      const standing = goal ? goalStanding(goal, facts, now) : null;
      if (standing) standings.push(standing);
      rows.set(team._id, standing ? withGoal(fields, standing) : fields);
    }
    rows.set(undefined, withGoalsSummary(fields, standings));
  }
  const wanted = new Set([...rows.keys()].map((teamId) => scopeKey(organizationId!, teamId)));
  for (const row of existing) {
    if (row.organizationId !== organizationId || !wanted.has(scopeKey(row.organizationId, row.teamId))) {
      await ctx.db.delete("memberStats", row._id);
      await moveTotals(ctx, row.organizationId, row.teamId, row, null);
    }
  }
  if (!organizationId) return;
  for (const [teamId, fields] of rows) {
    const previous = existing.find((row) => row.organizationId === organizationId && row.teamId === teamId) ?? null;
    const next = { organizationId, ...(teamId ? { teamId } : {}), userId, ...fields };
    if (previous) {
      if (sameStats(previous, next)) continue;
      await ctx.db.replace("memberStats", previous._id, next);
      const updated = (await ctx.db.get("memberStats", previous._id))!;
      await moveTotals(ctx, organizationId, teamId, previous, updated);
    } else {
      const id = await ctx.db.insert("memberStats", next);
      const inserted = (await ctx.db.get("memberStats", id))!;
      await moveTotals(ctx, organizationId, teamId, null, inserted);
    }
  }
}

/**
 * A team row when the team has a goal: progress and pace are the goal's, the member counts as in progress (for at-risk
 * figures) until they meet it, and the goal's deadline is their next one.
 */
function withGoal(fields: StatsFields, standing: GoalStanding): StatsFields {
  const { nextDeadline: _nextDeadline, ...rest } = fields;
  const deadline = standing.met ? undefined : (standing.deadline ?? fields.nextDeadline);
  return {
    ...rest,
    progressPercent: standing.progressPercent,
    pace: standing.pace,
    inProgress: standing.met ? 0 : 1,
    ...(deadline !== undefined ? { nextDeadline: deadline } : {}),
    goal: {
      progressPercent: standing.progressPercent,
      met: standing.met,
      ...(standing.deadline !== null ? { deadline: standing.deadline } : {}),
    },
  };
}

/** The organization row keeps the member's own pace; it notes their teams' goals together, for reports. */
function withGoalsSummary(fields: StatsFields, standings: GoalStanding[]): StatsFields {
  if (standings.length === 0) return fields;
  const open = standings.filter((s) => !s.met && s.deadline !== null).map((s) => s.deadline!);
  return {
    ...fields,
    goal: {
      progressPercent: Math.round(standings.reduce((sum, s) => sum + s.progressPercent, 0) / standings.length),
      met: standings.every((s) => s.met),
      ...(open.length > 0 ? { deadline: Math.min(...open) } : {}),
    },
  };
}

/** Same figures, whatever order the stored document's fields come back in (`updatedAt` aside). */
function sameStats(a: Doc<"memberStats">, b: Omit<Doc<"memberStats">, "_id" | "_creationTime">) {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
          )
        : value;
  const { _id, _creationTime, updatedAt: _a, ...aFields } = a;
  const { updatedAt: _b, ...bFields } = b;
  return JSON.stringify(canonical(aFields)) === JSON.stringify(canonical(bFields));
}

/**
 * The member's figures from their own enrollments, attendance, lessons, certificates, scores and
 * skills, as managers may see them: the learner's privacy choices are applied here, so every row,
 * total, snapshot and report built from these figures inherits them.
 * - Certificates hidden: completion is hidden too. A certified enrollment counts as if it were not
 *   certified (no "completed", no forced 100 % progress, no "completed" pace), the certificate count
 *   is 0 and skill levels (raised by skill badges) are left out: the row is the same as that of a
 *   learner who did not complete.
 * - Scores not shared: no latest score and no learning gain, so no aggregate includes them.
 */
async function computeStats(ctx: QueryCtx, user: Doc<"users">): Promise<{ fields: StatsFields; facts: GoalFacts }> {
  const now = Date.now();
  const choices =
    (await ctx.db
      .query("userPrivacySettings")
      .withIndex("by_userId", (q) => q.eq("userId", user._id))
      .unique()) ?? DEFAULT_PRIVACY;
  const sharesCompletion = choices.allowManagerViewCertificates;
  const sharesScores = choices.allowManagerViewScores;
  const enrollments = (
    await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", user._id))
      .take(100)
  ).filter((e) => e.paymentStatus === "completed");
  const certificates = (
    await ctx.db
      .query("certificates")
      .withIndex("by_userId", (q) => q.eq("userId", user._id))
      .take(100)
  ).filter(
    (c) =>
      sharesCompletion && c.revokedAt === undefined && c.issueStatus !== "failed" && (c.kind ?? "course") === "course",
  );
  const certified = new Set(certificates.map((c) => c.enrollmentId));

  let lessonsCompleted = 0;
  let sessionsAttended = 0;
  let inProgress = 0;
  let completed = 0;
  const progressOfOpen: number[] = [];
  const courseProgress = new Map<Id<"courses">, number>();
  const expectedOfOpen: number[] = [];
  let nextDeadline: number | undefined;
  let started = false;
  for (const enrollment of enrollments) {
    const cohort = await ctx.db.get("cohorts", enrollment.cohortId);
    if (cohort === null || cohort.status === "cancelled") continue;
    const sessions = (
      await ctx.db
        .query("cohortSessions")
        .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohort._id))
        .take(200)
    ).filter((s) => s.status !== "cancelled");
    const attendance = await ctx.db
      .query("sessionAttendance")
      .withIndex("by_cohortId_and_userId", (q) => q.eq("cohortId", cohort._id).eq("userId", user._id))
      .take(200);
    const attended = attendance.filter((a) => a.status === "present" || a.status === "late").length;
    const lessonsDone = (
      await ctx.db
        .query("lessonCompletions")
        .withIndex("by_enrollmentId_and_lessonId", (q) => q.eq("enrollmentId", enrollment._id))
        .take(500)
    ).length;
    const lessonsTotal = await countCourseLessons(ctx, enrollment.courseId);
    lessonsCompleted += lessonsDone;
    sessionsAttended += attended;
    const units = sessions.length + lessonsTotal;
    const progress = certified.has(enrollment._id)
      ? 100
      : units === 0
        ? 0
        : Math.min(100, Math.round(((attended + lessonsDone) / units) * 100));
    if (attended + lessonsDone > 0) started = true;
    courseProgress.set(enrollment.courseId, Math.max(courseProgress.get(enrollment.courseId) ?? 0, progress));
    if (certified.has(enrollment._id)) {
      completed += 1;
    } else if (cohort.status !== "completed") {
      inProgress += 1;
      progressOfOpen.push(progress);
      const held = sessions.filter((s) => s.endsAt <= now).length;
      expectedOfOpen.push(sessions.length === 0 ? 0 : Math.round((held / sessions.length) * 100));
      nextDeadline = nextDeadline === undefined ? cohort.endDate : Math.min(nextDeadline, cohort.endDate);
    }
  }
  const progressPercent =
    progressOfOpen.length > 0
      ? Math.round(progressOfOpen.reduce((a, b) => a + b, 0) / progressOfOpen.length)
      : completed > 0
        ? 100
        : 0;
  const expected = expectedOfOpen.length > 0 ? expectedOfOpen.reduce((a, b) => a + b, 0) / expectedOfOpen.length : 0;
  const pace: PaceStatus =
    inProgress === 0
      ? completed > 0
        ? "completed"
        : "not_started"
      : progressPercent + BEHIND_MARGIN < expected
        ? "behind"
        : !started && expected === 0
          ? "not_started"
          : "on_track";

  const gains = sharesScores
    ? await ctx.db
        .query("learningGainAnalytics")
        .withIndex("by_userId", (q) => q.eq("userId", user._id))
        .order("desc")
        .take(1)
    : [];
  const skills = sharesCompletion
    ? await ctx.db
        .query("userSkillProgress")
        .withIndex("by_userId_and_skillId", (q) => q.eq("userId", user._id))
        .take(50)
    : [];

  const fields: StatsFields = {
    name: user.name,
    inProgress: inProgress > 0 ? 1 : 0,
    progressPercent,
    lessonsCompleted,
    sessionsAttended,
    enrollmentsInProgress: inProgress,
    enrollmentsCompleted: completed,
    enrollmentsTotal: enrollments.length,
    certificates: certificates.length,
    lastActiveAt: user.lastActiveAt ?? 0,
    pace,
    ...(nextDeadline !== undefined ? { nextDeadline } : {}),
    ...(gains[0] ? { latestScore: gains[0].postScore, learningGain: gains[0].normalizedGain } : {}),
    skillLevels: skills
      .map((s) => ({ skillId: s.skillId, level: SKILL_LEVELS.indexOf(s.currentLevel) }))
      .filter((s) => s.level > 0),
    privacy: {
      scores: sharesScores,
      activity: choices.allowManagerViewActivity,
      certificates: sharesCompletion,
      leaderboard: choices.allowLeaderboardDisplay,
    },
    updatedAt: now,
  };
  return { fields, facts: { courseProgress, skillLevels: new Map(skills.map((s) => [s.skillId, s.currentLevel])) } };
}

async function countCourseLessons(ctx: QueryCtx, courseId: Id<"courses">) {
  const sessions = await ctx.db
    .query("sessions")
    .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", courseId))
    .take(100);
  let total = 0;
  for (const session of sessions) {
    total += (
      await ctx.db
        .query("lessons")
        .withIndex("by_sessionId", (q) => q.eq("sessionId", session._id))
        .take(50)
    ).length;
  }
  return total;
}

type Totals = Omit<Doc<"dashboardTotals">, "_id" | "_creationTime">;

/** How many rows an organization's running sums are split over (see `dashboardTotals`). */
export const ORG_TOTALS_SHARDS = 8;

/** The organization-level row a member's figures always move: a stable hash of their id. */
export function totalsShard(userId: Id<"users">) {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (Math.imul(hash, 31) + userId.charCodeAt(i)) | 0;
  return Math.abs(hash) % ORG_TOTALS_SHARDS;
}

function emptyTotals(
  organizationId: Id<"organizations">,
  teamId: Id<"teams"> | undefined,
  teamName: string | undefined,
  shard: number | undefined,
): Totals {
  return {
    organizationId,
    ...(teamId ? { teamId } : {}),
    ...(shard !== undefined ? { shard } : {}),
    ...(teamName ? { teamName } : {}),
    members: 0,
    inProgressMembers: 0,
    progressSum: 0,
    lessonsCompleted: 0,
    sessionsAttended: 0,
    enrollmentsInProgress: 0,
    enrollmentsCompleted: 0,
    enrollmentsTotal: 0,
    certificates: 0,
    gainSum: 0,
    gainCount: 0,
    pace: { not_started: 0, on_track: 0, behind: 0, completed: 0 },
    skills: [],
    updatedAt: 0,
  };
}

/** Adds one row of running sums into another (the organization's shards into one total). */
function addTotals(sum: Doc<"dashboardTotals">, row: Doc<"dashboardTotals">): Doc<"dashboardTotals"> {
  const skills = sum.skills.map((s) => ({ ...s }));
  for (const skill of row.skills) {
    const entry = skills.find((s) => s.skillId === skill.skillId);
    if (entry) {
      entry.levelSum += skill.levelSum;
      entry.count += skill.count;
    } else skills.push({ ...skill });
  }
  return {
    ...sum,
    members: sum.members + row.members,
    inProgressMembers: sum.inProgressMembers + row.inProgressMembers,
    progressSum: sum.progressSum + row.progressSum,
    lessonsCompleted: sum.lessonsCompleted + row.lessonsCompleted,
    sessionsAttended: sum.sessionsAttended + row.sessionsAttended,
    enrollmentsInProgress: sum.enrollmentsInProgress + row.enrollmentsInProgress,
    enrollmentsCompleted: sum.enrollmentsCompleted + row.enrollmentsCompleted,
    enrollmentsTotal: sum.enrollmentsTotal + row.enrollmentsTotal,
    certificates: sum.certificates + row.certificates,
    gainSum: Math.round((sum.gainSum + row.gainSum) * 1000) / 1000,
    gainCount: sum.gainCount + row.gainCount,
    pace: {
      not_started: sum.pace.not_started + row.pace.not_started,
      on_track: sum.pace.on_track + row.pace.on_track,
      behind: sum.pace.behind + row.pace.behind,
      completed: sum.pace.completed + row.pace.completed,
    },
    skills: skills.filter((s) => s.count > 0),
    updatedAt: Math.max(sum.updatedAt, row.updatedAt),
  };
}

/** A scope's running sums: a team's row, or the sum of the organization's shards (null before any member). */
export async function getTotals(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  teamId?: Id<"teams">,
): Promise<Doc<"dashboardTotals"> | null> {
  const rows = await ctx.db
    .query("dashboardTotals")
    .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
      q.eq("organizationId", organizationId).eq("teamId", teamId),
    )
    .take(ORG_TOTALS_SHARDS + 1);
  return rows.length === 0 ? null : rows.reduce(addTotals);
}

/** Applies `after − before` of one member to the scope's running sums. */
async function moveTotals(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  teamId: Id<"teams"> | undefined,
  before: Doc<"memberStats"> | null,
  after: Doc<"memberStats"> | null,
) {
  const member = (after ?? before)?.userId;
  const shard = teamId === undefined && member !== undefined ? totalsShard(member) : undefined;
  const row = await ctx.db
    .query("dashboardTotals")
    .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
      q.eq("organizationId", organizationId).eq("teamId", teamId).eq("shard", shard),
    )
    .unique();
  const team = teamId && !row ? await ctx.db.get("teams", teamId) : null;
  const totals: Totals = row ? { ...row } : emptyTotals(organizationId, teamId, team?.name, shard);
  const apply = (stats: Doc<"memberStats"> | null, sign: 1 | -1) => {
    if (!stats) return;
    totals.members += sign;
    totals.inProgressMembers += sign * stats.inProgress;
    totals.progressSum += sign * stats.progressPercent;
    totals.lessonsCompleted += sign * stats.lessonsCompleted;
    totals.sessionsAttended += sign * stats.sessionsAttended;
    totals.enrollmentsInProgress += sign * stats.enrollmentsInProgress;
    totals.enrollmentsCompleted += sign * stats.enrollmentsCompleted;
    totals.enrollmentsTotal += sign * stats.enrollmentsTotal;
    totals.certificates += sign * stats.certificates;
    if (stats.learningGain !== undefined) {
      totals.gainSum += sign * stats.learningGain;
      totals.gainCount += sign;
    }
    totals.pace = { ...totals.pace, [stats.pace]: totals.pace[stats.pace] + sign };
    for (const skill of stats.skillLevels) {
      const entry = totals.skills.find((s) => s.skillId === skill.skillId);
      if (entry) {
        entry.levelSum += sign * skill.level;
        entry.count += sign;
      } else if (sign === 1) {
        totals.skills.push({ skillId: skill.skillId, levelSum: skill.level, count: 1 });
      }
    }
  };
  totals.skills = totals.skills.map((s) => ({ ...s }));
  apply(before, -1);
  apply(after, 1);
  totals.skills = totals.skills.filter((s) => s.count > 0);
  totals.gainSum = Math.round(totals.gainSum * 1000) / 1000;
  totals.updatedAt = Date.now();
  if (row) {
    const { _id, _creationTime, ...rest } = { ...row, ...totals };
    await ctx.db.replace("dashboardTotals", _id, rest);
  } else {
    await ctx.db.insert("dashboardTotals", totals);
  }
  const sameDay =
    before &&
    after &&
    startOfDay(before.lastActiveAt) === startOfDay(after.lastActiveAt) &&
    before.inProgress === after.inProgress;
  if (!sameDay) {
    await moveActivityDay(ctx, organizationId, teamId, before, -1);
    await moveActivityDay(ctx, organizationId, teamId, after, 1);
  }
}

/** Counts a member in (or out of) the day they were last active; empty days are deleted. */
async function moveActivityDay(
  ctx: MutationCtx,
  organizationId: Id<"organizations">,
  teamId: Id<"teams"> | undefined,
  stats: Doc<"memberStats"> | null,
  sign: 1 | -1,
) {
  if (!stats || stats.lastActiveAt === 0) return;
  const day = startOfDay(stats.lastActiveAt);
  const row = await ctx.db
    .query("activityDays")
    .withIndex("by_organizationId_and_teamId_and_day", (q) =>
      q.eq("organizationId", organizationId).eq("teamId", teamId).eq("day", day),
    )
    .unique();
  const members = (row?.members ?? 0) + sign;
  const inProgressMembers = (row?.inProgressMembers ?? 0) + sign * stats.inProgress;
  if (row && members <= 0) await ctx.db.delete("activityDays", row._id);
  else if (row) await ctx.db.patch("activityDays", row._id, { members, inProgressMembers });
  else if (members > 0)
    await ctx.db.insert("activityDays", {
      organizationId,
      ...(teamId ? { teamId } : {}),
      day,
      members,
      inProgressMembers,
    });
}

/**
 * The member's organization row, after `requireMemberInScope` (convex/access.ts)
 * says the caller may take `action` on them. NOT_FOUND while the row is not built yet.
 */
export async function memberInScope(ctx: QueryCtx, access: OrgAccess, userId: Id<"users">, action: MemberAction) {
  const member = await requireMemberInScope(ctx, access, userId, action);
  const rows = await ctx.db
    .query("memberStats")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(100);
  const orgRow = rows.find((r) => r.organizationId === access.organization._id && r.teamId === undefined);
  if (!orgRow) throw appError("NOT_FOUND", `${member.name}'s progress is still being prepared. Try again in a moment.`);
  return orgRow;
}
