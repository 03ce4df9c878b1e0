/**
 * Learning paths for tests: courses with an open cohort each, a path over them with the given rules, people, and a
 * course certificate issued through the real recorder (so the path hooks run as they do after signing).
 */
import type { Doc, Id } from "../../convex/_generated/dataModel";
import type { UnlockRule } from "../../convex/validators";
import { recordIssued } from "../../convex/certificates/model/issue";
import type { T } from "./checkout-helpers";

const DAY = 86_400_000;

export type StepSpec = {
  isRequired?: boolean;
  unlockRule: UnlockRule;
  /** after_completion: the index of the step it waits for. */
  after?: number;
  days?: number;
  /** The course's price (default 100,000 cents). */
  priceCents?: number;
};

export type PathWorld = {
  pathId: Id<"learningPaths">;
  slug: string;
  stepIds: Array<Id<"learningPathSteps">>;
  courseIds: Array<Id<"courses">>;
  /** One open public cohort per course, starting in 20 days. */
  cohortIds: Array<Id<"cohorts">>;
};

/** A published path over fresh courses (one per step), priced as `pricing` says. */
export async function seedPath(
  t: T,
  steps: StepSpec[],
  options: {
    slug?: string;
    pricing?: "bundled" | "individual" | "subscription";
    bundlePriceCents?: number;
    /** A subscription's monthly price (default 19,900 cents). */
    monthlyPriceCents?: number;
    capacity?: number;
    isActive?: boolean;
  } = {},
): Promise<PathWorld> {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const slug = options.slug ?? "test-track";
    const courseIds: Array<Id<"courses">> = [];
    const cohortIds: Array<Id<"cohorts">> = [];
    for (const [i, step] of steps.entries()) {
      const courseId = await ctx.db.insert("courses", {
        title: `Course ${i + 1}`,
        description: "Two days",
        slug: `${slug}-course-${i + 1}`,
        sessionType: "cohort",
        priceB2C: step.priceCents ?? 100_000,
        priceB2B: 80_000,
        maxParticipants: 20,
        impactLevel: "L1",
        capabilityLevel: "fundamentals",
        status: "published",
        createdAt: now,
        updatedAt: now,
      });
      courseIds.push(courseId);
      cohortIds.push(
        await ctx.db.insert("cohorts", {
          courseId,
          name: `Course ${i + 1} cohort`,
          startDate: now + 20 * DAY,
          endDate: now + 22 * DAY,
          maxCapacity: options.capacity ?? 10,
          currentEnrollment: 0,
          status: "open",
          isB2B: false,
          timezone: "Europe/Berlin",
          createdAt: now,
          updatedAt: now,
        }),
      );
    }
    const pricing = options.pricing ?? "bundled";
    const pathId = await ctx.db.insert("learningPaths", {
      title: "Test Track",
      slug,
      description: "A path for tests.",
      shortDescription: "Tests",
      targetAudience: "individual",
      estimatedDuration: "4 weeks",
      totalCourses: steps.length,
      totalHours: 32,
      skillIds: [],
      outcomes: ["Pass the tests"],
      pricingModel: pricing,
      ...(pricing === "bundled" ? { bundlePrice: options.bundlePriceCents ?? 150_000 } : {}),
      ...(pricing === "subscription" ? { subscriptionPrice: options.monthlyPriceCents ?? 19_900 } : {}),
      isActive: options.isActive ?? true,
      isFeatured: false,
      sortOrder: 1,
      enrollmentCount: 0,
      completionCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    const stepIds: Array<Id<"learningPathSteps">> = [];
    for (const [i, step] of steps.entries()) {
      stepIds.push(
        await ctx.db.insert("learningPathSteps", {
          pathId,
          courseId: courseIds[i],
          stepNumber: i + 1,
          isRequired: step.isRequired ?? true,
          unlockRule: step.unlockRule,
          ...(step.after !== undefined ? { unlockAfterStepId: stepIds[step.after] } : {}),
          ...(step.days !== undefined ? { unlockAfterDays: step.days } : {}),
          createdAt: now,
        }),
      );
    }
    return { pathId, slug, stepIds, courseIds, cohortIds };
  });
}

export async function addPerson(t: T, email: string, extra: Partial<Doc<"users">> = {}) {
  return await t.run(async (ctx) =>
    ctx.db.insert("users", {
      email,
      name: email.split("@")[0],
      role: "individual",
      emailNotifications: true,
      smsNotifications: false,
      createdAt: 1,
      updatedAt: 1,
      ...extra,
    }),
  );
}

/**
 * Completes a course for a learner the way the academy does: a finished cohort, an enrollment, and a course certificate
 * recorded as issued by `recordIssued` (the hook the path's progress follows). Returns the certificate.
 */
export async function completeCourse(t: T, userId: Id<"users">, courseId: Id<"courses">) {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const cohortId = await ctx.db.insert("cohorts", {
      courseId,
      name: "Finished cohort",
      startDate: now - 10 * DAY,
      endDate: now - 8 * DAY,
      maxCapacity: 20,
      currentEnrollment: 1,
      status: "completed",
      isB2B: false,
      createdAt: now,
      updatedAt: now,
    });
    const enrollmentId = await ctx.db.insert("enrollments", {
      userId,
      cohortId,
      courseId,
      purchaseDate: now - 20 * DAY,
      paymentStatus: "completed",
      paymentType: "b2c",
      intakeSurveyCompleted: true,
      officeHoursEligibleUntil: now + 80 * DAY,
      materialsAccessUntil: now + 300 * DAY,
      chatbotAccessUntil: now + 80 * DAY,
      seatHeld: true,
      createdAt: now,
      updatedAt: now,
    });
    const publicId = crypto.randomUUID();
    const certificateId = await ctx.db.insert("certificates", {
      enrollmentId,
      userId,
      courseId,
      cohortId,
      issuedAt: now,
      publicId,
      kind: "course",
      issueStatus: "pending",
      statusListIndex: Math.floor(Math.random() * 100_000),
      verificationUrl: `https://academy.test/verify/${publicId}`,
      linkedInShareUrl: "https://www.linkedin.com/",
      badgeData: {
        credentialId: `urn:uuid:${publicId}`,
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        issuerId: "",
        issuerName: "AI Enablement Academy",
        achievementId: "https://academy.test/courses/x#certificate",
        name: "A course",
        description: "Completed.",
        criteriaNarrative: "Attend.",
        validFrom: new Date(now).toISOString(),
      },
      createdAt: now,
    });
    const storageId = await ctx.storage.store(new Blob(["x"]));
    const certificate = (await ctx.db.get("certificates", certificateId))!;
    await recordIssued(ctx, certificate, {
      credentialJson: "{}",
      issuerId: "did:key:test",
      badgeImageId: storageId,
      badgeSvgId: storageId,
      pdfId: storageId,
    });
    return certificate;
  });
}
