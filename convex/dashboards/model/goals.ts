/**
 * A team's goal — target courses, the required courses of target learning paths, target skills at a level, and a
 * completion deadline — and where one member stands against it. Team dashboards, at-risk counts, deadline reminders
 * and the compliance report read members' team rows, whose progress and pace follow the goal when the team has one
 * (model/memberStats.ts).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { rank } from "../../skills/model/levels";
import type { PaceStatus, SkillLevel } from "../../validators";

/** Targets of each kind a goal may name. */
export const MAX_GOAL_TARGETS = 20;
/** The level a target skill should reach when the goal does not say. */
export const DEFAULT_TARGET_LEVEL: SkillLevel = "practitioner";
/** Behind when goal progress trails the share of the time to the deadline already gone by more than this. */
export const GOAL_BEHIND_MARGIN = 25;

export type TeamGoal = {
  /** Target courses, with the required courses of target paths. */
  courseIds: Array<Id<"courses">>;
  skillIds: Array<Id<"skills">>;
  skillLevel: SkillLevel;
  deadline: number | null;
  setAt: number;
};

/** Whether the team has a goal: at least one target course, path or skill. */
export function hasGoal(team: Doc<"teams">) {
  return (team.targetCourses?.length ?? 0) + (team.targetPaths?.length ?? 0) + (team.targetSkills?.length ?? 0) > 0;
}

/** The team's goal with its paths resolved to their required courses, or null when it has none. */
export async function teamGoal(ctx: QueryCtx, team: Doc<"teams">): Promise<TeamGoal | null> {
  if (!hasGoal(team)) return null;
  const courseIds = new Set(team.targetCourses ?? []);
  for (const pathId of (team.targetPaths ?? []).slice(0, MAX_GOAL_TARGETS)) {
    const steps = await ctx.db
      .query("learningPathSteps")
      .withIndex("by_pathId_and_stepNumber", (q) => q.eq("pathId", pathId))
      .take(50);
    for (const step of steps) if (step.isRequired) courseIds.add(step.courseId);
  }
  return {
    courseIds: [...courseIds],
    skillIds: team.targetSkills ?? [],
    skillLevel: team.targetSkillLevel ?? DEFAULT_TARGET_LEVEL,
    deadline: team.completionDeadline ?? null,
    setAt: team.goalSetAt ?? team.createdAt,
  };
}

/** What a member has towards goals, as managers may see it (completions hidden by the learner count as not done). */
export type GoalFacts = {
  /** Progress per course (100 when certified), the best of the member's enrollments in it. */
  courseProgress: ReadonlyMap<Id<"courses">, number>;
  skillLevels: ReadonlyMap<Id<"skills">, SkillLevel | "none">;
};

export type GoalStanding = { progressPercent: number; met: boolean; pace: PaceStatus; deadline: number | null };

/**
 * Where the member stands: each target counts equally (a course by its progress, a skill by its level over the target
 * level); met when every target is; the pace compares progress with the share of the time from the goal's start to
 * its deadline already gone (behind past the deadline, or trailing by more than GOAL_BEHIND_MARGIN points).
 */
export function goalStanding(goal: TeamGoal, facts: GoalFacts, now: number): GoalStanding {
  const values = [
    ...goal.courseIds.map((id) => facts.courseProgress.get(id) ?? 0),
    ...goal.skillIds.map((id) =>
      Math.min(100, Math.round((rank(facts.skillLevels.get(id)) / rank(goal.skillLevel)) * 100)),
    ),
  ];
  const progressPercent =
    values.length === 0 ? 100 : Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
  const met = values.every((value) => value >= 100);
  let pace: PaceStatus;
  if (met) pace = "completed";
  else if (goal.deadline === null) pace = progressPercent === 0 ? "not_started" : "on_track";
  else if (now >= goal.deadline) pace = "behind";
  else {
    const span = Math.max(1, goal.deadline - goal.setAt);
    const expected = Math.min(100, Math.max(0, ((now - goal.setAt) / span) * 100));
    pace =
      progressPercent + GOAL_BEHIND_MARGIN < expected
        ? "behind"
        : progressPercent === 0 && expected < GOAL_BEHIND_MARGIN
          ? "not_started"
          : "on_track";
  }
  return { progressPercent, met, pace, deadline: goal.deadline };
}
