/**
 * The demo academy's learning paths: a bundled foundations track (each rule but the time rule), a bundled leadership
 * track (a step that opens three weeks in, an optional briefing) and a builder track followed per course; Acme enrolls
 * some of its graduates in the foundations track through the same helper as its console, so their progress shows the
 * course they already completed once its certificate is issued.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { syncDerivedFields } from "../../paths/model/authoring";
import { enrollInPath } from "../../paths/model/enroll";
import { stepsOf } from "../../paths/model/views";
import type { UnlockRule } from "../../validators";

type DemoStep = {
  course: string;
  isRequired?: boolean;
  unlockRule: UnlockRule;
  /** For after_completion: the index of the step it waits for. */
  after?: number;
  days?: number;
  timeframe?: string;
};

type DemoPath = Pick<
  Doc<"learningPaths">,
  | "title"
  | "slug"
  | "description"
  | "shortDescription"
  | "targetAudience"
  | "targetRole"
  | "estimatedDuration"
  | "totalHours"
  | "outcomes"
  | "pricingModel"
  | "bundlePrice"
  | "isFeatured"
> & { skills: string[]; steps: DemoStep[] };

export const DEMO_PATHS: DemoPath[] = [
  {
    title: "AI Foundations Track",
    slug: "ai-foundations-track",
    description:
      "Three cohort intensives that build on each other: the concepts and vocabulary first, then systematic " +
      "prompting, then redesigning your own work with AI. Each step opens when you complete the one before it.",
    shortDescription: "Master AI fundamentals and practical tools in 6 weeks",
    targetAudience: "individual",
    targetRole: "Analysts, marketers, operators and anyone new to AI at work",
    estimatedDuration: "6 weeks",
    totalHours: 48,
    outcomes: [
      "Understand core AI concepts and terminology",
      "Write effective prompts for any AI tool",
      "Integrate AI tools into daily workflows",
      "Leave with a 30-day plan your manager can support",
    ],
    pricingModel: "bundled",
    bundlePrice: 299_700,
    isFeatured: true,
    skills: ["ai-literacy", "prompt-engineering", "workflow-automation"],
    steps: [
      { course: "ai-fundamentals", unlockRule: "immediate", timeframe: "Week 1-2" },
      { course: "prompt-engineering-mastery", unlockRule: "sequential", timeframe: "Week 3-4" },
      { course: "ai-enablement-intensive", unlockRule: "after_completion", after: 1, timeframe: "Week 5-6" },
    ],
  },
  {
    title: "AI Leadership Track",
    slug: "ai-leadership-track",
    description:
      "For executives and L&D leaders who set direction: strategy and governance first, then leading the change. " +
      "The change-management step opens three weeks in, once your strategy work has had time to land.",
    shortDescription: "Lead AI transformation with strategy and governance",
    targetAudience: "enterprise",
    targetRole: "Executive, L&D Leader, Change Manager",
    estimatedDuration: "8 weeks",
    totalHours: 34,
    outcomes: [
      "Develop a comprehensive AI adoption strategy",
      "Lead organizational change for AI transformation",
      "Implement governance that enables rather than blocks",
    ],
    pricingModel: "bundled",
    bundlePrice: 349_700,
    isFeatured: true,
    skills: ["ai-strategy", "change-leadership", "ai-governance"],
    steps: [
      { course: "ai-strategy-for-leaders", unlockRule: "immediate", timeframe: "Week 1-3" },
      { course: "change-management-for-ai", unlockRule: "after_days", days: 21, timeframe: "Week 4-6" },
      { course: "ai-executive-briefing", unlockRule: "immediate", isRequired: false, timeframe: "Any time" },
    ],
  },
  {
    title: "AI Builder Track",
    slug: "ai-builder-track",
    description:
      "From reliable prompts to a working agent: master structured prompting, then build and ship an agent for a " +
      "real process with a team. Book each course when it suits you; the hackathon opens once the prompting " +
      "course is completed.",
    shortDescription: "From prompts to a working AI agent",
    targetAudience: "team",
    targetRole: "Operations and product teams",
    estimatedDuration: "10 weeks",
    totalHours: 40,
    outcomes: [
      "Design prompts with explicit structure and checks",
      "Ship a working agent for a real workflow",
      "Evaluate and monitor it responsibly",
    ],
    pricingModel: "individual",
    isFeatured: false,
    skills: ["prompt-engineering", "workflow-automation", "ai-evaluation"],
    steps: [
      { course: "prompt-engineering-mastery", unlockRule: "immediate", timeframe: "Week 1-2" },
      { course: "agent-build-hackathon", unlockRule: "sequential", timeframe: "Week 5-10" },
    ],
  },
];

/** The demo paths and their steps; returns each path's id by slug. */
export async function seedDemoPaths(
  ctx: MutationCtx,
  {
    now,
    courseIds,
    skillIds,
  }: { now: number; courseIds: Map<string, Id<"courses">>; skillIds: Map<string, Id<"skills">> },
) {
  const pathIds = new Map<string, Id<"learningPaths">>();
  for (const [i, { skills, steps, ...path }] of DEMO_PATHS.entries()) {
    const pathId = await ctx.db.insert("learningPaths", {
      ...path,
      skillIds: skills.map((slug) => skillIds.get(slug)!),
      totalCourses: steps.length,
      isActive: true,
      sortOrder: i + 1,
      enrollmentCount: 0,
      completionCount: 0,
      createdAt: now,
      updatedAt: now,
    });
    const stepIds: Array<Id<"learningPathSteps">> = [];
    for (const [n, step] of steps.entries()) {
      stepIds.push(
        await ctx.db.insert("learningPathSteps", {
          pathId,
          courseId: courseIds.get(step.course)!,
          stepNumber: n + 1,
          isRequired: step.isRequired ?? true,
          unlockRule: step.unlockRule,
          ...(step.after !== undefined ? { unlockAfterStepId: stepIds[step.after] } : {}),
          ...(step.days !== undefined ? { unlockAfterDays: step.days } : {}),
          ...(step.timeframe ? { recommendedTimeframe: step.timeframe } : {}),
          createdAt: now,
        }),
      );
    }
    await syncDerivedFields(ctx, (await ctx.db.get("learningPaths", pathId))!, await stepsOf(ctx, pathId));
    pathIds.set(path.slug, pathId);
  }
  return pathIds;
}

/** Acme enrolls members in a path as its console does (organization-covered: a seat in each step's course). */
export async function enrollAcmeMembers(
  ctx: MutationCtx,
  {
    pathId,
    organizationId,
    adminId,
    memberIds,
  }: {
    pathId: Id<"learningPaths">;
    organizationId: Id<"organizations">;
    adminId: Id<"users">;
    memberIds: Array<Id<"users">>;
  },
) {
  const organization = (await ctx.db.get("organizations", organizationId))!;
  for (const memberId of memberIds) {
    const member = (await ctx.db.get("users", memberId))!;
    const path = (await ctx.db.get("learningPaths", pathId))!;
    await enrollInPath(ctx, member, path, {
      paymentType: "organization",
      organizationId,
      enrolledById: adminId,
      givenBy: organization.name,
      welcome: false,
    });
  }
}
