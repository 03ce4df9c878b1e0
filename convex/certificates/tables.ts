/** Certificates (signed Open Badges 3.0 credentials) and the revocation lists. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vBadgeSummary, vCertificateIssueStatus, vSkillLevel } from "../validators";

export const certificatesTables = {
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
    /** The holder's name, kept here when they had their data erased but chose to keep the certificate. */
    holderName: v.optional(v.string()),
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
    /** A skill badge at Advanced or Expert: the instructor who signed the learner off (convex/skills/evidence.ts). */
    signedOffBy: v.optional(v.id("users")),
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
};
