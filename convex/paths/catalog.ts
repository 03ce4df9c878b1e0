/** The public catalogue of learning paths: published paths, a path's page, and the paths a course belongs to. */
import { v } from "convex/values";
import { query } from "../functions";
import { pathCard, pathPage, vPathCard, vPathPage } from "./model/views";

/** Published paths, featured first, then in the admins' order. */
export const list = query({
  args: {},
  returns: v.array(vPathCard),
  handler: async (ctx) => {
    const paths = await ctx.db
      .query("learningPaths")
      .withIndex("by_isActive_and_sortOrder", (q) => q.eq("isActive", true))
      .take(50);
    const cards = [];
    for (const path of paths) cards.push((await pathCard(ctx, path)).card);
    return cards.sort((a, b) => Number(b.isFeatured) - Number(a.isFeatured));
  },
});

/** A published path's page by its slug; null when there is none. */
export const get = query({
  args: { slug: v.string() },
  returns: v.union(v.null(), vPathPage),
  handler: async (ctx, { slug }) => {
    const path = await ctx.db
      .query("learningPaths")
      .withIndex("by_slug", (q) => q.eq("slug", slug))
      .unique();
    if (path === null || !path.isActive) return null;
    return await pathPage(ctx, path);
  },
});

/** The published paths a course is a step of, for its course page. */
export const forCourse = query({
  args: { courseId: v.id("courses") },
  returns: v.array(v.object({ slug: v.string(), title: v.string(), stepNumber: v.number(), stepCount: v.number() })),
  handler: async (ctx, { courseId }) => {
    const steps = await ctx.db
      .query("learningPathSteps")
      .withIndex("by_courseId", (q) => q.eq("courseId", courseId))
      .take(20);
    const found = [];
    for (const step of steps) {
      const path = await ctx.db.get("learningPaths", step.pathId);
      if (path === null || !path.isActive) continue;
      found.push({ slug: path.slug, title: path.title, stepNumber: step.stepNumber, stepCount: path.totalCourses });
    }
    return found;
  },
});

/** What search engines may list: published paths and when each last changed. */
export const sitemap = query({
  args: {},
  returns: v.array(v.object({ slug: v.string(), updatedAt: v.number() })),
  handler: async (ctx) => {
    const paths = await ctx.db
      .query("learningPaths")
      .withIndex("by_isActive_and_sortOrder", (q) => q.eq("isActive", true))
      .take(50);
    return paths.map((path) => ({ slug: path.slug, updatedAt: path.updatedAt }));
  },
});
