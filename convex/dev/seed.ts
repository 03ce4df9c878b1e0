/**
 * Demo data: `npm run seed` locally (admin key, `dev/seed:run`). Only in local mode
 * (ACADEMY_LOCAL_MODE=1): the demo people include a platform admin whom local
 * mode lets anyone sign in as. Idempotent: does nothing when the catalogue
 * already exists.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { devInternalMutation } from "../functions";
import { ACME_LEARNERS, ACME_TEAMS, DEMO_ACCOUNTS, DEMO_COURSES, DEMO_SKILLS } from "./model/demoData";
import { seedFlagshipAssessments, takeAsDemoLearner } from "./model/assessments";
import { planCertificates } from "../certificates/model/plan";
import { raiseLevel } from "../skills/model/progress";
import { seedDashboardActivity } from "./model/demoActivity";
import { enrollAcmeMembers, seedDemoPaths } from "./model/demoPaths";
import { scheduleCohort } from "../liveSessions/model/schedule";
import { enrollConfirmed } from "../enrollments/model/state";
import { DEFAULT_NOTIFICATION_PREFERENCES } from "../users/model/accounts";
import { MANAGER_PERMISSIONS, type UserRole } from "../validators";

const DAY = 24 * 60 * 60 * 1000;

const B2C_LEARNERS = [
  "Noah Kim",
  "Mia Schneider",
  "Liam O'Brien",
  "Sofia Rossi",
  "Ethan Wallace",
  "Amara Okoye",
  "Lucas Martin",
  "Ingrid Holm",
  "Mateo Fernández",
  "Grace Liu",
  "Felix Wagner",
  "Aisha Rahman",
  "Oscar Lind",
  "Julia Nowak",
  "Kai Morgan",
  "Leila Haddad",
  "Tomás Silva",
  "Hannah Weber",
  "Ravi Iyer",
  "Clara Dupont",
  "Jonah Fischer",
  "Yara Mansour",
  "Erik Nilsson",
  "Lucia Romero",
  "Owen Price",
  "Nadia Petrova",
  "Samuel Osei",
  "Ines Duarte",
  "Felipe Castro",
  "Greta Lund",
];

/** Deterministic pseudo-random numbers so every seeded academy looks the same. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const run = devInternalMutation({
  localFeature: "The demo academy",
  args: { now: v.optional(v.number()) },
  returns: v.object({ seeded: v.boolean(), users: v.number(), courses: v.number(), cohorts: v.number() }),
  handler: async (ctx, args) => {
    if ((await ctx.db.query("courses").first()) !== null) {
      return { seeded: false, users: 0, courses: 0, cohorts: 0 };
    }
    const now = args.now ?? Date.now();
    const rand = random(2026);
    const seeder = new Seeder(ctx, now);

    // ---------------------------------------------------------------- people
    const demo = new Map<string, Id<"users">>();
    for (const account of DEMO_ACCOUNTS) {
      demo.set(account.email, await seeder.user(account.email, account.name, account.role));
    }
    const instructorId = demo.get("maya.chen@aienablement.academy")!;
    const b2c: Id<"users">[] = [demo.get("alex.rivera@example.com")!];
    for (const name of B2C_LEARNERS) {
      const email = `${name
        .toLowerCase()
        .replace(/[^a-z ]/g, "")
        .replace(/ /g, ".")}@example.com`;
      b2c.push(await seeder.user(email, name, "individual"));
    }

    // ---------------------------------------------------------------- skills
    const skillIds = new Map<string, Id<"skills">>();
    for (const [i, skill] of DEMO_SKILLS.entries()) {
      const skillId = await ctx.db.insert("skills", {
        name: skill.name,
        slug: skill.slug,
        description: `${skill.name}: demonstrated through assessments, projects and instructor review.`,
        category: skill.category,
        level: skill.level,
        isActive: true,
        sortOrder: i,
        createdAt: now,
        updatedAt: now,
      });
      skillIds.set(skill.slug, skillId);
      for (const name of skill.competencies) {
        await ctx.db.insert("competencies", {
          skillId,
          name,
          description: `${name}, in the learner's own work.`,
          assessmentCriteria: "Shown in a live session or a project and judged against the course's rubric.",
          evidenceTypes: ["observation", "project", "instructor_assessment"],
          passingThreshold: 70,
          isActive: true,
          createdAt: now,
        });
      }
    }
    for (const skill of DEMO_SKILLS)
      if (skill.prerequisites.length > 0)
        await ctx.db.patch("skills", skillIds.get(skill.slug)!, {
          prerequisites: skill.prerequisites.map((slug) => skillIds.get(slug)!),
        });

    // --------------------------------------------------------------- courses
    const courseIds = new Map<string, Id<"courses">>();
    for (const course of DEMO_COURSES) {
      const courseId = await ctx.db.insert("courses", {
        title: course.title,
        description: course.description,
        slug: course.slug,
        sessionType: course.format,
        priceB2C: course.priceB2C,
        priceB2B: course.priceB2B,
        maxParticipants: course.maxParticipants,
        impactLevel: course.impact,
        capabilityLevel: course.level,
        status: "published",
        tagline: course.tagline,
        outcomes: course.outcomes,
        createdAt: now,
        updatedAt: now,
      });
      courseIds.set(course.slug, courseId);
      const perDay = new Map<number, number>();
      for (const session of course.sessions) {
        const order = (perDay.get(session.day) ?? 0) + 1;
        perDay.set(session.day, order);
        const sessionId = await ctx.db.insert("sessions", {
          courseId,
          title: session.title,
          type: session.type,
          dayNumber: session.day,
          orderInDay: order,
          durationMinutes: session.minutes,
          description: session.description,
          outcomes: course.outcomes.slice(0, 2),
          createdAt: now,
        });
        for (const [i, [label, minutes]] of (
          [
            ["Pre-read", 15],
            ["Hands-on exercise", 25],
          ] as const
        ).entries()) {
          await ctx.db.insert("lessons", {
            sessionId,
            title: `${label}: ${session.title}`,
            description: session.description,
            orderInSession: i,
            durationMinutes: minutes,
            createdAt: now,
          });
        }
      }
      for (const [i, slug] of course.skills.entries()) {
        await ctx.db.insert("courseSkills", {
          courseId,
          skillId: skillIds.get(slug)!,
          // A course's first skill is what it is for: the mastery course masters it, the others develop it.
          skillLevel: i > 0 ? "introduces" : course.slug === "prompt-engineering-mastery" ? "masters" : "develops",
          weight: i === 0 ? 60 : 40 / Math.max(1, course.skills.length - 1),
          createdAt: now,
        });
      }
      for (const [i, item] of [
        { title: "Slide deck", type: "slides" as const },
        { title: "Prompt library", type: "prompts" as const },
        { title: "30-day implementation worksheet", type: "worksheet" as const },
        { title: "Course assistant (custom GPT)", type: "chatbot" as const },
      ].entries()) {
        await ctx.db.insert("enablementKitItems", {
          courseId,
          title: `${course.title}: ${item.title}`,
          type: item.type,
          externalUrl: `https://kit.aienablement.academy/${course.slug}/${item.type}`,
          order: i,
          createdAt: now,
        });
      }
    }

    // ------------------------------------------------------------ organization
    const acmeId = await ctx.db.insert("organizations", {
      name: "Acme Corporation",
      domain: "acme.com",
      contactEmail: "jordan.blake@acme.com",
      contactName: "Jordan Blake",
      status: "active",
      seatsPurchased: 50,
      seatsUsed: 0,
      createdAt: now - 120 * DAY,
      updatedAt: now,
    });
    const acmeMembers: Array<{ userId: Id<"users">; team: (typeof ACME_TEAMS)[number] }> = [];
    for (const email of [
      "jordan.blake@acme.com",
      "sam.patel@acme.com",
      "lee.nguyen@acme.com",
      "taylor.brooks@acme.com",
    ]) {
      await ctx.db.patch("users", demo.get(email)!, { organizationId: acmeId, company: "Acme Corporation" });
    }
    acmeMembers.push({ userId: demo.get("taylor.brooks@acme.com")!, team: "Marketing" });
    for (const learner of ACME_LEARNERS) {
      const userId = await seeder.user(learner.email, learner.name, "org_member", acmeId);
      acmeMembers.push({ userId, team: learner.team });
    }
    // Learners and the two managers hold seats; the admin (Jordan) administers without one.
    const seatHolders = [
      ...acmeMembers.map((m) => m.userId),
      demo.get("sam.patel@acme.com")!,
      demo.get("lee.nguyen@acme.com")!,
    ];
    for (const userId of seatHolders) await ctx.db.patch("users", userId, { holdsOrgSeat: true });
    await ctx.db.patch("organizations", acmeId, {
      seatsUsed: seatHolders.length,
      domainStatus: "approved",
      domainJoinEnabled: false,
    });

    const teamIds = new Map<string, Id<"teams">>();
    for (const name of ACME_TEAMS) {
      const members = acmeMembers.filter((m) => m.team === name);
      const teamId = await ctx.db.insert("teams", {
        organizationId: acmeId,
        name,
        description: `${name} at Acme`,
        managerId: name === "Marketing" ? demo.get("sam.patel@acme.com") : undefined,
        // Marketing works towards a goal Sam set a month ago (the intensive and Prompt Engineering at Practitioner, due
        // in a month); the other teams have none yet, for their managers to set.
        ...(name === "Marketing"
          ? {
              targetCourses: [courseIds.get("ai-enablement-intensive")!],
              targetSkills: [skillIds.get("prompt-engineering")!],
              targetSkillLevel: "practitioner" as const,
              completionDeadline: now + 30 * DAY,
              goalSetAt: now - 30 * DAY,
              goalSetBy: demo.get("sam.patel@acme.com"),
            }
          : {}),
        memberCount: members.length,
        isActive: true,
        createdAt: now - 100 * DAY,
        updatedAt: now,
      });
      teamIds.set(name, teamId);
      for (const [i, member] of members.entries()) {
        await ctx.db.insert("teamMembers", {
          teamId,
          userId: member.userId,
          role: i === 0 ? "lead" : "member",
          joinedAt: now - 90 * DAY,
        });
      }
    }
    const managers: Array<[string, "admin" | "manager" | "viewer", Id<"teams">[] | undefined]> = [
      ["jordan.blake@acme.com", "admin", undefined],
      ["sam.patel@acme.com", "manager", [teamIds.get("Marketing")!]],
      ["lee.nguyen@acme.com", "viewer", undefined],
    ];
    for (const [email, role, teams] of managers) {
      await ctx.db.insert("organizationManagers", {
        userId: demo.get(email)!,
        organizationId: acmeId,
        role,
        permissions:
          role === "admin"
            ? [...MANAGER_PERMISSIONS]
            : role === "manager"
              ? [
                  "view_progress",
                  "view_scores",
                  "view_certificates",
                  "view_analytics",
                  "export_reports",
                  "send_reminders",
                ]
              : ["view_progress", "view_analytics"],
        teamIds: teams,
        isActive: true,
        createdAt: now - 100 * DAY,
        updatedAt: now,
      });
    }

    // --------------------------------------------------------------- cohorts
    const intensive = courseIds.get("ai-enablement-intensive")!;
    const cohort = (
      courseSlug: string,
      name: string,
      startOffsetDays: number,
      days: number,
      capacity: number,
      extra: Partial<{
        status: "scheduled" | "open" | "in_progress" | "completed" | "cancelled";
        isB2B: boolean;
        timezone: string;
      }> = {},
    ) =>
      seeder.cohort(
        courseIds.get(courseSlug)!,
        name,
        now + startOffsetDays * DAY,
        days,
        capacity,
        instructorId,
        acmeId,
        extra,
      );

    const acmePrivate = await cohort("ai-enablement-intensive", "Acme private cohort (September)", -45, 2, 16, {
      status: "completed",
      isB2B: true,
      timezone: "America/New_York",
    });
    const liveNow = await cohort("ai-enablement-intensive", "AI Enablement Intensive (live now)", -0.2, 2, 24, {
      status: "in_progress",
      timezone: "Europe/Berlin",
    });
    const nearlyFull = await cohort("ai-enablement-intensive", "AI Enablement Intensive (December)", 14, 2, 20, {
      timezone: "Europe/Berlin",
    });
    const full = await cohort("ai-enablement-intensive", "AI Enablement Intensive (January, Americas)", 45, 2, 12, {
      timezone: "America/New_York",
    });
    await cohort("ai-enablement-intensive", "AI Enablement Intensive (March)", 110, 2, 24, {
      status: "scheduled",
      timezone: "Europe/London",
    });
    const prompts = await cohort("prompt-engineering-mastery", "Prompt Engineering Mastery (January)", 28, 2, 20, {
      timezone: "Europe/London",
    });
    await cohort("prompt-engineering-mastery", "Prompt Engineering Mastery (December, cancelled)", 10, 2, 20, {
      status: "cancelled",
      timezone: "Europe/London",
    });
    const strategy = await cohort("ai-strategy-for-leaders", "AI Strategy for Leaders (February)", 60, 2, 16, {
      timezone: "America/New_York",
    });
    const webinar = await cohort("ai-executive-briefing", "Executive Briefing (December)", 7, 1, 200, {
      timezone: "America/New_York",
    });
    const hackathon = await cohort("agent-build-hackathon", "Agent Build Hackathon (Q1)", 21, 28, 40, {
      timezone: "Europe/Berlin",
    });
    await cohort("ai-fundamentals", "AI Fundamentals (January)", 35, 2, 24, { timezone: "Europe/Berlin" });
    await cohort("change-management-for-ai", "Change Management for AI (February)", 75, 2, 20, {
      timezone: "Europe/London",
    });

    // ----------------------------------------------------------- enrollments
    const learnersAcme = acmeMembers.map((m) => m.userId);
    const enrolled: Array<{ enrollmentId: Id<"enrollments">; userId: Id<"users">; cohortId: Id<"cohorts"> }> = [];
    const enroll = async (cohortId: Id<"cohorts">, userIds: Id<"users">[], paymentType: "b2b" | "b2c") => {
      for (const userId of userIds)
        enrolled.push({ enrollmentId: await seeder.enroll(cohortId, userId, paymentType), userId, cohortId });
    };
    await enroll(acmePrivate, learnersAcme.slice(0, 14), "b2b");
    await enroll(liveNow, learnersAcme.slice(14, 24), "b2b");
    await enroll(liveNow, b2c.slice(0, 6), "b2c");
    await enroll(nearlyFull, learnersAcme.slice(24, 32), "b2b");
    await enroll(nearlyFull, b2c.slice(6, 16), "b2c");
    await enroll(full, b2c.slice(16, 28), "b2c");
    await enroll(prompts, learnersAcme.slice(0, 6), "b2b");
    await enroll(strategy, [demo.get("sam.patel@acme.com")!, demo.get("lee.nguyen@acme.com")!], "b2b");
    await enroll(webinar, [...b2c.slice(10, 16), demo.get("jordan.blake@acme.com")!], "b2c");
    await enroll(hackathon, learnersAcme.slice(32), "b2b");

    // The live cohort has a clinic running right now, whatever the time of day, so joining and attendance can be tried.
    await ctx.db.insert("cohortSessions", {
      cohortId: liveNow,
      title: "Live clinic: bring your use case",
      type: "IO",
      startsAt: now - 20 * 60 * 1000,
      endsAt: now + 70 * 60 * 1000,
      meetingUrl: "https://zoom.us/j/5550100200",
      status: "scheduled",
      sequence: 0,
      instructorId,
      createdAt: now,
      updatedAt: now,
    });

    // The full cohort has a waitlist, in join order.
    const waiting = b2c.slice(28, 31);
    for (const [i, userId] of waiting.entries()) {
      await ctx.db.insert("waitlist", {
        userId,
        courseId: intensive,
        cohortId: full,
        position: i + 1,
        status: "waiting",
        createdAt: now - (3 - i) * DAY,
        updatedAt: now - (3 - i) * DAY,
      });
    }

    // ---------------------------------------------- assessments and progress
    // The flagship's assessments; the finished Acme cohort took both through the learners' own helpers.
    const firstSession = await ctx.db
      .query("sessions")
      .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", intensive))
      .first();
    const firstLesson = firstSession
      ? await ctx.db
          .query("lessons")
          .withIndex("by_sessionId", (q) => q.eq("sessionId", firstSession._id))
          .first()
      : null;
    const flagship = await seedFlagshipAssessments(ctx, {
      courseId: intensive,
      skills: { prompting: skillIds.get("prompt-engineering")!, literacy: skillIds.get("ai-literacy")! },
      ...(firstLesson ? { firstLessonId: firstLesson._id } : {}),
      now,
    });
    // The finished Acme cohort takes both through the learners' own helpers, one learner per transaction (scheduled
    // jobs
    // in turn); the last job records attendance and plans the certificates (takeAssessments, then finishPrivateCohort
    // below).
    await ctx.scheduler.runAfter(0, internal.dev.seed.takeAssessments, {
      preId: flagship.preId,
      postId: flagship.postId,
      instructorId,
      cohortId: acmePrivate,
      enrollmentIds: enrolled.filter((x) => x.cohortId === acmePrivate).map((x) => x.enrollmentId),
      seed: Math.floor(rand() * 2 ** 31),
      now,
    });
    // A pilot cohort of the flagship for Acme, starting tomorrow: its pre-course assessment is open now.
    const pilot = await cohort("ai-enablement-intensive", "Acme assessment pilot", 1, 2, 12, {
      status: "open",
      isB2B: true,
      timezone: "America/New_York",
    });
    await enroll(pilot, learnersAcme.slice(32, 35), "b2b");

    // Skill levels are not invented here: they come from the badges, courses and evidence below (the finished Acme
    // cohort's certificates, finishPrivateCohort), as they would for real learners. The fifteen draws per learner that
    // made up levels before are still taken, so the rest of the demo (privacy choices, activity) stays as it was.
    for (const userId of learnersAcme) {
      for (let draw = 0; draw < 15; draw++) rand();
      await ctx.db.insert("userPrivacySettings", {
        userId,
        allowManagerViewScores: learnersAcme.slice(32, 35).includes(userId) || rand() > 0.2,
        allowManagerViewActivity: true,
        allowManagerViewCertificates: true,
        allowLeaderboardDisplay: rand() > 0.6,
        updatedAt: now - 60 * DAY,
      });
    }

    // ------------------------------------------- what Acme's managers see
    await seedDashboardActivity(ctx, {
      organizationId: acmeId,
      members: [
        ...learnersAcme,
        demo.get("sam.patel@acme.com")!,
        demo.get("lee.nguyen@acme.com")!,
        demo.get("jordan.blake@acme.com")!,
      ],
      enrolled,
      now,
      rand,
    });

    // ------------------------------------------------------- learning paths
    const pathIds = await seedDemoPaths(ctx, { now, courseIds, skillIds });
    // Three graduates of Acme's private cohort follow the foundations track: the course they completed counts.
    await enrollAcmeMembers(ctx, {
      pathId: pathIds.get("ai-foundations-track")!,
      organizationId: acmeId,
      adminId: demo.get("jordan.blake@acme.com")!,
      memberIds: learnersAcme.slice(0, 3),
    });

    // ------------------------------------------------------ resource library
    for (const [term, abbreviation, definition] of [
      ["Large Language Model", "LLM", "A model trained on large text corpora to predict and generate language."],
      [
        "Retrieval-Augmented Generation",
        "RAG",
        "Answering with a model after retrieving relevant documents to ground the answer.",
      ],
      ["Hallucination", undefined, "Confident model output that is not supported by facts or sources."],
      ["Prompt", undefined, "The instructions and context given to a model."],
    ] as const) {
      await ctx.db.insert("glossaryTerms", {
        term,
        slug: term.toLowerCase().replace(/[^a-z]+/g, "-"),
        abbreviation,
        definition,
        category: "AI Fundamentals",
        isActive: true,
        createdAt: now,
        updatedAt: now,
      });
    }
    await ctx.db.insert("prompts", {
      title: "Meeting notes to action items",
      slug: "meeting-notes-to-action-items",
      description: "Turns raw notes into owners, deadlines and open questions.",
      category: "business",
      subcategory: "Operations",
      promptTemplate:
        "You are an assistant to {{team}}. " +
        "From these notes, list action items with owner and due date, then open questions.\n\nNotes:\n{{notes}}",
      variables: [
        { name: "team", description: "Team name", type: "text", required: true },
        { name: "notes", description: "The raw notes", type: "textarea", required: true },
      ],
      recommendedModels: ["gpt-4o", "claude-sonnet"],
      tags: ["productivity"],
      useCount: 0,
      ratingCount: 0,
      isFeatured: true,
      isActive: true,
      accessLevel: "registered",
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("resources", {
      title: "AI use-case prioritisation canvas",
      slug: "ai-use-case-canvas",
      description: "Score candidate use cases by value, feasibility and risk.",
      type: "framework",
      category: "Strategy",
      tags: ["strategy", "prioritisation"],
      content:
        "Rate each use case 1–5 on value, feasibility and risk; start with high value, high feasibility, low risk.",
      accessLevel: "registered",
      downloadCount: 0,
      viewCount: 0,
      ratingCount: 0,
      isFeatured: true,
      isActive: true,
      sortOrder: 1,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("externalCommunityLinks", {
      platform: "circle",
      name: "AI Enablement Academy Community",
      url: "https://community.aienablement.academy",
      description: "Alumni and current learners: weekly show-and-tell and office hours.",
      accessLevel: "enrolled",
      ssoEnabled: false,
      memberSyncEnabled: false,
      isActive: true,
      createdAt: now,
    });

    const cohortCount = (await ctx.db.query("cohorts").take(100)).length;
    return { seeded: true, users: seeder.userCount, courses: courseIds.size, cohorts: cohortCount };
  },
});

class Seeder {
  userCount = 0;
  constructor(
    private readonly ctx: MutationCtx,
    private readonly now: number,
  ) {}

  async user(email: string, name: string, role: UserRole, organizationId?: Id<"organizations">) {
    this.userCount += 1;
    return await this.ctx.db.insert("users", {
      email,
      name,
      role,
      organizationId,
      emailNotifications: true,
      smsNotifications: false,
      notificationPreferences: DEFAULT_NOTIFICATION_PREFERENCES,
      timezone: organizationId ? "America/New_York" : "Europe/Berlin",
      createdAt: this.now - 100 * DAY,
      updatedAt: this.now,
    });
  }

  async cohort(
    courseId: Id<"courses">,
    name: string,
    startDate: number,
    days: number,
    capacity: number,
    instructorId: Id<"users">,
    acmeId: Id<"organizations">,
    extra: Partial<{
      status: "scheduled" | "open" | "in_progress" | "completed" | "cancelled";
      isB2B: boolean;
      timezone: string;
    }>,
  ) {
    const cohortId = await this.ctx.db.insert("cohorts", {
      courseId,
      name,
      startDate,
      endDate: startDate + days * DAY,
      maxCapacity: capacity,
      currentEnrollment: 0,
      status: extra.status ?? "open",
      zoomLink: "https://zoom.us/j/5550100200",
      instructorId,
      isB2B: extra.isB2B ?? false,
      organizationId: extra.isB2B ? acmeId : undefined,
      timezone: extra.timezone ?? "UTC",
      createdAt: this.now - 30 * DAY,
      updatedAt: this.now,
    });
    await scheduleCohort(this.ctx, (await this.ctx.db.get("cohorts", cohortId))!);
    return cohortId;
  }

  async enroll(cohortId: Id<"cohorts">, userId: Id<"users">, paymentType: "b2b" | "b2c") {
    const cohort = (await this.ctx.db.get("cohorts", cohortId))!;
    return await enrollConfirmed(this.ctx, userId, cohort, {
      paymentType,
      amountCents: paymentType === "b2c" ? (await this.ctx.db.get("courses", cohort.courseId))!.priceB2C : undefined,
      purchasedAt: Math.min(this.now, cohort.startDate - 10 * DAY),
      intakeSurveyCompleted: true,
    });
  }
}

/**
 * The demo academy's finished Acme cohort takes its assessments (run schedules this): one learner per transaction, in
 * turn, through the learners' own helpers; the last job records attendance and plans certificates.
 */
