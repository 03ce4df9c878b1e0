/**
 * Erasure of a person's personal data, carried out by a platform admin (convex/privacy/erasure.ts).
 *
 * `ERASURE_BY_TABLE` says, for every table of the schema, what erasure does to it (TypeScript refuses a table
 * without an entry). `ERASURE_STEPS` does it: each step handles a bounded batch and reports whether it finished;
 * a scheduled mutation runs the steps one batch at a time, so no transaction grows with the person's history.
 *
 * What stays, and why (docs/security.md, "Erasure"): payment records — enrollments with their amounts, dates and
 * Stripe ids, and organization seat purchases — because tax law makes us keep them; they point at an account that
 * no longer holds a name, an email address or any contact detail. Learning records (attendance, lessons, scores,
 * skill levels) stay attached to that anonymous account so cohort statistics do not change. Certificates stay valid
 * under the person's name only if they chose to keep them.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id, TableNames } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { recordRevocation } from "../../certificates/model/statusList";
import { audit, removeFromOrganization } from "../../organizations/model/membership";
import { leaveWaitlists } from "../../waitlist/model/queue";

/** What is left of an erased person's name wherever the platform shows one. */
export const ERASED_NAME = "Erased learner";
/** The address an erased account keeps: unique, and undeliverable by definition (RFC 2606 `.invalid`). */
export function erasedEmail(userId: Id<"users">) {
  return `erased-${userId}@erased.invalid`;
}
/** Rows handled per table per transaction. */
const BATCH = 100;
export const REVOKED_ON_ERASURE = "Withdrawn at the holder's request when their personal data was erased.";
export const REPORT_WITHDRAWN =
  "Withdrawn: it listed a person whose data has since been erased. Generate the report again.";

type Subject = { request: Doc<"erasureRequests">; user: Doc<"users">; email: string };

