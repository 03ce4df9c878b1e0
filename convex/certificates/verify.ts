/** Verifying credentials and the public pages and files of a certificate. */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { action, internalQuery, query } from "../functions";
import { certificateUrls, linkedInAddUrl } from "./model/urls";
import { statusListRow } from "./model/statusList";
import { credentialIssuerSettings } from "../env";
import { academyIssuerDids } from "./model/signing";
import { vCertificateIssueStatus } from "../validators";
import {
  MAX_CREDENTIAL_CHARS,
  requireCredentialCheck,
  type Verification,
  verifyCredentialText,
  vVerification,
} from "./model/verify";

/** Storage ids of a certificate's files, for the public HTTP endpoints. */
export const publicFiles = internalQuery({
  args: { publicId: v.string() },
  handler: async (ctx, { publicId }) => {
    const c = await byPublicId(ctx, publicId);
    return c
      ? { png: c.badgeImageId ?? null, svg: c.badgeSvgId ?? null, pdf: c.pdfId ?? null, name: c.badgeData.name }
      : null;
  },
});

export const credentialJson = internalQuery({
  args: { publicId: v.string() },
  returns: v.union(v.null(), v.string()),
  handler: async (ctx, { publicId }) => (await byPublicId(ctx, publicId))?.credentialJson ?? null,
});

// ------------------------------------------------------------ verification

/** Who this academy is as an issuer (its name and DIDs), so a browser can verify against it and nothing else. */
export const academyIssuer = query({
  args: {},
  returns: v.object({ name: v.string(), dids: v.array(v.string()) }),
  handler: async () => ({ name: credentialIssuerSettings().name, dids: academyIssuerDids() }),
});

/** Verifies a stored certificate by its public id (the verify page's server check). */
export const verifyStored = action({
  args: { publicId: v.string() },
  returns: v.union(v.null(), vVerification),
  handler: async (ctx, { publicId }): Promise<Verification | null> => {
    await requireCredentialCheck(ctx);
    const json: string | null = await ctx.runQuery(internal.certificates.verify.credentialJson, { publicId });
    return json === null ? null : await verifyCredentialText(ctx, json);
  },
});

/** Verifies any credential JSON someone pastes or uploads. */
export const verifyCredentialJson = action({
  args: { credentialJson: v.string() },
  returns: vVerification,
  handler: async (ctx, { credentialJson }): Promise<Verification> => {
    if (credentialJson.length > MAX_CREDENTIAL_CHARS)
      throw appError("INVALID_INPUT", "That file is too large to be a credential.");
    await requireCredentialCheck(ctx);
    return await verifyCredentialText(ctx, credentialJson);
  },
});

// ------------------------------------------------------------ public pages

async function byPublicId(ctx: QueryCtx, publicId: string) {
  return await ctx.db
    .query("certificates")
    .withIndex("by_publicId", (q) => q.eq("publicId", publicId))
    .unique();
}

/** What the public verify page shows. */
export const publicView = query({
  args: { publicId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      kind: v.union(v.literal("course"), v.literal("skill"), v.literal("path")),
      name: v.string(),
      description: v.string(),
      criteria: v.string(),
      issuerName: v.string(),
      issuerId: v.string(),
      recipientName: v.string(),
      cohortName: v.string(),
      issuedAt: v.number(),
      expiresAt: v.optional(v.number()),
      revokedAt: v.optional(v.number()),
      revocationReason: v.optional(v.string()),
      issueStatus: vCertificateIssueStatus,
      jsonUrl: v.string(),
      imageUrl: v.string(),
      verifyUrl: v.string(),
      linkedInAddUrl: v.string(),
      linkedInShareUrl: v.string(),
      /** Bumped when the revocation list is re-signed, so open pages verify again. */
      statusListVersion: v.number(),
    }),
  ),
  handler: async (ctx, { publicId }) => {
    const certificate = await byPublicId(ctx, publicId);
    if (certificate === null) return null;
    const [user, cohort] = await Promise.all([
      ctx.db.get("users", certificate.userId),
      ctx.db.get("cohorts", certificate.cohortId),
    ]);
    const urls = certificateUrls(publicId);
    return {
      kind: certificate.kind ?? "course",
      name: certificate.badgeData.name,
      description: certificate.badgeData.description,
      criteria: certificate.badgeData.criteriaNarrative,
      issuerName: certificate.badgeData.issuerName,
      issuerId: certificate.badgeData.issuerId,
      recipientName: certificate.holderName ?? user?.name ?? "Former learner",
      cohortName: cohort?.name ?? "",
      issuedAt: certificate.issuedAt,
      ...(certificate.expiresAt ? { expiresAt: certificate.expiresAt } : {}),
      ...(certificate.revokedAt
        ? { revokedAt: certificate.revokedAt, revocationReason: certificate.revocationReason }
        : {}),
      issueStatus: certificate.issueStatus,
      jsonUrl: urls.json,
      imageUrl: urls.image,
      verifyUrl: urls.verify,
      linkedInAddUrl: linkedInAddUrl({
        name: certificate.badgeData.name,
        issuerName: certificate.badgeData.issuerName,
        issuedAt: certificate.issuedAt,
        expiresAt: certificate.expiresAt,
        verifyUrl: urls.verify,
        publicId,
      }),
      linkedInShareUrl: certificate.linkedInShareUrl,
      statusListVersion: (await statusListRow(ctx))?.signedVersion ?? 0,
    };
  },
});
