/**
 * Certificates as signed Open Badges 3.0 credentials: planned when a cohort
 * completes (or when an admin asks), signed in scheduled batches, verifiable
 * by anyone, revocable by a platform admin.
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import type { ActionCtx, MutationCtx, QueryCtx } from "./_generated/server";
import { appError } from "./errors";
import { BADGE_PNG_BASE64, BADGE_SVG } from "./model/assets/badgeArt";
import { base64ToBytes, bakePng, bakeSvg } from "./model/baking";
import { renderCertificatePdf } from "./model/certificatePdf";
import { action, internalAction, internalMutation, internalQuery, platformAdminMutation, platformAdminQuery, query, userQuery } from "./functions";
import { certificateUrls, completionRules, emptyStatusBits, evaluateCompletion, heldSessions, linkedInAddUrl, planCertificates, rebuildStatusListPage, recordRevocation, scheduleIssue, startStatusListRebuild, statusListRow, statusListUrl } from "./model/certificates";
import { certificateReminderDays, credentialIssuerSettings } from "./model/env";
import { cohortLearners, notifyUsers } from "./model/notifications";
import { academyIssuerDids, issuerDid, signAchievementCredential, signStatusList } from "./model/openBadges";
import { vCertificateIssueStatus } from "./validators";
import { refreshLater } from "./model/memberStats";
import { MAX_CREDENTIAL_CHARS, requireCredentialCheck, type Verification, verifyCredentialText, vVerification } from "./model/verification";

// ------------------------------------------------------------------ issuing

export const issueContext = internalQuery({
  args: { certificateId: v.id("certificates") },
  handler: async (ctx, { certificateId }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null || certificate.issueStatus === "issued") return null;
    const [user, cohort, course] = await Promise.all([ctx.db.get("users", certificate.userId), ctx.db.get("cohorts", certificate.cohortId), ctx.db.get("courses", certificate.courseId)]);
    if (!user || !cohort || !course) return null;
    return { certificate, user, cohort, course };
  },
});

/** Signs a batch of pending certificates; each one succeeds or is marked failed on its own. */
export const issueBatch = internalAction({
  args: { certificateIds: v.array(v.id("certificates")) },
  returns: v.null(),
  handler: async (ctx, { certificateIds }) => {
    await ensureStatusListSigned(ctx);
    for (const certificateId of certificateIds) {
      const data = await ctx.runQuery(internal.certificates.issueContext, { certificateId });
      if (data === null) continue;
      try {
        const credential = await signCertificate(data);
        const credentialJson = JSON.stringify(credential);
        const assets = await renderAssets(ctx, data, credentialJson);
        await ctx.runMutation(internal.certificates.finishIssue, { certificateId, credentialJson, issuerId: issuerDid(), ...assets });
      } catch (error) {
        await ctx.runMutation(internal.certificates.failIssue, { certificateId, error: (error as Error).message.slice(0, 500) });
      }
    }
    return null;
  },
});

/** OB 3.0 achievement types: a course certificate, a skill (competency) badge, a learning-path certificate. */
const ACHIEVEMENT_TYPE = { course: "CertificateOfCompletion", skill: "Competency", path: "Certificate" } as const;

async function signCertificate({ certificate, user, cohort }: { certificate: Doc<"certificates">; user: Doc<"users">; cohort: Doc<"cohorts"> }) {
  const badge = certificate.badgeData;
  return await signAchievementCredential({
    credentialId: badge.credentialId,
    achievementId: badge.achievementId,
    name: badge.name,
    description: badge.description,
    criteria: badge.criteriaNarrative,
    imageUrl: badge.imageUrl ?? certificateUrls(certificate.publicId).image,
    achievementType: ACHIEVEMENT_TYPE[certificate.kind ?? "course"],
    recipient: { email: user.email, name: user.name },
    salt: certificate.publicId.slice(0, 8),
    term: cohort.name,
    activityStartDate: cohort.startDate,
    activityEndDate: cohort.endDate,
    validFrom: certificate.issuedAt,
    validUntil: certificate.expiresAt,
    status: { listUrl: statusListUrl(), index: certificate.statusListIndex! },
  });
}