export const takeAssessments = devInternalMutation({
  localFeature: "The demo academy",
  args: {
    preId: v.id("assessments"),
    postId: v.id("assessments"),
    instructorId: v.id("users"),
    cohortId: v.id("cohorts"),
    enrollmentIds: v.array(v.id("enrollments")),
    seed: v.number(),
    now: v.number(),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    const [enrollmentId, ...rest] = args.enrollmentIds;
    if (enrollmentId === undefined) {
      await finishPrivateCohort(ctx, { cohortId: args.cohortId, instructorId: args.instructorId, now: args.now });
      return null;
    }
    const rand = random(args.seed);
    const enrollment = await ctx.db.get("enrollments", enrollmentId);
    const pre = await ctx.db.get("assessments", args.preId);
    const post = await ctx.db.get("assessments", args.postId);
    if (enrollment && pre && post) {
      const before = 0.25 + rand() * 0.35;
      const after = Math.min(0.98, before + 0.25 + rand() * 0.35);
      await takeAsDemoLearner(ctx, {
        assessment: pre,
        enrollment,
        instructorId: args.instructorId,
        skill: before,
        at: args.now - 47 * DAY,
        rand,
        phase: "before",
      });
      await takeAsDemoLearner(ctx, {
        assessment: post,
        enrollment,
        instructorId: args.instructorId,
        skill: after,
        at: args.now - 43 * DAY,
        rand,
        phase: "after",
      });
    }
    await ctx.scheduler.runAfter(0, internal.dev.seed.takeAssessments, {
      ...args,
      enrollmentIds: rest,
      seed: Math.floor(rand() * 2 ** 31),
    });
    return null;
  },
});