/** What erasure does to each table. */
export const ERASURE_BY_TABLE: Record<TableNames, string> = {
  users: "Anonymised: name, email, company, title, LinkedIn, phone, picture and timezone removed; erasedAt set.",
  authAccounts: "Deleted (the sign-in identities, keyed by the email address), with their verification codes.",
  authSessions: "Deleted, with their refresh tokens: every device is signed out.",
  authRefreshTokens: "Deleted with the sessions they belong to.",
  authVerificationCodes: "Deleted with the accounts they belong to.",
  authVerifiers: "No personal data (a sign-in flow's one-time verifier).",
  authRateLimits: "Deleted where the identifier is the person's email address.",
  emailChanges: "Deleted (they hold the addresses the person asked to move to).",
  platformAuditLog: "Kept: who changed a platform role, by account id only.",
  organizations: "No personal data of a learner (an organization's billing contact is the organization's).",
  organizationInvites: "Deleted where sent to the person's address.",
  organizationAuditLog: "Kept without the email address (by account id only).",
  organizationManagers: "Ended: the person leaves their organization.",
  teams: "Kept; the person leaves every team.",
  teamMembers: "Deleted: the person leaves their organization.",
  contactSubmissions: "Deleted where sent from the person's address.",
  courses: "No personal data.",
  sessions: "No personal data.",
  lessons: "No personal data.",
  cohorts: "No personal data.",
  enablementKitItems: "No personal data.",
  enrollments:
    "Kept as payment records (legal obligation); running organization enrollments end and give their seat back.",
  waitlist: "The person leaves every waitlist; an open offer goes to the next person.",
  seatPurchases: "Kept as payment records (legal obligation); no personal data beyond the account id.",
  stripeEvents: "No personal data (event ids and outcomes).",
  paymentReviews: "Kept as payment records (legal obligation); no email address.",
  cohortSessions: "No personal data.",
  sessionAttendance: "Kept, attached to the anonymous account (cohort statistics).",
  sessionReminders: "No personal data.",
  recordingUploads: "No personal data of a learner.",
  sessionRecordings: "No personal data.",
  lessonCompletions: "Kept, attached to the anonymous account (cohort statistics).",
  officeHoursBookings: "Kept, attached to the anonymous account; Cal.com keeps its own booking record.",
  calcomWebhookEvents: "No personal data.",
  certificates:
    "Revoked, with their files and signed credential deleted — or kept valid under the person's name, as they chose.",
  credentialStatusLists: "A revoked certificate's bit is set.",
  organizationAnalytics: "No personal data (organization totals).",
  teamAnalytics: "Kept: top performers by account id only.",
  managerReports: "The person's address is removed from report recipients.",
  learningReminders: "Kept: nudges by account id only.",
  memberStats: "Recomputed when the person leaves their organization (their rows go).",
  dashboardTotals: "No personal data (sums).",
  activityDays: "No personal data (counts).",
  reportRuns: "Generated files of the person's organizations are deleted (they list members' names and emails).",
  reportLinks: "No personal data (hashed tokens).",
  executiveReports: "No personal data (organization figures).",
  userPrivacySettings: "Deleted.",
  managerAccessLogs: "Kept: which manager viewed whom, by account id only.",
  erasureRequests: "Kept as the record of the erasure (dates and who carried it out), without the email address.",
  notifications: "Deleted.",
  webhookDeliveries: "No personal data of a learner.",
  emailSends:
    "No personal data (an email's idempotency key, made of ids). " +
    "The Resend component's own copies of sent emails are deleted a week after they were sent (crons.ts).",
  analyticsEvents: "Deleted.",
  devEmails: "Deleted where sent to the person (local mode's mailbox).",
  assessments: "No personal data.",
  assessmentQuestions: "No personal data.",
  assessmentAttempts: "Kept, attached to the anonymous account (cohort statistics).",
  questionResponses: "Written answers are cleared (free text can identify someone); points stay.",
  learningGainAnalytics: "Kept, attached to the anonymous account.",
  gradeChanges: "Kept (graders' audit, by account id).",
  assessmentReminders: "No personal data.",
  skills: "No personal data.",
  competencies: "No personal data.",
  courseSkills: "No personal data.",
  lessonCompetencies: "No personal data.",
  userSkillProgress: "Kept, attached to the anonymous account.",
  competencyEvidence: "Kept, attached to the anonymous account.",
  skillBadges: "Kept, attached to the anonymous account.",
  skillPortfolios: "Deleted: the public portfolio page goes with it.",
  learningPaths: "No personal data.",
  learningPathSteps: "No personal data.",
  userPathEnrollments: "Kept as payment and progress records, attached to the anonymous account.",
  pathCertificates: "Kept, attached to the anonymous account.",
  pathPurchases:
    "Kept as payment records, attached to the anonymous account; a running path subscription is cancelled in Stripe " +
    "at once, so nothing more is charged.",
  pathStepProgress: "Kept with the path enrollment, attached to the anonymous account.",
  discussionThreads: "Kept, shown as written by an erased learner.",
  discussionReplies: "Kept, shown as written by an erased learner.",
  threadInteractions: "Deleted.",
  replyInteractions: "Deleted.",
  peerConnections: "Deleted, in both directions.",
  externalCommunityLinks: "No personal data.",
  userCommunityMemberships: "Deleted.",
  resources: "No personal data of a learner.",
  glossaryTerms: "No personal data.",
  prompts: "No personal data of a learner.",
  resourceInteractions: "Deleted.",
  userBookmarks: "Deleted.",
  chatConversations: "Deleted, with their messages.",
  chatMessages: "Deleted with their conversations.",
  promotionCodes: "No personal data of a learner (the creating admin by account id).",
  enrollmentCodes: "No personal data of a learner (the creating admin by account id).",
  enrollmentCodeRedemptions: "Kept, attached to the anonymous account (a code's use count).",
  enrollmentAuditLog: "Kept as payment and audit records, by account id (its note is a payment reference or reason).",
  cohortChoices: "Kept, attached to the anonymous account (what a cancelled cohort's learners chose).",
  enrollmentRequests: "The learner's reason and the admin's note are cleared; the request is kept, by account id.",
};

