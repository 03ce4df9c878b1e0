/**
 * The academy's data model: every table of the spec (56), Convex Auth's
 * tables, and the platform's own operational tables. Decisions where the spec
 * is inconsistent are recorded in docs/schema.md.
 */
import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { assessmentTables } from "./assessments/tables";
import {
  vBadgeSummary,
  vBookingStatus,
  vBookmarkType,
  vCapabilityLevel,
  vChatRole,
  vCohortStatus,
  vCommunityAccess,
  vCommunityMembershipStatus,
  vCommunityPlatform,
  vConnectionSource,
  vConnectionStatus,
  vContactStatus,
  vContributionLevel,
  vCourseFormat,
  vCourseSkillLevel,
  vCourseStatus,
  vDeliveryStatus,
  vEvidenceType,
  vImpactLevel,
  vDomainStatus,
  vInviteStatus,
  vOrgAuditAction,
  vSeatPurchaseStatus,
  vKitItemType,
  vManagerAccessType,
  vManagerPermission,
  vManagerRole,
  vModerationStatus,
  vNotificationPreferences,
  vCohortSessionStatus,
  vEnrollmentFailure,
  vOfferOutcome,
  vOrganizationStatus,
  vOutgoingEmail,
  vPathAudience,
  vPathEnrollmentStatus,
  vPathPaymentType,
  vPathPricing,
  vPaymentReviewReason,
  vPaymentReviewResolution,
  vPaymentReviewStatus,
  vPaymentStatus,
  vPaymentType,
  vPeriodType,
  vPromptAccess,
  vPromptCategory,
  vPromptVariable,
  vReminderChannel,
  vAttendanceSource,
  vAttendanceStatus,
  vNotificationCategory,
  vSessionReminderKind,
  vCertificateIssueStatus,
  vReminderTarget,
  vPaceStatus,
  vReportRunStatus,
  vReplyInteraction,
  vReportFormat,
  vReportType,
  vResourceAccess,
  vResourceInteraction,
  vResourceType,
  vSessionType,
  vSkillCategory,
  vSkillLevel,
  vSkillProgressLevel,
  vTeamRole,
  vThreadInteraction,
  vThreadScope,
  vUnlockRule,
  vUserRole,
  vWaitlistStatus,
} from "./validators";

const { users: _authUsers, ...convexAuthTables } = authTables;

