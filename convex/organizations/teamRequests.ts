/** "Buy for my team" requests: anyone asks for seats; platform admins turn them into organizations or dismiss them. */
import { v } from "convex/values";
import { mutation, platformAdminMutation, platformAdminQuery } from "../functions";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";
import { clientNetworkKey, enforceLimit } from "../rateLimits";
import { normalizeEmail } from "../users/model/accounts";

export const list = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("contactSubmissions"),
      name: v.string(),
      email: v.string(),
      company: v.union(v.string(), v.null()),
      teamSize: v.union(v.string(), v.null()),
      message: v.string(),
      createdAt: v.number(),
    }),
  ),
  handler: async (ctx) => {
    const pending = await ctx.db
      .query("contactSubmissions")
      .withIndex("by_status", (q) => q.eq("status", "pending"))
      .order("desc")
      .take(100);
    return pending.map((s) => ({
      _id: s._id,
      name: s.name,
      email: s.email,
      company: s.company ?? null,
      teamSize: s.teamSize ?? null,
      message: s.message,
      createdAt: s.createdAt,
    }));
  },
});

/**
 * "Buy for my team": anyone may ask, signed in or not; a platform admin turns
 * the request into an organization. Limited per client network (an address
 * the caller cannot choose, unlike the email they type) and overall.
 */
export const submit = mutation({
  args: {
    name: v.string(),
    email: v.string(),
    company: v.string(),
    teamSize: v.string(),
    message: v.optional(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    const name = boundedText(args.name, "your name", TEXT_LIMITS.name, { min: 2 });
    const email = normalizeEmail(boundedText(args.email, "your email address", TEXT_LIMITS.email));
    const company = boundedText(args.company, "your company's name", TEXT_LIMITS.name, { min: 2 });
    const teamSize = optionalText(args.teamSize, "the number of seats", TEXT_LIMITS.line);
    const message = optionalText(args.message, "your message", TEXT_LIMITS.paragraph) ?? "";
    await enforceLimit(ctx, "teamRequests", await clientNetworkKey(ctx), "requests from your network");
    await enforceLimit(ctx, "teamRequestsGlobal", "all", "team requests right now");
    const now = Date.now();
    await ctx.db.insert("contactSubmissions", {
      name,
      email,
      company,
      teamSize,
      message,
      status: "pending",
      createdAt: now,
      updatedAt: now,
    });
    return null;
  },
});

export const dismiss = platformAdminMutation({
  args: { requestId: v.id("contactSubmissions"), spam: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { requestId, spam }) => {
    await ctx.db.patch("contactSubmissions", requestId, { status: spam ? "spam" : "contacted", updatedAt: Date.now() });
    return null;
  },
});
