/**
 * Enrollment codes: platform admins create them for any cohort (a free seat, or an organization's seats); an
 * organization's admins create them for their own organization's seats. Anyone signed in redeems one at /redeem.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError, type ErrorCode, isAppErrorData } from "../errors";
import { orgMutation, orgQuery, platformAdminMutation, platformAdminQuery, userMutation } from "../functions";
import { optionalText, TEXT_LIMITS } from "../limits";
import { cohortAvailableTo } from "../organizations/model/membership";
import { enforceLimit } from "../rateLimits";
import { vEnrollmentCodeSource, vEnrollmentCodeStatus } from "../validators";
import { ConvexError } from "convex/values";
import { cohortTakesCodes, generateCode, redeemEnrollmentCode } from "./model/enrollment";
import { normalizeCode } from "./model/promotions";

const DAY = 24 * 60 * 60 * 1000;
const MAX_USES = 1_000;

const vCodeTerms = {
  code: v.optional(v.string()),
  cohortId: v.id("cohorts"),
  maxUses: v.number(),
  expiresAt: v.optional(v.number()),
  description: v.optional(v.string()),
};

type Terms = {
  code?: string;
  cohortId: Id<"cohorts">;
  maxUses: number;
  expiresAt?: number;
  description?: string;
};

/** Checks a new code's terms and stores it; the code is the admin's or a generated one. */
async function insertCode(
  ctx: MutationCtx,
  creator: Doc<"users">,
  terms: Terms,
  source: { source: "free" } | { source: "organization"; organizationId: Id<"organizations"> },
) {
  const cohort = await ctx.db.get("cohorts", terms.cohortId);
  if (cohort === null) throw appError("NOT_FOUND", "That cohort no longer exists.");
  if (!cohortTakesCodes(cohort)) throw appError("INVALID_INPUT", `${cohort.name} no longer takes new learners.`);
  if (source.source === "free" && cohort.isB2B) {
    throw appError("INVALID_INPUT", "A private cohort's seats come from its organization: choose the organization.");
  }
  if (source.source === "organization" && !cohortAvailableTo(cohort, source.organizationId)) {
    throw appError("NOT_AVAILABLE", "This cohort is not open to the organization.");
  }
  if (!(Number.isInteger(terms.maxUses) && terms.maxUses >= 1 && terms.maxUses <= MAX_USES)) {
    throw appError("INVALID_INPUT", `The number of uses must be a whole number from 1 to ${MAX_USES}.`);
  }
  const now = Date.now();
  if (terms.expiresAt !== undefined && (terms.expiresAt <= now || terms.expiresAt > now + 2 * 365 * DAY)) {
    throw appError("INVALID_INPUT", "The expiry must be in the future, within two years.");
  }
  const code = terms.code?.trim() ? normalizeCode(terms.code) : generateCode();
  const existing = await ctx.db
    .query("enrollmentCodes")
    .withIndex("by_code", (q) => q.eq("code", code))
    .take(20);
  if (existing.some((row) => row.status === "active")) {
    throw appError("INVALID_INPUT", `The code ${code} is already in use. Pick another.`);
  }
  const description = optionalText(terms.description, "the description", TEXT_LIMITS.line);
  return await ctx.db.insert("enrollmentCodes", {
    code,
    cohortId: cohort._id,
    courseId: cohort.courseId,
    ...source,
    maxUses: terms.maxUses,
    uses: 0,
    ...(terms.expiresAt !== undefined ? { expiresAt: terms.expiresAt } : {}),
    status: "active",
    ...(description ? { description } : {}),
    createdById: creator._id,
    createdAt: now,
    updatedAt: now,
  });
}

const vEnrollmentCodeRow = v.object({
  _id: v.id("enrollmentCodes"),
  code: v.string(),
  cohortName: v.string(),
  courseTitle: v.string(),
  source: vEnrollmentCodeSource,
  organizationName: v.optional(v.string()),
  maxUses: v.number(),
  uses: v.number(),
  expiresAt: v.optional(v.number()),
  status: vEnrollmentCodeStatus,
  description: v.optional(v.string()),
  createdAt: v.number(),
});

