/**
 * Who may call every public function: the executable side of the table in
 * docs/security.md ("Every public function"). authorization.test.ts calls each
 * function as someone signed out, a learner, a manager without the permission,
 * an admin of another organization and the caller the rule allows (plus another
 * learner for functions on a learner's own things), and fails when a public
 * function is missing here. A new public function needs a row.
 */
import type { Doc, Id } from "../../convex/_generated/dataModel";
import type { ManagerPermission } from "../../convex/validators";
import { type AssessmentWorld, seedAssessmentWorld } from "./assessments-world";
import { type SkillsWorld, seedSkillsWorld } from "./skills-world";
import type { T } from "./checkout-helpers";
import { courseRow, organizationRow, paidEnrollmentRow, userRow } from "./fixtures";

/**
 * - `anyone`: public (catalog, verification, sign-in, forms).
 * - `signedIn`: any signed-in person; signed-out callers get NOT_SIGNED_IN (mutations) or an empty result (queries).
 * - `owner`: the learner whose thing it is; anyone else gets NOT_FOUND or an empty result.
 * - `domainColleague`: someone outside the organization whose email is at its approved, joinable domain; people
 *   at other domains get FORBIDDEN or an empty result.
 * - `participant`: a confirmed participant of the cohort; others get FORBIDDEN or an empty result.
 * - `staff`: the cohort's instructor or a platform admin; others get FORBIDDEN or an empty result.
 * - `platformAdmin`: platform admins; others get NOT_SIGNED_IN / NOT_PLATFORM_ADMIN.
 * - `{ org }`: managers of the organization — `"admin"` (its admins), a permission, or `"anyManager"`; platform
 *   admins too. Others get NOT_SIGNED_IN / FORBIDDEN / NOT_ORG_ADMIN / MISSING_PERMISSION.
 *   `"teamManager"`: managers and admins of the organization but not viewers (who get FORBIDDEN), whatever their
 *   permissions.
 */
export type Rule =
  | "anyone"
  | "signedIn"
  | "owner"
  | "domainColleague"
  | "participant"
  | "staff"
  | "platformAdmin"
  | { org: "admin" | "anyManager" | "teamManager" | ManagerPermission };

export type Entry = { rule: Rule; args: (w: World) => Record<string, unknown> };

const DAY = 86_400_000;

/** The things each domain seeds into the world. */
type DomainWorlds = AssessmentWorld & SkillsWorld;

/** The people and things every call is made against; `manager` has the permissions `managerNeeds` leaves out. */
export type World = DomainWorlds & {
  platformAdmin: Id<"users">;
  learner: Id<"users">;
  otherLearner: Id<"users">;
  colleague: Id<"users">;
  instructor: Id<"users">;
  orgAdmin: Id<"users">;
  manager: Id<"users">;
  member: Id<"users">;
  otherOrgAdmin: Id<"users">;
  organizationId: Id<"organizations">;
  otherOrganizationId: Id<"organizations">;
  teamId: Id<"teams">;
  courseId: Id<"courses">;
  courseSlug: string;
  cohortId: Id<"cohorts">;
  laterCohortId: Id<"cohorts">;
  enrollmentId: Id<"enrollments">;
  memberEnrollmentId: Id<"enrollments">;
  outlineSessionId: Id<"sessions">;
  lessonId: Id<"lessons">;
  cohortSessionId: Id<"cohortSessions">;
  kitItemId: Id<"enablementKitItems">;
  certificateId: Id<"certificates">;
  publicId: string;
  waitlistEntryId: Id<"waitlist">;
  erasureRequestId: Id<"erasureRequests">;
  /** The learner's choice after a cohort cancellation (their enrollment's cohort stands for the cancelled one). */
  choiceId: Id<"cohortChoices">;
  enrollmentRequestId: Id<"enrollmentRequests">;
  waitlistCourseId: Id<"courses">;
  inviteId: Id<"organizationInvites">;
  inviteToken: string;
  notificationId: Id<"notifications">;
  bookingId: Id<"officeHoursBookings">;
  reportId: Id<"managerReports">;
  requestId: Id<"contactSubmissions">;
  checkoutSessionId: string;
  paymentReviewId: Id<"paymentReviews">;
  promotionCodeId: Id<"promotionCodes">;
  enrollmentCodeId: Id<"enrollmentCodes">;
  /** A published, bundled learning path whose one step is the world's course. */
  pathId: Id<"learningPaths">;
  pathSlug: string;
  pathStepId: Id<"learningPathSteps">;
  /** The learner follows the path (a bundle), with its step open and its seat not taken yet. */
  pathEnrollmentId: Id<"userPathEnrollments">;
  /** The learner's purchase of the path that waits for payment. */
  pathPurchaseId: Id<"pathPurchases">;
  /** A published path followed per course (nobody follows it yet). */
  individualPathId: Id<"learningPaths">;
};

type ManagerRow = Pick<Doc<"organizationManagers">, "role" | "permissions">;

