/** What a course promises in skills, as its public page shows it ("Skills you will build"). */
import type { Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { AUTOMATIC_LEVEL, capped, rank } from "./levels";
import { skillLinksOfCourse } from "./taxonomy";

/**
 * The active skills a course builds, the most weighted first, with the level completing it earns (held to the skill's
 * highest level) and whether a course that masters the skill opens an instructor's sign-off to Advanced. One indexed,
 * bounded read and a get per skill.
 */
export async function courseSkillOutcomes(ctx: QueryCtx, courseId: Id<"courses">) {
  const outcomes = [];
  for (const link of await skillLinksOfCourse(ctx, courseId)) {
    const skill = await ctx.db.get("skills", link.skillId);
    if (skill === null || !skill.isActive) continue;
    outcomes.push({
      name: skill.name,
      category: skill.category,
      skillLevel: link.skillLevel,
      description: skill.description,
      earns: capped(AUTOMATIC_LEVEL[link.skillLevel], skill),
      advancedWithSignOff: link.skillLevel === "masters" && rank(skill.level) >= rank("advanced"),
      weight: link.weight,
    });
  }
  return outcomes
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name))
    .map(({ weight: _weight, ...outcome }) => outcome);
}
