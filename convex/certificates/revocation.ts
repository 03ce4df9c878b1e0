/** Revoking certificates and keeping the signed revocation list (Bitstring Status List) current. */
import { v } from "convex/values";
import { appError } from "../errors";
import { internalAction, internalMutation, internalQuery, platformAdminMutation } from "../functions";
import {
  emptyStatusBits,
  ensureStatusListSigned,
  rebuildStatusListPage,
  recordRevocation,
  startStatusListRebuild,
  statusListRow,
} from "./model/statusList";
import { notifyUsers } from "../notifications/model/notify";
import { afterRevocation } from "../skills/model/progress";

/** What the re-signing action needs: the list's bits and versions, and whether it may sign now. */
export const statusListState = internalQuery({
  args: {},
  handler: async (ctx) => {
    const row = await statusListRow(ctx);
    if (row === null) return { state: "empty" as const };
    if (row.rebuilding) return { state: "rebuilding" as const };
    if (row.bits === undefined) return { state: "needsRebuild" as const };
    return { state: "ready" as const, bits: row.bits, version: row.version, signedVersion: row.signedVersion ?? -1 };
  },
});

export const storeStatusList = internalMutation({
  args: { signedJson: v.string(), version: v.number() },
  returns: v.null(),
  handler: async (ctx, { signedJson, version }) => {
    const row = await statusListRow(ctx);
    if (row === null)
      await ctx.db.insert("credentialStatusLists", {
        listNumber: 1,
        signedJson,
        version,
        signedVersion: version,
        bits: emptyStatusBits(),
        updatedAt: Date.now(),
      });
    else if ((row.signedVersion ?? -1) < version)
      await ctx.db.patch("credentialStatusLists", row._id, {
        signedJson,
        signedVersion: version,
        updatedAt: Date.now(),
      });
    return null;
  },
});

export const rebuildStatusList = internalMutation({
  args: { cursor: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { cursor }) => {
    await rebuildStatusListPage(ctx, cursor);
    return null;
  },
});

/**
 * Rebuilds the revocation list's bits from the revoked certificates, then re-signs it. Runs by itself for
 * lists from before the bits were stored; an operator may also run it (`npx convex run
 * certificates/revocation:rebuildRevocationList`).
 */
export const rebuildRevocationList = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await startStatusListRebuild(ctx);
    return null;
  },
});

export const resignStatusList = internalAction({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await ensureStatusListSigned(ctx);
    return null;
  },
});

export const statusListJson = internalQuery({
  args: { listNumber: v.number() },
  returns: v.union(v.null(), v.string()),
  handler: async (ctx, { listNumber }) => (await statusListRow(ctx, listNumber))?.signedJson ?? null,
});

/**
 * Revokes a certificate: its bit is set in the revocation list (re-signed at once), the learner's skill levels that
 * rested on it are worked out again, and the learner is told why.
 */
export const revoke = platformAdminMutation({
  args: { certificateId: v.id("certificates"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { certificateId, reason }) => {
    const trimmed = reason.trim();
    if (trimmed.length < 5)
      throw appError("INVALID_INPUT", "Give a reason of at least 5 characters; the learner sees it.");
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null) throw appError("NOT_FOUND", "This certificate no longer exists.");
    if (certificate.revokedAt) throw appError("NOT_AVAILABLE", "This certificate is already revoked.");
    await recordRevocation(ctx, certificate, trimmed);
    // The only way a skill level goes down: it is worked out again from what the learner still holds.
    await afterRevocation(ctx, certificate);
    const user = await ctx.db.get("users", certificate.userId);
    if (user) {
      await notifyUsers(
        ctx,
        [user],
        {
          category: "account",
          title: `Certificate revoked: ${certificate.badgeData.name}`,
          body: trimmed,
          url: `/verify/${certificate.publicId}`,
        },
        {
          subject: `Your certificate was revoked: ${certificate.badgeData.name}`,
          heading: "Your certificate was revoked",
          lines: [`Reason: ${trimmed}`, "Reply to this email if you think this is a mistake."],
          actionLabel: "See the certificate",
        },
      );
    }
    return null;
  },
});