/** The baked PNG and SVG badges and the PDF, kept in file storage. */
async function renderAssets(ctx: ActionCtx, { certificate, user, cohort, course }: { certificate: Doc<"certificates">; user: Doc<"users">; cohort: Doc<"cohorts">; course: Doc<"courses"> }, credentialJson: string) {
  const png = bakePng(base64ToBytes(BADGE_PNG_BASE64), credentialJson);
  const svg = bakeSvg(BADGE_SVG, credentialJson);
  const date = (ms: number) => new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(ms);
  const pdf = await renderCertificatePdf({
    recipientName: user.name,
    courseTitle: certificate.kind === "skill" || certificate.kind === "path" ? certificate.badgeData.name : course.title,
    cohortName: certificate.kind === "skill" || certificate.kind === "path" ? `${course.title} — ${cohort.name}` : cohort.name,
    issuerName: certificate.badgeData.issuerName,
    issuedOn: date(certificate.issuedAt),
    ...(certificate.expiresAt ? { validUntil: date(certificate.expiresAt) } : {}),
    verifyUrl: certificate.verificationUrl,
    credentialId: certificate.badgeData.credentialId,
    kind: certificate.kind ?? "course",
  });
  // One store at a time: the local backend's engine (convex-test) does not take concurrent storage writes.
  const badgeImageId = await ctx.storage.store(new Blob([png as BlobPart], { type: "image/png" }));
  const badgeSvgId = await ctx.storage.store(new Blob([svg], { type: "image/svg+xml" }));
  const pdfId = await ctx.storage.store(new Blob([pdf as BlobPart], { type: "application/pdf" }));
  return { badgeImageId, badgeSvgId, pdfId };
}

export const finishIssue = internalMutation({
  args: { certificateId: v.id("certificates"), credentialJson: v.string(), issuerId: v.string(), badgeImageId: v.id("_storage"), badgeSvgId: v.id("_storage"), pdfId: v.id("_storage") },
  returns: v.null(),
  handler: async (ctx, { certificateId, credentialJson, issuerId, badgeImageId, badgeSvgId, pdfId }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null || certificate.issueStatus === "issued") {
      for (const id of [badgeImageId, badgeSvgId, pdfId]) await ctx.storage.delete(id);
      return null;
    }
    await ctx.db.patch("certificates", certificateId, { credentialJson, issueStatus: "issued", issueError: undefined, badgeData: { ...certificate.badgeData, issuerId }, badgeImageId, badgeSvgId, pdfId });
    await recordInSpecTables(ctx, { ...certificate, credentialJson, badgeData: { ...certificate.badgeData, issuerId } }, pdfId);
    await refreshLater(ctx, [certificate.userId]);
    const user = await ctx.db.get("users", certificate.userId);
    if (user) {
      await notifyUsers(
        ctx,
        [user],
        { category: "certificates", title: `${EARNED_LABEL[certificate.kind ?? "course"]} earned: ${certificate.badgeData.name}`, body: "It is signed and ready to share and add to LinkedIn.", url: `/verify/${certificate.publicId}` },
        {
          subject: `Your certificate: ${certificate.badgeData.name}`,
          heading: "Congratulations — your certificate is ready",
          lines: [certificate.badgeData.description, "It is a signed Open Badges 3.0 credential: anyone can verify it, and you can add it to your LinkedIn profile."],
          actionLabel: "View my certificate",
        },
      );
    }
    return null;
  },
});

const EARNED_LABEL = { course: "Certificate", skill: "Skill badge", path: "Path certificate" } as const;

/**
 * Skill badges and path certificates also appear in the spec's own tables
 * (`skillBadges`, and `pathCertificates` for learners enrolled in the path, whose
 * path enrollment is then completed); the certificate row stays the source of truth.
 */
