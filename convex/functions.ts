/**
 * The one place that decides who is calling. Every other module builds its
 * functions from these builders (enforced by lint), never from _generated/server.
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
import { getAuthUserId } from "@convex-dev/auth/server";
import { customAction, customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import {
  action as rawAction,
  mutation as rawMutation,
  query as rawQuery,
  internalAction,
  internalMutation,
  internalQuery,
  httpAction,
} from "./_generated/server";
import { isLocalMode } from "./env";
import { appError } from "./errors";
import { type MemberAction, type OrgNeed, requireMemberInScope, requireOrgAccess, requirePlatformAdmin } from "./access";
import { assertArgsBounded } from "./limits";
import { getViewer, requireViewer } from "./access";

export { internalAction, internalMutation, internalQuery, httpAction };

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

export const query = bounded(rawQuery);
export const mutation = bounded(rawMutation);
export const action = bounded(rawAction);

export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await getViewer(ctx) })),
);

export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ viewer: await requireViewer(ctx) })),
);

export const userAction = customAction(
  action,
  customCtx(async (ctx) => {
    const viewerId = await getAuthUserId(ctx);
    if (viewerId === null) throw appError("NOT_SIGNED_IN", "Please sign in to continue.");
    return { viewerId };
  }),
);

export const platformAdminQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await requirePlatformAdmin(ctx) })),
);

export const platformAdminMutation = customMutation(
  mutation,
  customCtx(async (ctx) => ({ viewer: await requirePlatformAdmin(ctx) })),
);

export const platformAdminAction = customAction(
  action,
  customCtx(async (ctx): Promise<{ viewerId: Id<"users"> }> => {
    const viewer: Doc<"users"> | null = await ctx.runQuery(internal.users.account.viewerForAction, {});
    if (viewer === null) throw appError("NOT_SIGNED_IN", "Please sign in to continue.");
    if (viewer.role !== "platform_admin") throw appError("NOT_PLATFORM_ADMIN", "Only platform administrators can do this.");
    return { viewerId: viewer._id };
  }),
);

export const orgQuery = customQuery(query, {
  args: { organizationId: v.id("organizations") },
  input: async (ctx, { organizationId }, need: OrgNeed) => {
    const access = await requireOrgAccess(ctx, organizationId, need);
    return { ctx: { viewer: access.viewer, access }, args: { organizationId } };
  },
});

export const orgMutation = customMutation(mutation, {
  args: { organizationId: v.id("organizations") },
  input: async (ctx, { organizationId }, need: OrgNeed) => {
    const access = await requireOrgAccess(ctx, organizationId, need);
    return { ctx: { viewer: access.viewer, access }, args: { organizationId } };
  },
});

type MemberNeed = { memberAction: MemberAction };

/** Marks a function built for one person with its action, so tests can tell that it went through the rule. */
function marked<Builder>(builder: Builder): Builder {
  return ((definition: { memberAction: MemberAction }) =>
    Object.assign((builder as unknown as (d: unknown) => object)(definition), { memberAction: definition.memberAction })) as unknown as Builder;
}

export const orgMemberQuery = marked(
  customQuery(query, {
    args: { organizationId: v.id("organizations"), memberId: v.id("users") },
    input: async (ctx, { organizationId, memberId }, { memberAction }: MemberNeed) => {
      const access = await requireOrgAccess(ctx, organizationId);
      const member = await requireMemberInScope(ctx, access, memberId, memberAction);
      return { ctx: { viewer: access.viewer, access, member }, args: { organizationId, memberId } };
    },
  }),
);

export const orgMemberMutation = marked(
  customMutation(mutation, {
    args: { organizationId: v.id("organizations"), memberId: v.id("users") },
    input: async (ctx, { organizationId, memberId }, { memberAction }: MemberNeed) => {
      const access = await requireOrgAccess(ctx, organizationId);
      const member = await requireMemberInScope(ctx, access, memberId, memberAction);
      return { ctx: { viewer: access.viewer, access, member }, args: { organizationId, memberId } };
    },
  }),
);

export const orgEnrollmentMutation = marked(
  customMutation(mutation, {
    args: { organizationId: v.id("organizations"), enrollmentId: v.id("enrollments") },
    input: async (ctx, { organizationId, enrollmentId }, { memberAction }: MemberNeed) => {
      const access = await requireOrgAccess(ctx, organizationId);
      const enrollment = await ctx.db.get("enrollments", enrollmentId);
      if (enrollment === null) throw appError("NOT_FOUND", "This enrollment no longer exists.");
      const member = await requireMemberInScope(ctx, access, enrollment.userId, memberAction);
      return { ctx: { viewer: access.viewer, access, member, enrollment }, args: { organizationId, enrollmentId } };
    },
  }),
);

type LocalFeature = { localFeature: string };

/** Refuses before the handler runs unless this is a local deployment (the only switch is ACADEMY_LOCAL_MODE=1). */
const localModeOnly = {
  args: {},
  input: async (_ctx: unknown, _args: Record<string, never>, { localFeature }: LocalFeature) => {
    if (!isLocalMode()) throw appError("NOT_AVAILABLE", `${localFeature} exists only in local mode (ACADEMY_LOCAL_MODE=1).`);
    return { ctx: {}, args: {} };
  },
};

export const devQuery = customQuery(query, localModeOnly);

export const devInternalMutation = customMutation(internalMutation, localModeOnly);
