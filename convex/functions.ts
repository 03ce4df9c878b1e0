/**
 * The one place that decides who is calling, and that every write fires the triggers. Every other module
 * builds its functions from these builders (enforced by lint and tests/convex/architecture.test.ts), never
 * from _generated/server.
 *
 * Every mutation builder here — public, internal and custom — wraps `ctx.db` with the triggers registered
 * below (convex-helpers `Triggers`), so a write to a table whose changes move a learner's dashboard figures
 * schedules their refresh when the mutation succeeds, whichever function made it (convex/triggers.ts).
 *
 * - `query` / `mutation` / `action`: public, no caller required.
 * - `userQuery`: `ctx.viewer` is the signed-in user or null (signed-out callers get null/empty results).
 * - `userMutation` / `userAction`: a signed-in caller is required (`NOT_SIGNED_IN`).
 * - `platformAdminQuery` / `platformAdminMutation` / `platformAdminAction`: platform admins only.
 * - `orgQuery` / `orgMutation`: take `organizationId`; declare `permission`, `adminOnly` or
 *   `orgWide` next to `handler`; `ctx.access` holds role, permissions and team scope.
 * - `orgMemberQuery` / `orgMemberMutation` (take `memberId`) and `orgEnrollmentMutation` (take
 *   `enrollmentId`): act on one person; declare `memberAction` next to `handler`. The person must
 *   pass `requireMemberInScope` (model/access.ts) before the handler runs: `ctx.member` (and
 *   `ctx.enrollment`) hold them.
 * - `devQuery` / `devInternalMutation`: local mode only (convex/dev/); declare `localFeature` next to
 *   `handler`. Anywhere but a local deployment (ACADEMY_LOCAL_MODE=1) they refuse with NOT_AVAILABLE.
 */
import {
  type Customization,
  customAction,
  customCtx,
  customMutation,
  customQuery,
} from "convex-helpers/server/customFunctions";
import { Triggers } from "convex-helpers/server/triggers";
import { type PropertyValidators, v } from "convex/values";
import { internal } from "./_generated/api";
import type { DataModel, Doc, Id, TableNames } from "./_generated/dataModel";
import {
  action as rawAction,
  internalMutation as rawInternalMutation,
  mutation as rawMutation,
  query as rawQuery,
  internalAction,
  internalQuery,
  httpAction,
  type MutationCtx,
  type QueryCtx,
} from "./_generated/server";
import {
  type MemberAction,
  type OrgNeed,
  getViewer,
  requireMemberInScope,
  requireOrgAccess,
  requirePlatformAdmin,
  requireViewer,
} from "./access";
import { FIGURE_TRIGGERS, type FigureCtx, LearnerRefresh } from "./triggers";
import { isLocalMode } from "./env";
import { appError } from "./errors";
import { assertArgsBounded } from "./limits";

export { internalAction, internalQuery, httpAction };

// ------------------------------------------------------------------ triggers

/** The dashboards' triggers, registered once: every table whose writes move a learner's figures. */
const triggers = new Triggers<DataModel, FigureCtx>();
function register<T extends TableNames>(table: T) {
  const trigger = FIGURE_TRIGGERS[table];
  if (trigger) triggers.register(table, trigger);
}
for (const table of Object.keys(FIGURE_TRIGGERS) as TableNames[]) register(table);

/**
 * Wraps a mutation builder's customization: the database fires the triggers on every write, and the learners whose
 * figures moved are refreshed once the handler has succeeded (in the same transaction, so a failed mutation refreshes
 * nothing).
 */
function triggered<
  Args extends PropertyValidators,
  Ctx extends Record<string, unknown>,
  MadeArgs extends Record<string, unknown>,
  Extra extends Record<string, unknown>,
>(
  customization: Customization<MutationCtx, Args, Ctx, MadeArgs, Extra>,
): Customization<MutationCtx, Args, Ctx & { db: MutationCtx["db"] }, MadeArgs, Extra> {
  return {
    args: customization.args,
    input: async (ctx, args, extra) => {
      const learnerRefresh = new LearnerRefresh();
      const { db } = triggers.wrapDB({ ...ctx, learnerRefresh });
      const inner = await customization.input({ ...ctx, db }, args, extra);
      return {
        ctx: { ...inner.ctx, db },
        args: inner.args,
        onSuccess: async (result) => {
          await inner.onSuccess?.(result);
          await learnerRefresh.flush({ db, scheduler: ctx.scheduler });
        },
      };
    },
  };
}

const noCustomization = { args: {}, input: async () => ({ ctx: {}, args: {} }) };

// ------------------------------------------------------------------ builders

/**
 * Wraps a public builder so every function's arguments pass `assertArgsBounded`
 * before its handler runs (custom builders below are built on these).
 */
function bounded<Builder extends (definition: never) => unknown>(builder: Builder): Builder {
  return ((definition: Definition) => {
    const fn = typeof definition === "function" ? { handler: definition } : definition;
    return (builder as unknown as (d: Definition) => unknown)({
      ...fn,
      handler: (ctx: unknown, args: unknown) => {
        assertArgsBounded(args);
        return fn.handler(ctx, args);
      },
    });
  }) as unknown as Builder;
}
type Handler = (ctx: unknown, args: unknown) => unknown;
type Definition = Handler | { handler: Handler; [key: string]: unknown };