async function recordInSpecTables(ctx: MutationCtx, certificate: Doc<"certificates"> & { credentialJson: string }, pdfId: Id<"_storage">) {
  const now = Date.now();
  if (certificate.kind === "skill" && certificate.skillId && certificate.skillLevel) {
    await ctx.db.insert("skillBadges", {
      userId: certificate.userId,
      skillId: certificate.skillId,
      level: certificate.skillLevel,
      earnedAt: certificate.issuedAt,
      badgeData: certificate.badgeData,
      credentialJson: certificate.credentialJson,
      publicUrl: certificate.verificationUrl,
      createdAt: now,
    });
  }
  if (certificate.kind === "path" && certificate.pathId) {
    const pathId = certificate.pathId;
    const enrollment = await ctx.db
      .query("userPathEnrollments")
      .withIndex("by_userId_and_pathId", (q) => q.eq("userId", certificate.userId).eq("pathId", pathId))
      .first();
    if (enrollment) {
      await ctx.db.patch("userPathEnrollments", enrollment._id, { status: "completed", progressPercent: 100, completedAt: now, updatedAt: now });
      await ctx.db.insert("pathCertificates", {
        userId: certificate.userId,
        pathId,
        enrollmentId: enrollment._id,
        certificateNumber: certificate.publicId,
        issuedAt: certificate.issuedAt,
        skillsAchieved: [],
        badgeData: certificate.badgeData,
        credentialJson: certificate.credentialJson,
        publicUrl: certificate.verificationUrl,
        pdfId,
        createdAt: now,
      });
    }
  }
}

export const failIssue = internalMutation({
  args: { certificateId: v.id("certificates"), error: v.string() },
  returns: v.null(),
  handler: async (ctx, { certificateId, error }) => {
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate && certificate.issueStatus !== "issued") await ctx.db.patch("certificates", certificateId, { issueStatus: "failed", issueError: error });
    return null;
  },
});

/** Plans certificates for a cohort whose end date has passed (called by the cohort status cron). */
export const planForCohort = internalMutation({
  args: { cohortId: v.id("cohorts") },
  handler: async (ctx, { cohortId }) => await planCertificates(ctx, cohortId),
});

/** Daily: reminds learners whose certificates expire within a reminder window, once per window, with the way to renew. */
export const remindExpiring = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    const days = certificateReminderDays();
    if (days.length === 0) return 0;
    const horizon = now + days[0] * 86_400_000;
    const expiring = await ctx.db
      .query("certificates")
      .withIndex("by_expiresAt", (q) => q.gt("expiresAt", now).lte("expiresAt", horizon))
      .take(500);
    let sent = 0;
    for (const certificate of expiring) {
      if (certificate.revokedAt || certificate.issueStatus !== "issued") continue;
      const left = Math.ceil((certificate.expiresAt! - now) / 86_400_000);
      const due = days.filter((d) => left <= d && !(certificate.expiryRemindersSent ?? []).includes(d));
      if (due.length === 0) continue;
      const [user, course] = await Promise.all([ctx.db.get("users", certificate.userId), ctx.db.get("courses", certificate.courseId)]);
      await ctx.db.patch("certificates", certificate._id, { expiryRemindersSent: [...(certificate.expiryRemindersSent ?? []), ...due] });
      if (!user || !course) continue;
      const title = `Your certificate expires in ${left} days: ${certificate.badgeData.name}`;
      await notifyUsers(
        ctx,
        [user],
        { category: "certificates", title, body: "Renew it by joining a current cohort of the course; your new certificate replaces this one.", url: `/courses/${course.slug}` },
        { subject: title, heading: "Time to renew your certificate", lines: [`${certificate.badgeData.name} is valid for ${left} more days.`, "Join a current cohort to renew it; your new certificate is issued when you complete."], actionLabel: "See upcoming cohorts" },
      );
      sent += 1;
    }
    return sent;
  },
});

// ------------------------------------------------------------- status list

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
    if (row === null) await ctx.db.insert("credentialStatusLists", { listNumber: 1, signedJson, version, signedVersion: version, bits: emptyStatusBits(), updatedAt: Date.now() });
    else if ((row.signedVersion ?? -1) < version) await ctx.db.patch("credentialStatusLists", row._id, { signedJson, signedVersion: version, updatedAt: Date.now() });
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
 * lists from before the bits were stored; an operator may also run it (`npx convex run certificates:rebuildRevocationList`).
 */
export const rebuildRevocationList = internalMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    await startStatusListRebuild(ctx);
    return null;
  },
});

