/**
 * Validators shared by the schema and function arguments. One name per
 * concept (`vEnrollmentStatus`), with its TypeScript type next to it.
 */
import { v, type Infer } from "convex/values";

// ------------------------------------------------------------------ people
export const vUserRole = v.union(
  v.literal("individual"),
  v.literal("org_admin"),
  v.literal("org_member"),
  v.literal("platform_admin"),
);
export type UserRole = Infer<typeof vUserRole>;

export const vNotificationPreferences = v.object({
  emailNotifications: v.boolean(),
  smsNotifications: v.boolean(),
  community: v.object({
    threadReplies: v.boolean(),
    instructorReplies: v.boolean(),
    bestAnswers: v.boolean(),
    peerConnections: v.boolean(),
    subscribedThreads: v.boolean(),
  }),
});
export type NotificationPreferences = Infer<typeof vNotificationPreferences>;

// ----------------------------------------------------------- organizations
export const vOrganizationStatus = v.union(v.literal("pending_payment"), v.literal("active"), v.literal("suspended"));
/** A declared email domain's state: a platform admin approves it before anyone can join by it. */
export const vDomainStatus = v.union(v.literal("requested"), v.literal("approved"), v.literal("rejected"));
/** A seat purchase follows its Stripe invoice: open (sent), paid, past_due (payment failed/overdue), void. */
export const vSeatPurchaseStatus = v.union(
  v.literal("creating"),
  v.literal("open"),
  v.literal("paid"),
  v.literal("past_due"),
  v.literal("void"),
);
export const vOrgAuditAction = v.union(
  v.literal("organization_created"),
  v.literal("seats_requested"),
  v.literal("seats_added"),
  v.literal("invite_sent"),
  v.literal("invite_resent"),
  v.literal("invite_revoked"),
  v.literal("invite_expired"),
  v.literal("member_joined"),
  v.literal("member_removed"),
  v.literal("cohort_assigned"),
  v.literal("cohort_moved"),
  v.literal("cohort_unassigned"),
  v.literal("path_enrolled"),
  v.literal("private_cohort_created"),
  v.literal("domain_requested"),
  v.literal("domain_approved"),
  v.literal("domain_rejected"),
  v.literal("domain_join_toggled"),
  v.literal("team_created"),
  v.literal("team_updated"),
  v.literal("manager_updated"),
  v.literal("status_changed"),
);
export type OrgAuditAction = Infer<typeof vOrgAuditAction>;
export const vInviteStatus = v.union(
  v.literal("pending"),
  v.literal("accepted"),
  v.literal("expired"),
  v.literal("revoked"),
);
export const vManagerRole = v.union(v.literal("admin"), v.literal("manager"), v.literal("viewer"));
export type ManagerRole = Infer<typeof vManagerRole>;
export const MANAGER_PERMISSIONS = [
  "view_progress",
  "view_scores",
  "view_certificates",
  "view_analytics",
  "export_reports",
  "manage_enrollments",
  "send_reminders",
  "manage_team",
] as const;
export const vManagerPermission = v.union(
  v.literal("view_progress"),
  v.literal("view_scores"),
  v.literal("view_certificates"),
  v.literal("view_analytics"),
  v.literal("export_reports"),
  v.literal("manage_enrollments"),
  v.literal("send_reminders"),
  v.literal("manage_team"),
);
export type ManagerPermission = Infer<typeof vManagerPermission>;
export const vTeamRole = v.union(v.literal("member"), v.literal("lead"));

// ---------------------------------------------------------------- courses
export const vCourseFormat = v.union(v.literal("cohort"), v.literal("webinar"), v.literal("hackathon"));
export type CourseFormat = Infer<typeof vCourseFormat>;
export const vImpactLevel = v.union(v.literal("L1"), v.literal("L2"), v.literal("L3"));
export const vCapabilityLevel = v.union(v.literal("fundamentals"), v.literal("intermediate"), v.literal("advanced"));
export type CapabilityLevel = Infer<typeof vCapabilityLevel>;
export const vCourseStatus = v.union(v.literal("draft"), v.literal("published"), v.literal("archived"));
export const vSessionType = v.union(v.literal("S"), v.literal("W"), v.literal("MM"), v.literal("CAP"), v.literal("IO"));
export type SessionType = Infer<typeof vSessionType>;
export const vCohortStatus = v.union(
  v.literal("scheduled"),
  v.literal("open"),
  v.literal("in_progress"),
  v.literal("completed"),
  v.literal("cancelled"),
);
export type CohortStatus = Infer<typeof vCohortStatus>;

