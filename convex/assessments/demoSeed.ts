/**
 * The demo academy's finished Acme cohort takes its assessments (seed:run schedules this): one learner per
 * transaction, in turn, through the learners' own helpers; the last job records attendance and plans certificates.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../functions";
import { finishPrivateCohort } from "../seed";
import { takeAsDemoLearner } from "./model/demo";

const DAY = 24 * 60 * 60 * 1000;

/** Deterministic pseudo-random numbers, so every seeded academy looks the same. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const takeInTurn = internalMutation({
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
      await takeAsDemoLearner(ctx, { assessment: pre, enrollment, instructorId: args.instructorId, skill: before, at: args.now - 47 * DAY, rand, phase: "before" });
      await takeAsDemoLearner(ctx, { assessment: post, enrollment, instructorId: args.instructorId, skill: after, at: args.now - 43 * DAY, rand, phase: "after" });
    }
    await ctx.scheduler.runAfter(0, internal.assessments.demoSeed.takeInTurn, { ...args, enrollmentIds: rest, seed: Math.floor(rand() * 2 ** 31) });
    return null;
  },
});
