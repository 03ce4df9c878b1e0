import type { Validator } from "convex/values";
import { describe, expect, test } from "vitest";
import * as validators from "@/convex/validators";
import * as labels from "@/lib/labels";

/** The literal values of a `v.union(v.literal(…), …)` (nested unions included). */
function literals(validator: Validator<unknown, "required", string>): string[] {
  if (validator.kind === "literal") return [String(validator.value)];
  if (validator.kind === "union") return validator.members.flatMap(literals);
  throw new Error(`not a union of literals: ${validator.kind}`);
}

const PAIRS: Array<[string, Record<string, unknown>, Validator<unknown, "required", string>]> = [
  ["FORMAT_LABEL", labels.FORMAT_LABEL, validators.vCourseFormat],
  ["LEVEL_LABEL", labels.LEVEL_LABEL, validators.vCapabilityLevel],
  ["IMPACT_LABEL", labels.IMPACT_LABEL, validators.vImpactLevel],
  ["SESSION_TYPE_LABEL", labels.SESSION_TYPE_LABEL, validators.vSessionType],
  ["COURSE_STATUS", labels.COURSE_STATUS, validators.vCourseStatus],
  ["COHORT_STATUS", labels.COHORT_STATUS, validators.vCohortStatus],
  ["KIT_ITEM_TYPE_LABEL", labels.KIT_ITEM_TYPE_LABEL, validators.vKitItemType],
  ["PAYMENT_STATUS", labels.PAYMENT_STATUS, validators.vPaymentStatus],
  ["PAYMENT_TYPE_LABEL", labels.PAYMENT_TYPE_LABEL, validators.vPaymentType],
  ["SEAT_PURCHASE_STATUS", labels.SEAT_PURCHASE_STATUS, validators.vSeatPurchaseStatus],
  ["PROMOTION_CODE_STATUS", labels.PROMOTION_CODE_STATUS, validators.vPromotionCodeStatus],
  ["ENROLLMENT_CODE_STATUS", labels.ENROLLMENT_CODE_STATUS, validators.vEnrollmentCodeStatus],
  ["WAITLIST_STATUS", labels.WAITLIST_STATUS, validators.vWaitlistStatus],
  ["OFFER_OUTCOME_LABEL", labels.OFFER_OUTCOME_LABEL, validators.vOfferOutcome],
  ["ATTENDANCE", labels.ATTENDANCE, validators.vAttendanceStatus],
  ["ATTENDANCE_MARK_LABEL", labels.ATTENDANCE_MARK_LABEL, validators.vAttendanceStatus],
  ["RECURRENCE_LABEL", labels.RECURRENCE_LABEL, validators.vRecurrenceFrequency],
  ["BOOKING_STATUS", labels.BOOKING_STATUS, validators.vBookingStatus],
  ["CERTIFICATE_ISSUE_STATUS", labels.CERTIFICATE_ISSUE_STATUS, validators.vCertificateIssueStatus],
  ["MY_CERTIFICATE_STATUS", labels.MY_CERTIFICATE_STATUS, validators.vCertificateIssueStatus],
  ["ORGANIZATION_STATUS", labels.ORGANIZATION_STATUS, validators.vOrganizationStatus],
  ["DOMAIN_STATUS", labels.DOMAIN_STATUS, validators.vDomainStatus],
  ["MANAGER_ROLE_LABEL", labels.MANAGER_ROLE_LABEL, validators.vManagerRole],
  ["TEAM_ROLE_LABEL", labels.TEAM_ROLE_LABEL, validators.vTeamRole],
  ["ORG_AUDIT_ACTION_LABEL", labels.ORG_AUDIT_ACTION_LABEL, validators.vOrgAuditAction],
  ["PACE", labels.PACE, validators.vPaceStatus],
  ["SKILL_LEVEL_LABEL", labels.SKILL_LEVEL_LABEL, validators.vSkillProgressLevel],
  ["REPORT_FREQUENCY_LABEL", labels.REPORT_FREQUENCY_LABEL, validators.vPeriodType],
  ["REMINDER_TARGET_LABEL", labels.REMINDER_TARGET_LABEL, validators.vReminderTarget],
  ["REMINDER_CHANNEL_LABEL", labels.REMINDER_CHANNEL_LABEL, validators.vReminderChannel],
  ["MANAGER_ACCESS_LABEL", labels.MANAGER_ACCESS_LABEL, validators.vManagerAccessType],
  ["ASSESSMENT_TYPE_LABEL", labels.ASSESSMENT_TYPE_LABEL, validators.vAssessmentType],
  ["QUESTION_TYPE_LABEL", labels.QUESTION_TYPE_LABEL, validators.vQuestionType],
  ["DIFFICULTY_LABEL", labels.DIFFICULTY_LABEL, validators.vDifficulty],
  ["SHOW_CORRECT_ANSWERS_LABEL", labels.SHOW_CORRECT_ANSWERS_LABEL, validators.vShowCorrectAnswers],
  ["SHOW_CORRECT_ANSWERS_RULE", labels.SHOW_CORRECT_ANSWERS_RULE, validators.vShowCorrectAnswers],
  ["PATH_AUDIENCE_LABEL", labels.PATH_AUDIENCE_LABEL, validators.vPathAudience],
  ["PATH_PRICING_LABEL", labels.PATH_PRICING_LABEL, validators.vPathPricing],
  ["UNLOCK_RULE_LABEL", labels.UNLOCK_RULE_LABEL, validators.vUnlockRule],
  ["PATH_STATUS", labels.PATH_STATUS, validators.vPathEnrollmentStatus],
  ["PATH_STEP_STATE", labels.PATH_STEP_STATE, validators.vPathStepState],
  ["PATH_PAYMENT_LABEL", labels.PATH_PAYMENT_LABEL, validators.vPathPaymentType],
  ["PATH_PURCHASE_STATUS", labels.PATH_PURCHASE_STATUS, validators.vPathPurchaseStatus],
];

describe("#16 label maps follow the validators", () => {
  test.each(PAIRS)("%s names exactly the values its validator allows, each with words", (_name, map, validator) => {
    expect(Object.keys(map).sort()).toEqual(literals(validator).sort());
    for (const entry of Object.values(map)) {
      const label = typeof entry === "string" ? entry : (entry as { label: string }).label;
      expect(label.trim()).not.toBe("");
    }
  });

  test("skill levels are listed from none to expert, the order their numbers (0–4) mean", () => {
    expect(labels.SKILL_LEVELS).toEqual(["none", "foundational", "practitioner", "advanced", "expert"]);
    expect([...labels.SKILL_LEVELS].sort()).toEqual(literals(validators.vSkillProgressLevel).sort());
  });
});