const boundedMutation = bounded(rawMutation);

export const query = bounded(rawQuery);
export const mutation = customMutation(boundedMutation, triggered(noCustomization));
export const internalMutation = customMutation(rawInternalMutation, triggered(noCustomization));
export const action = bounded(rawAction);

export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await getViewer(ctx) })),
);

export const userMutation = customMutation(
  boundedMutation,
  triggered(customCtx(async (ctx) => ({ viewer: await requireViewer(ctx) }))),
);

export const userAction = customAction(
  action,
  customCtx(async (ctx): Promise<{ viewerId: Id<"users"> }> => {
    // The same viewer as queries and mutations (access.getViewer): an erased account is signed out here too.
    const viewer: Doc<"users"> | null = await ctx.runQuery(internal.users.account.viewerForAction, {});
    if (viewer === null) throw appError("NOT_SIGNED_IN", "Please sign in to continue.");
    return { viewerId: viewer._id };
  }),
);

export const platformAdminQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await requirePlatformAdmin(ctx) })),
);

export const platformAdminMutation = customMutation(
  boundedMutation,
  triggered(customCtx(async (ctx) => ({ viewer: await requirePlatformAdmin(ctx) }))),
);

export const platformAdminAction = customAction(
  action,
  customCtx(async (ctx): Promise<{ viewerId: Id<"users"> }> => {
    const viewer: Doc<"users"> | null = await ctx.runQuery(internal.users.account.viewerForAction, {});
    if (viewer === null) throw appError("NOT_SIGNED_IN", "Please sign in to continue.");
    if (viewer.role !== "platform_admin")
      throw appError("NOT_PLATFORM_ADMIN", "Only platform administrators can do this.");
    return { viewerId: viewer._id };
  }),
);

/** A manager of the organization (or a platform admin), with what `need` declares. */
const inOrganization = {
  args: { organizationId: v.id("organizations") },
  input: async (ctx: QueryCtx, { organizationId }: { organizationId: Id<"organizations"> }, need: OrgNeed) => {
    const access = await requireOrgAccess(ctx, organizationId, need);
    return { ctx: { viewer: access.viewer, access }, args: { organizationId } };
  },
};

export const orgQuery = customQuery(query, inOrganization);

export const orgMutation = customMutation(boundedMutation, triggered(inOrganization));

type MemberNeed = { memberAction: MemberAction };

/** Marks a function built for one person with its action, so tests can tell that it went through the rule. */
function marked<Builder>(builder: Builder): Builder {
  return ((definition: { memberAction: MemberAction }) =>
    Object.assign((builder as unknown as (d: unknown) => object)(definition), {
      memberAction: definition.memberAction,
    })) as unknown as Builder;
}

/** One person the caller may take `memberAction` on (requireMemberInScope). */
const onMember = {
  args: { organizationId: v.id("organizations"), memberId: v.id("users") },
  input: async (
    ctx: QueryCtx,
    { organizationId, memberId }: { organizationId: Id<"organizations">; memberId: Id<"users"> },
    { memberAction }: MemberNeed,
  ) => {
    const access = await requireOrgAccess(ctx, organizationId);
    const member = await requireMemberInScope(ctx, access, memberId, memberAction);
    return { ctx: { viewer: access.viewer, access, member }, args: { organizationId, memberId } };
  },
};

export const orgMemberQuery = marked(customQuery(query, onMember));

export const orgMemberMutation = marked(customMutation(boundedMutation, triggered(onMember)));

export const orgEnrollmentMutation = marked(
  customMutation(
    boundedMutation,
    triggered({
      args: { organizationId: v.id("organizations"), enrollmentId: v.id("enrollments") },
      input: async (ctx, { organizationId, enrollmentId }, { memberAction }: MemberNeed) => {
        const access = await requireOrgAccess(ctx, organizationId);
        const enrollment = await ctx.db.get("enrollments", enrollmentId);
        if (enrollment === null) throw appError("NOT_FOUND", "This enrollment no longer exists.");
        const member = await requireMemberInScope(ctx, access, enrollment.userId, memberAction);
        return { ctx: { viewer: access.viewer, access, member, enrollment }, args: { organizationId, enrollmentId } };
      },
    }),
  ),
);

type LocalFeature = { localFeature: string };

/** Refuses before the handler runs unless this is a local deployment (the only switch is ACADEMY_LOCAL_MODE=1). */
const localModeOnly = {
  args: {},
  input: async (_ctx: unknown, _args: Record<string, never>, { localFeature }: LocalFeature) => {
    if (!isLocalMode())
      throw appError("NOT_AVAILABLE", `${localFeature} exists only in local mode (ACADEMY_LOCAL_MODE=1).`);
    return { ctx: {}, args: {} };
  },
};

export const devQuery = customQuery(query, localModeOnly);

export const devInternalMutation = customMutation(rawInternalMutation, triggered(localModeOnly));
