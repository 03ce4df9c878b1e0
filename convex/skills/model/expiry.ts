/** Telling a learner that a skill badge is about to expire, and how to renew it. */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { notifyUsers } from "../../notifications/model/notify";
import { rank } from "./levels";
import { counts, credentialsOf } from "./signOff";
import { courseLinksOfSkill } from "./taxonomy";

/**
 * Reminds the learner (in the app and by email) that `badge` expires in `daysLeft` days, with what renews it: the next
 * course that develops the skill at Practitioner, an instructor's sign-off at Advanced and Expert. Says nothing when a
 * newer badge of the same skill and level already renews it (returns false).
 */
export async function remindSkillBadge(
  ctx: MutationCtx,
  user: Doc<"users">,
  badge: Doc<"certificates">,
  daysLeft: number,
) {
  if (!badge.skillId || !badge.skillLevel) return false;
  const skill = await ctx.db.get("skills", badge.skillId);
  if (skill === null) return false;
  const credentials = await credentialsOf(ctx, user._id);
  const renewed = credentials.some(
    (c) =>
      c._id !== badge._id &&
      c.kind === "skill" &&
      c.skillId === badge.skillId &&
      rank(c.skillLevel) >= rank(badge.skillLevel) &&
      c.revokedAt === undefined &&
      c.issueStatus !== "failed" &&
      (c.expiresAt === undefined || c.expiresAt > badge.expiresAt!),
  );
  if (renewed) return false;
  const signOff = rank(badge.skillLevel) >= rank("advanced");
  // The next course that develops the skill: one the learner has not completed, else any (taking it again renews too).
  const completed = new Set(
    credentials.filter((c) => (c.kind ?? "course") === "course" && counts(c)).map((c) => c.courseId),
  );
  let course: Doc<"courses"> | null = null;
  if (!signOff) {
    const links = (await courseLinksOfSkill(ctx, skill._id))
      .filter((link) => link.skillLevel !== "introduces")
      .sort((a, b) => Number(completed.has(a.courseId)) - Number(completed.has(b.courseId)));
    for (const link of links) {
      const found = await ctx.db.get("courses", link.courseId);
      if (found?.status === "published") {
        course = found;
        break;
      }
    }
  }
  const how = signOff
    ? "An instructor of one of your cohorts that builds the skill can renew it with a new sign-off."
    : course
      ? `Complete ${course.title}, which develops ${skill.name}, to renew it.`
      : `Complete a course that develops ${skill.name} to renew it.`;
  const title = `Your skill badge expires in ${daysLeft} days: ${badge.badgeData.name}`;
  await notifyUsers(
    ctx,
    [user],
    { category: "certificates", title, body: how, url: course ? `/courses/${course.slug}` : "/learn/skills" },
    {
      subject: title,
      heading: "Time to renew your skill badge",
      lines: [
        `${badge.badgeData.name} is valid for ${daysLeft} more days.`,
        how,
        "Your level stays the same when it expires; the badge shows as expired until you renew it.",
      ],
      actionLabel: course ? "See the course" : "Open my skills",
    },
  );
  return true;
}