// ------------------------------------------------------------ enrollments
export const vPaymentStatus = v.union(
  v.literal("pending"),
  v.literal("completed"),
  v.literal("failed"),
  v.literal("refunded"),
);
export type PaymentStatus = Infer<typeof vPaymentStatus>;
export const vPaymentType = v.union(v.literal("b2c"), v.literal("b2b"));
/** Why a pending purchase ended without a seat. */
export const vEnrollmentFailure = v.union(
  v.literal("hold_expired"),
  v.literal("checkout_expired"),
  v.literal("payment_failed"),
  v.literal("cancelled"),
  v.literal("checkout_error"),
  /** A payment arrived that does not match the purchase; it is on the admins' review list. */
  v.literal("payment_under_review"),
  /** A platform admin took the learner out of the cohort (the seat went back). */
  v.literal("removed"),
);
export type EnrollmentFailure = Infer<typeof vEnrollmentFailure>;
/** How a seat a platform admin gave by hand was paid when no organization pays: free, or outside Stripe. */
export const vAdminGrant = v.union(v.literal("comp"), v.literal("offline"));
export type AdminGrant = Infer<typeof vAdminGrant>;
/** What a platform admin plans for a cohort: its course, name, dates, zone, size and staffing. */
export const vCohortPlanFields = {
  courseId: v.id("courses"),
  name: v.string(),
  startDate: v.number(),
  endDate: v.number(),
  timezone: v.string(),
  maxCapacity: v.number(),
  instructorEmail: v.optional(v.string()),
  zoomLink: v.optional(v.string()),
};
/** What a platform admin plans for an organization's private cohort (convex/organizations/privateCohorts.ts). */
export const vPrivateCohortPlan = v.object(vCohortPlanFields);
export type PrivateCohortPlan = Infer<typeof vPrivateCohortPlan>;
/** What a platform admin chose when adding a learner by hand. */
export const vAddLearnerPayment = v.union(
  v.object({ kind: v.literal("comp") }),
  v.object({ kind: v.literal("offline"), reference: v.string() }),
  v.object({ kind: v.literal("organization"), organizationId: v.id("organizations") }),
);
export type AddLearnerPayment = Infer<typeof vAddLearnerPayment>;
/** What a platform admin did to an enrollment (enrollmentAuditLog). */
export const vEnrollmentAuditAction = v.union(
  v.literal("added"),
  v.literal("moved"),
  v.literal("removed"),
  v.literal("cohort_cancelled"),
  /** The learner moved themselves within the course's transfer window (self-service). */
  v.literal("self_transferred"),
  /** The learner cancelled within the course's refund window (self-service). */
  v.literal("self_cancelled"),
  /** A learner's request outside the windows: filed, approved (the change is carried out), declined, withdrawn. */
  v.literal("request_filed"),
  v.literal("request_approved"),
  v.literal("request_declined"),
  v.literal("request_withdrawn"),
);
export type EnrollmentAuditAction = Infer<typeof vEnrollmentAuditAction>;
/** A learner's one choice after their cohort was cancelled (cohortChoices). */
export const vCohortChoiceStatus = v.union(
  v.literal("open"),
  v.literal("transferred"),
  v.literal("refund_requested"),
  v.literal("refunded"),
);
export type CohortChoiceStatus = Infer<typeof vCohortChoiceStatus>;
/** What a learner asks for outside the course's self-service windows (enrollmentRequests). */
export const vEnrollmentRequestKind = v.union(v.literal("transfer"), v.literal("refund"));
/** A cohort a learner may move to (self-service, or after their cohort was cancelled): its dates and seats left. */
export const vTransferTargetFields = {
  cohortId: v.id("cohorts"),
  name: v.string(),
  startDate: v.number(),
  endDate: v.number(),
  timezone: v.string(),
  seatsLeft: v.number(),
};
export type EnrollmentRequestKind = Infer<typeof vEnrollmentRequestKind>;
export const vEnrollmentRequestStatus = v.union(
  v.literal("open"),
  v.literal("approved"),
  v.literal("declined"),
  v.literal("withdrawn"),
);
export type EnrollmentRequestStatus = Infer<typeof vEnrollmentRequestStatus>;
export const vCohortSessionStatus = v.union(v.literal("scheduled"), v.literal("cancelled"));
/** What a platform admin did to someone's account (users.platformAuditLog). */
export const vPlatformAuditAction = v.union(
  v.literal("platform_admin_granted"),
  v.literal("platform_admin_removed"),
  v.literal("erasure_carried_out"),
  v.literal("instructor_assigned"),
);

