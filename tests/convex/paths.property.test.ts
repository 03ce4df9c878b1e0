/**
 * #19 a learning path's unlock rules and progress under random structures and random sequences of what happens to a
 * learner: course certificates issued (steps completed, in any order, optional ones too), revoked, time passing
 * (scheduled refreshes and the cron's sweep) and attempts to take a step's seat. After every step of the sequence,
 * checked against an oracle written here (not paths/model/rules.ts):
 *
 * - progress = completed required steps / required steps (rounded percent), and the status is "completed" exactly
 *   when every required step is;
 * - a step that opened did so only when its rule was met (never before its time, never before its gate's course was
 *   completed), and a step whose rule is met is open;
 * - an opened step stays open (a revocation lowers progress, never re-locks);
 * - a seat can be taken only in an open step (a locked one is refused with STEP_LOCKED).
 */
import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { recordRevocation } from "../../convex/certificates/model/statusList";
import { enrollInPath } from "../../convex/paths/model/enroll";
import { as, stubStripeEnv, type T } from "./checkout-helpers";
import { type IssuerKeys, newIssuerKeys } from "./certificate-helpers";
import { newTest } from "./helpers";
import { addPerson, completeCourse, seedPath, type StepSpec } from "./path-helpers";
import { allowRefusal, EdgeCoverage, runs, settle, weighted } from "./property-support";

const DAY = 86_400_000;

