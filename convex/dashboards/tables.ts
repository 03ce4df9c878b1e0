/** Manager dashboards: members' figures and running totals, daily snapshots, reports and manager reminders. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vPaceStatus,
  vPeriodType,
  vReminderChannel,
  vReminderTarget,
  vReportFormat,
  vReportRunStatus,
  vReportType,
} from "../validators";

export const dashboardsTables = {
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
    /**
     * The team's goal on a team row (its progress and pace then follow the goal); on the organization row, the member's
     * goals across their teams together (met when all are; the earliest deadline not yet met).
     */
    goal: v.optional(v.object({ progressPercent: v.number(), met: v.boolean(), deadline: v.optional(v.number()) })),
    privacy: v.object({
      scores: v.boolean(),
      activity: v.boolean(),
      certificates: v.boolean(),
      leaderboard: v.boolean(),
    }),
    updatedAt: v.number(),
  })
    .index("by_organizationId_and_teamId_and_name", ["organizationId", "teamId", "name"])
    .index("by_organizationId_and_teamId_and_inProgress_and_lastActiveAt", [
      "organizationId",
      "teamId",
      "inProgress",
      "lastActiveAt",
    ])
    .index("by_organizationId_and_teamId_and_pace", ["organizationId", "teamId", "pace"])
    .index("by_userId", ["userId"]),

  /**
   * Running sums of `memberStats` per organization (`teamId` absent) and per team. An organization's sums are split
   * over `ORG_TOTALS_SHARDS` rows, each member always moving the same one (`shard`), so refreshes of different members
   * of one organization do not all write one document; readers add the rows up (`getTotals`). Team rows are one each.
   */
  dashboardTotals: defineTable({
    organizationId: v.id("organizations"),
    teamId: v.optional(v.id("teams")),
    shard: v.optional(v.number()),
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
  }).index("by_organizationId_and_teamId_and_shard", ["organizationId", "teamId", "shard"]),

  /**
   * Members of a scope (organization, or team) by the UTC day they were last active: "active in the last 7 days" reads
   * 8 rows.
   */
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
};