async function deleteRows<T extends TableNames>(ctx: MutationCtx, table: T, rows: Array<Doc<T>>) {
  for (const row of rows) await ctx.db.delete(table, row._id as Id<T>);
  return rows.length < BATCH;
}

/** The organizations whose reports may name the person: their current one and every one they were a member of. */
async function organizationsOf(ctx: MutationCtx, { user, request }: Subject) {
  const ids = new Set<Id<"organizations">>();
  if (user.organizationId) ids.add(user.organizationId);
  if (request.organizationId) ids.add(request.organizationId);
  const entries = await ctx.db
    .query("organizationAuditLog")
    .withIndex("by_subjectUserId", (q) => q.eq("subjectUserId", user._id))
    .take(200);
  for (const entry of entries) ids.add(entry.organizationId);
  return [...ids];
}

type Step = { name: string; run: (ctx: MutationCtx, subject: Subject) => Promise<boolean> };

/** The steps, in order. The account itself is anonymised last, once nothing else needs its email address. */
export const ERASURE_STEPS: Step[] = [
  {
    name: "Reports that list the person",
    run: async (ctx, subject) => {
      for (const organizationId of await organizationsOf(ctx, subject)) {
        for (const report of await ctx.db
          .query("managerReports")
          .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organizationId))
          .take(200)) {
          const recipients = report.recipients?.filter((address) => address !== subject.email);
          await ctx.db.patch("managerReports", report._id, {
            lastGeneratedFileId: undefined,
            ...(recipients && recipients.length !== report.recipients?.length ? { recipients } : {}),
          });
        }
        for (const run of await ctx.db
          .query("reportRuns")
          .withIndex("by_organizationId_and_createdAt", (q) => q.eq("organizationId", organizationId))
          .order("desc")
          .take(500)) {
          if (run.fileId === undefined) continue;
          await ctx.storage.delete(run.fileId);
          await ctx.db.patch("reportRuns", run._id, {
            status: "failed",
            fileId: undefined,
            fileName: undefined,
            error: REPORT_WITHDRAWN,
          });
        }
      }
      return true;
    },
  },
  {
    name: "Organization membership and waitlists",
    run: async (ctx, { user }) => {
      if (user.organizationId) {
        await removeFromOrganization(ctx, user.organizationId, user);
        await audit(ctx, user.organizationId, "member_removed", {
          subjectUserId: user._id,
          details: "Personal data erased",
        });
      }
      await leaveWaitlists(ctx, user._id);
      return true;
    },
  },
  {
    name: "Path subscriptions cancelled in Stripe",
    run: async (ctx, { user }) => {
      const purchases = await ctx.db
        .query("pathPurchases")
        .withIndex("by_userId_and_pathId", (q) => q.eq("userId", user._id))
        .take(200);
      for (const purchase of purchases) {
        const running = purchase.subscriptionStatus === "active" || purchase.subscriptionStatus === "past_due";
        if (purchase.mode !== "subscription" || !running || !purchase.stripeSubscriptionId) continue;
        await ctx.scheduler.runAfter(0, internal.paths.subscriptions.cancelNow, {
          purchaseId: purchase._id,
          subscriptionId: purchase.stripeSubscriptionId,
        });
      }
      return true;
    },
  },
  {
    name: "Invitations, contact requests and audit entries with the email address",
    run: async (ctx, { user, email }) => {
      const invites = await ctx.db
        .query("organizationInvites")
        .withIndex("by_email", (q) => q.eq("email", email))
        .take(BATCH);
      const contacts = await ctx.db
        .query("contactSubmissions")
        .withIndex("by_email", (q) => q.eq("email", email))
        .take(BATCH);
      const entries = await ctx.db
        .query("organizationAuditLog")
        .withIndex("by_subjectUserId", (q) => q.eq("subjectUserId", user._id))
        .take(500);
      for (const entry of entries)
        if (entry.subjectEmail !== undefined)
          await ctx.db.patch("organizationAuditLog", entry._id, { subjectEmail: undefined });
      const byAddress = await ctx.db
        .query("organizationAuditLog")
        .withIndex("by_subjectEmail", (q) => q.eq("subjectEmail", email))
        .take(BATCH);
      for (const entry of byAddress) await ctx.db.patch("organizationAuditLog", entry._id, { subjectEmail: undefined });
      const invitesDone = await deleteRows(ctx, "organizationInvites", invites);
      const contactsDone = await deleteRows(ctx, "contactSubmissions", contacts);
      return invitesDone && contactsDone && byAddress.length < BATCH;
    },
  },
  {
    name: "Sign-in accounts and sessions",
    run: async (ctx, { user, email }) => {
      const sessions = await ctx.db
        .query("authSessions")
        .withIndex("userId", (q) => q.eq("userId", user._id))
        .take(20);
      for (const session of sessions) {
        const tokens = await ctx.db
          .query("authRefreshTokens")
          .withIndex("sessionId", (q) => q.eq("sessionId", session._id))
          .take(BATCH);
        await deleteRows(ctx, "authRefreshTokens", tokens);
        if (tokens.length === BATCH) return false;
        await ctx.db.delete("authSessions", session._id);
      }
      const accounts = await ctx.db
        .query("authAccounts")
        .withIndex("userIdAndProvider", (q) => q.eq("userId", user._id))
        .take(20);
      for (const account of accounts) {
        const codes = await ctx.db
          .query("authVerificationCodes")
          .withIndex("accountId", (q) => q.eq("accountId", account._id))
          .take(BATCH);
        await deleteRows(ctx, "authVerificationCodes", codes);
        await ctx.db.delete("authAccounts", account._id);
      }
      const limits = await ctx.db
        .query("authRateLimits")
        .withIndex("identifier", (q) => q.eq("identifier", email))
        .take(20);
      await deleteRows(ctx, "authRateLimits", limits);
      return sessions.length < 20 && accounts.length < 20;
    },
  },
  {
    name: "Notifications, settings, analytics and personal lists",
    run: async (ctx, { user }) => {
      const userId = user._id;
      const results = await Promise.all([
        ctx.db
          .query("notifications")
          .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "notifications", rows)),
        ctx.db
          .query("emailChanges")
          .withIndex("by_userId_and_status", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "emailChanges", rows)),
        ctx.db
          .query("analyticsEvents")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "analyticsEvents", rows)),
        ctx.db
          .query("userPrivacySettings")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "userPrivacySettings", rows)),
        ctx.db
          .query("skillPortfolios")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "skillPortfolios", rows)),
        ctx.db
          .query("userBookmarks")
          .withIndex("by_userId_and_resourceType", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "userBookmarks", rows)),
        ctx.db
          .query("resourceInteractions")
          .withIndex("by_userId_and_resourceId", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "resourceInteractions", rows)),
        ctx.db
          .query("threadInteractions")
          .withIndex("by_userId_and_threadId_and_interaction", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "threadInteractions", rows)),
        ctx.db
          .query("replyInteractions")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "replyInteractions", rows)),
        ctx.db
          .query("peerConnections")
          .withIndex("by_userId_and_status", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "peerConnections", rows)),
        ctx.db
          .query("peerConnections")
          .withIndex("by_connectedUserId_and_status", (q) => q.eq("connectedUserId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "peerConnections", rows)),
        ctx.db
          .query("userCommunityMemberships")
          .withIndex("by_userId", (q) => q.eq("userId", userId))
          .take(BATCH)
          .then((rows) => deleteRows(ctx, "userCommunityMemberships", rows)),
      ]);
      return results.every(Boolean);
    },
  },
  {
    name: "Tutor conversations",
    run: async (ctx, { user }) => {
      const conversation = await ctx.db
        .query("chatConversations")
        .withIndex("by_userId", (q) => q.eq("userId", user._id))
        .first();
      if (conversation === null) return true;
      const messages = await ctx.db
        .query("chatMessages")
        .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
        .take(BATCH);
      await deleteRows(ctx, "chatMessages", messages);
      if (messages.length < BATCH) await ctx.db.delete("chatConversations", conversation._id);
      return false;
    },
  },
  {
    name: "Reasons given in enrollment requests",
    run: async (ctx, { user }) => {
      const requests = await ctx.db
        .query("enrollmentRequests")
        .withIndex("by_userId", (q) => q.eq("userId", user._id))
        .take(200);
      for (const request of requests)
        if (request.reason !== undefined || request.decisionNote !== undefined)
          await ctx.db.patch("enrollmentRequests", request._id, { reason: undefined, decisionNote: undefined });
      return true;
    },
  },
  {
    name: "Written answers",
    run: async (ctx, { user }) => {
      const attempts = await ctx.db
        .query("assessmentAttempts")
        .withIndex("by_userId_and_assessmentId", (q) => q.eq("userId", user._id))
        .take(200);
      for (const attempt of attempts) {
        const responses = await ctx.db
          .query("questionResponses")
          .withIndex("by_attemptId_and_questionId", (q) => q.eq("attemptId", attempt._id))
          .take(200);
        for (const response of responses)
          if (response.textResponse !== undefined)
            await ctx.db.patch("questionResponses", response._id, { textResponse: undefined });
      }
      return true;
    },
  },
  {
    name: "Certificates",
    run: async (ctx, { user, request }) => {
      const certificates = await ctx.db
        .query("certificates")
        .withIndex("by_userId", (q) => q.eq("userId", user._id))
        .take(200);
      for (const certificate of certificates) {
        if (request.certificates !== "revoke") {
          if (certificate.holderName === undefined)
            await ctx.db.patch("certificates", certificate._id, { holderName: user.name });
          continue;
        }
        if (certificate.issueStatus !== "issued") {
          // Never issued: nothing was published that could name the person.
          await ctx.db.delete("certificates", certificate._id);
          continue;
        }
        if (certificate.revokedAt === undefined) await recordRevocation(ctx, certificate, REVOKED_ON_ERASURE);
        for (const fileId of [certificate.badgeImageId, certificate.badgeSvgId, certificate.pdfId])
          if (fileId) await ctx.storage.delete(fileId);
        await ctx.db.patch("certificates", certificate._id, {
          credentialJson: undefined,
          badgeImageId: undefined,
          badgeSvgId: undefined,
          pdfId: undefined,
        });
      }
      return true;
    },
  },
  {
    name: "Emails in the local mailbox",
    run: async (ctx, { email }) => {
      const rows = await ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", email))
        .take(BATCH);
      return await deleteRows(ctx, "devEmails", rows);
    },
  },
  {
    name: "The account",
    run: async (ctx, { user }) => {
      const now = Date.now();
      await ctx.db.patch("users", user._id, {
        name: ERASED_NAME,
        email: erasedEmail(user._id),
        tokenIdentifier: undefined,
        company: undefined,
        title: undefined,
        linkedInUrl: undefined,
        phoneNumber: undefined,
        phone: undefined,
        phoneVerificationTime: undefined,
        timezone: undefined,
        image: undefined,
        emailVerificationTime: undefined,
        notificationPreferences: undefined,
        notificationChannels: undefined,
        emailNotifications: false,
        smsNotifications: false,
        erasedAt: now,
        updatedAt: now,
      });
      return true;
    },
  },
];
