/** Skills and competencies, what courses teach, learners' skill levels, evidence and the spec's skill badges. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vBadgeSummary,
  vContributionLevel,
  vCourseSkillLevel,
  vEvidenceType,
  vSkillCategory,
  vSkillLevel,
  vSkillProgressLevel,
} from "../validators";

export const skillsTables = {
  skills: defineTable({
    name: v.string(),
    slug: v.string(),
    description: v.string(),
    category: vSkillCategory,
    level: vSkillLevel,
    parentSkillId: v.optional(v.id("skills")),
    prerequisites: v.optional(v.array(v.id("skills"))),
    iconUrl: v.optional(v.string()),
    /** Months a badge of this skill stays valid: 0 never expires; absent, the category's default (model/levels.ts). */
    badgeValidityMonths: v.optional(v.number()),
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

  /**
   * A learner's public skills portfolio (/portfolio/<slug>): off until they switch it on. The slug is made by the
   * server (a name part and 64 random bits), so it names one learner and cannot be chosen or guessed; a new link
   * replaces it, and the old one stops working.
   */
  skillPortfolios: defineTable({
    userId: v.id("users"),
    slug: v.string(),
    isPublic: v.boolean(),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_userId", ["userId"])
    .index("by_slug", ["slug"]),
};
