/**
 * #19 unlock rules, progress and completion on the server: each rule (immediate, sequential, after N days, after a
 * chosen step) opens its step exactly when met, learners are told once when a step opens, progress is completed
 * required steps over required steps as course certificates arrive (and falls back when one is revoked), and the path
 * certificate's record gets its PATH-YYYY-NNNNNN number.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { recordIssued } from "../../convex/certificates/model/issue";
import { recordRevocation } from "../../convex/certificates/model/statusList";
import { enrollInPath } from "../../convex/paths/model/enroll";
import { as, runScheduled, stubStripeEnv, type T } from "./checkout-helpers";
import { type IssuerKeys, newIssuerKeys } from "./certificate-helpers";
import { expectAppError, newTest } from "./helpers";
import { mailTo, notificationTitles } from "./inbox";
import { addPerson, completeCourse, seedPath, type StepSpec } from "./path-helpers";

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

/** A learner enrolled in a fresh path through the real helper (a bundle unless said otherwise). */
async function enrolled(t: T, steps: StepSpec[], paymentType: "bundle" | "individual" = "bundle") {
  const world = await seedPath(t, steps);
  const learner = await addPerson(t, "learner@example.com");
  const pathEnrollmentId = await t.run(async (ctx) =>
    enrollInPath(ctx, (await ctx.db.get("users", learner))!, (await ctx.db.get("learningPaths", world.pathId))!, {
      paymentType,
    }),
  );
  const view = async () => (await as(t, learner).query(api.paths.following.get, { pathEnrollmentId }))!;
  const states = async () => (await view()).steps.map((s) => s.state);
  return { world, learner, pathEnrollmentId, view, states };
}

