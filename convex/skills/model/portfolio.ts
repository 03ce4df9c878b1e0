/** The public skills portfolio: its link, and exactly what it shows (name, levels, badges) — nothing more. */
import { type Infer, v } from "convex/values";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { vSkillCategory, vSkillLevel } from "../../validators";
import { rank } from "./levels";
import { counts, credentialsOf } from "./signOff";

export async function portfolioOf(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("skillPortfolios")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .unique();
}

/** "ada-lovelace-3f9c0a7d12e4b856": the learner's name, then 64 random bits (unguessable; one learner's link). */
export async function newPortfolioSlug(ctx: MutationCtx, user: Doc<"users">) {
  const name = user.name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  for (;;) {
    const random = crypto.randomUUID().replace(/-/g, "").slice(0, 16);
    const slug = name ? `${name}-${random}` : random;
    const taken = await ctx.db
      .query("skillPortfolios")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .first();
    if (taken === null) return slug;
  }
}

export const vPublicPortfolio = v.object({
  name: v.string(),
  skills: v.array(v.object({ name: v.string(), category: vSkillCategory, level: vSkillLevel })),
  badges: v.array(
    v.object({
      name: v.string(),
      level: vSkillLevel,
      issuedAt: v.number(),
      expiresAt: v.union(v.null(), v.number()),
      expired: v.boolean(),
      verifyPath: v.string(),
    }),
  ),
});

export type PublicPortfolio = Infer<typeof vPublicPortfolio>;

/** What a switched-on portfolio shows: the learner's name, their levels in active skills, their issued badges. */
export async function publicPortfolio(ctx: QueryCtx, slug: string, now: number) {
  const row = await ctx.db
    .query("skillPortfolios")
    .withIndex("by_slug", (q) => q.eq("slug", slug))
    .unique();
  if (row === null || !row.isPublic) return null;
  const user = await ctx.db.get("users", row.userId);
  if (user === null || user.erasedAt !== undefined) return null;
  const skills = [];
  for (const progress of await ctx.db
    .query("userSkillProgress")
    .withIndex("by_userId_and_skillId", (q) => q.eq("userId", user._id))
    .take(100)) {
    const skill = await ctx.db.get("skills", progress.skillId);
    if (skill === null || !skill.isActive || progress.currentLevel === "none") continue;
    skills.push({ name: skill.name, category: skill.category, level: progress.currentLevel, order: skill.sortOrder });
  }
  const badges = (await credentialsOf(ctx, user._id))
    .filter((c) => c.kind === "skill" && c.skillLevel && counts(c) && c.issueStatus === "issued")
    .map((c) => ({
      name: c.badgeData.name,
      level: c.skillLevel!,
      issuedAt: c.issuedAt,
      expiresAt: c.expiresAt ?? null,
      expired: c.expiresAt !== undefined && c.expiresAt <= now,
      verifyPath: `/verify/${c.publicId}`,
    }))
    .sort((a, b) => Number(a.expired) - Number(b.expired) || rank(b.level) - rank(a.level) || b.issuedAt - a.issuedAt);
  return {
    name: user.name,
    skills: skills
      .sort((a, b) => rank(b.level) - rank(a.level) || a.order - b.order)
      .map(({ order: _order, ...skill }) => skill),
    badges,
  };
}
