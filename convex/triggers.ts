/**
 * The triggers of the data model: which writes move a learner's dashboard figures, and their refresh.
 * convex/functions.ts registers `FIGURE_TRIGGERS` once and wraps every mutation builder's database with them
 * (convex-helpers `Triggers`): each change notes whose figures moved in the mutation's `LearnerRefresh`, and when
 * the mutation succeeds the refresh is scheduled once per learner (`dashboards/members.refresh`, which recomputes
 * their `memberStats` rows and moves the totals; dashboards/model/memberStats.ts). No write path has to remember it.
 */
import type { Change } from "convex-helpers/server/triggers";
import { internal } from "./_generated/api";
import type { DataModel, Id, TableNames } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";

/**
 * Members refreshed per scheduled job: well inside Convex's per-transaction limits (a member costs ~90 reads, ~40 index
 * ranges).
 */
export const REFRESH_BATCH = 10;

/** Schedules the recomputation of these members' dashboard rows, `REFRESH_BATCH` per job. */
export async function scheduleRefresh(ctx: Pick<MutationCtx, "scheduler">, userIds: Array<Id<"users">>) {
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += REFRESH_BATCH) {
    await ctx.scheduler.runAfter(0, internal.dashboards.members.refresh, {
      userIds: unique.slice(i, i + REFRESH_BATCH),
    });
  }
}

/** The learners (and cohorts, for everyone confirmed in them) whose figures one mutation moved. */
export class LearnerRefresh {
  private readonly learners = new Set<Id<"users">>();
  private readonly cohorts = new Set<Id<"cohorts">>();

  learner(...userIds: Array<Id<"users"> | undefined>) {
    for (const userId of userIds) if (userId !== undefined) this.learners.add(userId);
  }

  cohort(...cohortIds: Array<Id<"cohorts"> | undefined>) {
    for (const cohortId of cohortIds) if (cohortId !== undefined) this.cohorts.add(cohortId);
  }

  /**
   * Schedules the refresh of every noted learner who has dashboard rows to keep: members of an organization, and
   * people who had rows (they just left one, and theirs are deleted). Called once, when the mutation succeeds.
   */
  async flush(ctx: Pick<MutationCtx, "db" | "scheduler">) {
    for (const cohortId of this.cohorts) {
      const confirmed = await ctx.db
        .query("enrollments")
        .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId).eq("paymentStatus", "completed"))
        .take(1000);
      this.learner(...confirmed.map((e) => e.userId));
    }
    const due: Array<Id<"users">> = [];
    for (const userId of this.learners) {
      const user = await ctx.db.get("users", userId);
      const hasRows =
        user?.organizationId !== undefined ||
        (await ctx.db
          .query("memberStats")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .first()) !== null;
      if (hasRows) due.push(userId);
    }
    await scheduleRefresh(ctx, due);
  }
}

export type FigureCtx = MutationCtx & { learnerRefresh: LearnerRefresh };
type FigureTrigger<T extends TableNames> = (ctx: FigureCtx, change: Change<DataModel, T>) => Promise<void>;

const changed = <D extends object>(change: { oldDoc: D | null; newDoc: D | null }, fields: Array<keyof D>) =>
  change.oldDoc === null ||
  change.newDoc === null ||
  fields.some((field) => change.oldDoc![field] !== change.newDoc![field]);

/**
 * A change to a learner's own record (enrollment, attendance, lesson, certificate, team membership, privacy choice,
 * skill, score).
 */
const ownRecord = async (
  ctx: FigureCtx,
  change: { oldDoc: { userId: Id<"users"> } | null; newDoc: { userId: Id<"users"> } | null },
) => ctx.learnerRefresh.learner(change.oldDoc?.userId, change.newDoc?.userId);

/** Every table whose writes move what managers see of a learner, and whose figures each change moves. */
export const FIGURE_TRIGGERS: { [T in TableNames]?: FigureTrigger<T> } = {
  enrollments: ownRecord,
  sessionAttendance: ownRecord,
  lessonCompletions: ownRecord,
  certificates: ownRecord,
  teamMembers: ownRecord,
  userPrivacySettings: ownRecord,
  userSkillProgress: ownRecord,
  learningGainAnalytics: ownRecord,
  /** Joining or leaving an organization, its seat, the name managers see, and the last time they were active. */
  users: async (ctx, change) => {
    if (changed(change, ["organizationId", "holdsOrgSeat", "name", "lastActiveAt"]))
      ctx.learnerRefresh.learner(change.id);
  },
  /** A team renamed, moved or closed, or its goal changed: its members' team rows follow. */
  teams: async (ctx, change) => {
    const goal = (team: DataModel["teams"]["document"] | null) =>
      JSON.stringify([
        team?.targetCourses,
        team?.targetPaths,
        team?.targetSkills,
        team?.targetSkillLevel,
        team?.completionDeadline,
        team?.goalSetAt,
      ]);
    if (!changed(change, ["organizationId", "isActive", "name"]) && goal(change.oldDoc) === goal(change.newDoc)) return;
    const members = await ctx.db
      .query("teamMembers")
      .withIndex("by_teamId", (q) => q.eq("teamId", change.id))
      .take(1000);
    ctx.learnerRefresh.learner(...members.map((m) => m.userId));
  },
  /** A cohort's status or end date: progress, pace and deadlines of everyone confirmed in it. */
  cohorts: async (ctx, change) => {
    if (changed(change, ["status", "endDate"])) ctx.learnerRefresh.cohort(change.id);
  },
  /** A live session added, moved, cancelled or removed: the expected pace of its cohort's learners. */
  cohortSessions: async (ctx, change) => {
    if (changed(change, ["status", "startsAt", "endsAt", "cohortId"]))
      ctx.learnerRefresh.cohort(change.oldDoc?.cohortId, change.newDoc?.cohortId);
  },
};