describe("#19 each unlock rule opens its step exactly when it is met", () => {
  test("immediate steps are open from enrollment; a sequential step waits for the previous required step", async () => {
    const t = newTest();
    const { world, learner, states, view } = await enrolled(t, [
      { unlockRule: "immediate" },
      { unlockRule: "immediate", isRequired: false },
      { unlockRule: "sequential" },
      { unlockRule: "sequential" },
    ]);
    expect(await states()).toEqual(["open", "open", "locked", "locked"]);
    expect((await view()).steps[2].waitsFor).toEqual({ stepNumber: 1, courseTitle: "Course 1" });
    // Completing the optional step 2 opens nothing: step 3 waits for step 1, the previous *required* step.
    await completeCourse(t, learner, world.courseIds[1]);
    expect(await states()).toEqual(["open", "completed", "locked", "locked"]);
    await completeCourse(t, learner, world.courseIds[0]);
    expect(await states()).toEqual(["completed", "completed", "open", "locked"]);
    await completeCourse(t, learner, world.courseIds[2]);
    expect(await states()).toEqual(["completed", "completed", "completed", "open"]);
    // Each step a completion opened was announced once, in the app and by email, with the seat the bundle includes.
    const titles = await notificationTitles(t, learner);
    expect(titles.filter((title) => title.startsWith("Step "))).toEqual([
      "Step 3 of Test Track is open: Course 3",
      "Step 4 of Test Track is open: Course 4",
    ]);
    const opened = (await mailTo(t, "learner@example.com")).filter((e) => e.subject.startsWith("Step "));
    expect(opened.map((e) => e.subject)).toEqual(["Step 3 is open: Course 3", "Step 4 is open: Course 4"]);
    expect(opened[0].html).toContain("Your seat is included: choose the cohort that suits you.");
  });

  test("after N days: opens at enrollment + N days (scheduled), not a moment before, and the learner is told once", async () => {
    const t = newTest();
    const { learner, states, view } = await enrolled(t, [
      { unlockRule: "immediate" },
      { unlockRule: "after_days", days: 3 },
    ]);
    const enrolledAt = (await view()).enrolledAt;
    expect((await view()).steps[1].opensAt).toBe(enrolledAt + 3 * DAY);
    await runScheduled(t, 3 * DAY - 60_000);
    expect(await states()).toEqual(["open", "locked"]);
    expect(await notificationTitles(t, learner)).toEqual(["You're enrolled in the Test Track"]);
    await runScheduled(t, 60_000);
    expect(await states()).toEqual(["open", "open"]);
    const opened = (await view()).steps[1];
    expect(opened.unlockedAt).toBeGreaterThanOrEqual(enrolledAt + 3 * DAY);
    expect(await notificationTitles(t, learner)).toEqual([
      "You're enrolled in the Test Track",
      "Step 2 of Test Track is open: Course 2",
    ]);
    const emails = await mailTo(t, "learner@example.com");
    expect(emails.filter((e) => e.subject === "Step 2 is open: Course 2")).toHaveLength(1);
    // Sweeps and refreshes later change nothing and tell nobody again.
    await t.mutation(internal.paths.unlocks.sweep, {});
    await runScheduled(t, DAY);
    expect(await notificationTitles(t, learner)).toHaveLength(2);
  });

  test("the cron's sweep opens a time step whose scheduled refresh did not come (an admin shortened the wait)", async () => {
    const t = newTest();
    const { world, states } = await enrolled(t, [{ unlockRule: "after_days", days: 30 }]);
    await t.run(async (ctx) => ctx.db.patch("learningPathSteps", world.stepIds[0], { unlockAfterDays: 2 }));
    await t.mutation(internal.paths.unlocks.resyncPath, { pathId: world.pathId, cursor: null });
    vi.advanceTimersByTime(2 * DAY + 1000);
    // Only the sweep: the refresh scheduled for day 2 by the resync is not run here.
    expect(await t.mutation(internal.paths.unlocks.sweep, {})).toEqual({ refreshed: 1, expired: 0 });
    expect(await states()).toEqual(["open"]);
  });

  test("after a chosen step: opens once that step's course is completed, whatever else is done", async () => {
    const t = newTest();
    const { world, learner, states } = await enrolled(t, [
      { unlockRule: "immediate" },
      { unlockRule: "immediate" },
      { unlockRule: "after_completion", after: 1 },
    ]);
    await completeCourse(t, learner, world.courseIds[0]);
    expect(await states()).toEqual(["completed", "open", "locked"]);
    await completeCourse(t, learner, world.courseIds[1]);
    expect(await states()).toEqual(["completed", "completed", "open"]);
  });

  test("a locked step's seat cannot be taken; a paused or ended path opens nothing", async () => {
    const t = newTest();
    const { world, learner, pathEnrollmentId, states } = await enrolled(t, [
      { unlockRule: "immediate" },
      { unlockRule: "after_days", days: 1 },
    ]);
    await t.run(async (ctx) => ctx.db.patch("userPathEnrollments", pathEnrollmentId, { status: "paused" }));
    await runScheduled(t, 2 * DAY);
    expect(await states()).toEqual(["open", "locked"]);
    await expectAppError(
      as(t, learner).mutation(api.paths.seats.take, {
        pathEnrollmentId,
        stepId: world.stepIds[0],
        cohortId: world.cohortIds[0],
      }),
      "ENROLLMENT_NOT_ACTIVE",
    );
    // Resumed: the moment has passed, so the step opens at the next refresh.
    await t.run(async (ctx) => ctx.db.patch("userPathEnrollments", pathEnrollmentId, { status: "active" }));
    await t.mutation(internal.paths.unlocks.refresh, { pathEnrollmentId });
    expect(await states()).toEqual(["open", "open"]);
  });

  test("a bundle's access ends at its expiry: the sweep marks it ended and nothing more opens", async () => {
    const t = newTest();
    const { view } = await enrolled(t, [{ unlockRule: "immediate" }]);
    const { expiresAt, enrolledAt } = await view();
    expect(expiresAt).toBe(enrolledAt + 365 * DAY);
    vi.advanceTimersByTime(365 * DAY + 1);
    expect(await t.mutation(internal.paths.unlocks.sweep, {})).toMatchObject({ expired: 1 });
    expect((await view()).status).toBe("expired");
  });
});