async function codeRows(ctx: QueryCtx, codes: Doc<"enrollmentCodes">[]) {
  const rows = [];
  for (const code of codes) {
    const cohort = await ctx.db.get("cohorts", code.cohortId);
    const course = await ctx.db.get("courses", code.courseId);
    const organization = code.organizationId ? await ctx.db.get("organizations", code.organizationId) : null;
    rows.push({
      _id: code._id,
      code: code.code,
      cohortName: cohort?.name ?? "Deleted cohort",
      courseTitle: course?.title ?? "Deleted course",
      source: code.source,
      ...(organization ? { organizationName: organization.name } : {}),
      maxUses: code.maxUses,
      uses: code.uses,
      ...(code.expiresAt !== undefined ? { expiresAt: code.expiresAt } : {}),
      status: code.status,
      ...(code.description ? { description: code.description } : {}),
      createdAt: code.createdAt,
    });
  }
  return rows;
}

const vRedemptionRow = v.object({
  userId: v.id("users"),
  name: v.string(),
  email: v.string(),
  redeemedAt: v.number(),
});

async function redemptionRows(ctx: QueryCtx, enrollmentCodeId: Id<"enrollmentCodes">) {
  const redemptions = await ctx.db
    .query("enrollmentCodeRedemptions")
    .withIndex("by_enrollmentCodeId_and_redeemedAt", (q) => q.eq("enrollmentCodeId", enrollmentCodeId))
    .order("desc")
    .take(200);
  const rows = [];
  for (const redemption of redemptions) {
    const user = await ctx.db.get("users", redemption.userId);
    rows.push({
      userId: redemption.userId,
      name: user?.name ?? "Deleted account",
      email: user?.email ?? "",
      redeemedAt: redemption.redeemedAt,
    });
  }
  return rows;
}

async function disableCode(ctx: MutationCtx, code: Doc<"enrollmentCodes">) {
  if (code.status === "disabled") return;
  const now = Date.now();
  await ctx.db.patch("enrollmentCodes", code._id, { status: "disabled", disabledAt: now, updatedAt: now });
}

// ------------------------------------------------------------------ platform admins

/** Create a code for any cohort: a free seat, or (organizationId) one of the organization's seats. */
export const create = platformAdminMutation({
  args: { ...vCodeTerms, organizationId: v.optional(v.id("organizations")) },
  returns: v.object({ enrollmentCodeId: v.id("enrollmentCodes"), code: v.string() }),
  handler: async (ctx, { organizationId, ...terms }) => {
    if (organizationId && (await ctx.db.get("organizations", organizationId)) === null) {
      throw appError("NOT_FOUND", "That organization no longer exists.");
    }
    const enrollmentCodeId = await insertCode(
      ctx,
      ctx.viewer,
      terms,
      organizationId ? { source: "organization", organizationId } : { source: "free" },
    );
    return { enrollmentCodeId, code: (await ctx.db.get("enrollmentCodes", enrollmentCodeId))!.code };
  },
});

/** The newest 200 enrollment codes. */
export const list = platformAdminQuery({
  args: {},
  returns: v.array(vEnrollmentCodeRow),
  handler: async (ctx) =>
    await codeRows(ctx, await ctx.db.query("enrollmentCodes").withIndex("by_createdAt").order("desc").take(200)),
});

/** Who redeemed a code, newest first. */
export const redemptions = platformAdminQuery({
  args: { enrollmentCodeId: v.id("enrollmentCodes") },
  returns: v.array(vRedemptionRow),
  handler: async (ctx, { enrollmentCodeId }) => await redemptionRows(ctx, enrollmentCodeId),
});

/** Switch a code off; people it already enrolled keep their seats. */
export const disable = platformAdminMutation({
  args: { enrollmentCodeId: v.id("enrollmentCodes") },
  returns: v.null(),
  handler: async (ctx, { enrollmentCodeId }) => {
    const code = await ctx.db.get("enrollmentCodes", enrollmentCodeId);
    if (code === null) throw appError("NOT_FOUND", "That code no longer exists.");
    await disableCode(ctx, code);
    return null;
  },
});

