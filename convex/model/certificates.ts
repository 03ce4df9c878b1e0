/** Who has earned a certificate, and the bookkeeping around issuing one (URLs, status-list slots, batches). */
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { convexSiteUrl, credentialIssuerSettings, siteUrl } from "./env";
import { cohortLearners } from "./notifications";
import { STATUS_LIST_LENGTH } from "./openBadges";

export const DEFAULT_MIN_ATTENDANCE = 75;
export const ISSUE_BATCH_SIZE = 25;
const STATUS_LIST_NUMBER = 1;

export function certificateUrls(publicId: string) {
  return {
    verify: `${siteUrl()}/verify/${publicId}`,
    json: `${convexSiteUrl()}/credentials/${publicId}`,
    image: `${convexSiteUrl()}/credentials/${publicId}/badge.png`,
    statusList: statusListUrl(),
  };
}

export function statusListUrl(listNumber = STATUS_LIST_NUMBER) {
  return `${convexSiteUrl()}/status/${listNumber}`;
}

/** LinkedIn's add-to-profile link (Licenses & certifications) for a certificate. */
export function linkedInAddUrl(options: { name: string; issuerName: string; issuedAt: number; expiresAt?: number; verifyUrl: string; publicId: string }) {
  const issued = new Date(options.issuedAt);
  const params = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: options.name,
    organizationName: options.issuerName,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certUrl: options.verifyUrl,
    certId: options.publicId,
  });
  if (options.expiresAt) {
    const expires = new Date(options.expiresAt);
    params.set("expirationYear", String(expires.getUTCFullYear()));
    params.set("expirationMonth", String(expires.getUTCMonth() + 1));
  }
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

export function linkedInShareUrl(verifyUrl: string) {
  return `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(verifyUrl)}`;
}

export type CompletionRules = { minAttendancePercent: number; postAssessmentId: Id<"assessments"> | null; validityMonths?: number };

/** The course's rules: attendance (default 75%) and, when the course has one, a passed post-course assessment. */
export async function completionRules(ctx: QueryCtx, course: Doc<"courses">): Promise<CompletionRules> {
  const post = await ctx.db
    .query("assessments")
    .withIndex("by_courseId_and_type_and_isActive", (q) => q.eq("courseId", course._id).eq("type", "post_course").eq("isActive", true))
    .first();
  const required = course.certificateRules?.requirePostAssessment ?? true;
  return {
    minAttendancePercent: course.certificateRules?.minAttendancePercent ?? DEFAULT_MIN_ATTENDANCE,
    postAssessmentId: required && post ? post._id : null,
    validityMonths: course.certificateRules?.validityMonths,
  };
}

/** Sessions of the cohort that took place (not cancelled, started). */
export async function heldSessions(ctx: QueryCtx, cohortId: Id<"cohorts">, now = Date.now()) {
  const sessions = await ctx.db
    .query("cohortSessions")
    .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId).lte("startsAt", now))
    .take(300);
  return sessions.filter((s) => s.status === "scheduled");
}

/** Whether one learner met the rules; the reason is shown to admins when not. */
export async function evaluateCompletion(ctx: QueryCtx, rules: CompletionRules, held: Array<Doc<"cohortSessions">>, enrollment: Doc<"enrollments">) {
  const heldIds = new Set(held.map((s) => s._id));
  const marks = await ctx.db
    .query("sessionAttendance")
    .withIndex("by_cohortId_and_userId", (q) => q.eq("cohortId", enrollment.cohortId).eq("userId", enrollment.userId))
    .take(300);
  const attended = marks.filter((m) => heldIds.has(m.cohortSessionId) && (m.status === "present" || m.status === "late")).length;
  const percent = held.length === 0 ? 0 : Math.round((attended / held.length) * 100);
  if (held.length === 0 || percent < rules.minAttendancePercent) {
    return { eligible: false, attended, held: held.length, reason: `Attended ${attended} of ${held.length} sessions (${percent}%); ${rules.minAttendancePercent}% needed.` };
  }
  if (rules.postAssessmentId) {
    const assessmentId = rules.postAssessmentId;
    const attempts = await ctx.db
      .query("assessmentAttempts")
      .withIndex("by_userId_and_assessmentId", (q) => q.eq("userId", enrollment.userId).eq("assessmentId", assessmentId))
      .take(20);
    if (!attempts.some((a) => a.passed === true)) return { eligible: false, attended, held: held.length, reason: "Has not passed the post-course assessment yet." };
  }
  return { eligible: true, attended, held: held.length, reason: null };
}

