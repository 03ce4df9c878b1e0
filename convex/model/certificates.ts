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
    if (!attempts.some((a) => a.passed === true)) return { eligible: false, attended, held: held.length, reason: await postAssessmentReason(ctx, assessmentId, attempts) };
  }
  return { eligible: true, attended, held: held.length, reason: null };
}

/** Why the post-course assessment does not count yet: not taken, waiting for grading, or the best score and the one needed. */
async function postAssessmentReason(ctx: QueryCtx, assessmentId: Id<"assessments">, attempts: Array<Doc<"assessmentAttempts">>) {
  const assessment = await ctx.db.get("assessments", assessmentId);
  if (attempts.length === 0) return "Has not taken the post-course assessment yet.";
  if (attempts.some((a) => a.status === "in_progress")) return "Is taking the post-course assessment.";
  const scored = attempts.filter((a) => a.score !== undefined);
  if (scored.length < attempts.length && scored.every((a) => !a.passed)) return "The post-course assessment is waiting for open answers to be graded.";
  const best = Math.max(...scored.map((a) => a.score!));
  return `Best post-course assessment score ${best}%; ${assessment?.passingScore ?? 0}% needed.`;
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
    const existing = (
      await ctx.db
        .query("certificates")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollment._id))
        .take(50)
    ).find((c) => (c.kind ?? "course") === "course");
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
        kind: "course",
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
    const earned = { user, enrollment, course, cohort, rules, now };
    planned.push(...(await planSkillBadges(ctx, earned)), ...(await planPathCertificates(ctx, earned)));
  }
  await scheduleIssue(ctx, planned);
  return { planned: planned.length, notEligible };
}

type Earned = { user: Doc<"users">; enrollment: Doc<"enrollments">; course: Doc<"courses">; cohort: Doc<"cohorts">; rules: CompletionRules; now: number };

/** The level a course's skill earns: a course that develops a skill gives Practitioner, one that masters it Advanced. */
export const SKILL_LEVEL_EARNED = { introduces: null, develops: "practitioner", masters: "advanced" } as const;
const LEVEL_RANK = { foundational: 1, practitioner: 2, advanced: 3, expert: 4 } as const;
const LEVEL_LABEL = { foundational: "Foundational", practitioner: "Practitioner", advanced: "Advanced", expert: "Expert" } as const;

/** The learner's certificates that still count (not revoked, not failed). */
async function heldCredentials(ctx: QueryCtx, userId: Id<"users">) {
  const rows = await ctx.db
    .query("certificates")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .take(200);
  return rows.filter((c) => c.revokedAt === undefined && c.issueStatus !== "failed");
}

/** Skill badges for the skills the completed course develops or masters, unless the learner holds that level or higher. */
async function planSkillBadges(ctx: MutationCtx, earned: Earned) {
  const { user, course, cohort, rules, now } = earned;
  const held = await heldCredentials(ctx, user._id);
  const planned: Array<Id<"certificates">> = [];
  for (const link of await ctx.db
    .query("courseSkills")
    .withIndex("by_courseId", (q) => q.eq("courseId", course._id))
    .take(20)) {
    const level = SKILL_LEVEL_EARNED[link.skillLevel];
    const skill = await ctx.db.get("skills", link.skillId);
    if (level === null || skill === null || !skill.isActive) continue;
    if (held.some((c) => c.kind === "skill" && c.skillId === skill._id && c.skillLevel && LEVEL_RANK[c.skillLevel] >= LEVEL_RANK[level])) continue;
    planned.push(
      await insertCredential(ctx, earned, {
        kind: "skill",
        skillId: skill._id,
        skillLevel: level,
        achievementId: `${siteUrl()}/skills/${skill.slug}#${level}`,
        name: `${skill.name} — ${LEVEL_LABEL[level]}`,
        description: `Demonstrated ${skill.name} at ${LEVEL_LABEL[level].toLowerCase()} level by completing ${course.title} (${cohort.name}).`,
        criteria: `Complete a course that ${link.skillLevel} ${skill.name}, meeting its rules: ${certificateCriteria(rules).replace(/\.$/, "")}.`,
        expiresAt: undefined,
      }),
    );
    await raiseSkillLevel(ctx, user._id, skill._id, level, now);
  }
  return planned;
}