/**
 * The finished Acme cohort: attendance (two learners missed half), then certificates for those who met the rules
 * (attendance and the passed post-course assessment, taken in the jobs before), one of them expired and one revoked.
 */
async function finishPrivateCohort(
  ctx: MutationCtx,
  { cohortId: acmePrivate, instructorId, now }: { cohortId: Id<"cohorts">; instructorId: Id<"users">; now: number },
) {
  const enrolled = (
    await ctx.db
      .query("enrollments")
      .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", acmePrivate).eq("paymentStatus", "completed"))
      .take(100)
  ).map((e) => ({
    enrollmentId: e._id,
    userId: e.userId,
    cohortId: e.cohortId,
  }));
  const heldPrivate = await ctx.db
    .query("cohortSessions")
    .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", acmePrivate))
    .take(50);
  for (const [i, e] of enrolled.filter((x) => x.cohortId === acmePrivate).entries()) {
    for (const [n, session] of heldPrivate.entries()) {
      const present = i >= 12 ? n % 2 === 0 : true;
      await ctx.db.insert("sessionAttendance", {
        cohortSessionId: session._id,
        cohortId: acmePrivate,
        enrollmentId: e.enrollmentId,
        userId: e.userId,
        status: present ? "present" : "absent",
        source: "instructor",
        markedBy: instructorId,
        updatedAt: session.endsAt,
      });
    }
  }
  await planCertificates(ctx, acmePrivate);
  await recordDemoEvidence(ctx, { instructorId, now, enrolled });
  // One certificate from last year has expired and one was revoked, so every verification state can be seen.
  const privateCertificates = (
    await ctx.db
      .query("certificates")
      .withIndex("by_cohortId_and_issueStatus", (q) => q.eq("cohortId", acmePrivate).eq("issueStatus", "pending"))
      .take(100)
  ).filter((c) => c.kind === "course");
  if (privateCertificates.length >= 2) {
    const [expired, revoked] = privateCertificates;
    const issuedAt = now - 400 * DAY;
    const expiresAt = now - 35 * DAY;
    await ctx.db.patch("certificates", expired._id, {
      issuedAt,
      expiresAt,
      badgeData: {
        ...expired.badgeData,
        validFrom: new Date(issuedAt).toISOString(),
        validUntil: new Date(expiresAt).toISOString(),
      },
    });
    await ctx.db.patch("certificates", revoked._id, {
      revokedAt: now - 2 * DAY,
      revocationReason: "Issued in error: attendance records were corrected.",
    });
    await ctx.db.insert("credentialStatusLists", { listNumber: 1, version: 1, updatedAt: now });
  }
}