/** Signs the revocation list as stored when it has changed since it was last signed (an empty one when nothing was ever revoked). */
async function ensureStatusListSigned(ctx: Pick<ActionCtx, "runQuery" | "runMutation">) {
  const list = await ctx.runQuery(internal.certificates.statusListState, {});
  if (list.state === "rebuilding") return;
  if (list.state === "needsRebuild") {
    await ctx.runMutation(internal.certificates.rebuildRevocationList, {});
    return;
  }
  if (list.state === "ready" && list.signedVersion >= list.version) return;
  const [bits, version] = list.state === "ready" ? [list.bits, list.version] : [emptyStatusBits(), 0];
  const signed = await signStatusList(statusListUrl(), bits);
  await ctx.runMutation(internal.certificates.storeStatusList, { signedJson: JSON.stringify(signed), version });
}

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

/** Storage ids of a certificate's files, for the public HTTP endpoints. */
export const publicFiles = internalQuery({
  args: { publicId: v.string() },
  handler: async (ctx, { publicId }) => {
    const c = await byPublicId(ctx, publicId);
    return c ? { png: c.badgeImageId ?? null, svg: c.badgeSvgId ?? null, pdf: c.pdfId ?? null, name: c.badgeData.name } : null;
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
    const json: string | null = await ctx.runQuery(internal.certificates.credentialJson, { publicId });
    return json === null ? null : await verifyCredentialText(ctx, json);
  },
});

/** Verifies any credential JSON someone pastes or uploads. */
export const verifyCredentialJson = action({
  args: { credentialJson: v.string() },
  returns: vVerification,
  handler: async (ctx, { credentialJson }): Promise<Verification> => {
    if (credentialJson.length > MAX_CREDENTIAL_CHARS) throw appError("INVALID_INPUT", "That file is too large to be a credential.");
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
    const [user, cohort] = await Promise.all([ctx.db.get("users", certificate.userId), ctx.db.get("cohorts", certificate.cohortId)]);
    const urls = certificateUrls(publicId);
    return {
      kind: certificate.kind ?? "course",
      name: certificate.badgeData.name,
      description: certificate.badgeData.description,
      criteria: certificate.badgeData.criteriaNarrative,
      issuerName: certificate.badgeData.issuerName,
      issuerId: certificate.badgeData.issuerId,
      recipientName: user?.name ?? "Former learner",
      cohortName: cohort?.name ?? "",
      issuedAt: certificate.issuedAt,
      ...(certificate.expiresAt ? { expiresAt: certificate.expiresAt } : {}),
      ...(certificate.revokedAt ? { revokedAt: certificate.revokedAt, revocationReason: certificate.revocationReason } : {}),
      issueStatus: certificate.issueStatus,
      jsonUrl: urls.json,
      imageUrl: urls.image,
      verifyUrl: urls.verify,
      linkedInAddUrl: linkedInAddUrl({ name: certificate.badgeData.name, issuerName: certificate.badgeData.issuerName, issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt, verifyUrl: urls.verify, publicId }),
      linkedInShareUrl: certificate.linkedInShareUrl,
      statusListVersion: (await statusListRow(ctx))?.signedVersion ?? 0,
    };
  },
});

/** The viewer's certificates. */
export const mine = userQuery({
  args: {},
  returns: v.array(v.object({ publicId: v.string(), name: v.string(), cohortName: v.string(), issuedAt: v.number(), expiresAt: v.optional(v.number()), revoked: v.boolean(), issueStatus: vCertificateIssueStatus })),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const rows = await ctx.db
      .query("certificates")
      .withIndex("by_userId", (q) => q.eq("userId", viewerId))
      .take(100);
    const out = [];
    for (const c of rows) {
      const cohort = await ctx.db.get("cohorts", c.cohortId);
      out.push({ publicId: c.publicId, name: c.badgeData.name, cohortName: cohort?.name ?? "", issuedAt: c.issuedAt, ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}), revoked: c.revokedAt !== undefined, issueStatus: c.issueStatus });
    }
    return out.sort((a, b) => b.issuedAt - a.issuedAt);
  },
});

// ------------------------------------------------------------------- admin

