/** Organization invitations: one by one or by CSV, resend, revoke, accept by link, expire. */
import { ConvexError, v } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { internalMutation, orgMutation, orgQuery, query, userMutation } from "../functions";
import { requirePermission } from "../access";
import { inviteRows } from "./model/csv";
import { inviteBlocker, issueInvite, requireInvitableCohort, usableInvite } from "./model/invites";
import { tellEnrolled } from "../enrollments/model/placementEmails";
import { audit, enrollMember, joinOrganization, requireActive } from "./model/membership";
import { INVITES_PER_UPLOAD, enforceLimit } from "../rateLimits";
import { hashToken } from "../tokens";
import { normalizeEmail } from "../users/model/accounts";
import { vInviteStatus } from "../validators";

const MAX_CSV_ROWS = INVITES_PER_UPLOAD;
const MAX_CSV_CHARS = 100_000;

/** Invites one address; refuses members, other orgs' members and open invites with a clear message. */
export const create = orgMutation({
  args: { email: v.string(), cohortId: v.optional(v.id("cohorts")) },
  permission: "manage_team",
  orgWide: true,
  returns: v.id("organizationInvites"),
  handler: async (ctx, { email: raw, cohortId }) => {
    const { organization, viewer } = ctx.access;
    requireActive(organization);
    const email = normalizeEmail(raw);
    const blocker = await inviteBlocker(ctx, organization._id, email);
    if (blocker) {
      throw appError("INVALID_INPUT", `${email}: ${blocker.message.toLowerCase()}.`);
    }
    if (cohortId) requirePermission(ctx.access, "manage_enrollments");
    const cohort = await requireInvitableCohort(ctx, organization._id, cohortId);
    await enforceLimit(ctx, "orgInvites", organization._id, "invitations sent by your organization");
    const inviteId = await issueInvite(ctx, { organization, inviter: viewer, email, cohort });
    await audit(ctx, organization._id, "invite_sent", { actorId: viewer._id, subjectEmail: email, cohortId });
    return inviteId;
  },
});

const vRowResult = v.object({
  line: v.number(),
  email: v.string(),
  status: v.union(
    v.literal("invited"),
    v.literal("invalid"),
    v.literal("duplicate"),
    v.literal("member"),
    v.literal("pending"),
    v.literal("other_org"),
  ),
  message: v.string(),
});

/**
 * Invites every valid address in a CSV and reports each row. All invites are
 * written in one transaction: a refusal (rate limit, inactive org) writes none.
 */
export const createFromCsv = orgMutation({
  args: { csv: v.string(), cohortId: v.optional(v.id("cohorts")) },
  permission: "manage_team",
  orgWide: true,
  returns: v.object({ invited: v.number(), rows: v.array(vRowResult) }),
  handler: async (ctx, { csv, cohortId }) => {
    const { organization, viewer } = ctx.access;
    requireActive(organization);
    if (cohortId) requirePermission(ctx.access, "manage_enrollments");
    if (csv.length > MAX_CSV_CHARS)
      throw appError("INVALID_INPUT", `This file is too large. Upload at most ${MAX_CSV_ROWS} addresses at a time.`);
    const lines = inviteRows(csv);
    if (lines.length === 0)
      throw appError(
        "INVALID_INPUT",
        "This file has no email addresses. Put one address per line, or a column headed “email”.",
      );
    if (lines.length > MAX_CSV_ROWS)
      throw appError("INVALID_INPUT", `This file has ${lines.length} rows; upload at most ${MAX_CSV_ROWS} at a time.`);
    const cohort = await requireInvitableCohort(ctx, organization._id, cohortId);

    const seen = new Set<string>();
    const rows: Array<typeof vRowResult.type> = [];
    const toInvite: string[] = [];
    for (const { line, value } of lines) {
      let email: string;
      try {
        email = normalizeEmail(value);
      } catch {
        rows.push({
          line,
          email: value,
          status: "invalid",
          message: value === "" ? "Empty address" : "Not a valid email address",
        });
        continue;
      }
      if (seen.has(email)) {
        rows.push({ line, email, status: "duplicate", message: "Appears earlier in this file" });
        continue;
      }
      seen.add(email);
      const blocker = await inviteBlocker(ctx, organization._id, email);
      if (blocker) {
        rows.push({ line, email, status: blocker.code, message: blocker.message });
        continue;
      }
      rows.push({ line, email, status: "invited", message: "Invitation sent" });
      toInvite.push(email);
    }
    if (toInvite.length > 0) {
      await enforceLimit(ctx, "orgInvites", organization._id, "invitations sent by your organization", toInvite.length);
    }
    for (const email of toInvite) {
      await issueInvite(ctx, { organization, inviter: viewer, email, cohort });
      await audit(ctx, organization._id, "invite_sent", {
        actorId: viewer._id,
        subjectEmail: email,
        cohortId,
        details: "CSV upload",
      });
    }
    return { invited: toInvite.length, rows };
  },
});