// Revocations re-sign the status list: the issuer's key is in the environment as in a deployment.
let keys: IssuerKeys;
beforeAll(async () => {
  keys = await newIssuerKeys();
});
beforeEach(() => {
  vi.useFakeTimers();
  stubStripeEnv();
  vi.stubEnv("CREDENTIAL_PUBLIC_KEY", keys.publicKeyMultibase);
  vi.stubEnv("CREDENTIAL_SECRET_KEY", keys.secretKeyMultibase);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** A random path: 2–5 steps, each rule with its parameters; the first step may not wait for an earlier one. */
const vStructure = fc
  .array(
    fc.record({
      isRequired: fc.boolean(),
      rule: fc.constantFrom("immediate", "sequential", "after_days", "after_completion"),
      days: fc.integer({ min: 1, max: 6 }),
      after: fc.nat(),
    }),
    { minLength: 2, maxLength: 5 },
  )
  .map((raw) =>
    raw.map((s, i): StepSpec => {
      const isRequired = s.isRequired || i === raw.length - 1; // at least one required step
      if (s.rule === "after_completion" && i > 0) return { isRequired, unlockRule: s.rule, after: s.after % i };
      if (s.rule === "after_days") return { isRequired, unlockRule: s.rule, days: s.days };
      if (s.rule === "sequential") return { isRequired, unlockRule: s.rule };
      return { isRequired, unlockRule: "immediate" };
    }),
  );

type Op =
  | { op: "complete"; step: number }
  | { op: "revoke"; step: number }
  | { op: "wait"; days: number }
  | { op: "sweep" }
  | { op: "take"; step: number };

const vOp: fc.Arbitrary<Op> = fc
  .record({
    op: weighted<Op["op"]>([
      ["complete", 6],
      ["revoke", 1],
      ["wait", 3],
      ["sweep", 1],
      ["take", 3],
    ]),
    step: fc.nat(4),
    days: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ op, step, days }): Op => (op === "wait" ? { op, days } : op === "sweep" ? { op } : { op, step }));

type Edge =
  | "a time rule opened a step"
  | "a completion opened a step"
  | "sequential waited past an optional step"
  | "an optional step completed"
  | "a revocation lowered progress"
  | "path completed"
  | "a locked step's seat refused"
  | "an open step's seat taken";

const EDGES: Edge[] = [
  "a time rule opened a step",
  "a completion opened a step",
  "sequential waited past an optional step",
  "an optional step completed",
  "a revocation lowered progress",
  "path completed",
  "a locked step's seat refused",
  "an open step's seat taken",
];

/** The oracle's own reading of the rules. */
function gateOf(steps: StepSpec[], i: number): number | null {
  const step = steps[i];
  if (step.unlockRule === "after_completion") return step.after ?? null;
  if (step.unlockRule !== "sequential") return null;
  for (let j = i - 1; j >= 0; j--) if (steps[j].isRequired !== false) return j;
  return null;
}

function met(steps: StepSpec[], i: number, completed: ReadonlySet<number>, enrolledAt: number, now: number) {
  const step = steps[i];
  if (step.unlockRule === "after_days") return now >= enrolledAt + (step.days ?? 0) * DAY;
  const gate = gateOf(steps, i);
  return gate === null || completed.has(gate);
}

type Observed = { unlocked: boolean[]; progress: number; status: Doc<"userPathEnrollments">["status"] };

async function observe(t: T, pathEnrollmentId: Id<"userPathEnrollments">, stepIds: Id<"learningPathSteps">[]) {
  return await t.run(async (ctx): Promise<Observed> => {
    const enrollment = (await ctx.db.get("userPathEnrollments", pathEnrollmentId))!;
    const rows = await ctx.db
      .query("pathStepProgress")
      .withIndex("by_pathEnrollmentId", (q) => q.eq("pathEnrollmentId", pathEnrollmentId))
      .collect();
    return {
      unlocked: stepIds.map((id) => rows.find((r) => r.stepId === id)?.unlockedAt !== undefined),
      progress: enrollment.progressPercent,
      status: enrollment.status,
    };
  });
}

test("progress = completed required / required steps, and no step opens before its rule is met — for random paths and histories", async () => {
  const coverage = new EdgeCoverage<Edge>("paths", EDGES);
  await fc.assert(
    fc.asyncProperty(vStructure, fc.array(vOp, { minLength: 8, maxLength: 18 }), async (steps, ops) => {
      coverage.startRun();
      const t = newTest();
      const world = await seedPath(t, steps);
      const learner = await addPerson(t, "learner@example.com");
      const pathEnrollmentId = await t.run(async (ctx) =>
        enrollInPath(ctx, (await ctx.db.get("users", learner))!, (await ctx.db.get("learningPaths", world.pathId))!, {
          paymentType: "bundle",
          welcome: false,
        }),
      );
      const enrolledAt = (await t.run(async (ctx) => ctx.db.get("userPathEnrollments", pathEnrollmentId)))!.enrolledAt;
      const required = steps.map((s, i) => (s.isRequired !== false ? i : -1)).filter((i) => i >= 0);
      const completed = new Set<number>();
      const certificates = new Map<number, Id<"certificates">>();
      const seated = new Set<number>();
      /** Courses the learner took (a completed enrollment stays, whatever became of its certificate). */
      const attended = new Set<number>();
      let before = await observe(t, pathEnrollmentId, world.stepIds);

      const check = (now: number, after: Observed) => {
        const expected = Math.round((100 * required.filter((i) => completed.has(i)).length) / required.length);
        expect(after.progress, "progress").toBe(expected);
        expect(after.status, "status").toBe(required.every((i) => completed.has(i)) ? "completed" : "active");
        steps.forEach((_, i) => {
          const ruleMet = met(steps, i, completed, enrolledAt, now);
          if (after.unlocked[i] && !before.unlocked[i]) {
            expect(ruleMet, `step ${i + 1} opened before its rule was met`).toBe(true);
            if (steps[i].unlockRule === "after_days") coverage.hit("a time rule opened a step");
            else if (gateOf(steps, i) !== null) coverage.hit("a completion opened a step");
            if (steps[i].unlockRule === "sequential" && steps[i - 1]?.isRequired === false && gateOf(steps, i) !== null)
              coverage.hit("sequential waited past an optional step");
          }
          if (before.unlocked[i]) expect(after.unlocked[i], `step ${i + 1} was locked again`).toBe(true);
          if (ruleMet) expect(after.unlocked[i], `step ${i + 1}'s rule is met but it is locked`).toBe(true);
        });
        if (after.progress < before.progress) coverage.hit("a revocation lowered progress");
        if (after.status === "completed") coverage.hit("path completed");
      };

      for (const op of ops) {
        const i = "step" in op ? op.step % steps.length : 0;
        if (op.op === "complete" && !completed.has(i)) {
          const certificate = await completeCourse(t, learner, world.courseIds[i]);
          certificates.set(i, certificate._id);
          completed.add(i);
          attended.add(i);
          if (steps[i].isRequired === false) coverage.hit("an optional step completed");
        } else if (op.op === "revoke" && certificates.has(i)) {
          await t.run(async (ctx) =>
            recordRevocation(ctx, (await ctx.db.get("certificates", certificates.get(i)!))!, "Issued in error."),
          );
          certificates.delete(i);
          completed.delete(i);
        } else if (op.op === "wait") {
          await settle(t, op.days * DAY);
        } else if (op.op === "sweep") {
          await t.mutation(internal.paths.unlocks.sweep, {});
        } else if (op.op === "take" && !seated.has(i)) {
          const result = await allowRefusal(
            as(t, learner).mutation(api.paths.seats.take, {
              pathEnrollmentId,
              stepId: world.stepIds[i],
              cohortId: world.cohortIds[i],
            }),
            ["STEP_LOCKED", "COHORT_NOT_OPEN", "ALREADY_ENROLLED"],
          );
          if (result.ok) {
            expect(before.unlocked[i], "a seat was taken in a locked step").toBe(true);
            seated.add(i);
            coverage.hit("an open step's seat taken");
          } else if (result.code === "STEP_LOCKED") {
            expect(before.unlocked[i], "an open step's seat was refused as locked").toBe(false);
            coverage.hit("a locked step's seat refused");
          } else if (result.code === "ALREADY_ENROLLED") {
            // The course's own enrollment (the one its certificate was earned in) is the learner's seat in it.
            expect(attended.has(i), "refused as enrolled in a course never taken").toBe(true);
          }
        }
        const after = await observe(t, pathEnrollmentId, world.stepIds);
        check(Date.now(), after);
        before = after;
      }
    }),
    // No shrinking: one run is dozens of transactions; a failure prints its seed and sequence.
    { numRuns: runs(100), endOnFailure: true },
  );
  // Required shares sit about four standard deviations below those observed over 100 runs (completion ~55%, time
  // ~50%, path completed ~58%, seat taken ~52%, optional step ~72%, locked seat ~37%, revocation ~22%), so a correct
  // build does not miss them by chance; the rare "sequential waited past an optional step" (~5%) prints and has its
  // example test in paths-progress.test.ts.
  coverage.expectReached({
    "a completion opened a step": 0.35,
    "a time rule opened a step": 0.25,
    "path completed": 0.35,
    "an open step's seat taken": 0.3,
    "an optional step completed": 0.5,
    "a locked step's seat refused": 0.15,
    "a revocation lowered progress": 0.05,
    "sequential waited past an optional step": 0,
  });
}, 300_000);
