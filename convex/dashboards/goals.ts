/**
 * A team's goal, set on its dashboard by a manager of the team or an administrator: target courses, learning paths and
 * skills (at a level), and a completion deadline. Setting it moves every member's team row (the teams trigger), so the
 * team's progress, pace, at-risk figures, deadline reminders and compliance report follow the goal (model/goals.ts).
 */
import { v } from "convex/values";
import { appError } from "../errors";
import { orgMutation, orgQuery } from "../functions";
import { assertTeamInScope } from "../access";
import { audit } from "../organizations/model/membership";
import { DEFAULT_TARGET_LEVEL, MAX_GOAL_TARGETS, hasGoal } from "./model/goals";
import { allSkills } from "../skills/model/taxonomy";
import { vSkillLevel } from "../validators";

const DAY_MS = 86_400_000;
/** The furthest a deadline may be set. */
const MAX_DEADLINE_DAYS = 3 * 365;

const vCourseRef = v.object({ _id: v.id("courses"), name: v.string() });
const vPathRef = v.object({ _id: v.id("learningPaths"), name: v.string() });
const vSkillRef = v.object({ _id: v.id("skills"), name: v.string() });

/** The team's goal, whether the caller may change it, and what may be chosen. */
export const forTeam = orgQuery({
  args: { teamId: v.id("teams") },
  permission: "view_progress",
  returns: v.object({
    goal: v.union(
      v.null(),
      v.object({
        courses: v.array(vCourseRef),
        paths: v.array(vPathRef),
        skills: v.array(vSkillRef),
        skillLevel: vSkillLevel,
        deadline: v.union(v.null(), v.number()),
        setAt: v.union(v.null(), v.number()),
        setBy: v.union(v.null(), v.string()),
      }),
    ),
    canEdit: v.boolean(),
    options: v.object({ courses: v.array(vCourseRef), paths: v.array(vPathRef), skills: v.array(vSkillRef) }),
  }),
  handler: async (ctx, { organizationId, teamId }) => {
    assertTeamInScope(ctx.access, teamId);
    const team = await ctx.db.get("teams", teamId);
    if (team === null || team.organizationId !== organizationId || !team.isActive)
      throw appError("NOT_FOUND", "This team no longer exists.");
    const courses = await ctx.db
      .query("courses")
      .withIndex("by_status", (q) => q.eq("status", "published"))
      .take(200);
    const paths = (await ctx.db.query("learningPaths").take(200)).filter((p) => p.isActive);
    const skills = (await allSkills(ctx)).filter((s) => s.isActive);
    const name = <T extends { _id: string }>(list: T[], label: (item: T) => string, ids: Array<T["_id"]> = []) =>
      ids.flatMap((id) => {
        const found = list.find((item) => item._id === id);
        return found ? [{ _id: found._id as T["_id"], name: label(found) }] : [];
      });
    return {
      goal: hasGoal(team)
        ? {
            courses: name(courses, (c) => c.title, team.targetCourses),
            paths: name(paths, (p) => p.title, team.targetPaths),
            skills: name(skills, (s) => s.name, team.targetSkills),
            skillLevel: team.targetSkillLevel ?? DEFAULT_TARGET_LEVEL,
            deadline: team.completionDeadline ?? null,
            setAt: team.goalSetAt ?? null,
            setBy: team.goalSetBy ? ((await ctx.db.get("users", team.goalSetBy))?.name ?? null) : null,
          }
        : null,
      canEdit: ctx.access.role !== "viewer",
      options: {
        courses: courses.map((c) => ({ _id: c._id, name: c.title })).sort((a, b) => a.name.localeCompare(b.name)),
        paths: paths.map((p) => ({ _id: p._id, name: p.title })).sort((a, b) => a.name.localeCompare(b.name)),
        skills: skills.sort((a, b) => a.sortOrder - b.sortOrder).map((s) => ({ _id: s._id, name: s.name })),
      },
    };
  },
});

/**
 * Sets (or, with no targets, clears) the team's goal. Its start is kept when a goal is only changed, so the pace keeps
 * counting from when the team began; a new goal starts now.
 */
export const set = orgMutation({
  args: {
    teamId: v.id("teams"),
    courseIds: v.array(v.id("courses")),
    pathIds: v.array(v.id("learningPaths")),
    skillIds: v.array(v.id("skills")),
    skillLevel: vSkillLevel,
    deadline: v.union(v.null(), v.number()),
  },
  managesTeams: true,
  returns: v.null(),
  handler: async (ctx, { organizationId, teamId, courseIds, pathIds, skillIds, skillLevel, deadline }) => {
    assertTeamInScope(ctx.access, teamId);
    const team = await ctx.db.get("teams", teamId);
    if (team === null || team.organizationId !== organizationId || !team.isActive)
      throw appError("NOT_FOUND", "This team no longer exists.");
    for (const [ids, what] of [
      [courseIds, "courses"],
      [pathIds, "learning paths"],
      [skillIds, "skills"],
    ] as const) {
      if (new Set<string>(ids).size !== ids.length)
        throw appError("INVALID_INPUT", `One of the ${what} is listed twice.`);
      if (ids.length > MAX_GOAL_TARGETS)
        throw appError("INVALID_INPUT", `A goal names at most ${MAX_GOAL_TARGETS} ${what}.`);
    }
    for (const id of courseIds) {
      const course = await ctx.db.get("courses", id);
      if (course === null || course.status !== "published")
        throw appError("NOT_FOUND", "One of the courses is no longer offered.");
    }
    for (const id of pathIds)
      if ((await ctx.db.get("learningPaths", id))?.isActive !== true)
        throw appError("NOT_FOUND", "One of the learning paths is no longer offered.");
    for (const id of skillIds)
      if ((await ctx.db.get("skills", id))?.isActive !== true)
        throw appError("NOT_FOUND", "One of the skills is no longer assessed.");
    const now = Date.now();
    const targets = courseIds.length + pathIds.length + skillIds.length;
    if (deadline !== null && (deadline <= now || deadline > now + MAX_DEADLINE_DAYS * DAY_MS))
      throw appError("INVALID_INPUT", "Choose a deadline after today and within three years.");
    if (deadline !== null && targets === 0)
      throw appError("INVALID_INPUT", "Choose at least one course, path or skill for the deadline to apply to.");
    await ctx.db.patch("teams", teamId, {
      targetCourses: targets ? courseIds : undefined,
      targetPaths: targets ? pathIds : undefined,
      targetSkills: targets ? skillIds : undefined,
      targetSkillLevel: targets && skillIds.length > 0 ? skillLevel : undefined,
      completionDeadline: deadline ?? undefined,
      goalSetAt: targets === 0 ? undefined : hasGoal(team) ? (team.goalSetAt ?? team.createdAt) : now,
      goalSetBy: targets === 0 ? undefined : ctx.viewer._id,
      updatedAt: now,
    });
    await audit(ctx, organizationId, "team_updated", {
      actorId: ctx.viewer._id,
      details:
        targets === 0
          ? `Goal of ${team.name} cleared`
          : `Goal of ${team.name}: ${courseIds.length} courses, ${pathIds.length} paths, ${skillIds.length} skills` +
            (deadline ? `, due ${new Date(deadline).toISOString().slice(0, 10)}` : ""),
    });
    return null;
  },
});