/** A cohort's certificates for platform admins: progress of issuing, who is not eligible and why. */
export const forCohort = platformAdminQuery({
  args: { cohortId: v.id("cohorts") },
  returns: v.object({
    learners: v.number(),
    issued: v.number(),
    pending: v.number(),
    failed: v.number(),
    revoked: v.number(),
    rows: v.array(
      v.object({
        enrollmentId: v.id("enrollments"),
        name: v.string(),
        email: v.string(),
        certificateId: v.optional(v.id("certificates")),
        publicId: v.optional(v.string()),
        issueStatus: v.optional(vCertificateIssueStatus),
        revoked: v.boolean(),
        notEligibleReason: v.optional(v.string()),
        /** Skill badges and path certificates earned with this course. */
        extras: v.array(v.object({ certificateId: v.id("certificates"), publicId: v.string(), name: v.string(), issueStatus: vCertificateIssueStatus, revoked: v.boolean() })),
      }),
    ),
  }),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
    if (!cohort || !course) throw appError("NOT_FOUND", "This cohort no longer exists.");
    const rules = await completionRules(ctx, course);
    const held = await heldSessions(ctx, cohortId);
    const rows = [];
    const counts = { issued: 0, pending: 0, failed: 0, revoked: 0 };
    for (const { enrollment, user } of await cohortLearners(ctx, cohortId)) {
      // The course certificate counts; skill badges and path certificates earned with it are listed beside it.
      const earned = await ctx.db
        .query("certificates")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
        .take(50);
      const certificate = earned.find((c) => (c.kind ?? "course") === "course");
      const extras = earned
        .filter((c) => c !== certificate)
        .map((c) => ({ certificateId: c._id, publicId: c.publicId, name: c.badgeData.name, issueStatus: c.issueStatus, revoked: c.revokedAt !== undefined }));
      if (certificate) {
        counts[certificate.issueStatus] += 1;
        if (certificate.revokedAt) counts.revoked += 1;
        rows.push({ enrollmentId: enrollment._id, name: user.name, email: user.email, certificateId: certificate._id, publicId: certificate.publicId, issueStatus: certificate.issueStatus, revoked: certificate.revokedAt !== undefined, extras });
      } else {
        const result = await evaluateCompletion(ctx, rules, held, enrollment);
        rows.push({ enrollmentId: enrollment._id, name: user.name, email: user.email, revoked: false, ...(result.reason ? { notEligibleReason: result.reason } : {}), extras });
      }
    }
    return { learners: rows.length, ...counts, rows: rows.sort((a, b) => a.name.localeCompare(b.name)) };
  },
});

/** Issues certificates now to everyone in the cohort who met the rules (and retries failed ones). */
export const issueForCohort = platformAdminMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.object({ planned: v.number(), retried: v.number(), notEligible: v.number() }),
  handler: async (ctx, { cohortId }) => {
    const failed = await ctx.db
      .query("certificates")
      .withIndex("by_cohortId_and_issueStatus", (q) => q.eq("cohortId", cohortId).eq("issueStatus", "failed"))
      .take(500);
    for (const c of failed) await ctx.db.patch("certificates", c._id, { issueStatus: "pending", issueError: undefined });
    await scheduleIssue(
      ctx,
      failed.map((c) => c._id),
    );
    const { planned, notEligible } = await planCertificates(ctx, cohortId);
    return { planned, retried: failed.length, notEligible };
  },
});

/** Revokes a certificate: its bit is set in the revocation list (re-signed at once) and the learner is told why. */
export const revoke = platformAdminMutation({
  args: { certificateId: v.id("certificates"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { certificateId, reason }) => {
    const trimmed = reason.trim();
    if (trimmed.length < 5) throw appError("INVALID_INPUT", "Give a reason of at least 5 characters; the learner sees it.");
    const certificate = await ctx.db.get("certificates", certificateId);
    if (certificate === null) throw appError("NOT_FOUND", "This certificate no longer exists.");
    if (certificate.revokedAt) throw appError("NOT_AVAILABLE", "This certificate is already revoked.");
    await recordRevocation(ctx, certificate, trimmed);
    await refreshLater(ctx, [certificate.userId]);
    const user = await ctx.db.get("users", certificate.userId);
    if (user) {
      await notifyUsers(
        ctx,
        [user],
        { category: "account", title: `Certificate revoked: ${certificate.badgeData.name}`, body: trimmed, url: `/verify/${certificate.publicId}` },
        { subject: `Your certificate was revoked: ${certificate.badgeData.name}`, heading: "Your certificate was revoked", lines: [`Reason: ${trimmed}`, "Reply to this email if you think this is a mistake."], actionLabel: "See the certificate" },
      );
    }
    return null;
  },
});