export default defineSchema({
  ...convexAuthTables,

  // ========================================================== USERS & ORGS
  users: defineTable({
    email: v.string(), // normalized: trimmed, lower case
    /** Legacy external identity; Convex Auth identifies users by `_id` (docs/schema.md). */
    tokenIdentifier: v.optional(v.string()),
    name: v.string(),
    role: vUserRole,
    organizationId: v.optional(v.id("organizations")),
    company: v.optional(v.string()),
    title: v.optional(v.string()),
    linkedInUrl: v.optional(v.string()),
    phoneNumber: v.optional(v.string()),
    timezone: v.optional(v.string()),
    /** True while this user occupies one of their organization's seats (counted in organizations.seatsUsed). */
    holdsOrgSeat: v.optional(v.boolean()),
    emailNotifications: v.boolean(),
    smsNotifications: v.boolean(),
    notificationPreferences: v.optional(vNotificationPreferences),
    /** Per-category channel choices; a category not listed is on for both. Critical categories ignore this. */
    notificationChannels: v.optional(v.array(v.object({ category: vNotificationCategory, inApp: v.boolean(), email: v.boolean() }))),
    // Convex Auth profile fields
    image: v.optional(v.string()),
    emailVerificationTime: v.optional(v.number()),
    phone: v.optional(v.string()),
    phoneVerificationTime: v.optional(v.number()),
    isAnonymous: v.optional(v.boolean()),
    /** Last learning action (lesson, session, kit, assessment); feeds "active in the last 7 days". */
    lastActiveAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_email", ["email"])
    .index("by_tokenIdentifier", ["tokenIdentifier"])
    .index("by_organizationId", ["organizationId"])
    .index("by_role", ["role"]),

  organizations: defineTable({
    name: v.string(),
    domain: v.string(),
    contactEmail: v.string(),
    contactName: v.string(),
    status: vOrganizationStatus,
    seatsPurchased: v.number(),
    seatsUsed: v.number(),
    stripeCustomerId: v.optional(v.string()),
    /** The latest seat invoice (each purchase is in `seatPurchases`). */
    stripeInvoiceId: v.optional(v.string()),
    /** Domain auto-join: approval by a platform admin, then switched on/off by the org admin. */
    domainStatus: v.optional(vDomainStatus),
    domainJoinEnabled: v.optional(v.boolean()),
    /** A seat invoice failed: the org is suspended at this time unless it is paid first. */
    graceEndsAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_domain", ["domain"])
    .index("by_status", ["status"])
    .index("by_contactEmail", ["contactEmail"]),

  organizationInvites: defineTable({
    organizationId: v.id("organizations"),
    email: v.string(),
    /** SHA-256 of the invite token; the token itself is only ever in the email. */
    inviteToken: v.string(),
    cohortId: v.optional(v.id("cohorts")),
    status: vInviteStatus,
    expiresAt: v.number(),
    createdAt: v.number(),
    acceptedAt: v.optional(v.number()),
    invitedById: v.optional(v.id("users")),
    acceptedById: v.optional(v.id("users")),
    lastSentAt: v.optional(v.number()),
    sendCount: v.optional(v.number()),
  })
    .index("by_inviteToken", ["inviteToken"])
    .index("by_email", ["email"])
    .index("by_organizationId_and_status", ["organizationId", "status"])
    .index("by_status", ["status"]),

  /** One Stripe invoice for org seats (first purchase and every top-up). */
  seatPurchases: defineTable({
    organizationId: v.id("organizations"),
    courseId: v.id("courses"),
    seats: v.number(),
    unitAmountCents: v.number(),
    amountCents: v.number(),
    status: vSeatPurchaseStatus,
    stripeInvoiceId: v.optional(v.string()),
    hostedInvoiceUrl: v.optional(v.string()),
    invoiceError: v.optional(v.string()),
    requestedById: v.optional(v.id("users")),
    paidAt: v.optional(v.number()),
    failedAt: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId", ["organizationId"])
    .index("by_stripeInvoiceId", ["stripeInvoiceId"]),

  /** Who changed what in an organization: seats, invites, members, cohort moves, teams, managers. */
  organizationAuditLog: defineTable({
    organizationId: v.id("organizations"),
    actorId: v.optional(v.id("users")),
    action: vOrgAuditAction,
    subjectUserId: v.optional(v.id("users")),
    subjectEmail: v.optional(v.string()),
    cohortId: v.optional(v.id("cohorts")),
    fromCohortId: v.optional(v.id("cohorts")),
    details: v.optional(v.string()),
    createdAt: v.number(),
  }).index("by_organizationId", ["organizationId"]),

  // ====================================================== COURSES & SESSIONS
  courses: defineTable({
    title: v.string(),
    description: v.string(),
    slug: v.string(),
    sessionType: vCourseFormat,
    priceB2C: v.number(), // cents
    priceB2B: v.number(), // cents per seat
    maxParticipants: v.number(),
    impactLevel: vImpactLevel,
    capabilityLevel: vCapabilityLevel,
    status: vCourseStatus,
    /** Short promise shown on cards; outcomes listed on the course page. */
    tagline: v.optional(v.string()),
    outcomes: v.optional(v.array(v.string())),
    /** Certificate rules: minimum attendance (default 75%), whether a passed post-course assessment is required (default: if the course has one), validity in months (default: no expiry). */
    certificateRules: v.optional(v.object({ minAttendancePercent: v.number(), requirePostAssessment: v.optional(v.boolean()), validityMonths: v.optional(v.number()) })),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_status", ["status"])
    .index("by_sessionType", ["sessionType"]),

  sessions: defineTable({
    courseId: v.id("courses"),
    title: v.string(),
    type: vSessionType,
    dayNumber: v.number(),
    orderInDay: v.number(),
    durationMinutes: v.number(),
    description: v.string(),
    outcomes: v.array(v.string()),
    createdAt: v.number(),
  })
    .index("by_courseId_and_dayNumber_and_orderInDay", ["courseId", "dayNumber", "orderInDay"]),

  cohorts: defineTable({
    courseId: v.id("courses"),
    name: v.string(),
    startDate: v.number(),
    endDate: v.number(),
    maxCapacity: v.number(),
    /** Seats taken: confirmed enrollments plus live checkout holds. */
    currentEnrollment: v.number(),
    status: vCohortStatus,
    zoomLink: v.optional(v.string()),
    instructorId: v.optional(v.id("users")),
    isB2B: v.boolean(),
    organizationId: v.optional(v.id("organizations")),
    /** IANA zone the schedule is planned in, e.g. "Europe/Berlin". */
    timezone: v.optional(v.string()),
    /** How long a waitlist offer holds a seat (default 48 hours). */
    waitlistOfferHours: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_startDate", ["startDate"])
    .index("by_organizationId", ["organizationId"])
    .index("by_courseId_and_startDate", ["courseId", "startDate"])
    .index("by_instructorId", ["instructorId"]),

  // ================================================== ENROLLMENTS & WAITLIST
  enrollments: defineTable({
    userId: v.id("users"),
    cohortId: v.id("cohorts"),
    courseId: v.id("courses"),
    purchaseDate: v.number(),
    paymentStatus: vPaymentStatus,
    paymentType: vPaymentType,
    stripePaymentIntentId: v.optional(v.string()),
    stripeCheckoutSessionId: v.optional(v.string()),
    intakeSurveyCompleted: v.boolean(),
    officeHoursEligibleUntil: v.number(),
    materialsAccessUntil: v.number(),
    chatbotAccessUntil: v.number(),
    /** True while this enrollment occupies a seat (counted in cohort.currentEnrollment). */
    seatHeld: v.boolean(),
    /** Pending B2C purchases hold their seat until this time (docs/schema.md). */
    holdExpiresAt: v.optional(v.number()),
    /** A delayed payment method is processing: the seat stays held until Stripe decides. */
    awaitingAsyncPayment: v.optional(v.boolean()),
    amountCents: v.optional(v.number()),
    checkoutUrl: v.optional(v.string()),
    checkoutError: v.optional(v.string()),
    failureReason: v.optional(vEnrollmentFailure),
    refundRequestedAt: v.optional(v.number()),
    refundedAt: v.optional(v.number()),
    /** Currency of `amountCents`, fixed when the seat is reserved (older rows: the academy's currency). */
    currency: v.optional(v.string()),
    /** Refunded so far; access ends only when the whole charge is refunded. */
    amountRefundedCents: v.optional(v.number()),
    /** The platform admin's reason for a refund issued from /admin. */
    refundNote: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_cohortId_and_paymentStatus", ["cohortId", "paymentStatus"])
    .index("by_userId_and_courseId", ["userId", "courseId"])
    .index("by_stripeCheckoutSessionId", ["stripeCheckoutSessionId"])
    .index("by_stripePaymentIntentId", ["stripePaymentIntentId"])
    .index("by_userId_and_cohortId", ["userId", "cohortId"]),

  waitlist: defineTable({
    userId: v.id("users"),
    courseId: v.id("courses"),
    cohortId: v.optional(v.id("cohorts")),
    /** Join order; a person's number is derived, never rewritten (docs/schema.md). */
    position: v.number(),
    status: vWaitlistStatus,
    offeredAt: v.optional(v.number()),
    offerExpiresAt: v.optional(v.number()),
    /** True while an open offer holds a seat (counted in cohort.currentEnrollment). */
    seatHeld: v.optional(v.boolean()),
    /** How the offer ended: each offer ends exactly once. */
    offerOutcome: v.optional(vOfferOutcome),
    /** The enrollment created when the offer was accepted. */
    enrollmentId: v.optional(v.id("enrollments")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_cohortId_and_position", ["cohortId", "position"])
    .index("by_cohortId_and_status_and_position", ["cohortId", "status", "position"])
    .index("by_courseId_and_status", ["courseId", "status"])
    .index("by_userId", ["userId"])
    .index("by_status", ["status"]),

  // ================================================== CONTENT & MATERIALS
  enablementKitItems: defineTable({
    courseId: v.id("courses"),
    title: v.string(),
    type: vKitItemType,
    fileId: v.optional(v.id("_storage")),
    externalUrl: v.optional(v.string()),
    order: v.number(),
    createdAt: v.number(),
  }).index("by_courseId", ["courseId"]),

  sessionRecordings: defineTable({
    cohortId: v.id("cohorts"),
    sessionId: v.id("sessions"),
    videoUrl: v.string(),
    duration: v.number(),
    uploadedAt: v.number(),
  }).index("by_cohortId", ["cohortId"]),

  // ======================================================== BOOKINGS & CHAT
  officeHoursBookings: defineTable({
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    scheduledAt: v.number(),
    calcomEventId: v.string(),
    calcomBookingUid: v.string(),
    status: vBookingStatus,
    endsAt: v.optional(v.number()),
    /** Why it was cancelled (by the learner, the host, or the academy for an ineligible booking). */
    cancelReason: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_enrollmentId", ["enrollmentId"])
    .index("by_userId", ["userId"])
    .index("by_calcomBookingUid", ["calcomBookingUid"]),

  chatConversations: defineTable({
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    courseId: v.id("courses"),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_enrollmentId", ["enrollmentId"])
    .index("by_userId", ["userId"]),

  chatMessages: defineTable({
    conversationId: v.id("chatConversations"),
    role: vChatRole,
    content: v.string(),
    tokenCount: v.number(),
    createdAt: v.number(),
  }).index("by_conversationId", ["conversationId"]),

  // ============================================================ CERTIFICATES
  certificates: defineTable({
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    courseId: v.id("courses"),
    cohortId: v.id("cohorts"),
    issuedAt: v.number(),
    badgeData: vBadgeSummary,
    /** The signed OB 3.0 credential exactly as issued (JSON text). */
    credentialJson: v.optional(v.string()),
    statusListIndex: v.optional(v.number()),
    revokedAt: v.optional(v.number()),
    revocationReason: v.optional(v.string()),
    verificationUrl: v.string(),
    badgeImageId: v.optional(v.id("_storage")),
    badgeSvgId: v.optional(v.id("_storage")),
    pdfId: v.optional(v.id("_storage")),
    linkedInShareUrl: v.string(),
    /** The uuid in the credential's urn:uuid id and in public URLs (/verify/<publicId>). */
    publicId: v.string(),
    /**
     * What the credential certifies (absent: "course"). Skill badges and path certificates are
     * earned with a course: they point at the enrollment, cohort and course that completed them.
     */
    kind: v.optional(v.union(v.literal("course"), v.literal("skill"), v.literal("path"))),
    skillId: v.optional(v.id("skills")),
    skillLevel: v.optional(vSkillLevel),
    pathId: v.optional(v.id("learningPaths")),
    /** Signing happens in scheduled batches: pending → issued (or failed, retried by an admin). */
    issueStatus: vCertificateIssueStatus,
    issueError: v.optional(v.string()),
    expiresAt: v.optional(v.number()),
    /** Expiry reminders already sent (days before expiry). */
    expiryRemindersSent: v.optional(v.array(v.number())),
    createdAt: v.number(),
  })
    .index("by_enrollmentId", ["enrollmentId"])
    .index("by_userId", ["userId"])
    .index("by_verificationUrl", ["verificationUrl"])
    .index("by_publicId", ["publicId"])
    .index("by_cohortId_and_issueStatus", ["cohortId", "issueStatus"])
    .index("by_statusListIndex", ["statusListIndex"])
    .index("by_expiresAt", ["expiresAt"])
    .index("by_revokedAt", ["revokedAt"]),

  // ================================================== MARKETING & ANALYTICS
  contactSubmissions: defineTable({
    name: v.string(),
    email: v.string(),
    company: v.optional(v.string()),
    teamSize: v.optional(v.string()),
    message: v.string(),
    status: vContactStatus,
    brevoContactId: v.optional(v.string()),
    /** Set when a platform admin turns a "Buy for my team" request into an organization. */
    organizationId: v.optional(v.id("organizations")),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_email", ["email"]),

  executiveReports: defineTable({
    organizationId: v.id("organizations"),
    cohortId: v.id("cohorts"),
    metrics: v.object({
      totalEnrollments: v.number(),
      completionRate: v.number(),
      averageEngagement: v.number(),
      officeHoursBooked: v.number(),
      certificatesIssued: v.number(),
      chatbotInteractions: v.number(),
    }),
    generatedAt: v.number(),
    pdfId: v.id("_storage"),
  }).index("by_organizationId", ["organizationId"]),

  webhookDeliveries: defineTable({
    eventType: v.string(),
    targetUrl: v.string(),
    payload: v.any(),
    status: vDeliveryStatus,
    attempts: v.number(),
    lastAttemptAt: v.optional(v.number()),
    nextRetryAt: v.optional(v.number()),
    responseCode: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status", ["status"])
    .index("by_eventType", ["eventType"]),

  analyticsEvents: defineTable({
    userId: v.optional(v.id("users")),
    sessionId: v.string(),
    event: v.string(),
    properties: v.any(),
    timestamp: v.number(),
  })
    .index("by_event", ["event"])
    .index("by_userId", ["userId"])
    .index("by_sessionId", ["sessionId"]),

  // ======================================================= RESOURCE LIBRARY
  resources: defineTable({
    title: v.string(),
    slug: v.string(),
    description: v.string(),
    type: vResourceType,
    category: v.string(),
    tags: v.array(v.string()),
    content: v.optional(v.string()),
    fileId: v.optional(v.id("_storage")),
    fileType: v.optional(v.string()),
    externalUrl: v.optional(v.string()),
    videoUrl: v.optional(v.string()),
    accessLevel: vResourceAccess,
    courseIds: v.optional(v.array(v.id("courses"))),
    authorId: v.optional(v.id("users")),
    skillIds: v.optional(v.array(v.id("skills"))),
    downloadCount: v.number(),
    viewCount: v.number(),
    rating: v.optional(v.number()),
    ratingCount: v.number(),
    isFeatured: v.boolean(),
    isActive: v.boolean(),
    sortOrder: v.number(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_type_and_isActive", ["type", "isActive"])
    .index("by_category_and_isActive", ["category", "isActive"])
    .index("by_isFeatured_and_isActive", ["isFeatured", "isActive"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["type", "category", "isActive"] }),

  glossaryTerms: defineTable({
    term: v.string(),
    slug: v.string(),
    abbreviation: v.optional(v.string()),
    definition: v.string(),
    extendedDefinition: v.optional(v.string()),
    relatedTermIds: v.optional(v.array(v.id("glossaryTerms"))),
    skillIds: v.optional(v.array(v.id("skills"))),
    examples: v.optional(v.array(v.string())),
    category: v.string(),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_category", ["category"])
    .index("by_abbreviation", ["abbreviation"])
    .searchIndex("search_term", { searchField: "term", filterFields: ["category", "isActive"] }),

  prompts: defineTable({
    title: v.string(),
    slug: v.string(),
    description: v.string(),
    category: vPromptCategory,
    subcategory: v.string(),
    promptTemplate: v.string(),
    variables: v.array(vPromptVariable),
    exampleOutput: v.optional(v.string()),
    recommendedModels: v.array(v.string()),
    modelSettings: v.optional(v.object({ temperature: v.optional(v.number()), maxTokens: v.optional(v.number()) })),
    authorId: v.optional(v.id("users")),
    skillIds: v.optional(v.array(v.id("skills"))),
    tags: v.array(v.string()),
    useCount: v.number(),
    rating: v.optional(v.number()),
    ratingCount: v.number(),
    isFeatured: v.boolean(),
    isActive: v.boolean(),
    accessLevel: vPromptAccess,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_category_and_isActive", ["category", "isActive"])
    .index("by_isFeatured_and_isActive", ["isFeatured", "isActive"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["category", "subcategory", "isActive"] }),

  resourceInteractions: defineTable({
    userId: v.id("users"),
    resourceId: v.id("resources"),
    interactionType: vResourceInteraction,
    rating: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_resourceId", ["resourceId"])
    .index("by_userId_and_resourceId", ["userId", "resourceId"]),

  userBookmarks: defineTable({
    userId: v.id("users"),
    resourceType: vBookmarkType,
    resourceId: v.string(),
    notes: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_userId_and_resourceType", ["userId", "resourceType"]),

  // ========================================================= LEARNING PATHS
  learningPaths: defineTable({
    title: v.string(),
    slug: v.string(),
    description: v.string(),
    shortDescription: v.string(),
    targetAudience: vPathAudience,
    targetRole: v.optional(v.string()),
    estimatedDuration: v.string(),
    totalCourses: v.number(),
    totalHours: v.number(),
    skillIds: v.array(v.id("skills")),
    outcomes: v.array(v.string()),
    pricingModel: vPathPricing,
    bundlePrice: v.optional(v.number()),
    bundleDiscount: v.optional(v.number()),
    thumbnailId: v.optional(v.id("_storage")),
    iconUrl: v.optional(v.string()),
    color: v.optional(v.string()),
    isActive: v.boolean(),
    isFeatured: v.boolean(),
    sortOrder: v.number(),
    enrollmentCount: v.number(),
    completionCount: v.number(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_isFeatured_and_isActive", ["isFeatured", "isActive"])
    .index("by_targetAudience_and_isActive", ["targetAudience", "isActive"]),

  learningPathSteps: defineTable({
    pathId: v.id("learningPaths"),
    courseId: v.id("courses"),
    stepNumber: v.number(),
    isRequired: v.boolean(),
    unlockRule: vUnlockRule,
    unlockAfterStepId: v.optional(v.id("learningPathSteps")),
    unlockAfterDays: v.optional(v.number()),
    recommendedTimeframe: v.optional(v.string()),
    notes: v.optional(v.string()),
    createdAt: v.number(),
  })
    .index("by_pathId_and_stepNumber", ["pathId", "stepNumber"])
    .index("by_courseId", ["courseId"]),

  userPathEnrollments: defineTable({
    userId: v.id("users"),
    pathId: v.id("learningPaths"),
    organizationId: v.optional(v.id("organizations")),
    status: vPathEnrollmentStatus,
    currentStepId: v.optional(v.id("learningPathSteps")),
    completedSteps: v.array(v.id("learningPathSteps")),
    progressPercent: v.number(),
    enrolledAt: v.number(),
    startedAt: v.optional(v.number()),
    completedAt: v.optional(v.number()),
    expiresAt: v.optional(v.number()),
    paymentType: vPathPaymentType,
    stripeSubscriptionId: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_pathId", ["pathId"])
    .index("by_organizationId", ["organizationId"])
    .index("by_userId_and_pathId", ["userId", "pathId"]),

  pathCertificates: defineTable({
    userId: v.id("users"),
    pathId: v.id("learningPaths"),
    enrollmentId: v.id("userPathEnrollments"),
    certificateNumber: v.string(),
    issuedAt: v.number(),
    expiresAt: v.optional(v.number()),
    skillsAchieved: v.array(v.object({ skillId: v.id("skills"), level: v.string() })),
    badgeData: vBadgeSummary,
    credentialJson: v.optional(v.string()),
    publicUrl: v.string(),
    pdfId: v.optional(v.id("_storage")),
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_pathId", ["pathId"])
    .index("by_certificateNumber", ["certificateNumber"]),

  // ================================================= SKILLS & COMPETENCIES
  skills: defineTable({
    name: v.string(),
    slug: v.string(),
    description: v.string(),
    category: vSkillCategory,
    level: vSkillLevel,
    parentSkillId: v.optional(v.id("skills")),
    prerequisites: v.optional(v.array(v.id("skills"))),
    iconUrl: v.optional(v.string()),
    isActive: v.boolean(),
    sortOrder: v.number(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_slug", ["slug"])
    .index("by_category", ["category"])
    .index("by_level", ["level"])
    .index("by_parentSkillId", ["parentSkillId"]),

  competencies: defineTable({
    skillId: v.id("skills"),
    name: v.string(),
    description: v.string(),
    assessmentCriteria: v.string(),
    evidenceTypes: v.array(vEvidenceType),
    passingThreshold: v.number(),
    isActive: v.boolean(),
    createdAt: v.number(),
  }).index("by_skillId", ["skillId"]),

  courseSkills: defineTable({
    courseId: v.id("courses"),
    skillId: v.id("skills"),
    skillLevel: vCourseSkillLevel,
    weight: v.number(),
    createdAt: v.number(),
  })
    .index("by_courseId", ["courseId"])
    .index("by_skillId", ["skillId"]),

  lessonCompetencies: defineTable({
    lessonId: v.id("lessons"),
    competencyId: v.id("competencies"),
    contributionLevel: vContributionLevel,
    createdAt: v.number(),
  })
    .index("by_lessonId", ["lessonId"])
    .index("by_competencyId", ["competencyId"]),

  userSkillProgress: defineTable({
    userId: v.id("users"),
    skillId: v.id("skills"),
    currentLevel: vSkillProgressLevel,
    progressPercent: v.number(),
    evidenceCount: v.number(),
    lastAssessedAt: v.optional(v.number()),
    verifiedByInstructor: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_skillId", ["skillId"])
    .index("by_userId_and_skillId", ["userId", "skillId"]),

  competencyEvidence: defineTable({
    userId: v.id("users"),
    competencyId: v.id("competencies"),
    enrollmentId: v.optional(v.id("enrollments")),
    evidenceType: vEvidenceType,
    score: v.number(),
    passed: v.boolean(),
    evidenceUrl: v.optional(v.string()),
    notes: v.optional(v.string()),
    assessedBy: v.optional(v.id("users")),
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_competencyId", ["competencyId"])
    .index("by_enrollmentId", ["enrollmentId"]),

  skillBadges: defineTable({
    userId: v.id("users"),
    skillId: v.id("skills"),
    level: vSkillLevel,
    earnedAt: v.number(),
    expiresAt: v.optional(v.number()),
    badgeData: vBadgeSummary,
    credentialJson: v.optional(v.string()),
    publicUrl: v.string(),
    createdAt: v.number(),
  })
    .index("by_skillId", ["skillId"])
    .index("by_userId_and_skillId_and_level", ["userId", "skillId", "level"]),

  lessons: defineTable({
    sessionId: v.id("sessions"),
    title: v.string(),
    description: v.string(),
    orderInSession: v.number(),
    durationMinutes: v.number(),
    slidesUrl: v.optional(v.string()),
    worksheetId: v.optional(v.id("enablementKitItems")),
    createdAt: v.number(),
  }).index("by_sessionId", ["sessionId"]),

  // ============================================================ ASSESSMENTS
  ...assessmentTables,

  // ============================================================== COMMUNITY
  discussionThreads: defineTable({
    title: v.string(),
    content: v.string(),
    authorId: v.id("users"),
    scope: vThreadScope,
    courseId: v.optional(v.id("courses")),
    sessionId: v.optional(v.id("sessions")),
    lessonId: v.optional(v.id("lessons")),
    isPinned: v.boolean(),
    isAnnouncement: v.boolean(),
    isLocked: v.boolean(),
    category: v.optional(v.string()),
    tags: v.optional(v.array(v.string())),
    replyCount: v.number(),
    viewCount: v.number(),
    likeCount: v.number(),
    lastActivityAt: v.number(),
    status: vModerationStatus,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_courseId_and_status_and_lastActivityAt", ["courseId", "status", "lastActivityAt"])
    .index("by_sessionId_and_status_and_lastActivityAt", ["sessionId", "status", "lastActivityAt"])
    .index("by_lessonId_and_status", ["lessonId", "status"])
    .index("by_authorId", ["authorId"])
    .index("by_isPinned_and_scope_and_status", ["isPinned", "scope", "status"]),

  discussionReplies: defineTable({
    threadId: v.id("discussionThreads"),
    authorId: v.id("users"),
    content: v.string(),
    parentReplyId: v.optional(v.id("discussionReplies")),
    isInstructorReply: v.boolean(),
    isBestAnswer: v.boolean(),
    likeCount: v.number(),
    status: vModerationStatus,
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_threadId_and_status_and_createdAt", ["threadId", "status", "createdAt"])
    .index("by_authorId", ["authorId"]),

  threadInteractions: defineTable({
    userId: v.id("users"),
    threadId: v.id("discussionThreads"),
    interaction: vThreadInteraction,
    createdAt: v.number(),
  })
    .index("by_threadId", ["threadId"])
    .index("by_userId_and_threadId_and_interaction", ["userId", "threadId", "interaction"]),

  replyInteractions: defineTable({
    userId: v.id("users"),
    replyId: v.id("discussionReplies"),
    interaction: vReplyInteraction,
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_replyId", ["replyId"]),

  peerConnections: defineTable({
    userId: v.id("users"),
    connectedUserId: v.id("users"),
    connectionSource: vConnectionSource,
    sessionId: v.optional(v.id("sessions")),
    status: vConnectionStatus,
    createdAt: v.number(),
    acceptedAt: v.optional(v.number()),
  })
    .index("by_userId_and_status", ["userId", "status"])
    .index("by_connectedUserId_and_status", ["connectedUserId", "status"])
    .index("by_sessionId", ["sessionId"]),

  externalCommunityLinks: defineTable({
    platform: vCommunityPlatform,
    name: v.string(),
    url: v.string(),
    description: v.optional(v.string()),
    accessLevel: vCommunityAccess,
    courseIds: v.optional(v.array(v.id("courses"))),
    ssoEnabled: v.boolean(),
    memberSyncEnabled: v.boolean(),
    isActive: v.boolean(),
    createdAt: v.number(),
  })
    .index("by_platform_and_isActive", ["platform", "isActive"])
    .index("by_accessLevel_and_isActive", ["accessLevel", "isActive"]),

  userCommunityMemberships: defineTable({
    userId: v.id("users"),
    communityId: v.id("externalCommunityLinks"),
    externalMemberId: v.optional(v.string()),
    status: vCommunityMembershipStatus,
    joinedAt: v.optional(v.number()),
    lastSyncAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_communityId", ["communityId"]),

  // ===================================================== MANAGER DASHBOARDS
  organizationManagers: defineTable({
    userId: v.id("users"),
    organizationId: v.id("organizations"),
    role: vManagerRole,
    permissions: v.array(vManagerPermission),
    teamIds: v.optional(v.array(v.id("teams"))),
    departmentScope: v.optional(v.array(v.string())),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_isActive", ["organizationId", "isActive"])
    .index("by_userId_and_organizationId", ["userId", "organizationId"]),

  teams: defineTable({
    organizationId: v.id("organizations"),
    name: v.string(),
    description: v.optional(v.string()),
    managerId: v.optional(v.id("users")),
    targetCourses: v.optional(v.array(v.id("courses"))),
    targetPaths: v.optional(v.array(v.id("learningPaths"))),
    targetSkills: v.optional(v.array(v.id("skills"))),
    completionDeadline: v.optional(v.number()),
    memberCount: v.number(),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_isActive", ["organizationId", "isActive"])
    .index("by_managerId", ["managerId"]),

  teamMembers: defineTable({
    teamId: v.id("teams"),
    userId: v.id("users"),
    role: vTeamRole,
    joinedAt: v.number(),
  })
    .index("by_teamId", ["teamId"])
    .index("by_userId", ["userId"]),

  organizationAnalytics: defineTable({
    organizationId: v.id("organizations"),
    periodType: vPeriodType,
    periodStart: v.number(),
    periodEnd: v.number(),
    totalEnrollments: v.number(),
    activeEnrollments: v.number(),
    completedEnrollments: v.number(),
    totalLearningHours: v.number(),
    avgLearningHoursPerUser: v.number(),
    lessonsCompleted: v.number(),
    avgAssessmentScore: v.optional(v.number()),
    avgLearningGain: v.optional(v.number()),
    certificatesIssued: v.number(),
    skillsAcquired: v.number(),
    avgSkillProgress: v.number(),
    enrollmentsChange: v.number(),
    completionRateChange: v.number(),
    calculatedAt: v.number(),
  })
    .index("by_organizationId_and_periodType_and_periodStart", ["organizationId", "periodType", "periodStart"])
    .index("by_periodType_and_periodStart", ["periodType", "periodStart"]),

  teamAnalytics: defineTable({
    teamId: v.id("teams"),
    organizationId: v.id("organizations"),
    periodType: vPeriodType,
    periodStart: v.number(),
    periodEnd: v.number(),
    memberCount: v.number(),
    activeMembers: v.number(),
    avgProgressPercent: v.number(),
    lessonsCompleted: v.number(),
    totalLearningHours: v.number(),
    avgAssessmentScore: v.optional(v.number()),
    coursesCompleted: v.number(),
    topPerformers: v.array(v.object({ userId: v.id("users"), metric: v.string(), value: v.number() })),
    calculatedAt: v.number(),
  })
    .index("by_teamId_and_periodType_and_periodStart", ["teamId", "periodType", "periodStart"])
    .index("by_organizationId_and_periodType_and_periodStart", ["organizationId", "periodType", "periodStart"]),

  managerReports: defineTable({
    organizationId: v.id("organizations"),
    createdBy: v.id("users"),
    name: v.string(),
    description: v.optional(v.string()),
    reportType: vReportType,
    teamIds: v.optional(v.array(v.id("teams"))),
    courseIds: v.optional(v.array(v.id("courses"))),
    dateRange: v.object({ start: v.number(), end: v.number() }),
    isScheduled: v.boolean(),
    scheduleFrequency: v.optional(vPeriodType),
    recipients: v.optional(v.array(v.string())),
    lastSentAt: v.optional(v.number()),
    nextSendAt: v.optional(v.number()),
    format: vReportFormat,
    lastGeneratedFileId: v.optional(v.id("_storage")),
    isActive: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_isActive", ["organizationId", "isActive"])
    .index("by_createdBy", ["createdBy"])
    .index("by_isScheduled_and_nextSendAt", ["isScheduled", "nextSendAt"]),

  learningReminders: defineTable({
    organizationId: v.id("organizations"),
    sentBy: v.id("users"),
    targetType: vReminderTarget,
    targetUserIds: v.optional(v.array(v.id("users"))),
    targetTeamIds: v.optional(v.array(v.id("teams"))),
    inactivityDays: v.optional(v.number()),
    subject: v.string(),
    message: v.string(),
    includeProgress: v.boolean(),
    channel: vReminderChannel,
    sentAt: v.number(),
    recipientCount: v.number(),
    createdAt: v.number(),
  })
    .index("by_organizationId_and_sentAt", ["organizationId", "sentAt"])
    .index("by_sentBy", ["sentBy"]),

  userPrivacySettings: defineTable({
    userId: v.id("users"),
    allowManagerViewScores: v.boolean(),
    allowManagerViewActivity: v.boolean(),
    allowManagerViewCertificates: v.boolean(),
    allowLeaderboardDisplay: v.boolean(),
    updatedAt: v.number(),
  }).index("by_userId", ["userId"]),

  managerAccessLogs: defineTable({
    managerId: v.id("users"),
    organizationId: v.id("organizations"),
    accessType: vManagerAccessType,
    targetUserId: v.optional(v.id("users")),
    timestamp: v.number(),
  })
    .index("by_managerId_and_targetUserId_and_timestamp", ["managerId", "targetUserId", "timestamp"])
    .index("by_targetUserId_and_timestamp", ["targetUserId", "timestamp"]),

  // ======================================================= PLATFORM (ours)
  /** The dated schedule of a cohort: course sessions placed in the cohort's timezone, plus extras. */
  cohortSessions: defineTable({
    cohortId: v.id("cohorts"),
    /** The course session this occurrence delivers; absent for extra sessions. */
    courseSessionId: v.optional(v.id("sessions")),
    title: v.string(),
    type: vSessionType,
    startsAt: v.number(),
    endsAt: v.number(),
    meetingUrl: v.optional(v.string()),
    location: v.optional(v.string()),
    status: vCohortSessionStatus,
    /** iCalendar SEQUENCE: bumped whenever time, place or status changes. */
    sequence: v.number(),
    /** The session's own instructor; absent means the cohort's. */
    instructorId: v.optional(v.id("users")),
    /** Sessions generated together by a recurrence rule share a series id. */
    seriesId: v.optional(v.string()),
    cancelReason: v.optional(v.string()),
    /** Recap after the session: recording (link or uploaded file), summary, action items. */
    recordingUrl: v.optional(v.string()),
    recordingFileId: v.optional(v.id("_storage")),
    summary: v.optional(v.string()),
    actionItems: v.optional(v.array(v.string())),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_cohortId_and_startsAt", ["cohortId", "startsAt"])
    .index("by_instructorId_and_startsAt", ["instructorId", "startsAt"]),

  /** One row per learner per session: checked in by joining, or marked by the instructor. */
  sessionAttendance: defineTable({
    cohortSessionId: v.id("cohortSessions"),
    cohortId: v.id("cohorts"),
    enrollmentId: v.id("enrollments"),
    userId: v.id("users"),
    status: vAttendanceStatus,
    source: vAttendanceSource,
    checkedInAt: v.optional(v.number()),
    markedBy: v.optional(v.id("users")),
    updatedAt: v.number(),
  })
    .index("by_cohortSessionId_and_userId", ["cohortSessionId", "userId"])
    .index("by_cohortId_and_userId", ["cohortId", "userId"]),

  /** The planned 24-hour and 1-hour reminders of a session; replanned when it moves. */
  sessionReminders: defineTable({
    cohortSessionId: v.id("cohortSessions"),
    kind: vSessionReminderKind,
    runAt: v.number(),
    jobId: v.id("_scheduled_functions"),
    status: v.union(v.literal("planned"), v.literal("sent"), v.literal("cancelled")),
    recipients: v.optional(v.number()),
  }).index("by_cohortSessionId_and_kind", ["cohortSessionId", "kind"]),

  /** In-app notifications; the header shows the unread count live. */
  notifications: defineTable({
    userId: v.id("users"),
    category: vNotificationCategory,
    title: v.string(),
    body: v.string(),
    url: v.optional(v.string()),
    readAt: v.optional(v.number()),
    createdAt: v.number(),
  })
    .index("by_userId_and_createdAt", ["userId", "createdAt"])
    .index("by_userId_and_readAt", ["userId", "readAt"]),

  /**
   * Bitstring revocation lists. The bits are the revoked certificates' `statusListIndex`;
   * a revocation sets its bit and bumps `version`, and an action re-signs the list credential.
   */
  credentialStatusLists: defineTable({
    listNumber: v.number(),
    signedJson: v.optional(v.string()),
    /** Bumped on every change, so a slower re-sign never overwrites a newer one. */
    version: v.number(),
    signedVersion: v.optional(v.number()),
    /**
     * The list itself (bit i, most significant first, is statusListIndex i), kept as revocations happen.
     * Absent on lists from before it was kept: rebuilt once from the revoked certificates.
     */
    bits: v.optional(v.bytes()),
    /** While the bits are rebuilt page by page, the list is not re-signed. */
    rebuilding: v.optional(v.boolean()),
    updatedAt: v.number(),
  }).index("by_listNumber", ["listNumber"]),

  /** Cal.com webhooks already handled (uid + trigger), since Cal.com signs no timestamp to stop replays. */
  calcomWebhookEvents: defineTable({
    key: v.string(),
    outcome: v.string(),
    receivedAt: v.number(),
  }).index("by_key", ["key"]),

  /** Stripe events already handled, so repeated deliveries change nothing. */
  stripeEvents: defineTable({
    eventId: v.string(),
    type: v.string(),
    objectId: v.optional(v.string()),
    outcome: v.string(),
    receivedAt: v.number(),
  }).index("by_eventId", ["eventId"]),

  /** Stripe payments that were not matched to a seat, for platform admins to refund or close (docs/security.md). */
  paymentReviews: defineTable({
    reason: vPaymentReviewReason,
    status: vPaymentReviewStatus,
    stripeEventId: v.string(),
    stripeCheckoutSessionId: v.optional(v.string()),
    stripeInvoiceId: v.optional(v.string()),
    stripePaymentIntentId: v.optional(v.string()),
    /** What was paid. */
    amountCents: v.optional(v.number()),
    currency: v.optional(v.string()),
    /** The price charged for the enrollment, when the payment is on its own session. */
    expectedAmountCents: v.optional(v.number()),
    expectedCurrency: v.optional(v.string()),
    /** The enrollment the payment is for, or (unknown_session) the one it claims to be for. */
    enrollmentId: v.optional(v.id("enrollments")),
    /** The same for organization seat invoices. */
    seatPurchaseId: v.optional(v.id("seatPurchases")),
    refundRequestedAt: v.optional(v.number()),
    refundedCents: v.optional(v.number()),
    resolution: v.optional(vPaymentReviewResolution),
    resolvedById: v.optional(v.id("users")),
    resolvedAt: v.optional(v.number()),
    note: v.optional(v.string()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_status_and_createdAt", ["status", "createdAt"])
    .index("by_stripePaymentIntentId", ["stripePaymentIntentId"]),

  /** Emails captured in local mode instead of being sent (the /dev/mailbox page). */
  devEmails: defineTable({ ...vOutgoingEmail, createdAt: v.number() }).index("by_to", ["to"]),

  /** A lesson a learner marked complete in one enrollment. */
  lessonCompletions: defineTable({
    userId: v.id("users"),
    enrollmentId: v.id("enrollments"),
    cohortId: v.id("cohorts"),
    lessonId: v.id("lessons"),
    completedAt: v.number(),
  })
    .index("by_enrollmentId_and_lessonId", ["enrollmentId", "lessonId"])
    .index("by_userId", ["userId"]),

  /**
   * What managers see of one org member, kept current as the learner's data changes
   * (model/memberStats.ts): one row for the organization (`teamId` absent) and one per team.
   * Dashboards read these rows and `dashboardTotals`, never enrollments or events.
   */
  memberStats: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.optional(v.id("teams")),
    userId: v.id("users"),
    name: v.string(),
    /** 1 while the member has an enrollment in progress (at-risk and activity keys start with it). */
    inProgress: v.number(),
    progressPercent: v.number(),
    lessonsCompleted: v.number(),
    sessionsAttended: v.number(),
    enrollmentsInProgress: v.number(),
    enrollmentsCompleted: v.number(),
    enrollmentsTotal: v.number(),
    certificates: v.number(),
    /** 0 when the member has never done anything. */
    lastActiveAt: v.number(),
    pace: vPaceStatus,
    nextDeadline: v.optional(v.number()),
    latestScore: v.optional(v.number()),
    learningGain: v.optional(v.number()),
    skillLevels: v.array(v.object({ skillId: v.id("skills"), level: v.number() })),
    privacy: v.object({ scores: v.boolean(), activity: v.boolean(), certificates: v.boolean(), leaderboard: v.boolean() }),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_teamId_and_name", ["organizationId", "teamId", "name"])
    .index("by_organizationId_and_teamId_and_inProgress_and_lastActiveAt", ["organizationId", "teamId", "inProgress", "lastActiveAt"])
    .index("by_organizationId_and_teamId_and_pace", ["organizationId", "teamId", "pace"])
    .index("by_userId", ["userId"]),

  /** Running sums of `memberStats` per organization (`teamId` absent) and per team. */
  dashboardTotals: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.optional(v.id("teams")),
    teamName: v.optional(v.string()),
    members: v.number(),
    /** Members with an enrollment in progress (at risk = these minus the recently active ones). */
    inProgressMembers: v.number(),
    progressSum: v.number(),
    lessonsCompleted: v.number(),
    sessionsAttended: v.number(),
    enrollmentsInProgress: v.number(),
    enrollmentsCompleted: v.number(),
    enrollmentsTotal: v.number(),
    certificates: v.number(),
    gainSum: v.number(),
    gainCount: v.number(),
    pace: v.object({ not_started: v.number(), on_track: v.number(), behind: v.number(), completed: v.number() }),
    skills: v.array(v.object({ skillId: v.id("skills"), levelSum: v.number(), count: v.number() })),
    updatedAt: v.number(),
  }).index("by_organizationId_and_teamId", ["organizationId", "teamId"]),

  /** Members of a scope (organization, or team) by the UTC day they were last active: "active in the last 7 days" reads 8 rows. */
  activityDays: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.optional(v.id("teams")),
    day: v.number(),
    members: v.number(),
    /** Of those, members with an enrollment in progress. */
    inProgressMembers: v.number(),
  }).index("by_organizationId_and_teamId_and_day", ["organizationId", "teamId", "day"]),

  /** One generation of a manager report: progress for the UI, the file when done. */
  reportRuns: defineTable({
    reportId: v.id("managerReports"),
    organizationId: v.id("organizations"),
    requestedBy: v.optional(v.id("users")),
    status: vReportRunStatus,
    progress: v.number(),
    rows: v.optional(v.number()),
    fileId: v.optional(v.id("_storage")),
    fileName: v.optional(v.string()),
    error: v.optional(v.string()),
    createdAt: v.number(),
    finishedAt: v.optional(v.number()),
  })
    .index("by_reportId", ["reportId"])
    .index("by_organizationId_and_createdAt", ["organizationId", "createdAt"]),

  /** Expiring download links for emailed reports; only the SHA-256 of the token is stored. */
  reportLinks: defineTable({
    tokenHash: v.string(),
    runId: v.id("reportRuns"),
    expiresAt: v.number(),
  }).index("by_tokenHash", ["tokenHash"]),

  /** A learner's request to erase what managers can see about them. */
  erasureRequests: defineTable({
    userId: v.id("users"),
    organizationId: v.optional(v.id("organizations")),
    status: v.union(v.literal("requested"), v.literal("completed")),
    requestedAt: v.number(),
    completedAt: v.optional(v.number()),
  }).index("by_userId", ["userId"]),

  /**
   * Recording upload URLs handed to a session's staff (sessions.generateRecordingUploadUrl):
   * a recap may attach only a file its caller uploaded for that session, and only files
   * recorded here for a session are ever deleted with it.
   */
  recordingUploads: defineTable({
    cohortSessionId: v.id("cohortSessions"),
    uploaderId: v.id("users"),
    issuedAt: v.number(),
    /** The upload URL's file must have arrived by then. */
    expiresAt: v.number(),
    /** The file the uploader said they would send: base64 SHA-256 (as in `_storage.sha256`) and size. */
    sha256: v.string(),
    size: v.number(),
    /** The uploaded file, once attached to the session's recap. */
    storageId: v.optional(v.id("_storage")),
  })
    .index("by_uploaderId_and_cohortSessionId", ["uploaderId", "cohortSessionId"])
    .index("by_storageId", ["storageId"]),
});