/** Seeds the world in one transaction; the manager of the organization lacks what the rule needs. */
export async function seedWorld(t: T, manager: ManagerRow): Promise<World> {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const stamps = { createdAt: now, updatedAt: now };
    const person = async (email: string, role: Doc<"users">["role"], extra: Partial<Doc<"users">> = {}) =>
      await ctx.db.insert("users", userRow(email, { role, ...stamps, ...extra }));
    const organization = async (name: string, domain: string) =>
      await ctx.db.insert(
        "organizations",
        organizationRow({ name, domain, seatsPurchased: 10, seatsUsed: 3, ...stamps }),
      );

    const organizationId = await organization("Acme", "acme.test");
    await ctx.db.patch("organizations", organizationId, { domainStatus: "approved", domainJoinEnabled: true });
    const otherOrganizationId = await organization("Globex", "globex.test");
    const platformAdmin = await person("ops@academy.test", "platform_admin");
    const learner = await person("learner@example.com", "individual");
    const otherLearner = await person("other@example.com", "individual");
    const colleague = await person("colleague@acme.test", "individual");
    const instructor = await person("instructor@example.com", "individual");
    const orgAdmin = await person("admin@acme.test", "org_admin", { organizationId, holdsOrgSeat: true });
    const managerId = await person("lead@acme.test", "org_member", { organizationId, holdsOrgSeat: true });
    const member = await person("member@acme.test", "org_member", { organizationId, holdsOrgSeat: true });
    const otherOrgAdmin = await person("admin@globex.test", "org_admin", {
      organizationId: otherOrganizationId,
      holdsOrgSeat: true,
    });
    const managerRow = { isActive: true, createdAt: now, updatedAt: now };
    await ctx.db.insert("organizationManagers", {
      userId: orgAdmin,
      organizationId,
      role: "admin",
      permissions: [],
      ...managerRow,
    });
    await ctx.db.insert("organizationManagers", { userId: managerId, organizationId, ...manager, ...managerRow });
    await ctx.db.insert("organizationManagers", {
      userId: otherOrgAdmin,
      organizationId: otherOrganizationId,
      role: "admin",
      permissions: [],
      ...managerRow,
    });
    const teamId = await ctx.db.insert("teams", {
      organizationId,
      name: "Marketing",
      memberCount: 1,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("teamMembers", { teamId, userId: member, role: "member", joinedAt: now });

    const course = (title: string, slug: string) => ctx.db.insert("courses", courseRow({ title, slug, ...stamps }));
    const courseId = await course("AI Enablement Intensive", "intensive");
    const waitlistCourseId = await course("Prompt Clinic", "clinic");
    const cohort = (
      courseOf: Id<"courses">,
      name: string,
      startsInDays: number,
      maxCapacity: number,
      currentEnrollment: number,
    ) =>
      ctx.db.insert("cohorts", {
        courseId: courseOf,
        name,
        startDate: now + startsInDays * DAY,
        endDate: now + (startsInDays + 2) * DAY,
        maxCapacity,
        currentEnrollment,
        status: "open",
        isB2B: false,
        timezone: "Europe/Berlin",
        instructorId: instructor,
        createdAt: now,
        updatedAt: now,
      });
    const cohortId = await cohort(courseId, "December cohort", 10, 20, 2);
    const laterCohortId = await cohort(courseId, "February cohort", 70, 20, 0);
    const fullCohortId = await cohort(waitlistCourseId, "Clinic cohort", 20, 1, 1);

    const enrollment = (userId: Id<"users">, paymentType: "b2c" | "b2b", extra: Partial<Doc<"enrollments">> = {}) =>
      ctx.db.insert(
        "enrollments",
        paidEnrollmentRow({ userId, cohortId, courseId }, now, {
          paymentType,
          officeHoursEligibleUntil: now + 120 * DAY,
          chatbotAccessUntil: now + 120 * DAY,
          amountCents: paymentType === "b2c" ? 149_700 : undefined,
          ...extra,
        }),
      );
    const checkoutSessionId = "cs_test_world";
    const enrollmentId = await enrollment(learner, "b2c", {
      stripeCheckoutSessionId: checkoutSessionId,
      stripePaymentIntentId: "pi_world",
    });
    const memberEnrollmentId = await enrollment(member, "b2b");
    const choiceId = await ctx.db.insert("cohortChoices", {
      cancelledCohortId: cohortId,
      enrollmentId,
      userId: learner,
      status: "open",
      seatHeld: false,
      createdAt: now,
    });

    const enrollmentRequestId = await ctx.db.insert("enrollmentRequests", {
      enrollmentId,
      userId: learner,
      courseId,
      cohortId,
      kind: "transfer",
      toCohortId: laterCohortId,
      status: "open",
      createdAt: now,
    });

    const outlineSessionId = await ctx.db.insert("sessions", {
      courseId,
      title: "Foundations",
      type: "W",
      dayNumber: 1,
      orderInDay: 1,
      durationMinutes: 90,
      description: "Basics",
      outcomes: [],
      createdAt: now,
    });
    const lessonId = await ctx.db.insert("lessons", {
      sessionId: outlineSessionId,
      title: "Prompts",
      description: "Write prompts",
      orderInSession: 1,
      durationMinutes: 20,
      createdAt: now,
    });
    const startsAt = now + 10 * DAY;
    const cohortSessionId = await ctx.db.insert("cohortSessions", {
      cohortId,
      courseSessionId: outlineSessionId,
      title: "Foundations",
      type: "W",
      startsAt,
      endsAt: startsAt + 90 * 60_000,
      meetingUrl: "https://meet.example.com/abc",
      status: "scheduled",
      sequence: 0,
      instructorId: instructor,
      createdAt: now,
      updatedAt: now,
    });
    const kitItemId = await ctx.db.insert("enablementKitItems", {
      courseId,
      title: "Prompt library",
      type: "prompts",
      externalUrl: "https://example.com/prompts",
      order: 1,
      createdAt: now,
    });
    const publicId = "0b7c6a52-6f0e-4d4f-9c1b-6a1f3e2d9a10";
    const certificateId = await ctx.db.insert("certificates", {
      enrollmentId,
      userId: learner,
      courseId,
      cohortId,
      issuedAt: now,
      publicId,
      kind: "course",
      issueStatus: "pending",
      statusListIndex: 7,
      verificationUrl: `https://academy.test/verify/${publicId}`,
      linkedInShareUrl: `https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facademy.test%2Fverify%2F${publicId}`,
      badgeData: {
        credentialId: `urn:uuid:${publicId}`,
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        issuerId: "",
        issuerName: "AI Enablement Academy",
        achievementId: "https://academy.test/courses/intensive#certificate",
        name: "AI Enablement Intensive",
        description: "Completed the course.",
        criteriaNarrative: "Attend at least 75% of the sessions.",
        validFrom: new Date(now).toISOString(),
      },
      createdAt: now,
    });
    const waitlistEntryId = await ctx.db.insert("waitlist", {
      userId: learner,
      courseId: waitlistCourseId,
      cohortId: fullCohortId,
      position: 1,
      status: "offered",
      offeredAt: now,
      offerExpiresAt: now + 2 * DAY,
      seatHeld: true,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.patch("cohorts", fullCohortId, { currentEnrollment: 1 });
    const erasureRequestId = await ctx.db.insert("erasureRequests", {
      userId: otherLearner,
      status: "requested",
      certificates: "keep",
      requestedAt: now,
    });
    const inviteToken = "invite-token-world-0123456789abcdef";
    const inviteId = await ctx.db.insert("organizationInvites", {
      organizationId,
      email: "invitee@acme.test",
      inviteToken,
      status: "pending",
      expiresAt: now + 7 * DAY,
      createdAt: now,
      invitedById: orgAdmin,
    });
    const notificationId = await ctx.db.insert("notifications", {
      userId: learner,
      category: "learning",
      title: "Welcome",
      body: "Hello",
      createdAt: now,
    });
    const bookingId = await ctx.db.insert("officeHoursBookings", {
      enrollmentId,
      userId: learner,
      scheduledAt: now + 3 * DAY,
      endsAt: now + 3 * DAY + 30 * 60_000,
      calcomEventId: "1",
      calcomBookingUid: "booking-world",
      status: "scheduled",
      createdAt: now,
      updatedAt: now,
    });
    const reportId = await ctx.db.insert("managerReports", {
      organizationId,
      createdBy: orgAdmin,
      name: "Weekly progress",
      reportType: "progress_summary",
      dateRange: { start: now - 30 * DAY, end: now },
      isScheduled: false,
      format: "pdf",
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    const requestId = await ctx.db.insert("contactSubmissions", {
      name: "Dana",
      email: "dana@initech.test",
      company: "Initech",
      teamSize: "25",
      message: "Seats for 25",
      status: "pending",
      createdAt: now,
      updatedAt: now,
    });
    const paymentReviewId = await ctx.db.insert("paymentReviews", {
      reason: "amount_mismatch",
      status: "open",
      stripeEventId: "evt_world_short",
      stripeCheckoutSessionId: checkoutSessionId,
      stripePaymentIntentId: "pi_world",
      amountCents: 100,
      currency: "usd",
      expectedAmountCents: 149_700,
      expectedCurrency: "usd",
      enrollmentId,
      createdAt: now,
      updatedAt: now,
    });
    const promotionCodeId = await ctx.db.insert("promotionCodes", {
      code: "WORLD20",
      percentOff: 20,
      currency: "usd",
      timesRedeemed: 0,
      status: "active",
      stripeCouponId: "coupon_world",
      stripePromotionCodeId: "promo_world",
      createdById: platformAdmin,
      createdAt: now,
      updatedAt: now,
    });
    const enrollmentCode = (code: string, source: Partial<Doc<"enrollmentCodes">>) =>
      ctx.db.insert("enrollmentCodes", {
        code,
        cohortId: laterCohortId,
        courseId,
        source: "free",
        maxUses: 10,
        uses: 0,
        status: "active",
        createdById: platformAdmin,
        ...stamps,
        ...source,
      });
    const enrollmentCodeId = await enrollmentCode("WORLDSEAT", { source: "organization", organizationId });
    await enrollmentCode("WORLDFREE", { source: "free" });
    const pathId = await ctx.db.insert("learningPaths", {
      title: "Intensive Track",
      slug: "intensive-track",
      description: "One course.",
      shortDescription: "One course",
      targetAudience: "all",
      estimatedDuration: "2 weeks",
      totalCourses: 1,
      totalHours: 16,
      skillIds: [],
      outcomes: [],
      pricingModel: "bundled",
      bundlePrice: 99_700,
      isActive: true,
      isFeatured: false,
      sortOrder: 1,
      enrollmentCount: 0,
      completionCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    const pathStepId = await ctx.db.insert("learningPathSteps", {
      pathId,
      courseId,
      stepNumber: 1,
      isRequired: true,
      unlockRule: "immediate",
      createdAt: now,
    });
    const pathPurchaseId = await ctx.db.insert("pathPurchases", {
      userId: learner,
      pathId,
      status: "pending",
      amountCents: 99_700,
      currency: "usd",
      listPriceCents: 149_700,
      stripeCheckoutSessionId: "cs_test_world_path",
      checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_world_path",
      expiresAt: now + 60 * 60_000,
      createdAt: now,
      updatedAt: now,
    });
    const pathEnrollmentId = await ctx.db.insert("userPathEnrollments", {
      userId: learner,
      pathId,
      status: "active",
      completedSteps: [],
      progressPercent: 0,
      enrolledAt: now,
      paymentType: "bundle",
      currentStepId: pathStepId,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("pathStepProgress", {
      pathEnrollmentId,
      userId: learner,
      pathId,
      stepId: pathStepId,
      courseId,
      seatIncluded: true,
      unlockedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const individualPathId = await ctx.db.insert("learningPaths", {
      title: "Clinic Track",
      slug: "clinic-track",
      description: "One course, booked on its own.",
      shortDescription: "One course",
      targetAudience: "all",
      estimatedDuration: "1 week",
      totalCourses: 1,
      totalHours: 4,
      skillIds: [],
      outcomes: [],
      pricingModel: "individual",
      isActive: true,
      isFeatured: false,
      sortOrder: 2,
      enrollmentCount: 0,
      completionCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("learningPathSteps", {
      pathId: individualPathId,
      courseId: waitlistCourseId,
      stepNumber: 1,
      isRequired: true,
      unlockRule: "immediate",
      createdAt: now,
    });
    const assessments = await seedAssessmentWorld(ctx, { courseId, cohortId, learner, enrollmentId, lessonId, now });
    const skills = await seedSkillsWorld(ctx, { courseId, learner, now });
    return {
      ...assessments,
      pathId,
      pathSlug: "intensive-track",
      pathStepId,
      pathEnrollmentId,
      pathPurchaseId,
      individualPathId,
      ...skills,
      paymentReviewId,
      promotionCodeId,
      enrollmentCodeId,
      platformAdmin,
      learner,
      otherLearner,
      colleague,
      instructor,
      orgAdmin,
      manager: managerId,
      member,
      otherOrgAdmin,
      organizationId,
      otherOrganizationId,
      teamId,
      courseId,
      courseSlug: "intensive",
      cohortId,
      laterCohortId,
      enrollmentId,
      memberEnrollmentId,
      outlineSessionId,
      lessonId,
      cohortSessionId,
      kitItemId,
      certificateId,
      publicId,
      waitlistEntryId,
      erasureRequestId,
      choiceId,
      enrollmentRequestId,
      waitlistCourseId,
      inviteId,
      inviteToken,
      notificationId,
      bookingId,
      reportId,
      requestId,
      checkoutSessionId,
    };
  });
}

const org = (need: "admin" | "anyManager" | "teamManager" | ManagerPermission): Rule => ({ org: need });
const none = () => ({});
const orgArgs =
  (extra: (w: World) => Record<string, unknown> = none) =>
  (w: World) => ({ organizationId: w.organizationId, ...extra(w) });

/** Every public function, `module.function` → who may call it and arguments that reach its check. */
export const AUTHORIZATION: Record<string, Entry> = {
  // ----------------------------------------------------------------- platform administration
  "catalog.kit.add": {
    rule: "platformAdmin",
    args: (w) => ({ courseId: w.courseId, title: "Slides", type: "slides", externalUrl: "https://example.com/slides" }),
  },
  "catalog.cohorts.get": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.roster.forCohort": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "catalog.cohorts.list": { rule: "platformAdmin", args: none },
  "catalog.courses.get": { rule: "platformAdmin", args: (w) => ({ courseId: w.courseId }) },
  "catalog.courses.list": { rule: "platformAdmin", args: none },
  "catalog.courses.deleteOutlineSession": {
    rule: "platformAdmin",
    args: (w) => ({ outlineSessionId: w.outlineSessionId }),
  },
  "catalog.kit.generateUploadUrl": { rule: "platformAdmin", args: none },
  "payments.reviews.list": { rule: "platformAdmin", args: none },
  "codes.promotions.create": { rule: "platformAdmin", args: () => ({ code: "NEWCODE", percentOff: 15 }) },
  "codes.promotions.list": { rule: "platformAdmin", args: none },
  "codes.promotions.redemptions": { rule: "platformAdmin", args: (w) => ({ promotionCodeId: w.promotionCodeId }) },
  "codes.enrollment.create": {
    rule: "platformAdmin",
    args: (w) => ({ cohortId: w.laterCohortId, maxUses: 3 }),
  },
  "codes.enrollment.list": { rule: "platformAdmin", args: none },
  "codes.enrollment.redemptions": { rule: "platformAdmin", args: (w) => ({ enrollmentCodeId: w.enrollmentCodeId }) },
  "codes.enrollment.disable": { rule: "platformAdmin", args: (w) => ({ enrollmentCodeId: w.enrollmentCodeId }) },
  "codes.enrollment.createForOrganization": {
    rule: { org: "admin" },
    args: (w) => ({ organizationId: w.organizationId, cohortId: w.laterCohortId, maxUses: 3 }),
  },
  "codes.enrollment.listForOrganization": {
    rule: { org: "admin" },
    args: (w) => ({ organizationId: w.organizationId }),
  },
  "codes.enrollment.redemptionsForOrganization": {
    rule: { org: "admin" },
    args: (w) => ({ organizationId: w.organizationId, enrollmentCodeId: w.enrollmentCodeId }),
  },
  "codes.enrollment.disableForOrganization": {
    rule: { org: "admin" },
    args: (w) => ({ organizationId: w.organizationId, enrollmentCodeId: w.enrollmentCodeId }),
  },
  "codes.enrollment.redeem": { rule: "signedIn", args: () => ({ code: "WORLDFREE" }) },
  "codes.promotions.disable": { rule: "platformAdmin", args: (w) => ({ promotionCodeId: w.promotionCodeId }) },
  "payments.refunds.refundPaymentReview": {
    rule: "platformAdmin",
    args: (w) => ({ reviewId: w.paymentReviewId, note: "Paid short." }),
  },
  "payments.reviews.resolve": {
    rule: "platformAdmin",
    args: (w) => ({ reviewId: w.paymentReviewId, note: "Customer paid the rest by bank transfer." }),
  },
  "payments.refunds.refundEnrollment": { rule: "platformAdmin", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "enrollments.operations.add": {
    rule: "platformAdmin",
    args: (w) => ({ cohortId: w.laterCohortId, email: "walk-in@example.com", payment: { kind: "comp" } }),
  },
  "enrollments.operations.move": {
    rule: "platformAdmin",
    args: (w) => ({ enrollmentId: w.enrollmentId, toCohortId: w.laterCohortId }),
  },
  "enrollments.operations.remove": { rule: "platformAdmin", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "enrollments.operations.moveTargets": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.operations.history": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.cancellation.cancel": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.cancellation.preview": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.cancellation.choices": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.choices.get": { rule: "owner", args: (w) => ({ choiceId: w.choiceId, now: Date.now() }) },
  "enrollments.choices.transfer": {
    rule: "owner",
    args: (w) => ({ choiceId: w.choiceId, toCohortId: w.laterCohortId }),
  },
  "enrollments.choices.refund": { rule: "owner", args: (w) => ({ choiceId: w.choiceId }) },
  "enrollments.selfService.options": { rule: "owner", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "enrollments.selfService.transfer": {
    rule: "owner",
    args: (w) => ({ enrollmentId: w.enrollmentId, toCohortId: w.laterCohortId }),
  },
  "enrollments.selfService.cancelWithRefund": { rule: "owner", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "enrollments.selfService.request": {
    rule: "owner",
    args: (w) => ({ enrollmentId: w.enrollmentId, kind: "refund", reason: "Moving abroad" }),
  },
  "enrollments.selfService.withdraw": { rule: "owner", args: (w) => ({ requestId: w.enrollmentRequestId }) },
  "enrollments.selfService.openRequests": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "enrollments.selfService.approve": { rule: "platformAdmin", args: (w) => ({ requestId: w.enrollmentRequestId }) },
  "enrollments.selfService.decline": {
    rule: "platformAdmin",
    args: (w) => ({ requestId: w.enrollmentRequestId, note: "Not this time" }),
  },
  "catalog.kit.remove": { rule: "platformAdmin", args: (w) => ({ itemId: w.kitItemId }) },
  "catalog.cohorts.save": {
    rule: "platformAdmin",
    args: (w) => ({
      courseId: w.courseId,
      name: "March cohort",
      startDate: Date.now() + 90 * DAY,
      endDate: Date.now() + 92 * DAY,
      timezone: "Europe/Berlin",
      maxCapacity: 20,
      status: "open",
    }),
  },
  "catalog.courses.save": {
    rule: "platformAdmin",
    args: () => ({
      title: "New course",
      slug: "new-course",
      description: "About",
      format: "cohort",
      level: "fundamentals",
      impact: "L1",
      priceB2C: 100_00,
      priceB2B: 80_00,
      maxParticipants: 20,
      status: "draft",
      outcomes: [],
    }),
  },
  "catalog.courses.saveOutlineSession": {
    rule: "platformAdmin",
    args: (w) => ({
      courseId: w.courseId,
      title: "Practice",
      type: "W",
      dayNumber: 1,
      orderInDay: 2,
      durationMinutes: 60,
      description: "Hands on",
    }),
  },
  "organizations.directory.create": {
    rule: "platformAdmin",
    args: (w) => ({
      name: "Initech",
      domain: "initech.test",
      contactName: "Dana",
      contactEmail: "dana@initech.test",
      courseId: w.courseId,
      seats: 5,
      requestId: w.requestId,
    }),
  },
  "organizations.domains.decideDomain": {
    rule: "platformAdmin",
    args: (w) => ({ organizationId: w.organizationId, approve: true }),
  },
  "organizations.teamRequests.dismiss": {
    rule: "platformAdmin",
    args: (w) => ({ requestId: w.requestId, spam: false }),
  },
  "organizations.directory.list": { rule: "platformAdmin", args: none },
  "organizations.privateCohorts.forOrganization": {
    rule: "platformAdmin",
    args: (w) => ({ organizationId: w.organizationId }),
  },
  "organizations.privateCohorts.create": {
    rule: "platformAdmin",
    args: (w) => ({
      organizationId: w.organizationId,
      plan: {
        courseId: w.courseId,
        name: "Acme private cohort",
        startDate: Date.now() + 90 * DAY,
        endDate: Date.now() + 92 * DAY,
        timezone: "Europe/Berlin",
        maxCapacity: 12,
      },
    }),
  },
  "organizations.teamRequests.submit": {
    rule: "anyone",
    args: () => ({ name: "Dana", email: "dana@initech.test", company: "Initech", teamSize: "25" }),
  },
  "organizations.teamRequests.list": { rule: "platformAdmin", args: none },
  "certificates.plan.forCohort": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "certificates.plan.issueForCohort": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "certificates.revocation.revoke": {
    rule: "platformAdmin",
    args: (w) => ({ certificateId: w.certificateId, reason: "Attendance was corrected." }),
  },
  "liveSessions.schedule.add": {
    rule: "platformAdmin",
    args: (w) => ({
      cohortId: w.cohortId,
      title: "Extra clinic",
      type: "IO",
      startsAtLocal: localDate(12),
      durationMinutes: 60,
    }),
  },
  "liveSessions.schedule.cancel": {
    rule: "platformAdmin",
    args: (w) => ({ cohortSessionId: w.cohortSessionId, reason: "Instructor ill" }),
  },
  "liveSessions.schedule.update": {
    rule: "platformAdmin",
    args: (w) => ({
      cohortSessionId: w.cohortSessionId,
      title: "Foundations (moved)",
      startsAtLocal: localDate(11),
      durationMinutes: 90,
    }),
  },
  "waitlist.lines.forCohort": { rule: "platformAdmin", args: (w) => ({ cohortId: w.cohortId }) },
  "waitlist.lines.move": {
    rule: "platformAdmin",
    args: (w) => ({ entryId: w.waitlistEntryId, toCohortId: w.laterCohortId }),
  },
  "waitlist.lines.offerManually": { rule: "platformAdmin", args: (w) => ({ entryId: w.waitlistEntryId }) },
  "waitlist.lines.remove": { rule: "platformAdmin", args: (w) => ({ entryId: w.waitlistEntryId }) },

  "assessments.authoring.certificateRules": { rule: "platformAdmin", args: (w) => ({ courseId: w.courseId }) },
  "assessments.authoring.saveCertificateRules": {
    rule: "platformAdmin",
    args: (w) => ({ courseId: w.courseId, minAttendancePercent: 80, requirePostAssessment: true, passingScore: 75 }),
  },

  // ----------------------------------------------------------------- public
  "auth.isAuthenticated": { rule: "anyone", args: none },
  "auth.signIn": { rule: "anyone", args: () => ({ provider: "resend", params: { email: "newcomer@example.com" } }) },
  "auth.signOut": { rule: "anyone", args: none },
  "catalog.browse.getCohort": { rule: "anyone", args: (w) => ({ cohortId: w.cohortId }) },
  "catalog.browse.getCourse": { rule: "anyone", args: (w) => ({ slug: w.courseSlug }) },
  "catalog.browse.listCourses": { rule: "anyone", args: none },
  "catalog.browse.sitemap": { rule: "anyone", args: none },
  "paths.catalog.list": { rule: "anyone", args: none },
  "paths.catalog.get": { rule: "anyone", args: (w) => ({ slug: w.pathSlug }) },
  "paths.catalog.forCourse": { rule: "anyone", args: (w) => ({ courseId: w.courseId }) },
  "paths.catalog.sitemap": { rule: "anyone", args: none },
  "paths.authoring.list": { rule: "platformAdmin", args: none },
  "paths.authoring.get": { rule: "platformAdmin", args: (w) => ({ pathId: w.pathId }) },
  "paths.authoring.options": { rule: "platformAdmin", args: none },
  "paths.authoring.save": {
    rule: "platformAdmin",
    args: (w) => ({
      pathId: w.pathId,
      title: "Intensive Track",
      slug: "intensive-track",
      shortDescription: "One course",
      description: "One course.",
      audience: "all",
      estimatedDuration: "2 weeks",
      totalHours: 16,
      outcomes: [],
      skillIds: [],
      pricingModel: "bundled",
      bundlePrice: 99_700,
      isActive: true,
      isFeatured: true,
      sortOrder: 1,
    }),
  },
  "paths.authoring.saveStep": {
    rule: "platformAdmin",
    args: (w) => ({
      pathId: w.pathId,
      stepId: w.pathStepId,
      courseId: w.courseId,
      isRequired: true,
      unlockRule: "immediate",
      recommendedTimeframe: "Week 1",
    }),
  },
  "paths.authoring.moveStep": { rule: "platformAdmin", args: (w) => ({ stepId: w.pathStepId, direction: "down" }) },
  "paths.authoring.removeStep": { rule: "platformAdmin", args: (w) => ({ stepId: w.pathStepId }) },
  "paths.checkout.buyBundle": { rule: "signedIn", args: (w) => ({ pathId: w.pathId }) },
  "paths.checkout.subscribe": { rule: "signedIn", args: (w) => ({ pathId: w.pathId }) },
  "paths.checkout.status": { rule: "owner", args: (w) => ({ purchaseId: w.pathPurchaseId }) },
  "paths.checkout.cancel": { rule: "owner", args: (w) => ({ purchaseId: w.pathPurchaseId }) },
  "paths.following.list": { rule: "owner", args: none },
  "paths.following.get": { rule: "owner", args: (w) => ({ pathEnrollmentId: w.pathEnrollmentId }) },
  "paths.following.forPath": { rule: "owner", args: (w) => ({ pathId: w.pathId }) },
  "paths.following.follow": { rule: "signedIn", args: (w) => ({ pathId: w.individualPathId }) },
  "paths.subscriptions.setCancellation": {
    rule: "owner",
    args: (w) => ({ pathEnrollmentId: w.pathEnrollmentId, cancelAtPeriodEnd: true }),
  },
  "paths.seats.cohorts": {
    rule: "owner",
    args: (w) => ({ pathEnrollmentId: w.pathEnrollmentId, stepId: w.pathStepId, now: Date.now() }),
  },
  "paths.seats.take": {
    rule: "owner",
    args: (w) => ({ pathEnrollmentId: w.pathEnrollmentId, stepId: w.pathStepId, cohortId: w.laterCohortId }),
  },
  "certificates.verify.academyIssuer": { rule: "anyone", args: none },
  "certificates.verify.publicView": { rule: "anyone", args: (w) => ({ publicId: w.publicId }) },
  "certificates.verify.verifyCredentialJson": { rule: "anyone", args: () => ({ credentialJson: "{}" }) },
  "certificates.verify.verifyStored": { rule: "anyone", args: (w) => ({ publicId: w.publicId }) },
  "dev.demo.accounts": { rule: "anyone", args: none },
  "dev.mailbox.list": { rule: "anyone", args: none },
  "organizations.invites.preview": { rule: "anyone", args: (w) => ({ token: w.inviteToken }) },
  "users.account.signInOptions": { rule: "anyone", args: none },

  // ----------------------------------------------------------------- any signed-in person, for themselves
  "certificates.holders.mine": { rule: "signedIn", args: none },
  "payments.checkout.enrollmentForCheckoutSession": {
    rule: "owner",
    args: (w) => ({ checkoutSessionId: w.checkoutSessionId }),
  },
  "payments.checkout.myCohortState": { rule: "owner", args: (w) => ({ cohortId: w.cohortId }) },
  "payments.checkout.reserve": { rule: "signedIn", args: (w) => ({ cohortId: w.laterCohortId }) },
  "payments.checkout.reserveWithCode": {
    rule: "signedIn",
    args: (w) => ({ cohortId: w.laterCohortId, promotionCode: "WORLD20" }),
  },
  "payments.checkout.status": { rule: "owner", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "payments.checkout.cancel": { rule: "owner", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "organizations.invites.accept": { rule: "signedIn", args: (w) => ({ token: w.inviteToken }) },
  "learning.cohorts.myCohorts": { rule: "signedIn", args: none },
  "notifications.inbox.list": { rule: "signedIn", args: () => ({ paginationOpts: { numItems: 10, cursor: null } }) },
  "notifications.inbox.markAllRead": { rule: "signedIn", args: none },
  "notifications.inbox.markRead": { rule: "owner", args: (w) => ({ notificationId: w.notificationId }) },
  "notifications.preferences.preferences": { rule: "signedIn", args: none },
  "notifications.preferences.setPreference": {
    rule: "signedIn",
    args: () => ({ category: "learning", inApp: true, email: false }),
  },
  "notifications.inbox.unreadCount": { rule: "signedIn", args: none },
  "officeHours.bookings.bookingToken": { rule: "owner", args: (w) => ({ enrollmentId: w.enrollmentId }) },
  "officeHours.bookings.cancel": { rule: "owner", args: (w) => ({ bookingId: w.bookingId }) },
  "officeHours.bookings.mine": { rule: "signedIn", args: none },
  "organizations.domains.domainOffer": { rule: "domainColleague", args: none },
  "organizations.domains.joinByDomain": {
    rule: "domainColleague",
    args: (w) => ({ organizationId: w.organizationId }),
  },
  "privacy.controls.exportMine": { rule: "signedIn", args: none },
  "privacy.controls.mine": { rule: "signedIn", args: none },
  "privacy.erasure.request": { rule: "signedIn", args: () => ({ certificates: "keep" }) },
  "privacy.controls.update": {
    rule: "signedIn",
    args: () => ({
      allowManagerViewScores: false,
      allowManagerViewActivity: true,
      allowManagerViewCertificates: true,
      allowLeaderboardDisplay: false,
    }),
  },
  "liveSessions.teaching.myCohorts": { rule: "signedIn", args: none },
  "learning.intake.forCohort": { rule: "staff", args: (w) => ({ cohortId: w.cohortId }) },
  "learning.intake.submit": {
    rule: "owner",
    args: (w) => ({
      enrollmentId: w.enrollmentId,
      jobRole: "Analyst",
      aiExperience: "tried",
      goals: "Automate our weekly reports.",
    }),
  },
  "liveSessions.teaching.upcomingSessions": { rule: "signedIn", args: none },
  "users.account.viewer": { rule: "signedIn", args: none },
  "users.directory.person": { rule: "platformAdmin", args: (w) => ({ personId: w.learner }) },
  "users.directory.search": { rule: "platformAdmin", args: () => ({ query: "learner" }) },
  "privacy.erasure.queue": { rule: "platformAdmin", args: none },
  "privacy.erasure.carryOut": { rule: "platformAdmin", args: (w) => ({ requestId: w.erasureRequestId }) },
  "users.directory.makeInstructor": {
    rule: "platformAdmin",
    args: (w) => ({ personId: w.otherLearner, cohortId: w.cohortId }),
  },
  "users.directory.setPlatformAdmin": {
    rule: "platformAdmin",
    args: (w) => ({ personId: w.otherLearner, platformAdmin: false }),
  },
  "users.profile.cancelEmailChange": { rule: "signedIn", args: none },
  "users.profile.confirmEmailChange": { rule: "signedIn", args: () => ({ token: "not-a-token-we-sent" }) },
  "users.profile.mine": { rule: "signedIn", args: none },
  "users.profile.requestEmailChange": { rule: "signedIn", args: () => ({ newEmail: "a-new-address@example.com" }) },
  "users.profile.update": { rule: "signedIn", args: () => ({ name: "Renamed Person", timezone: "Europe/Berlin" }) },
  "waitlist.offers.accept": { rule: "owner", args: (w) => ({ entryId: w.waitlistEntryId }) },
  "waitlist.offers.decline": { rule: "owner", args: (w) => ({ entryId: w.waitlistEntryId }) },
  "waitlist.places.join": { rule: "signedIn", args: (w) => ({ cohortId: w.laterCohortId }) },
  "waitlist.places.joinCourse": { rule: "signedIn", args: (w) => ({ courseId: w.waitlistCourseId }) },
  "waitlist.places.leave": { rule: "owner", args: (w) => ({ entryId: w.waitlistEntryId }) },
  "waitlist.places.mine": { rule: "signedIn", args: none },
  "waitlist.places.mineForCohort": { rule: "signedIn", args: (w) => ({ cohortId: w.cohortId }) },
  "waitlist.places.mineForCourse": { rule: "signedIn", args: (w) => ({ courseId: w.waitlistCourseId }) },
  "waitlist.places.myCourseLines": { rule: "signedIn", args: none },

  "assessments.review.myQueues": { rule: "signedIn", args: none },
  "assessments.take.mine": { rule: "signedIn", args: none },
  "assessments.take.attempt": { rule: "owner", args: (w) => ({ attemptId: w.openAttemptId }) },
  "assessments.take.saveAnswer": {
    rule: "owner",
    args: (w) => ({ attemptId: w.openAttemptId, questionId: w.choiceQuestionId, selectedAnswerIds: ["a"] }),
  },
  "assessments.take.submit": { rule: "owner", args: (w) => ({ attemptId: w.openAttemptId }) },

  // ----------------------------------------------------------------- participants of the cohort
  "assessments.take.lessonChecks": { rule: "participant", args: (w) => ({ cohortId: w.cohortId }) },
  "assessments.take.overview": { rule: "participant", args: (w) => ({ assessmentId: w.postAssessmentId }) },
  "assessments.take.start": { rule: "participant", args: (w) => ({ assessmentId: w.postAssessmentId }) },
  "learning.cohorts.calendarFile": { rule: "participant", args: (w) => ({ cohortId: w.cohortId }) },
  "learning.cohorts.joinSession": { rule: "participant", args: (w) => ({ cohortSessionId: w.cohortSessionId }) },
  "learning.cohorts.openKitItem": { rule: "participant", args: (w) => ({ itemId: w.kitItemId }) },
  "learning.cohorts.setLessonDone": {
    rule: "participant",
    args: (w) => ({ cohortId: w.cohortId, lessonId: w.lessonId, done: true }),
  },

  // ----------------------------------------------------------------- the cohort's instructor (or a platform admin)
  "assessments.authoring.assessment": { rule: "staff", args: (w) => ({ assessmentId: w.preAssessmentId }) },
  "assessments.authoring.courses": { rule: "staff", args: none },
  "assessments.authoring.duplicateAsPost": { rule: "staff", args: (w) => ({ assessmentId: w.preAssessmentId }) },
  "assessments.authoring.preview": { rule: "staff", args: (w) => ({ assessmentId: w.preAssessmentId }) },
  "assessments.authoring.saveAssessment": {
    rule: "staff",
    args: (w) => ({
      courseId: w.courseId,
      title: "Self-check",
      type: "self_assessment",
      passingScore: 0,
      allowRetake: true,
      showCorrectAnswers: "after_submit",
      randomizeQuestions: false,
      randomizeAnswers: false,
    }),
  },
  "assessments.authoring.saveQuestion": {
    rule: "staff",
    args: (w) => ({
      assessmentId: w.preAssessmentId,
      questionType: "true_false",
      questionText: "AI output needs review.",
      answers: [
        { id: "t", text: "True", isCorrect: true },
        { id: "f", text: "False", isCorrect: false },
      ],
      points: 5,
      difficulty: "easy",
    }),
  },
  "assessments.authoring.setActive": {
    rule: "staff",
    args: (w) => ({ assessmentId: w.knowledgeCheckId, isActive: false }),
  },
  "assessments.authoring.setQuestionActive": {
    rule: "staff",
    args: (w) => ({ questionId: w.choiceQuestionId, isActive: false }),
  },
  "assessments.review.accept": { rule: "staff", args: (w) => ({ responseId: w.reviewResponseId }) },
  "assessments.review.attemptDetail": { rule: "staff", args: (w) => ({ attemptId: w.submittedAttemptId }) },
  "assessments.review.cohortResults": { rule: "staff", args: (w) => ({ cohortId: w.cohortId }) },
  "assessments.review.grade": {
    rule: "staff",
    args: (w) => ({ responseId: w.reviewResponseId, points: 6, comment: "Name the outcome." }),
  },
  "assessments.review.queue": { rule: "staff", args: (w) => ({ cohortId: w.cohortId }) },
  "liveSessions.attendance.attendanceSummary": { rule: "staff", args: (w) => ({ cohortId: w.cohortId }) },
  "liveSessions.schedule.forCohort": { rule: "staff", args: (w) => ({ cohortId: w.cohortId }) },
  "liveSessions.recaps.generateRecordingUploadUrl": {
    rule: "staff",
    args: (w) => ({ cohortSessionId: w.cohortSessionId, sha256: "a".repeat(64), size: 1_000_000 }),
  },
  "liveSessions.attendance.markAllPresent": { rule: "staff", args: (w) => ({ cohortSessionId: w.cohortSessionId }) },
  "liveSessions.attendance.markAttendance": {
    rule: "staff",
    args: (w) => ({ cohortSessionId: w.cohortSessionId, enrollmentId: w.enrollmentId, status: "present" }),
  },
  "liveSessions.attendance.roster": { rule: "staff", args: (w) => ({ cohortSessionId: w.cohortSessionId }) },
  "liveSessions.recaps.saveRecap": {
    rule: "staff",
    args: (w) => ({ cohortSessionId: w.cohortSessionId, summary: "We covered prompts.", actionItems: ["Practise"] }),
  },

  // ----------------------------------------------------------------- organizations
  "payments.seatInvoices.buySeats": { rule: org("admin"), args: orgArgs((w) => ({ courseId: w.courseId, seats: 2 })) },
  "payments.seatInvoices.purchases": { rule: org("admin"), args: orgArgs() },
  "payments.seatInvoices.seatPrices": { rule: org("admin"), args: orgArgs() },
  "dashboards.views.executive": { rule: org("view_analytics"), args: orgArgs() },
  "dashboards.views.member": { rule: org("view_progress"), args: orgArgs((w) => ({ memberId: w.member })) },
  "dashboards.views.myTeams": { rule: org("anyManager"), args: orgArgs() },
  "dashboards.views.recordView": {
    rule: org("view_progress"),
    args: orgArgs((w) => ({ accessType: "view_individual", targetUserId: w.member })),
  },
  "dashboards.views.team": { rule: org("view_progress"), args: orgArgs((w) => ({ teamId: w.teamId })) },
  "paths.organization.enrollMember": {
    rule: org("manage_enrollments"),
    args: orgArgs((w) => ({ memberId: w.member, pathId: w.pathId })),
  },
  "paths.organization.enrollTeam": {
    rule: org("manage_enrollments"),
    args: orgArgs((w) => ({ teamId: w.teamId, pathId: w.pathId })),
  },
  "paths.organization.list": { rule: org("view_progress"), args: orgArgs() },
  "organizations.invites.create": { rule: org("manage_team"), args: orgArgs(() => ({ email: "new.hire@acme.test" })) },
  "organizations.invites.createFromCsv": {
    rule: org("manage_team"),
    args: orgArgs(() => ({ csv: "email\nnew.hire@acme.test\n" })),
  },
  "organizations.invites.listPending": { rule: org("manage_team"), args: orgArgs() },
  "organizations.invites.resend": { rule: org("manage_team"), args: orgArgs((w) => ({ inviteId: w.inviteId })) },
  "organizations.invites.revoke": { rule: org("manage_team"), args: orgArgs((w) => ({ inviteId: w.inviteId })) },
  "organizations.members.assignableCohorts": { rule: org("view_progress"), args: orgArgs() },
  "organizations.members.assignCohort": {
    rule: org("manage_enrollments"),
    args: orgArgs((w) => ({ memberId: w.member, cohortId: w.laterCohortId })),
  },
  "organizations.overview.auditLog": { rule: org("admin"), args: orgArgs() },
  "organizations.members.grantSeat": { rule: org("manage_team"), args: orgArgs((w) => ({ memberId: w.member })) },
  "organizations.members.list": {
    rule: org("view_progress"),
    args: orgArgs(() => ({ paginationOpts: { numItems: 10, cursor: null } })),
  },
  "organizations.members.moveCohort": {
    rule: org("manage_enrollments"),
    args: orgArgs((w) => ({ enrollmentId: w.memberEnrollmentId, toCohortId: w.laterCohortId })),
  },
  "organizations.overview.get": { rule: org("view_progress"), args: orgArgs() },
  "organizations.members.remove": { rule: org("manage_team"), args: orgArgs((w) => ({ memberId: w.member })) },
  "organizations.domains.requestDomain": { rule: org("admin"), args: orgArgs(() => ({ domain: "acme.test" })) },
  "organizations.domains.setDomainJoin": { rule: org("admin"), args: orgArgs(() => ({ enabled: false })) },
  "organizations.members.unassignCohort": {
    rule: org("manage_enrollments"),
    args: orgArgs((w) => ({ enrollmentId: w.memberEnrollmentId })),
  },
  "dashboards.reminders.history": { rule: org("send_reminders"), args: orgArgs() },
  "dashboards.reminders.preview": {
    rule: org("send_reminders"),
    args: orgArgs(() => ({ targetType: "inactive", inactivityDays: 7 })),
  },
  "dashboards.reminders.send": {
    rule: org("send_reminders"),
    args: orgArgs(() => ({
      targetType: "inactive",
      inactivityDays: 7,
      subject: "Keep going",
      message: "Your next lesson is waiting.",
      includeProgress: false,
      channel: "in_app",
    })),
  },
  "dashboards.reports.create": {
    rule: org("export_reports"),
    args: orgArgs(() => ({ name: "Monthly", reportType: "progress_summary" })),
  },
  "dashboards.reports.list": { rule: org("export_reports"), args: orgArgs() },
  "dashboards.reports.remove": { rule: org("export_reports"), args: orgArgs((w) => ({ reportId: w.reportId })) },
  "dashboards.reports.runNow": { rule: org("export_reports"), args: orgArgs((w) => ({ reportId: w.reportId })) },
  "organizations.teams.create": { rule: org("manage_team"), args: orgArgs(() => ({ name: "Sales" })) },
  "organizations.managers.remove": { rule: org("admin"), args: orgArgs((w) => ({ memberId: w.manager })) },
  "organizations.teams.removeMember": {
    rule: org("manage_team"),
    args: orgArgs((w) => ({ teamId: w.teamId, memberId: w.member })),
  },
  "organizations.managers.set": {
    rule: org("admin"),
    args: orgArgs((w) => ({ memberId: w.member, managerRole: "viewer", permissions: ["view_progress"] })),
  },
  "organizations.teams.setMember": {
    rule: org("manage_team"),
    args: orgArgs((w) => ({ teamId: w.teamId, memberId: w.member, teamRole: "member" })),
  },
};

// ----------------------------------------------------------------- skills (#19)
Object.assign(AUTHORIZATION, {
  "skills.authoring.list": { rule: "platformAdmin", args: none },
  "skills.authoring.get": { rule: "platformAdmin", args: (w) => ({ skillId: w.skillId }) },
  "skills.authoring.save": {
    rule: "platformAdmin",
    args: () => ({
      name: "AI Evaluation",
      slug: "ai-evaluation",
      description: "Judging model output against a rubric.",
      category: "technical",
      level: "advanced",
      prerequisites: [],
      isActive: true,
    }),
  },
  "skills.authoring.saveCompetency": {
    rule: "platformAdmin",
    args: (w) => ({
      skillId: w.skillId,
      name: "Few-shot examples",
      description: "Chooses examples that steer the model.",
      assessmentCriteria: "Shown in a project.",
      evidenceTypes: ["project"],
      passingThreshold: 70,
      isActive: true,
    }),
  },
  "skills.authoring.mapCourse": {
    rule: "platformAdmin",
    args: (w) => ({ courseId: w.courseId, skillId: w.skillId, skillLevel: "masters", weight: 50 }),
  },
  "skills.authoring.unmapCourse": { rule: "platformAdmin", args: (w) => ({ courseSkillId: w.courseSkillId }) },
  "skills.profile.mine": { rule: "signedIn", args: none },
  "skills.portfolio.settings": { rule: "signedIn", args: none },
  "skills.portfolio.setPublic": { rule: "signedIn", args: () => ({ isPublic: true }) },
  "skills.portfolio.newLink": { rule: "owner", args: none },
  "skills.portfolio.view": { rule: "anyone", args: (w) => ({ slug: w.portfolioSlug }) },
  "dashboards.goals.forTeam": { rule: org("view_progress"), args: orgArgs((w) => ({ teamId: w.teamId })) },
  "dashboards.goals.set": {
    rule: org("teamManager"),
    args: orgArgs((w) => ({
      teamId: w.teamId,
      courseIds: [w.courseId],
      pathIds: [],
      skillIds: [w.skillId],
      skillLevel: "practitioner",
      deadline: Date.now() + 30 * DAY,
    })),
  },
  "skills.evidence.forCohort": { rule: "staff", args: (w) => ({ cohortId: w.cohortId, now: Date.now() }) },
  "skills.evidence.record": {
    rule: "staff",
    args: (w) => ({
      cohortId: w.cohortId,
      enrollmentId: w.enrollmentId,
      competencyId: w.competencyId,
      evidenceType: "observation",
      score: 80,
    }),
  },
  "skills.evidence.signOff": {
    rule: "staff",
    args: (w) => ({ cohortId: w.cohortId, enrollmentId: w.enrollmentId, skillId: w.skillId, level: "advanced" }),
  },
} satisfies Record<string, Entry>);

/** A local date-time `days` from now at 10:00, as the session forms send it ("2026-12-03T10:00"). */
function localDate(days: number) {
  const date = new Date(Date.now() + days * DAY);
  return `${date.toISOString().slice(0, 10)}T10:00`;
}