async function orgInvite(ctx: QueryCtx, organizationId: Id<"organizations">, inviteId: Id<"organizationInvites">) {
  const invite = await ctx.db.get("organizationInvites", inviteId);
  if (invite === null || invite.organizationId !== organizationId) {
    throw appError("NOT_FOUND", "This invitation does not exist.");
  }
  return invite;
}

/** Sends a fresh link (the old one stops working) and restarts the 7 days. */
export const resend = orgMutation({
  args: { inviteId: v.id("organizationInvites") },
  permission: "manage_team",
  orgWide: true,
  returns: v.null(),
  handler: async (ctx, { inviteId }) => {
    const { organization, viewer } = ctx.access;
    requireActive(organization);
    const invite = await orgInvite(ctx, ctx.access.organization._id, inviteId);
    if (invite.status === "accepted")
      throw appError("INVITE_USED", `${invite.email} already accepted this invitation.`);
    if (invite.status === "revoked")
      throw appError("INVITE_REVOKED", "This invitation was revoked. Invite the person again instead.");
    const cohort = invite.cohortId ? await ctx.db.get("cohorts", invite.cohortId) : null;
    await enforceLimit(ctx, "orgInvites", organization._id, "invitations sent by your organization");
    await issueInvite(ctx, { organization, inviter: viewer, email: invite.email, cohort, existing: invite });
    await audit(ctx, organization._id, "invite_resent", { actorId: viewer._id, subjectEmail: invite.email });
    return null;
  },
});

export const revoke = orgMutation({
  args: { inviteId: v.id("organizationInvites") },
  permission: "manage_team",
  orgWide: true,
  returns: v.null(),
  handler: async (ctx, { inviteId }) => {
    const invite = await orgInvite(ctx, ctx.access.organization._id, inviteId);
    if (invite.status !== "pending") throw appError("INVALID_INPUT", `This invitation is already ${invite.status}.`);
    await ctx.db.patch("organizationInvites", invite._id, { status: "revoked" });
    await audit(ctx, invite.organizationId, "invite_revoked", {
      actorId: ctx.access.viewer._id,
      subjectEmail: invite.email,
    });
    return null;
  },
});

const vInviteRow = v.object({
  _id: v.id("organizationInvites"),
  email: v.string(),
  status: vInviteStatus,
  cohortName: v.union(v.string(), v.null()),
  expiresAt: v.number(),
  lastSentAt: v.number(),
  sendCount: v.number(),
});

/** Open invitations, newest first (accepted ones appear as members). */
export const listPending = orgQuery({
  args: {},
  permission: "manage_team",
  orgWide: true,
  returns: v.array(vInviteRow),
  handler: async (ctx) => {
    const invites = await ctx.db
      .query("organizationInvites")
      .withIndex("by_organizationId_and_status", (q) =>
        q.eq("organizationId", ctx.access.organization._id).eq("status", "pending"),
      )
      .order("desc")
      .take(200);
    return await Promise.all(
      invites.map(async (invite) => ({
        _id: invite._id,
        email: invite.email,
        status: invite.status,
        cohortName: invite.cohortId ? ((await ctx.db.get("cohorts", invite.cohortId))?.name ?? null) : null,
        expiresAt: invite.expiresAt,
        lastSentAt: invite.lastSentAt ?? invite.createdAt,
        sendCount: invite.sendCount ?? 1,
      })),
    );
  },
});