/** How much a learner already works with AI, from their intake survey. */
export const vAiExperience = v.union(v.literal("none"), v.literal("tried"), v.literal("weekly"), v.literal("daily"));

export const vAttendanceStatus = v.union(
  v.literal("present"),
  v.literal("late"),
  v.literal("absent"),
  v.literal("excused"),
);
export type AttendanceStatus = Infer<typeof vAttendanceStatus>;
export const vAttendanceSource = v.union(v.literal("check_in"), v.literal("instructor"));
export const vRecurrenceFrequency = v.union(v.literal("weekly"), v.literal("biweekly"), v.literal("monthly"));
export type RecurrenceFrequency = Infer<typeof vRecurrenceFrequency>;
export const vSessionReminderKind = v.union(v.literal("day_before"), v.literal("hour_before"));
export type SessionReminderKind = Infer<typeof vSessionReminderKind>;
/** In-app notification categories; `critical` ones cannot be switched off. */
export const NOTIFICATION_CATEGORIES = {
  session_changes: { label: "Session changes and cancellations", critical: true },
  session_reminders: { label: "Session reminders (24 hours and 1 hour before)", critical: false },
  recordings: { label: "Recordings and recaps", critical: false },
  office_hours: { label: "Office hours bookings", critical: false },
  certificates: { label: "Certificates (issued, expiring)", critical: false },
  account: { label: "Payments, seats and account", critical: true },
  learning: { label: "Reminders from your manager and learning alerts", critical: false },
  reports: { label: "Team reports and summaries (managers)", critical: false },
} as const;
export type NotificationCategory = keyof typeof NOTIFICATION_CATEGORIES;
export const vNotificationCategory = v.union(
  v.literal("session_changes"),
  v.literal("session_reminders"),
  v.literal("recordings"),
  v.literal("office_hours"),
  v.literal("certificates"),
  v.literal("account"),
  v.literal("learning"),
  v.literal("reports"),
);
export const vWaitlistStatus = v.union(
  v.literal("waiting"),
  v.literal("offered"),
  v.literal("enrolled"),
  v.literal("expired"),
  v.literal("cancelled"),
);
export const vOfferOutcome = v.union(
  v.literal("accepted"),
  v.literal("declined"),
  v.literal("expired"),
  v.literal("withdrawn"),
);
export type OfferOutcome = Infer<typeof vOfferOutcome>;
export const vKitItemType = v.union(
  v.literal("slides"),
  v.literal("prompts"),
  v.literal("template"),
  v.literal("chatbot"),
  v.literal("worksheet"),
);
export const vBookingStatus = v.union(
  v.literal("scheduled"),
  v.literal("completed"),
  v.literal("cancelled"),
  v.literal("no_show"),
);
export const vChatRole = v.union(v.literal("user"), v.literal("assistant"));

// ------------------------------------------------------------ credentials
/**
 * Summary of an Open Badges 3.0 credential kept beside the signed JSON. The
 * spec's `badgeData` shapes mixed OB 2.0 (`issuanceDate`, string `type`) and
 * 3.0; ours follow OB 3.0 / VC 2.0 field names (see docs/schema.md).
 */
export const vBadgeSummary = v.object({
  credentialId: v.string(), // the credential's `id` (urn:uuid:…)
  type: v.array(v.string()),
  issuerId: v.string(),
  issuerName: v.string(),
  achievementId: v.string(),
  name: v.string(),
  description: v.string(),
  criteriaNarrative: v.string(),
  imageUrl: v.optional(v.string()),
  validFrom: v.string(),
  validUntil: v.optional(v.string()),
});
export type BadgeSummary = Infer<typeof vBadgeSummary>;
export const vCertificateIssueStatus = v.union(v.literal("pending"), v.literal("issued"), v.literal("failed"));

