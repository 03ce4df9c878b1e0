/**
 * Organization invitations. The token is 32 random bytes, sent only in the
 * email; the database keeps its SHA-256, so a leaked table cannot be replayed.
 * Invites expire after 7 days (a scheduled job) and are single-use.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { inviteEmail } from "./emails";
import { appError } from "../../errors";
import { siteUrl } from "../../env";
import { formatInstant } from "../../format";
import { queueEmail } from "../../integrations/email";
import { hashToken, newToken } from "../../tokens";
import { cohortAvailableTo } from "./membership";

export const INVITE_DAYS = 7;
const DAY = 24 * 60 * 60 * 1000;

/** Why an address cannot be invited now, or null when it can. */
export async function inviteBlocker(ctx: QueryCtx, organizationId: Id<"organizations">, email: string) {
  const user = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .unique();
  if (user?.organizationId === organizationId) return { code: "member" as const, message: "Already a member" };
  if (user?.organizationId) return { code: "other_org" as const, message: "Belongs to another organization" };
  const pending = await ctx.db
    .query("organizationInvites")
    .withIndex("by_email", (q) => q.eq("email", email))
    .take(50);
  if (
    pending.some(
      (invite) =>
        invite.organizationId === organizationId && invite.status === "pending" && invite.expiresAt > Date.now(),
    )
  ) {
    return { code: "pending" as const, message: "Already invited" };
  }
  return null;
}

export async function requireInvitableCohort(
  ctx: QueryCtx,
  organizationId: Id<"organizations">,
  cohortId: Id<"cohorts"> | undefined,
) {
  if (!cohortId) return null;
  const cohort = await ctx.db.get("cohorts", cohortId);
  if (cohort === null || !cohortAvailableTo(cohort, organizationId)) {
    throw appError("NOT_AVAILABLE", "This cohort is not open to your organization.");
  }
  return cohort;
}

/** Creates (or re-issues) the invite's token, emails it, and schedules its expiry. */
export async function issueInvite(
  ctx: MutationCtx,
  options: {
    organization: Doc<"organizations">;
    inviter: Doc<"users">;
    email: string;
    cohort: Doc<"cohorts"> | null;
    existing?: Doc<"organizationInvites">;
  },
) {
  const token = newToken();
  const now = Date.now();
  const expiresAt = now + INVITE_DAYS * DAY;
  const fields = { inviteToken: await hashToken(token), status: "pending" as const, expiresAt, lastSentAt: now };
  let inviteId: Id<"organizationInvites">;
  if (options.existing) {
    inviteId = options.existing._id;
    await ctx.db.patch("organizationInvites", inviteId, {
      ...fields,
      sendCount: (options.existing.sendCount ?? 1) + 1,
    });
  } else {
    inviteId = await ctx.db.insert("organizationInvites", {
      organizationId: options.organization._id,
      email: options.email,
      cohortId: options.cohort?._id,
      invitedById: options.inviter._id,
      createdAt: now,
      sendCount: 1,
      ...fields,
    });
  }
  await ctx.scheduler.runAt(expiresAt, internal.organizations.invites.expire, { inviteId });
  const url = `${siteUrl()}/invite/${token}`;
  await queueEmail(ctx, {
    to: options.email,
    ...(await inviteEmail({
      organizationName: options.organization.name,
      inviterName: options.inviter.name,
      cohortName: options.cohort?.name,
      expires: formatInstant(expiresAt, options.cohort?.timezone ?? "UTC"),
      url,
    })),
    actionUrl: url,
  });
  return inviteId;
}

/** The invite a token names, or a clear refusal: invalid, revoked, used, expired. */
export async function usableInvite(ctx: QueryCtx, token: string) {
  const invite = await ctx.db
    .query("organizationInvites")
    .withIndex("by_inviteToken", (q) => q.eq("inviteToken", token))
    .unique();
  if (invite === null) {
    throw appError(
      "INVITE_INVALID",
      "This invitation link is not valid. It may have been re-sent: use the newest email, or ask your administrator.",
    );
  }
  if (invite.status === "revoked")
    throw appError("INVITE_REVOKED", "This invitation was withdrawn by your administrator.");
  if (invite.status === "accepted")
    throw appError("INVITE_USED", "This invitation has already been used. Sign in to reach your learning.");
  if (invite.status === "expired" || invite.expiresAt <= Date.now()) {
    throw appError("INVITE_EXPIRED", "This invitation has expired. Ask your administrator to send a new one.");
  }
  return invite;
}