/**
 * Maya's evidence from the finished Acme cohort, through the same level bookkeeping as her own records: Taylor Brooks
 * showed every Prompt Engineering competency (so once her Practitioner badge is issued she waits for an Advanced
 * sign-off on Maya's skills page), Chloe Costa two of them (one not yet).
 */
async function recordDemoEvidence(
  ctx: MutationCtx,
  {
    instructorId,
    now,
    enrolled,
  }: {
    instructorId: Id<"users">;
    now: number;
    enrolled: Array<{ enrollmentId: Id<"enrollments">; userId: Id<"users"> }>;
  },
) {
  const skill = await ctx.db
    .query("skills")
    .withIndex("by_slug", (q) => q.eq("slug", "prompt-engineering"))
    .unique();
  if (skill === null) return;
  const competencies = await ctx.db
    .query("competencies")
    .withIndex("by_skillId", (q) => q.eq("skillId", skill._id))
    .take(20);
  const plans: Record<string, Array<[number, "observation" | "project"]>> = {
    "taylor.brooks@acme.com": [
      [88, "observation"],
      [92, "project"],
      [78, "observation"],
      [85, "project"],
    ],
    "chloe.costa@acme.com": [
      [81, "project"],
      [62, "observation"],
    ],
  };
  for (const { enrollmentId, userId } of enrolled) {
    const user = await ctx.db.get("users", userId);
    const plan = user ? plans[user.email] : undefined;
    if (!plan) continue;
    for (const [i, [score, evidenceType]] of plan.entries()) {
      const competency = competencies[i];
      await ctx.db.insert("competencyEvidence", {
        userId,
        competencyId: competency._id,
        enrollmentId,
        evidenceType,
        score,
        passed: score >= competency.passingThreshold,
        notes:
          score >= competency.passingThreshold
            ? "Clear, reusable and tested on real cases."
            : "Close: tighten the output format.",
        assessedBy: instructorId,
        createdAt: now - 44 * DAY + i * 60 * 60 * 1000,
      });
    }
    await raiseLevel(ctx, userId, skill, "foundational");
  }
}