// ------------------------------------------------------------------ organization admins

/** An organization's admin creates a code that gives their organization's seats in one of its cohorts. */
export const createForOrganization = orgMutation({
  args: vCodeTerms,
  adminOnly: true,
  returns: v.object({ enrollmentCodeId: v.id("enrollmentCodes"), code: v.string() }),
  handler: async (ctx, terms) => {
    const { organization, viewer } = ctx.access;
    const enrollmentCodeId = await insertCode(ctx, viewer, terms, {
      source: "organization",
      organizationId: organization._id,
    });
    return { enrollmentCodeId, code: (await ctx.db.get("enrollmentCodes", enrollmentCodeId))!.code };
  },
});

/** The organization's codes, newest first. */
export const listForOrganization = orgQuery({
  args: {},
  adminOnly: true,
  returns: v.array(vEnrollmentCodeRow),
  handler: async (ctx) => {
    const organizationId = ctx.access.organization._id;
    return await codeRows(
      ctx,
      await ctx.db
        .query("enrollmentCodes")
        .withIndex("by_organizationId_and_createdAt", (q) => q.eq("organizationId", organizationId))
        .order("desc")
        .take(200),
    );
  },
});

/** Who redeemed one of the organization's codes. */
export const redemptionsForOrganization = orgQuery({
  args: { enrollmentCodeId: v.id("enrollmentCodes") },
  adminOnly: true,
  returns: v.array(vRedemptionRow),
  handler: async (ctx, { enrollmentCodeId }) => {
    const code = await ctx.db.get("enrollmentCodes", enrollmentCodeId);
    if (code === null || code.organizationId !== ctx.access.organization._id) return [];
    return await redemptionRows(ctx, enrollmentCodeId);
  },
});

/** Switch off one of the organization's codes. */
export const disableForOrganization = orgMutation({
  args: { enrollmentCodeId: v.id("enrollmentCodes") },
  adminOnly: true,
  returns: v.null(),
  handler: async (ctx, { enrollmentCodeId }) => {
    const code = await ctx.db.get("enrollmentCodes", enrollmentCodeId);
    if (code === null || code.organizationId !== ctx.access.organization._id) {
      throw appError("NOT_FOUND", "That code is not one of your organization's.");
    }
    await disableCode(ctx, code);
    return null;
  },
});

// ------------------------------------------------------------------ learners

const REDEEM_REFUSALS: ReadonlySet<ErrorCode> = new Set(["CODE_INVALID", "CODE_EXPIRED", "CODE_EXHAUSTED"]);

/**
 * Redeem an enrollment code. Like a promotion code at checkout, a code that does not work is answered rather than
 * thrown, so the attempt's rate-limit token is kept and codes cannot be guessed without limit. Redeeming a code again
 * answers with the first redemption.
 */
export const redeem = userMutation({
  args: { code: v.string() },
  returns: v.union(
    v.object({
      ok: v.literal(true),
      enrollmentId: v.id("enrollments"),
      cohortName: v.string(),
      courseTitle: v.string(),
      alreadyRedeemed: v.boolean(),
    }),
    v.object({ ok: v.literal(false), code: v.string(), message: v.string() }),
  ),
  handler: async (ctx, { code }) => {
    await enforceLimit(ctx, "enrollmentCodeAttempts", ctx.viewer._id, "code attempts");
    try {
      const redeemed = await redeemEnrollmentCode(ctx, ctx.viewer, code);
      return {
        ok: true as const,
        enrollmentId: redeemed.enrollmentId,
        cohortName: redeemed.cohort.name,
        courseTitle: redeemed.course.title,
        alreadyRedeemed: redeemed.alreadyRedeemed,
      };
    } catch (error) {
      // Code checks come before any write, so answering here commits only the attempt.
      if (error instanceof ConvexError && isAppErrorData(error.data) && REDEEM_REFUSALS.has(error.data.code)) {
        return { ok: false as const, code: error.data.code, message: error.data.message };
      }
      throw error;
    }
  },
});
