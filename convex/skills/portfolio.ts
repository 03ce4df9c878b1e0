/**
 * A learner's public skills portfolio: off by default; when they switch it on, /portfolio/<slug> shows their name,
 * skill levels and badges (each linking to /verify) — nothing else. The slug is the server's (model/portfolio.ts), so
 * it reaches only its owner's portfolio; a new link retires the old one. Views are rate limited per client network and
 * for everyone together, like the verify doors.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { appError } from "../errors";
import { action, internalQuery, userMutation, userQuery } from "../functions";
import { clientNetworkKey, enforceLimit, rateLimiter } from "../rateLimits";
import {
  type PublicPortfolio,
  newPortfolioSlug,
  portfolioOf,
  publicPortfolio,
  vPublicPortfolio,
} from "./model/portfolio";

/** The viewer's portfolio switch and link; null for signed-out callers. */
export const settings = userQuery({
  args: {},
  returns: v.union(v.null(), v.object({ isPublic: v.boolean(), slug: v.union(v.null(), v.string()) })),
  handler: async (ctx) => {
    if (ctx.viewer === null) return null;
    const row = await portfolioOf(ctx, ctx.viewer._id);
    return { isPublic: row?.isPublic ?? false, slug: row?.slug ?? null };
  },
});

/** Switches the viewer's portfolio on (making its link the first time) or off (the link then shows nothing). */
export const setPublic = userMutation({
  args: { isPublic: v.boolean() },
  returns: v.object({ slug: v.union(v.null(), v.string()) }),
  handler: async (ctx, { isPublic }) => {
    const row = await portfolioOf(ctx, ctx.viewer._id);
    const now = Date.now();
    if (row) {
      await ctx.db.patch("skillPortfolios", row._id, { isPublic, updatedAt: now });
      return { slug: row.slug };
    }
    if (!isPublic) return { slug: null };
    const slug = await newPortfolioSlug(ctx, ctx.viewer);
    await ctx.db.insert("skillPortfolios", { userId: ctx.viewer._id, slug, isPublic, createdAt: now, updatedAt: now });
    return { slug };
  },
});

/** Gives the portfolio a new link; the old one stops working at once. */
export const newLink = userMutation({
  args: {},
  returns: v.object({ slug: v.string() }),
  handler: async (ctx) => {
    const row = await portfolioOf(ctx, ctx.viewer._id);
    if (row === null) throw appError("NOT_FOUND", "Switch your portfolio on first.");
    await enforceLimit(ctx, "portfolioLinks", ctx.viewer._id, "new portfolio links");
    const slug = await newPortfolioSlug(ctx, ctx.viewer);
    await ctx.db.patch("skillPortfolios", row._id, { slug, updatedAt: Date.now() });
    return { slug };
  },
});

export const publicView = internalQuery({
  args: { slug: v.string(), now: v.number() },
  returns: v.union(v.null(), vPublicPortfolio),
  handler: async (ctx, { slug, now }) => await publicPortfolio(ctx, slug, now),
});

/**
 * A portfolio as anyone sees it, or null when the link is unknown or switched off. Takes one view from the caller's
 * network's allowance and one from everyone's (RATE_LIMITED with when to retry when either is spent).
 */
export const view = action({
  args: { slug: v.string() },
  returns: v.union(v.null(), vPublicPortfolio),
  handler: async (ctx, { slug }): Promise<PublicPortfolio | null> => {
    const own = await rateLimiter.limit(ctx, "portfolioViews", { key: await clientNetworkKey(ctx) });
    const all = own.ok ? await rateLimiter.limit(ctx, "portfolioViewsAll") : own;
    if (!all.ok) {
      const seconds = Math.max(1, Math.ceil(all.retryAfter / 1000));
      throw appError("RATE_LIMITED", `Too many portfolio views from your network. Try again in ${seconds} seconds.`);
    }
    if (slug.length > 100) return null;
    return await ctx.runQuery(internal.skills.portfolio.publicView, { slug, now: Date.now() });
  },
});