// ------------------------------------------------------------------ email
/** An email as the mailer sends it and the dev mailbox stores it. */
export const vOutgoingEmail = {
  to: v.string(),
  subject: v.string(),
  html: v.string(),
  text: v.string(),
  /** The email's main link (magic link, invite, …), a button in the dev mailbox. */
  actionUrl: v.optional(v.string()),
  /** Text attachments such as calendar files. */
  attachments: v.optional(v.array(v.object({ filename: v.string(), contentType: v.string(), content: v.string() }))),
};

// ------------------------------------------------------------- marketing
export const vContactStatus = v.union(
  v.literal("pending"),
  v.literal("contacted"),
  v.literal("converted"),
  v.literal("spam"),
);
export const vDeliveryStatus = v.union(v.literal("pending"), v.literal("delivered"), v.literal("failed"));

// ------------------------------------------------------------- resources
export const vResourceType = v.union(
  v.literal("template"),
  v.literal("framework"),
  v.literal("prompt"),
  v.literal("glossary"),
  v.literal("case_study"),
  v.literal("checklist"),
  v.literal("tool_guide"),
  v.literal("video"),
  v.literal("article"),
  v.literal("external_link"),
);
export const vResourceAccess = v.union(
  v.literal("public"),
  v.literal("registered"),
  v.literal("enrolled"),
  v.literal("course_specific"),
  v.literal("premium"),
);
export const vPromptCategory = v.union(
  v.literal("writing"),
  v.literal("analysis"),
  v.literal("coding"),
  v.literal("research"),
  v.literal("business"),
  v.literal("creative"),
  v.literal("system"),
);
export const vPromptAccess = v.union(
  v.literal("public"),
  v.literal("registered"),
  v.literal("enrolled"),
  v.literal("premium"),
);
export const vPromptVariable = v.object({
  name: v.string(),
  description: v.string(),
  type: v.union(v.literal("text"), v.literal("textarea"), v.literal("select")),
  required: v.boolean(),
  defaultValue: v.optional(v.string()),
  options: v.optional(v.array(v.string())),
});
export const vResourceInteraction = v.union(
  v.literal("view"),
  v.literal("download"),
  v.literal("bookmark"),
  v.literal("rate"),
  v.literal("share"),
);
export const vBookmarkType = v.union(v.literal("resource"), v.literal("glossary"), v.literal("prompt"));

// ---------------------------------------------------------- learning paths
export const vPathAudience = v.union(
  v.literal("individual"),
  v.literal("team"),
  v.literal("enterprise"),
  v.literal("all"),
);
export const vPathPricing = v.union(v.literal("individual"), v.literal("bundled"), v.literal("subscription"));
export const vUnlockRule = v.union(
  v.literal("immediate"),
  v.literal("sequential"),
  v.literal("after_days"),
  v.literal("after_completion"),
);
export const vPathEnrollmentStatus = v.union(
  v.literal("active"),
  v.literal("paused"),
  v.literal("completed"),
  v.literal("expired"),
);
export const vPathPaymentType = v.union(
  v.literal("bundle"),
  v.literal("individual"),
  v.literal("subscription"),
  v.literal("organization"),
);
export type UnlockRule = Infer<typeof vUnlockRule>;
export type PathEnrollmentStatus = Infer<typeof vPathEnrollmentStatus>;
export type PathPaymentType = Infer<typeof vPathPaymentType>;
/** A bundle's Stripe Checkout: pending until Stripe reports it paid (the path enrollment is created then) or ended. */
export const vPathPurchaseStatus = v.union(
  v.literal("pending"),
  v.literal("completed"),
  v.literal("expired"),
  v.literal("failed"),
  v.literal("refunded"),
);
/**
 * A path subscription as the academy honours it, from Stripe's statuses: active (and trialing), past_due (a renewal
 * failed and Stripe is retrying: the path is paused), ended (cancelled, unpaid or never completed: access is over).
 */
export const vPathSubscriptionStatus = v.union(v.literal("active"), v.literal("past_due"), v.literal("ended"));
export type PathSubscriptionStatus = Infer<typeof vPathSubscriptionStatus>;
/** Where a learner stands on one step of their path. */
export const vPathStepState = v.union(v.literal("locked"), v.literal("open"), v.literal("completed"));