/** The learner's recorded skill level rises to what the badge certifies (never falls). */
async function raiseSkillLevel(ctx: MutationCtx, userId: Id<"users">, skillId: Id<"skills">, level: keyof typeof LEVEL_RANK, now: number) {
  const progress = await ctx.db
    .query("userSkillProgress")
    .withIndex("by_userId_and_skillId", (q) => q.eq("userId", userId).eq("skillId", skillId))
    .unique();
  if (progress === null) {
    await ctx.db.insert("userSkillProgress", { userId, skillId, currentLevel: level, progressPercent: 100, evidenceCount: 1, lastAssessedAt: now, verifiedByInstructor: false, createdAt: now, updatedAt: now });
  } else {
    const current = progress.currentLevel === "none" ? 0 : LEVEL_RANK[progress.currentLevel];
    await ctx.db.patch("userSkillProgress", progress._id, {
      ...(LEVEL_RANK[level] > current ? { currentLevel: level } : {}),
      evidenceCount: progress.evidenceCount + 1,
      lastAssessedAt: now,
      updatedAt: now,
    });
  }
}

/** A path certificate when this course completes every required course of a learning path. */
async function planPathCertificates(ctx: MutationCtx, earned: Earned) {
  const { user, course } = earned;
  const planned: Array<Id<"certificates">> = [];
  const held = await heldCredentials(ctx, user._id);
  const completedCourses = new Set(held.filter((c) => (c.kind ?? "course") === "course").map((c) => c.courseId));
  for (const step of await ctx.db
    .query("learningPathSteps")
    .withIndex("by_courseId", (q) => q.eq("courseId", course._id))
    .take(20)) {
    const path = await ctx.db.get("learningPaths", step.pathId);
    if (path === null || !path.isActive) continue;
    if (held.some((c) => c.kind === "path" && c.pathId === path._id)) continue;
    const steps = await ctx.db
      .query("learningPathSteps")
      .withIndex("by_pathId_and_stepNumber", (q) => q.eq("pathId", path._id))
      .take(50);
    const required = steps.filter((s) => s.isRequired);
    if (required.length === 0 || !required.every((s) => completedCourses.has(s.courseId))) continue;
    const titles = [];
    for (const s of required) titles.push((await ctx.db.get("courses", s.courseId))?.title ?? "a course");
    planned.push(
      await insertCredential(ctx, earned, {
        kind: "path",
        pathId: path._id,
        achievementId: `${siteUrl()}/paths/${path.slug}#certificate`,
        name: path.title,
        description: `Completed every required course of the ${path.title}: ${titles.join(", ")}.`,
        criteria: `Complete all ${required.length} required courses of the ${path.title}, each by its own rules.`,
        expiresAt: undefined,
      }),
    );
  }
  return planned;
}