/** What the invite page shows before accepting; never throws for a bad token. */
export const preview = query({
  args: { token: v.string() },
  returns: v.union(
    v.object({ state: v.literal("invalid") }),
    v.object({
      state: v.union(v.literal("valid"), v.literal("expired"), v.literal("revoked"), v.literal("used")),
      email: v.string(),
      organizationName: v.string(),
      cohortName: v.union(v.string(), v.null()),
      expiresAt: v.number(),
    }),
  ),
  handler: async (ctx, { token }) => {
    if (token.length < 20 || token.length > 100) return { state: "invalid" as const };
    const hash = await hashToken(token);
    const invite = await ctx.db
      .query("organizationInvites")
      .withIndex("by_inviteToken", (q) => q.eq("inviteToken", hash))
      .unique();
    if (invite === null) return { state: "invalid" as const };
    const organization = await ctx.db.get("organizations", invite.organizationId);
    const cohort = invite.cohortId ? await ctx.db.get("cohorts", invite.cohortId) : null;
    const state =
      invite.status === "accepted"
        ? ("used" as const)
        : invite.status === "revoked"
          ? ("revoked" as const)
          : invite.status === "expired" || invite.expiresAt <= Date.now()
            ? ("expired" as const)
            : ("valid" as const);
    return {
      state,
      email: invite.email,
      organizationName: organization?.name ?? "Your organization",
      cohortName: cohort?.name ?? null,
      expiresAt: invite.expiresAt,
    };
  },
});

/**
 * Accepts an invitation as the signed-in person: they must have signed in with
 * the invited address. Takes a seat (NO_SEATS_LEFT when none is free) and
 * enrolls them in the pre-assigned cohort when it still has room.
 */
export const accept = userMutation({
  args: { token: v.string() },
  returns: v.object({
    organizationId: v.id("organizations"),
    organizationName: v.string(),
    enrolledCohortId: v.union(v.id("cohorts"), v.null()),
    cohortProblem: v.union(v.string(), v.null()),
  }),
  handler: async (ctx, { token }) => {
    const invite = await usableInvite(ctx, await hashToken(token));
    const viewer = ctx.viewer;
    if (viewer.email !== invite.email) {
      throw appError(
        "FORBIDDEN",
        `This invitation was sent to ${invite.email}. Sign out and sign in with that address to accept it.`,
      );
    }
    const organization = await joinOrganization(ctx, invite.organizationId, viewer);
    const now = Date.now();
    await ctx.db.patch("organizationInvites", invite._id, {
      status: "accepted",
      acceptedAt: now,
      acceptedById: viewer._id,
    });
    await audit(ctx, organization._id, "member_joined", {
      actorId: viewer._id,
      subjectUserId: viewer._id,
      subjectEmail: viewer.email,
      details: "Accepted invitation",
    });
    let enrolledCohortId = null;
    let cohortProblem = null;
    if (invite.cohortId) {
      const member = (await ctx.db.get("users", viewer._id))!;
      try {
        await enrollMember(ctx, organization._id, member, invite.cohortId);
        enrolledCohortId = invite.cohortId;
        await audit(ctx, organization._id, "cohort_assigned", {
          actorId: invite.invitedById,
          subjectUserId: viewer._id,
          cohortId: invite.cohortId,
          details: "From invitation",
        });
        await tellEnrolled(ctx, member, invite.cohortId, organization.name);
      } catch (error) {
        // The seat in the organization stands; the admin assigns another cohort.
        if (!(error instanceof ConvexError)) throw error;
        cohortProblem = (error.data as { message?: string }).message ?? "The pre-assigned cohort could not take you.";
      }
    }
    return { organizationId: organization._id, organizationName: organization.name, enrolledCohortId, cohortProblem };
  },
});

/** Scheduled at the invite's expiry; a re-sent invite has a later expiry and is left alone. */
export const expire = internalMutation({
  args: { inviteId: v.id("organizationInvites") },
  handler: async (ctx, { inviteId }) => {
    const invite = await ctx.db.get("organizationInvites", inviteId);
    if (invite === null || invite.status !== "pending" || invite.expiresAt > Date.now()) return;
    await ctx.db.patch("organizationInvites", inviteId, { status: "expired" });
    await audit(ctx, invite.organizationId, "invite_expired", { subjectEmail: invite.email });
  },
});