// ------------------------------------------------------------------ skills
export const vSkillCategory = v.union(
  v.literal("technical"),
  v.literal("strategic"),
  v.literal("leadership"),
  v.literal("domain"),
);
export const vSkillLevel = v.union(
  v.literal("foundational"),
  v.literal("practitioner"),
  v.literal("advanced"),
  v.literal("expert"),
);
export type SkillLevel = Infer<typeof vSkillLevel>;
export const vSkillProgressLevel = v.union(v.literal("none"), vSkillLevel);
/** How a competency was shown; `observation`: an instructor saw it in a live session. */
export const vEvidenceType = v.union(
  v.literal("observation"),
  v.literal("quiz"),
  v.literal("project"),
  v.literal("peer_review"),
  v.literal("instructor_assessment"),
  v.literal("self_assessment"),
);
export type EvidenceType = Infer<typeof vEvidenceType>;
export const vCourseSkillLevel = v.union(v.literal("introduces"), v.literal("develops"), v.literal("masters"));
export type CourseSkillLevel = Infer<typeof vCourseSkillLevel>;
export type SkillCategory = Infer<typeof vSkillCategory>;
export const vContributionLevel = v.union(v.literal("introduces"), v.literal("reinforces"), v.literal("assesses"));

// ------------------------------------------------------------- assessments
export const vAssessmentType = v.union(
  v.literal("pre_course"),
  v.literal("post_course"),
  v.literal("knowledge_check"),
  v.literal("skill_assessment"),
  v.literal("certification"),
  v.literal("self_assessment"),
);
export const vShowCorrectAnswers = v.union(
  v.literal("never"),
  v.literal("after_submit"),
  v.literal("after_passing"),
  v.literal("after_all_attempts"),
);
export const vQuestionType = v.union(
  v.literal("multiple_choice"),
  v.literal("multiple_select"),
  v.literal("true_false"),
  v.literal("short_answer"),
  v.literal("rating_scale"),
  v.literal("open_ended"),
);
export const vDifficulty = v.union(v.literal("easy"), v.literal("medium"), v.literal("hard"));
export const vAnswerOption = v.object({
  id: v.string(),
  text: v.string(),
  isCorrect: v.boolean(),
  feedback: v.optional(v.string()),
});
export const vAttemptStatus = v.union(
  v.literal("in_progress"),
  v.literal("submitted"),
  v.literal("graded"),
  v.literal("expired"),
);

/**
 * Where an answer is in grading: `graded` (done, by the rules, the AI or a person), `ai_pending` (sent to the model),
 * `review` (the AI's grade waits for an instructor's yes or change: confidence 0.7–0.9), `manual` (an instructor
 * grades it: confidence below 0.7, no model configured, or the model failed).
 */
export const vGradingState = v.union(
  v.literal("graded"),
  v.literal("ai_pending"),
  v.literal("review"),
  v.literal("manual"),
);
export type GradingState = Infer<typeof vGradingState>;

/** Who or what gave an answer its points. */
export const vGradedBy = v.union(v.literal("rules"), v.literal("ai"), v.literal("instructor"));
export type GradedBy = Infer<typeof vGradedBy>;

/** Assessment reminders: the window has opened, or closes soon. */
export const vAssessmentReminderKind = v.union(v.literal("opened"), v.literal("closing"));
export type AssessmentReminderKind = Infer<typeof vAssessmentReminderKind>;

// --------------------------------------------------------------- community
export const vThreadScope = v.union(
  v.literal("course"),
  v.literal("session"),
  v.literal("lesson"),
  v.literal("general"),
);
export const vModerationStatus = v.union(v.literal("active"), v.literal("hidden"), v.literal("flagged"));
export const vThreadInteraction = v.union(
  v.literal("view"),
  v.literal("like"),
  v.literal("bookmark"),
  v.literal("subscribe"),
);
export const vReplyInteraction = v.union(v.literal("like"), v.literal("flag"));
export const vConnectionSource = v.union(v.literal("cohort"), v.literal("manual"), v.literal("suggested"));
export const vConnectionStatus = v.union(
  v.literal("pending"),
  v.literal("accepted"),
  v.literal("declined"),
  v.literal("blocked"),
);
export const vCommunityPlatform = v.union(
  v.literal("circle"),
  v.literal("skool"),
  v.literal("discord"),
  v.literal("slack"),
  v.literal("other"),
);
export const vCommunityAccess = v.union(
  v.literal("all_users"),
  v.literal("enrolled"),
  v.literal("alumni"),
  v.literal("premium"),
);
export const vCommunityMembershipStatus = v.union(v.literal("invited"), v.literal("active"), v.literal("inactive"));

