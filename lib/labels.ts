/**
 * What each stored status, role and kind is called on screen (and the badge colour it carries). Every map is keyed
 * by the validator's type, so a new status fails the type check here until it gets its words.
 */
import type { Infer } from "convex/values";
import type { BadgeTone } from "@/components/ui/badge";
import type {
  CourseSkillLevel,
  ErasureCertificateChoice,
  EvidenceType,
  SkillCategory,
  vAddLearnerPayment,
  vAdminGrant,
  vAiExperience,
  vCohortChoiceStatus,
  vEnrollmentRequestKind,
  vEnrollmentRequestStatus,
  vAssessmentType,
  vAttendanceStatus,
  vBookingStatus,
  vCapabilityLevel,
  vCertificateIssueStatus,
  vCohortStatus,
  vCourseFormat,
  vCourseStatus,
  vDifficulty,
  vDomainStatus,
  vEnrollmentAuditAction,
  vImpactLevel,
  vKitItemType,
  vManagerAccessType,
  vManagerRole,
  vOfferOutcome,
  vOrgAuditAction,
  vOrganizationStatus,
  vPaceStatus,
  vPathAudience,
  vPathEnrollmentStatus,
  vPathPaymentType,
  vPathPricing,
  vPathPurchaseStatus,
  vPathStepState,
  vUnlockRule,
  vPaymentStatus,
  vPaymentType,
  vPromotionCodeStatus,
  vEnrollmentCodeStatus,
  vPeriodType,
  vQuestionType,
  vRecurrenceFrequency,
  vReminderChannel,
  vReminderTarget,
  vSeatPurchaseStatus,
  vSessionType,
  vShowCorrectAnswers,
  vSkillProgressLevel,
  vTeamRole,
  vPlatformAuditAction,
  vUserRole,
  vWaitlistStatus,
} from "@/convex/validators";

type Labelled = { label: string; tone: BadgeTone };

