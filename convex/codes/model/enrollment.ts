/**
 * Enrollment codes (seed 000 G8): redeeming one puts the caller in the code's cohort — a free seat, or one of an
 * organization's seats with membership — through the same seat rules as every other path (enrollments/model/state.ts,
 * organizations/model/membership.ts), and tells them "You're enrolled" with the calendar file (no amounts: nothing was
 * paid). Redeeming a code twice gives back the first redemption's enrollment and sends nothing again.
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { liveEnrollmentInCourse } from "../../enrollments/model/seats";
import { tellEnrolled } from "../../enrollments/model/placementEmails";
import { enrollConfirmed } from "../../enrollments/model/state";
import { audit, enrollMember, joinOrganization } from "../../organizations/model/membership";
import { leaveCourseWaitlists } from "../../waitlist/model/queue";
import { CODE_PATTERN } from "./promotions";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A fresh 10-character code without look-alike letters (0/O, 1/I). */
export function generateCode() {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Whether a cohort can still take people in through a code. */
export function cohortTakesCodes(cohort: Doc<"cohorts">) {
  return cohort.status !== "cancelled" && cohort.status !== "completed";
}

/**
 * Redeems a typed code for `user`: refuses an unknown or disabled code (CODE_INVALID), an expired one (CODE_EXPIRED),
 * one with no uses left (CODE_EXHAUSTED), a cohort that ended or was cancelled (NOT_AVAILABLE), someone already in the
 * course (ALREADY_ENROLLED), a full cohort (COHORT_FULL) or a full organization (NO_SEATS_LEFT).
 */
export async function redeemEnrollmentCode(ctx: MutationCtx, user: Doc<"users">, typed: string) {
  const normalized = typed.trim().toUpperCase();
  const rows = CODE_PATTERN.test(normalized)
    ? await ctx.db
        .query("enrollmentCodes")
        .withIndex("by_code", (q) => q.eq("code", normalized))
        .take(20)
    : [];
  const code = rows.find((row) => row.status === "active");
  if (code === undefined)
    throw appError("CODE_INVALID", `The code “${typed.trim()}” is not valid. Check its spelling.`);
  const cohort = await ctx.db.get("cohorts", code.cohortId);
  const course = await ctx.db.get("courses", code.courseId);
  if (cohort === null || course === null) throw appError("CODE_INVALID", "This code's cohort no longer exists.");

  const earlier = await ctx.db
    .query("enrollmentCodeRedemptions")
    .withIndex("by_enrollmentCodeId_and_userId", (q) => q.eq("enrollmentCodeId", code._id).eq("userId", user._id))
    .unique();
  if (earlier !== null) return { enrollmentId: earlier.enrollmentId, cohort, course, alreadyRedeemed: true };

  const now = Date.now();
  if (code.expiresAt !== undefined && code.expiresAt <= now) {
    throw appError("CODE_EXPIRED", `The code ${code.code} has expired.`);
  }
  if (code.uses >= code.maxUses) {
    throw appError("CODE_EXHAUSTED", `The code ${code.code} has been used as many times as it allows.`);
  }
  if (!cohortTakesCodes(cohort)) throw appError("NOT_AVAILABLE", `${cohort.name} no longer takes new learners.`);
  if (await liveEnrollmentInCourse(ctx, user._id, course._id)) {
    throw appError("ALREADY_ENROLLED", `You are already enrolled in ${course.title}. It is on your learning page.`);
  }

  let enrollmentId;
  let placedBy = `Your code ${code.code}`;
  if (code.source === "organization" && code.organizationId) {
    const joinedBefore = user.organizationId === code.organizationId && user.holdsOrgSeat;
    await joinOrganization(ctx, code.organizationId, user);
    const member = (await ctx.db.get("users", user._id))!;
    enrollmentId = await enrollMember(ctx, code.organizationId, member, cohort._id);
    if (!joinedBefore) {
      await audit(ctx, code.organizationId, "member_joined", {
        subjectUserId: user._id,
        details: `Redeemed enrollment code ${code.code}`,
      });
    }
    await audit(ctx, code.organizationId, "cohort_assigned", {
      subjectUserId: user._id,
      cohortId: cohort._id,
      details: `Enrollment code ${code.code}`,
    });
    const organization = await ctx.db.get("organizations", code.organizationId);
    if (organization) placedBy = `${organization.name} (code ${code.code})`;
  } else {
    enrollmentId = await enrollConfirmed(ctx, user._id, cohort, { paymentType: "b2c", amountCents: 0 });
    await leaveCourseWaitlists(ctx, user._id, course._id);
  }
  await ctx.db.patch("enrollmentCodes", code._id, { uses: code.uses + 1, updatedAt: now });
  await ctx.db.insert("enrollmentCodeRedemptions", {
    enrollmentCodeId: code._id,
    userId: user._id,
    enrollmentId,
    redeemedAt: now,
  });
  // A seat given, not bought: "You're enrolled" with the calendar file, never a payment receipt.
  await tellEnrolled(ctx, user, cohort._id, placedBy);
  return { enrollmentId, cohort, course, alreadyRedeemed: false };
}
