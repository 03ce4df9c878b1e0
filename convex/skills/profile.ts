/** The learner's own skill profile (/learn/skills): levels, how they were earned, badges and what to learn next. */
import { v } from "convex/values";
import { userQuery } from "../functions";
import { learnerProfile } from "./model/profile";
import { vCourseSkillLevel, vEvidenceType, vSkillCategory, vSkillLevel, vSkillProgressLevel } from "../validators";

const vRef = v.object({ title: v.string(), slug: v.string() });

const vNextStep = v.union(
  v.object({ kind: v.literal("course"), level: vSkillLevel, course: vRef, path: v.union(v.null(), vRef) }),
  v.object({
    kind: v.literal("sign_off"),
    level: vSkillLevel,
    ready: v.boolean(),
    missing: v.array(v.string()),
    course: v.union(v.null(), vRef),
  }),
  v.object({ kind: v.literal("issuing"), level: vSkillLevel }),
  v.object({ kind: v.literal("top"), level: vSkillLevel }),
  v.object({ kind: v.literal("none"), level: vSkillLevel }),
);

/** The viewer's skill profile; null for signed-out callers. Expiry is shown against the viewer's clock. */
export const mine = userQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      skills: v.array(
        v.object({
          skillId: v.id("skills"),
          name: v.string(),
          slug: v.string(),
          category: vSkillCategory,
          description: v.string(),
          highestLevel: vSkillLevel,
          level: vSkillProgressLevel,
          progressPercent: v.number(),
          competencies: v.number(),
          competenciesShown: v.number(),
          verifiedByInstructor: v.boolean(),
          courses: v.array(
            v.object({ title: v.string(), slug: v.string(), completedAt: v.number(), skillLevel: vCourseSkillLevel }),
          ),
          assessments: v.array(v.object({ courseTitle: v.string(), preScore: v.number(), postScore: v.number() })),
          evidence: v.array(
            v.object({
              competency: v.string(),
              evidenceType: vEvidenceType,
              score: v.number(),
              passed: v.boolean(),
              notes: v.union(v.null(), v.string()),
              assessedBy: v.union(v.null(), v.string()),
              createdAt: v.number(),
            }),
          ),
          badges: v.array(
            v.object({
              publicId: v.string(),
              name: v.string(),
              level: vSkillLevel,
              issuedAt: v.number(),
              expiresAt: v.union(v.null(), v.number()),
              issuing: v.boolean(),
              revoked: v.boolean(),
              signedOff: v.boolean(),
            }),
          ),
          next: vNextStep,
        }),
      ),
      suggestions: v.array(
        v.object({
          name: v.string(),
          category: vSkillCategory,
          description: v.string(),
          course: vRef,
          path: v.union(v.null(), vRef),
        }),
      ),
    }),
  ),
  handler: async (ctx) => (ctx.viewer === null ? null : await learnerProfile(ctx, ctx.viewer)),
});