// ------------------------------------------------------------------ learning paths
export const PATH_AUDIENCE_LABEL: Record<Infer<typeof vPathAudience>, string> = {
  individual: "Individuals",
  team: "Teams",
  enterprise: "Organizations",
  all: "Everyone",
};
export const PATH_PRICING_LABEL: Record<Infer<typeof vPathPricing>, string> = {
  individual: "Per course",
  bundled: "Bundle",
  subscription: "Subscription",
};
export const UNLOCK_RULE_LABEL: Record<Infer<typeof vUnlockRule>, string> = {
  immediate: "Open from the start",
  sequential: "After the previous required step",
  after_days: "A number of days after enrolling",
  after_completion: "After a chosen step",
};
export const PATH_STATUS: Record<Infer<typeof vPathEnrollmentStatus>, Labelled> = {
  active: { label: "In progress", tone: "brand" },
  paused: { label: "Paused", tone: "warning" },
  completed: { label: "Completed", tone: "success" },
  expired: { label: "Ended", tone: "neutral" },
};
export const PATH_STEP_STATE: Record<Infer<typeof vPathStepState>, Labelled> = {
  locked: { label: "Locked", tone: "neutral" },
  open: { label: "Open", tone: "brand" },
  completed: { label: "Completed", tone: "success" },
};
export const PATH_PAYMENT_LABEL: Record<Infer<typeof vPathPaymentType>, string> = {
  bundle: "Bundle",
  individual: "Per course",
  subscription: "Subscription",
  organization: "Your organization",
};
export const PATH_PURCHASE_STATUS: Record<Infer<typeof vPathPurchaseStatus>, Labelled> = {
  pending: { label: "Waiting for payment", tone: "warning" },
  completed: { label: "Paid", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  failed: { label: "Not completed", tone: "danger" },
  refunded: { label: "Refunded", tone: "neutral" },
};

// ------------------------------------------------------------------ catalog
export const FORMAT_LABEL: Record<Infer<typeof vCourseFormat>, string> = {
  cohort: "Cohort",
  webinar: "Webinar",
  hackathon: "Hackathon",
};
export const LEVEL_LABEL: Record<Infer<typeof vCapabilityLevel>, string> = {
  fundamentals: "Fundamentals",
  intermediate: "Intermediate",
  advanced: "Advanced",
};
export const IMPACT_LABEL: Record<Infer<typeof vImpactLevel>, string> = {
  L1: "L1 · Individual adoption",
  L2: "L2 · Team transformation",
  L3: "L3 · Organizational strategy",
};
export const SESSION_TYPE_LABEL: Record<Infer<typeof vSessionType>, string> = {
  S: "Spark",
  W: "Workshop",
  MM: "Mini-Masterclass",
  CAP: "Capability",
  IO: "Implementation Office",
};
export const COURSE_STATUS: Record<Infer<typeof vCourseStatus>, Labelled> = {
  draft: { label: "Draft", tone: "neutral" },
  published: { label: "Published", tone: "success" },
  archived: { label: "Archived", tone: "neutral" },
};
export const COHORT_STATUS: Record<Infer<typeof vCohortStatus>, Labelled> = {
  scheduled: { label: "Scheduled", tone: "neutral" },
  open: { label: "Open", tone: "brand" },
  in_progress: { label: "In progress", tone: "success" },
  completed: { label: "Completed", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "danger" },
};
export const KIT_ITEM_TYPE_LABEL: Record<Infer<typeof vKitItemType>, string> = {
  slides: "Slides",
  prompts: "Prompt library",
  template: "Template",
  worksheet: "Worksheet",
  chatbot: "Chatbot link",
};

// ----------------------------------------------------------------- payments
export const PAYMENT_STATUS: Record<Infer<typeof vPaymentStatus>, Labelled> = {
  completed: { label: "Completed", tone: "success" },
  pending: { label: "Pending", tone: "warning" },
  failed: { label: "Failed", tone: "neutral" },
  refunded: { label: "Refunded", tone: "danger" },
};
/** A seat a platform admin gave by hand. */
export const ADMIN_GRANT_LABEL: Record<Infer<typeof vAdminGrant>, string> = {
  comp: "Complimentary",
  offline: "Paid offline",
};
/** How the admin adding a learner pays for the seat. */
export const ADD_LEARNER_PAYMENT_LABEL: Record<Infer<typeof vAddLearnerPayment>["kind"], string> = {
  comp: "Complimentary (free)",
  offline: "Paid offline (invoice or transfer)",
  organization: "An organization's seat",
};
/** What a platform admin did to an enrollment, as the cohort's log says it. */
export const ENROLLMENT_AUDIT_LABEL: Record<Infer<typeof vEnrollmentAuditAction>, string> = {
  added: "Added",
  moved: "Moved",
  removed: "Removed",
  cohort_cancelled: "Cohort cancelled",
  self_transferred: "Transferred (self-service)",
  self_cancelled: "Cancelled with refund (self-service)",
  request_filed: "Request filed",
  request_approved: "Request approved",
  request_declined: "Request declined",
  request_withdrawn: "Request withdrawn",
};
/** What a learner asks for outside the self-service windows. */
export const ENROLLMENT_REQUEST_KIND_LABEL: Record<Infer<typeof vEnrollmentRequestKind>, string> = {
  transfer: "Transfer",
  refund: "Refund",
};
/** Where a learner's request stands. */
export const ENROLLMENT_REQUEST_STATUS: Record<Infer<typeof vEnrollmentRequestStatus>, Labelled> = {
  open: { label: "Waiting for our team", tone: "warning" },
  approved: { label: "Approved", tone: "success" },
  declined: { label: "Declined", tone: "danger" },
  withdrawn: { label: "Withdrawn", tone: "neutral" },
};
/** A learner's choice after their cohort was cancelled. */
export const COHORT_CHOICE_STATUS: Record<Infer<typeof vCohortChoiceStatus>, Labelled> = {
  open: { label: "Not chosen yet", tone: "warning" },
  transferred: { label: "Transferred", tone: "success" },
  refund_requested: { label: "Refund requested", tone: "warning" },
  refunded: { label: "Refunded", tone: "neutral" },
};
export const PAYMENT_TYPE_LABEL: Record<Infer<typeof vPaymentType>, string> = {
  b2c: "Individual",
  b2b: "Organization",
};
export const SEAT_PURCHASE_STATUS: Record<Infer<typeof vSeatPurchaseStatus>, Labelled> = {
  creating: { label: "Preparing invoice", tone: "neutral" },
  open: { label: "Invoice sent", tone: "warning" },
  paid: { label: "Paid", tone: "success" },
  past_due: { label: "Payment failed", tone: "danger" },
  void: { label: "Cancelled", tone: "neutral" },
};

// ----------------------------------------------------------------- codes
export const PROMOTION_CODE_STATUS: Record<Infer<typeof vPromotionCodeStatus>, Labelled> = {
  creating: { label: "Creating in Stripe", tone: "neutral" },
  active: { label: "Active", tone: "success" },
  disabled: { label: "Disabled", tone: "neutral" },
  failed: { label: "Refused by Stripe", tone: "danger" },
};

export const ENROLLMENT_CODE_STATUS: Record<Infer<typeof vEnrollmentCodeStatus>, Labelled> = {
  active: { label: "Active", tone: "success" },
  disabled: { label: "Disabled", tone: "neutral" },
};

// ----------------------------------------------------------------- waitlist
export const WAITLIST_STATUS: Record<Infer<typeof vWaitlistStatus>, Labelled> = {
  waiting: { label: "Waiting", tone: "warning" },
  offered: { label: "Offered", tone: "brand" },
  enrolled: { label: "Enrolled", tone: "success" },
  expired: { label: "Expired", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};
export const OFFER_OUTCOME_LABEL: Record<Infer<typeof vOfferOutcome>, string> = {
  accepted: "accepted",
  declined: "declined",
  expired: "offer expired",
  withdrawn: "offer withdrawn",
};

// ----------------------------------------------------------------- sessions
export const ATTENDANCE: Record<Infer<typeof vAttendanceStatus>, Labelled> = {
  present: { label: "Attended", tone: "success" },
  late: { label: "Attended (late)", tone: "warning" },
  absent: { label: "Absent", tone: "danger" },
  excused: { label: "Excused", tone: "neutral" },
};
/** What an instructor marks (the learner sees `ATTENDANCE`'s words for the same marks). */
export const ATTENDANCE_MARK_LABEL: Record<Infer<typeof vAttendanceStatus>, string> = {
  present: "Present",
  late: "Late",
  absent: "Absent",
  excused: "Excused",
};
/** The intake survey's question "How much do you work with AI today?" */
export const AI_EXPERIENCE_LABEL: Record<Infer<typeof vAiExperience>, string> = {
  none: "Not yet",
  tried: "I have tried it a few times",
  weekly: "Every week",
  daily: "Every day",
};
export const RECURRENCE_LABEL: Record<Infer<typeof vRecurrenceFrequency>, string> = {
  weekly: "Every week",
  biweekly: "Every 2 weeks",
  monthly: "Every month",
};
export const BOOKING_STATUS: Record<Infer<typeof vBookingStatus>, Labelled> = {
  scheduled: { label: "Booked", tone: "success" },
  completed: { label: "Completed", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "danger" },
  no_show: { label: "Missed", tone: "neutral" },
};

// ------------------------------------------------------------- certificates
/** A certificate's issuing state as the academy's staff see it. */
export const CERTIFICATE_ISSUE_STATUS: Record<Infer<typeof vCertificateIssueStatus>, Labelled> = {
  pending: { label: "Issuing…", tone: "brand" },
  issued: { label: "Issued", tone: "success" },
  failed: { label: "Failed", tone: "warning" },
};
/** The same states in the holder's words. */
export const MY_CERTIFICATE_STATUS: Record<Infer<typeof vCertificateIssueStatus>, Labelled> = {
  pending: { label: "Being issued", tone: "brand" },
  issued: { label: "Ready", tone: "success" },
  failed: { label: "Delayed", tone: "warning" },
};

// ------------------------------------------------------------ organizations
export const ORGANIZATION_STATUS: Record<Infer<typeof vOrganizationStatus>, Labelled> = {
  active: { label: "Active", tone: "success" },
  pending_payment: { label: "Awaiting payment", tone: "warning" },
  suspended: { label: "Suspended", tone: "danger" },
};
export const DOMAIN_STATUS: Record<Infer<typeof vDomainStatus>, Labelled> = {
  requested: { label: "Waiting for approval", tone: "warning" },
  approved: { label: "Approved", tone: "success" },
  rejected: { label: "Not approved", tone: "danger" },
};
/** A person's role on the platform. */
export const USER_ROLE_LABEL: Record<Infer<typeof vUserRole>, string> = {
  individual: "Learner",
  org_member: "Organization member",
  org_admin: "Organization admin",
  platform_admin: "Platform admin",
};
/** Entries of a person's history on /admin/people. */
export const PLATFORM_AUDIT_ACTION_LABEL: Record<Infer<typeof vPlatformAuditAction>, string> = {
  platform_admin_granted: "Made a platform admin",
  platform_admin_removed: "Platform admin removed",
  erasure_carried_out: "Personal data erased",
  instructor_assigned: "Made the instructor of a cohort",
};
export const ERASURE_CERTIFICATES_LABEL: Record<ErasureCertificateChoice, string> = {
  keep: "Kept valid",
  revoke: "Revoked",
};
export const MANAGER_ROLE_LABEL: Record<Infer<typeof vManagerRole>, string> = {
  admin: "Administrator",
  manager: "Manager",
  viewer: "Viewer",
};
/** The caller's role in an organization: a manager role, or the academy's own admin looking in. */
export const ORG_ROLE_LABEL: Record<
  Infer<typeof vManagerRole> | Extract<Infer<typeof vUserRole>, "platform_admin">,
  string
> = {
  ...MANAGER_ROLE_LABEL,
  platform_admin: "Platform admin",
};
export const TEAM_ROLE_LABEL: Record<Infer<typeof vTeamRole>, string> = { member: "Member", lead: "Lead" };
export const ORG_AUDIT_ACTION_LABEL: Record<Infer<typeof vOrgAuditAction>, string> = {
  organization_created: "Organization created",
  seats_requested: "Seats ordered",
  seats_added: "Seats added",
  invite_sent: "Invited",
  invite_resent: "Invitation re-sent",
  invite_revoked: "Invitation revoked",
  invite_expired: "Invitation expired",
  member_joined: "Joined",
  member_removed: "Removed",
  cohort_assigned: "Assigned to cohort",
  cohort_moved: "Moved between cohorts",
  cohort_unassigned: "Taken out of cohort",
  path_enrolled: "Enrolled in a learning path",
  private_cohort_created: "Private cohort created",
  domain_requested: "Domain submitted",
  domain_approved: "Domain approved",
  domain_rejected: "Domain rejected",
  domain_join_toggled: "Domain joining switched",
  team_created: "Team created",
  team_updated: "Team changed",
  manager_updated: "Manager role changed",
  status_changed: "Status changed",
};

// --------------------------------------------------------------- dashboards
export const PACE: Record<Infer<typeof vPaceStatus>, Labelled> = {
  not_started: { label: "Not started", tone: "neutral" },
  on_track: { label: "On track", tone: "success" },
  behind: { label: "Behind", tone: "warning" },
  completed: { label: "Completed", tone: "brand" },
};
/** Skill levels in rising order; a level's number (0–4) is its index. */
export const SKILL_LEVELS: ReadonlyArray<Infer<typeof vSkillProgressLevel>> = [
  "none",
  "foundational",
  "practitioner",
  "advanced",
  "expert",
];
export const SKILL_LEVEL_LABEL: Record<Infer<typeof vSkillProgressLevel>, string> = {
  none: "None",
  foundational: "Foundational",
  practitioner: "Practitioner",
  advanced: "Advanced",
  expert: "Expert",
};
export const REPORT_FREQUENCY_LABEL: Record<Infer<typeof vPeriodType>, string> = {
  daily: "Every day",
  weekly: "Every Monday",
  monthly: "On the 1st of each month",
};
export const REMINDER_TARGET_LABEL: Record<Infer<typeof vReminderTarget>, string> = {
  individual: "People",
  team: "Team",
  behind_schedule: "Behind schedule",
  inactive: "Inactive",
};
export const REMINDER_CHANNEL_LABEL: Record<Infer<typeof vReminderChannel>, string> = {
  both: "Email and in-app",
  email: "Email only",
  in_app: "In-app only",
};
export const MANAGER_ACCESS_LABEL: Record<Infer<typeof vManagerAccessType>, string> = {
  view_dashboard: "Opened a dashboard",
  view_individual: "Opened your progress",
  export_report: "Exported a report",
  send_reminder: "Sent a reminder",
};

// -------------------------------------------------------------- assessments
export const ASSESSMENT_TYPE_LABEL: Record<Infer<typeof vAssessmentType>, string> = {
  pre_course: "Pre-course assessment",
  post_course: "Post-course assessment",
  knowledge_check: "Knowledge check",
  skill_assessment: "Skill assessment",
  certification: "Certification exam",
  self_assessment: "Self-assessment",
};
/** A question's type in the words a learner reads above it. */
export const QUESTION_TYPE_LABEL: Record<Infer<typeof vQuestionType>, string> = {
  multiple_choice: "Choose one",
  multiple_select: "Choose all that apply",
  true_false: "True or false",
  short_answer: "Short answer",
  rating_scale: "Self-assessment (not graded)",
  open_ended: "Open answer",
};
export const DIFFICULTY_LABEL: Record<Infer<typeof vDifficulty>, string> = {
  easy: "Easy",
  medium: "Medium",
  hard: "Hard",
};
/** When an author lets learners see the correct answers… */
export const SHOW_CORRECT_ANSWERS_LABEL: Record<Infer<typeof vShowCorrectAnswers>, string> = {
  never: "Never",
  after_submit: "After submitting",
  after_passing: "After passing",
  after_all_attempts: "After the last attempt",
};
/** …and the same rule in the learner's words, before they start. */
export const SHOW_CORRECT_ANSWERS_RULE: Record<Infer<typeof vShowCorrectAnswers>, string> = {
  never: "Correct answers are not shown.",
  after_submit: "Correct answers and explanations are shown after you submit.",
  after_passing: "Correct answers and explanations are shown once you pass.",
  after_all_attempts: "Correct answers and explanations are shown after your last attempt.",
};

// ------------------------------------------------------------------ skills
export const SKILL_CATEGORY_LABEL: Record<SkillCategory, string> = {
  technical: "Technical",
  strategic: "Strategic",
  leadership: "Leadership",
  domain: "Domain",
};
/** What a course does for a skill, as the course page and the admin say it. */
export const COURSE_SKILL_LEVEL: Record<CourseSkillLevel, { label: string; hint: string }> = {
  introduces: { label: "Introduces", hint: "first exposure (Foundational)" },
  develops: { label: "Develops", hint: "builds the capability (Practitioner)" },
  masters: { label: "Masters", hint: "full competency (Practitioner, then Advanced with an instructor's sign-off)" },
};
export const EVIDENCE_TYPE_LABEL: Record<EvidenceType, string> = {
  observation: "Observed in a session",
  project: "Project",
  instructor_assessment: "Instructor assessment",
  quiz: "Quiz",
  peer_review: "Peer review",
  self_assessment: "Self-assessment",
};