/** A pending credential of any kind, with its status-list slot and public URLs. */
async function insertCredential(
  ctx: MutationCtx,
  { user, enrollment, course, cohort, now }: Earned,
  what: { kind: "skill" | "path"; skillId?: Id<"skills">; skillLevel?: keyof typeof LEVEL_RANK; pathId?: Id<"learningPaths">; achievementId: string; name: string; description: string; criteria: string; expiresAt: number | undefined },
) {
  const publicId = crypto.randomUUID();
  const urls = certificateUrls(publicId);
  return await ctx.db.insert("certificates", {
    enrollmentId: enrollment._id,
    userId: user._id,
    courseId: course._id,
    cohortId: cohort._id,
    issuedAt: now,
    publicId,
    kind: what.kind,
    ...(what.skillId ? { skillId: what.skillId, skillLevel: what.skillLevel } : {}),
    ...(what.pathId ? { pathId: what.pathId } : {}),
    issueStatus: "pending",
    statusListIndex: await allocateStatusIndex(ctx),
    verificationUrl: urls.verify,
    linkedInShareUrl: linkedInShareUrl(urls.verify),
    badgeData: {
      credentialId: `urn:uuid:${publicId}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuerId: "",
      issuerName: credentialIssuerSettings().name,
      achievementId: what.achievementId,
      name: what.name,
      description: what.description,
      criteriaNarrative: what.criteria,
      imageUrl: urls.image,
      validFrom: new Date(now).toISOString(),
    },
    createdAt: now,
  });
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

/** The revocation list row (null until the first revocation or signing). */
export async function statusListRow(ctx: QueryCtx, listNumber = STATUS_LIST_NUMBER) {
  return await ctx.db
    .query("credentialStatusLists")
    .withIndex("by_listNumber", (q) => q.eq("listNumber", listNumber))
    .unique();
}

/** A revocation list with no bit set. */
export function emptyStatusBits() {
  return new ArrayBuffer(STATUS_LIST_LENGTH / 8);
}

/** Sets bit `index` (most significant bit of each byte first, as Bitstring Status List encodes it). */
function setBit(bits: Uint8Array, index: number) {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) throw new Error(`Status list index ${index} is outside the list.`);
  bits[index >> 3] |= 0x80 >> (index & 7);
}

/**
 * Revokes a certificate: records when and why, and sets its bit in the stored revocation list
 * (bumping its version, which tells the re-signing action there is something new to sign). Lists
 * from before the bits were stored are rebuilt from the revoked certificates instead, this one included.
 */
export async function recordRevocation(ctx: MutationCtx, certificate: Doc<"certificates">, reason: string) {
  const now = Date.now();
  await ctx.db.patch("certificates", certificate._id, { revokedAt: now, revocationReason: reason });
  const row = await statusListRow(ctx);
  const index = certificate.statusListIndex;
  if (row !== null && row.bits === undefined) {
    await startStatusListRebuild(ctx);
    return;
  }
  const bits = new Uint8Array(row?.bits ? row.bits.slice(0) : emptyStatusBits());
  if (index !== undefined) setBit(bits, index);
  if (row === null) await ctx.db.insert("credentialStatusLists", { listNumber: STATUS_LIST_NUMBER, version: 1, bits: bits.buffer, updatedAt: now });
  else await ctx.db.patch("credentialStatusLists", row._id, { bits: bits.buffer, version: row.version + 1, updatedAt: now });
  await ctx.scheduler.runAfter(0, internal.certificates.resignStatusList, {});
}

const REBUILD_PAGE = 1_000;

/** Starts rebuilding the list's bits from the revoked certificates (pages of 1,000); signing waits until it is done. */
export async function startStatusListRebuild(ctx: MutationCtx) {
  const row = await statusListRow(ctx);
  if (row?.rebuilding) return;
  const now = Date.now();
  if (row === null) await ctx.db.insert("credentialStatusLists", { listNumber: STATUS_LIST_NUMBER, version: 1, bits: emptyStatusBits(), rebuilding: true, updatedAt: now });
  else await ctx.db.patch("credentialStatusLists", row._id, { bits: row.bits ?? emptyStatusBits(), rebuilding: true, updatedAt: now });
  await ctx.scheduler.runAfter(0, internal.certificates.rebuildStatusList, { cursor: null });
}

/** One page of the rebuild: sets the bits of these revoked certificates; the last page bumps the version and has the list re-signed. */
export async function rebuildStatusListPage(ctx: MutationCtx, cursor: string | null) {
  const row = await statusListRow(ctx);
  if (row === null || !row.rebuilding) return;
  const page = await ctx.db
    .query("certificates")
    .withIndex("by_revokedAt", (q) => q.gt("revokedAt", 0))
    .paginate({ cursor, numItems: REBUILD_PAGE });
  const bits = new Uint8Array(row.bits ? row.bits.slice(0) : emptyStatusBits());
  for (const certificate of page.page) if (certificate.statusListIndex !== undefined) setBit(bits, certificate.statusListIndex);
  if (!page.isDone) {
    await ctx.db.patch("credentialStatusLists", row._id, { bits: bits.buffer });
    await ctx.scheduler.runAfter(0, internal.certificates.rebuildStatusList, { cursor: page.continueCursor });
    return;
  }
  await ctx.db.patch("credentialStatusLists", row._id, { bits: bits.buffer, rebuilding: undefined, version: row.version + 1, updatedAt: Date.now() });
  await ctx.scheduler.runAfter(0, internal.certificates.resignStatusList, {});
}