describe("#19 progress and completion follow course certificates", () => {
  test("progress is completed required steps over required steps; the current step moves; completion is recorded", async () => {
    const t = newTest();
    const { world, learner, pathEnrollmentId, view } = await enrolled(t, [
      { unlockRule: "immediate" },
      { unlockRule: "immediate", isRequired: false },
      { unlockRule: "immediate" },
      { unlockRule: "immediate" },
    ]);
    expect(await view()).toMatchObject({ progressPercent: 0, currentStepId: world.stepIds[0], status: "active" });
    await completeCourse(t, learner, world.courseIds[1]);
    expect((await view()).progressPercent).toBe(0);
    await completeCourse(t, learner, world.courseIds[0]);
    expect(await view()).toMatchObject({ progressPercent: 33, completedRequired: 1, currentStepId: world.stepIds[2] });
    await completeCourse(t, learner, world.courseIds[2]);
    expect((await view()).progressPercent).toBe(67);
    const last = await completeCourse(t, learner, world.courseIds[3]);
    const done = await view();
    expect(done).toMatchObject({ progressPercent: 100, status: "completed", completedRequired: 3 });
    expect(done.currentStepId).toBeUndefined();
    expect(done.completedAt).toBeDefined();
    const stored = await t.run(async (ctx) => ({
      enrollment: (await ctx.db.get("userPathEnrollments", pathEnrollmentId))!,
      path: (await ctx.db.get("learningPaths", world.pathId))!,
    }));
    expect(stored.enrollment.completedSteps).toEqual(world.stepIds);
    expect(stored.path.completionCount).toBe(1);

    // A revoked course certificate no longer counts: the path is in progress again (its steps stay open).
    await t.run(async (ctx) =>
      recordRevocation(ctx, (await ctx.db.get("certificates", last._id))!, "Issued in error."),
    );
    expect(await view()).toMatchObject({ progressPercent: 67, status: "active", currentStepId: world.stepIds[3] });
    expect((await view()).steps[3].state).toBe("open");
    expect((await t.run(async (ctx) => ctx.db.get("learningPaths", world.pathId)))!.completionCount).toBe(0);
  });

  test("a course completed before enrolling counts at once; a certificate still being signed does not", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }, { unlockRule: "sequential" }], {
      pricing: "individual",
    });
    const learner = await addPerson(t, "early@example.com");
    const done = await completeCourse(t, learner, world.courseIds[0]);
    // Course 2's certificate is planned but not signed yet.
    await t.run(async (ctx) => {
      const { _id, _creationTime, ...fields } = done;
      void [_id, _creationTime];
      await ctx.db.insert("certificates", {
        ...fields,
        courseId: world.courseIds[1],
        publicId: crypto.randomUUID(),
        issueStatus: "pending",
      });
    });
    await as(t, learner).mutation(api.paths.following.follow, { pathId: world.pathId });
    const view = (await as(t, learner).query(api.paths.following.list, {}))[0];
    expect(view.steps.map((s) => s.state)).toEqual(["completed", "open"]);
    expect(view.progressPercent).toBe(50);
  }, 20_000);

  test("the path certificate's record is numbered PATH-YYYY-NNNNNN, counting up within the year, once", async () => {
    const t = newTest();
    const world = await seedPath(t, [{ unlockRule: "immediate" }]);
    const skillId = await t.run(async (ctx) => {
      const id = await ctx.db.insert("skills", {
        name: "Prompting",
        slug: "prompting",
        description: "Prompting",
        category: "technical",
        level: "foundational",
        isActive: true,
        sortOrder: 1,
        createdAt: 1,
        updatedAt: 1,
      });
      await ctx.db.patch("learningPaths", world.pathId, { skillIds: [id] });
      return id;
    });
    const numbers = [];
    for (const email of ["first@example.com", "second@example.com"]) {
      const learner = await addPerson(t, email);
      await t.run(async (ctx) => {
        await enrollInPath(
          ctx,
          (await ctx.db.get("users", learner))!,
          (await ctx.db.get("learningPaths", world.pathId))!,
          {
            paymentType: "bundle",
          },
        );
        await ctx.db.insert("userSkillProgress", {
          userId: learner,
          skillId,
          currentLevel: "practitioner",
          progressPercent: 100,
          evidenceCount: 1,
          verifiedByInstructor: false,
          createdAt: 1,
          updatedAt: 1,
        });
      });
      const course = await completeCourse(t, learner, world.courseIds[0]);
      const pathCertificate = await issuePathCertificate(t, course, world.pathId);
      numbers.push(pathCertificate);
    }
    const year = new Date().getUTCFullYear();
    expect(numbers.map((n) => n.certificateNumber)).toEqual([`PATH-${year}-000001`, `PATH-${year}-000002`]);
    expect(numbers[0].skillsAchieved).toEqual([{ skillId, level: "practitioner" }]);
    expect((await t.run(async (ctx) => ctx.db.query("pathCertificates").collect())).length).toBe(2);
  }, 20_000);
});

/** A path certificate row for the learner of `course`, recorded as issued through `recordIssued` (twice: once counts). */
async function issuePathCertificate(t: T, course: Doc<"certificates">, pathId: Id<"learningPaths">) {
  return await t.run(async (ctx) => {
    const publicId = crypto.randomUUID();
    const { _id, _creationTime, ...fields } = course;
    void [_id, _creationTime];
    const id = await ctx.db.insert("certificates", {
      ...fields,
      kind: "path",
      pathId,
      publicId,
      issueStatus: "pending",
      statusListIndex: Math.floor(Math.random() * 100_000),
      verificationUrl: `https://academy.test/verify/${publicId}`,
    });
    const storageId = await ctx.storage.store(new Blob(["pdf"]));
    const issued = { credentialJson: "{}", issuerId: "did:key:test", badgeImageId: storageId, badgeSvgId: storageId };
    for (let i = 0; i < 2; i++) {
      await recordIssued(ctx, (await ctx.db.get("certificates", id))!, { ...issued, pdfId: storageId });
    }
    const rows = await ctx.db
      .query("pathCertificates")
      .withIndex("by_userId", (q) => q.eq("userId", course.userId))
      .collect();
    expect(rows).toHaveLength(1);
    return rows[0];
  });
}