/** A random free slot in the revocation list (random, so an index says nothing about issue order). */
async function allocateStatusIndex(ctx: MutationCtx) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const index = Math.floor(Math.random() * STATUS_LIST_LENGTH);
    const taken = await ctx.db
      .query("certificates")
      .withIndex("by_statusListIndex", (q) => q.eq("statusListIndex", index))
      .first();
    if (taken === null) return index;
  }
  throw new Error("The revocation list is full; add a second list.");
}

/**
 * Creates a pending certificate for every learner of the cohort who met the
 * rules and has none yet, then schedules signing in batches. Idempotent.
 */
export async function planCertificates(ctx: MutationCtx, cohortId: Id<"cohorts">) {
  const cohort = await ctx.db.get("cohorts", cohortId);
  const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
  if (!cohort || !course) return { planned: 0, notEligible: 0 };
  const rules = await completionRules(ctx, course);
  const held = await heldSessions(ctx, cohortId);
  const planned: Array<Id<"certificates">> = [];
  let notEligible = 0;
  const now = Date.now();
  for (const { enrollment, user } of await cohortLearners(ctx, cohortId)) {
    const existing = await ctx.db
      .query("certificates")
      .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
      .first();
    if (existing) continue;
    const result = await evaluateCompletion(ctx, rules, held, enrollment);
    if (!result.eligible) {
      notEligible += 1;
      continue;
    }
    const publicId = crypto.randomUUID();
    const urls = certificateUrls(publicId);
    const expiresAt = rules.validityMonths ? addMonths(now, rules.validityMonths) : undefined;
    const issuerName = credentialIssuerSettings().name;
    planned.push(
      await ctx.db.insert("certificates", {
        enrollmentId: enrollment._id,
        userId: user._id,
        courseId: course._id,
        cohortId,
        issuedAt: now,
        publicId,
        issueStatus: "pending",
        statusListIndex: await allocateStatusIndex(ctx),
        verificationUrl: urls.verify,
        linkedInShareUrl: linkedInShareUrl(urls.verify),
        expiresAt,
        badgeData: {
          credentialId: `urn:uuid:${publicId}`,
          type: ["VerifiableCredential", "OpenBadgeCredential"],
          issuerId: "",
          issuerName,
          achievementId: `${siteUrl()}/courses/${course.slug}#certificate`,
          name: course.title,
          description: `Completed ${course.title} in the cohort “${cohort.name}”, attending ${result.attended} of ${result.held} live sessions.`,
          criteriaNarrative: certificateCriteria(rules),
          imageUrl: urls.image,
          validFrom: new Date(now).toISOString(),
          ...(expiresAt ? { validUntil: new Date(expiresAt).toISOString() } : {}),
        },
        createdAt: now,
      }),
    );
  }
  await scheduleIssue(ctx, planned);
  return { planned: planned.length, notEligible };
}

export async function scheduleIssue(ctx: MutationCtx, certificateIds: Array<Id<"certificates">>) {
  for (let i = 0; i < certificateIds.length; i += ISSUE_BATCH_SIZE) {
    await ctx.scheduler.runAfter(0, internal.certificates.issueBatch, { certificateIds: certificateIds.slice(i, i + ISSUE_BATCH_SIZE) });
  }
}

export function certificateCriteria(rules: CompletionRules) {
  return `Attend at least ${rules.minAttendancePercent}% of the cohort's live sessions${rules.postAssessmentId ? " and pass the post-course assessment" : ""}.`;
}

function addMonths(ms: number, months: number) {
  const date = new Date(ms);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/** The revocation list row, created empty on first use (its bits are filled in by the signing action). */
export async function statusListRow(ctx: QueryCtx, listNumber = STATUS_LIST_NUMBER) {
  return await ctx.db
    .query("credentialStatusLists")
    .withIndex("by_listNumber", (q) => q.eq("listNumber", listNumber))
    .unique();
}
