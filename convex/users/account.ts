import { v } from "convex/values";
import { internalMutation, internalQuery, query, userQuery } from "../functions";
import { googleSignInEnabled, isLocalMode } from "../env";
import { DEMO_ACCOUNTS } from "../dev/model/demoData";
import { enforceLimit } from "../rateLimits";
import { getViewer } from "../access";
import { normalizeEmail } from "./model/accounts";
import { vUserRole } from "../validators";

const vViewer = v.object({
  _id: v.id("users"),
  name: v.string(),
  email: v.string(),
  role: vUserRole,
  image: v.optional(v.string()),
  /** Organizations the viewer administers or manages, for navigation. */
  organizations: v.array(v.object({ _id: v.id("organizations"), name: v.string(), role: v.string() })),
  /** True when the viewer belongs to an organization (as a learner or a manager). */
  inOrganization: v.boolean(),
  isInstructor: v.boolean(),
  /** The zone the person chose for dates and times; absent means their device's own. */
  timezone: v.optional(v.string()),
});

/** The signed-in user with what the navigation needs, or null. */
export const viewer = userQuery({
  args: {},
  returns: v.union(v.null(), vViewer),
  handler: async (ctx) => {
    const { viewer } = ctx;
    if (viewer === null) return null;
    const managerRows = await ctx.db
      .query("organizationManagers")
      .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", viewer._id))
      .take(20);
    const organizations = [];
    for (const row of managerRows.filter((m) => m.isActive)) {
      const organization = await ctx.db.get("organizations", row.organizationId);
      if (organization) organizations.push({ _id: organization._id, name: organization.name, role: row.role });
    }
    const teaching = await ctx.db
      .query("cohorts")
      .withIndex("by_instructorId", (q) => q.eq("instructorId", viewer._id))
      .first();
    return {
      _id: viewer._id,
      name: viewer.name,
      email: viewer.email,
      role: viewer.role,
      ...(viewer.image ? { image: viewer.image } : {}),
      organizations,
      inOrganization: viewer.organizationId !== undefined,
      isInstructor: teaching !== null,
      ...(viewer.timezone ? { timezone: viewer.timezone } : {}),
    };
  },
});

/** Which sign-in methods this deployment offers. */
export const signInOptions = query({
  args: {},
  returns: v.object({ google: v.boolean(), localMode: v.boolean() }),
  handler: async () => ({
    google: googleSignInEnabled(),
    localMode: isLocalMode(),
  }),
});

/** For actions: the caller's user document (actions have no db). */
export const viewerForAction = internalQuery({
  args: {},
  handler: async (ctx) => await getViewer(ctx),
});

/**
 * Counts a sign-in link sent to `email`, per address and across all addresses;
 * refuses with RATE_LIMITED past either limit.
 */
export const limitSignInLink = internalMutation({
  args: { email: v.string() },
  handler: async (ctx, { email }) => {
    const address = normalizeEmail(email);
    // Local mode's one-click demo people sign in through links too; their mail never leaves the dev mailbox.
    if (isLocalMode() && DEMO_ACCOUNTS.some((account) => account.email === address)) return;
    await enforceLimit(ctx, "magicLink", address, "sign-in links requested for this address");
    await enforceLimit(ctx, "magicLinkGlobal", "all", "sign-in links requested right now");
  },
});