// ------------------------------------------------------------- dashboards
export const vPeriodType = v.union(v.literal("daily"), v.literal("weekly"), v.literal("monthly"));
export const vReportType = v.union(
  v.literal("progress_summary"),
  v.literal("individual_detail"),
  v.literal("skill_matrix"),
  v.literal("roi_analysis"),
  v.literal("engagement"),
  v.literal("compliance"),
);
export const vReportFormat = v.union(v.literal("pdf"), v.literal("csv"), v.literal("xlsx"));
export const vReminderTarget = v.union(
  v.literal("individual"),
  v.literal("team"),
  v.literal("behind_schedule"),
  v.literal("inactive"),
);
export const vReminderChannel = v.union(v.literal("email"), v.literal("in_app"), v.literal("both"));
export const vManagerAccessType = v.union(
  v.literal("view_dashboard"),
  v.literal("export_report"),
  v.literal("view_individual"),
  v.literal("send_reminder"),
);

// ------------------------------------------------------------- dashboards
/** Where a learner stands against the cohort's schedule. */
export const vPaceStatus = v.union(
  v.literal("not_started"),
  v.literal("on_track"),
  v.literal("behind"),
  v.literal("completed"),
);
export type PaceStatus = Infer<typeof vPaceStatus>;
export const vReportRunStatus = v.union(
  v.literal("queued"),
  v.literal("running"),
  v.literal("done"),
  v.literal("failed"),
);

/** Where a person's erasure request stands. */
export const vErasureStatus = v.union(v.literal("requested"), v.literal("in_progress"), v.literal("completed"));
export type ErasureStatus = Infer<typeof vErasureStatus>;
/** What erasure does to the person's certificates: revoked, or kept valid under their name (their choice). */
export const vErasureCertificateChoice = v.union(v.literal("keep"), v.literal("revoke"));
export type ErasureCertificateChoice = Infer<typeof vErasureCertificateChoice>;

// ---------------------------------------------------------------- payments
/**
 * Why a Stripe payment was not matched to a seat: it is not the enrollment's
 * own Checkout Session (or the seat purchase's own invoice), it paid another
 * amount or currency than the price charged, or it is ours but its enrollment
 * cannot take a seat (docs/security.md).
 */
export const vPaymentReviewReason = v.union(
  v.literal("unknown_session"),
  v.literal("unknown_invoice"),
  v.literal("amount_mismatch"),
  v.literal("currency_mismatch"),
  v.literal("no_seat_left"),
  v.literal("already_enrolled"),
  v.literal("duplicate_payment"),
);
export type PaymentReviewReason = Infer<typeof vPaymentReviewReason>;
export const vPaymentReviewStatus = v.union(v.literal("open"), v.literal("resolved"));
/** How a review ended: the payment was refunded through Stripe, or an admin closed it without a refund. */
export const vPaymentReviewResolution = v.union(v.literal("refunded"), v.literal("no_refund"));

// ---------------------------------------------------------------- codes
/**
 * A promotion code's life: created here, then in Stripe (`creating`); usable at checkout (`active`); switched off by
 * an admin (`disabled`); or refused by Stripe when it was created (`failed`).
 */
export const vPromotionCodeStatus = v.union(
  v.literal("creating"),
  v.literal("active"),
  v.literal("disabled"),
  v.literal("failed"),
);
export type PromotionCodeStatus = Infer<typeof vPromotionCodeStatus>;
/** Where an enrollment code's seat comes from: a free (comp) seat in the cohort, or one of an organization's seats. */
export const vEnrollmentCodeSource = v.union(v.literal("free"), v.literal("organization"));
export type EnrollmentCodeSource = Infer<typeof vEnrollmentCodeSource>;
export const vEnrollmentCodeStatus = v.union(v.literal("active"), v.literal("disabled"));
