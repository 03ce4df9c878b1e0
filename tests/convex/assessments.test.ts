import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { getTotals } from "../../convex/dashboards/model/memberStats";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { normalizedGain } from "../../convex/assessments/model/scoring";
import { as, enrollConfirmed, type T } from "./checkout-helpers";
import { addPlatformAdmin } from "./fixtures";
import { expectAppError, newTest, restoreFakes } from "./helpers";
import { addUser, seedOrg } from "./org-helpers";
import { PARTIAL_OPEN_ANSWER, SIX_TYPES, STRONG_OPEN_ANSWER } from "./assessment-questions";
import { answerAll, author, DAY, seedCourse, settle, stubAiStandIn } from "./assessments-helpers";

beforeEach(() => {
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("AI_API_KEY", "");
});
afterEach(restoreFakes);

const RIGHT = {
  multiple_choice: { selectedAnswerIds: ["mc-a"] },
  multiple_select: { selectedAnswerIds: ["ms-a", "ms-c"] },
  true_false: { selectedAnswerIds: ["tf-f"] },
  short_answer: { textResponse: "  retrieval   AUGMENTED generation! " },
  rating_scale: { ratingValue: 4 },
  open_ended: { textResponse: STRONG_OPEN_ANSWER },
};

async function responses(t: T, attemptId: Id<"assessmentAttempts">) {
  return await t.run(async (ctx) =>
    ctx.db
      .query("questionResponses")
      .withIndex("by_attemptId_and_questionId", (q) => q.eq("attemptId", attemptId))
      .collect(),
  );
}

describe("grading", () => {
  test("every question type is graded on the server: choices, exact multiple select, normalized short answers, ungraded ratings, open answers to an instructor without a model", async () => {
    const t = newTest();
    const { courseId, cohortId, learner, instructor, admin } = await seedCourse(t);
    const { assessmentId, questionIds } = await author(t, admin, courseId, SIX_TYPES);
    const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    // One wrong selection on multiple select (a correct one missing) earns nothing there.
    await answerAll(t, learner, attemptId, { ...RIGHT, multiple_select: { selectedAnswerIds: ["ms-a"] } });
    expect(await as(t, learner).mutation(api.assessments.take.submit, { attemptId })).toBe("submitted");

    const byQuestion = new Map((await responses(t, attemptId)).map((r) => [r.questionId, r]));
    const [mc, ms, tf, short, rating, open] = questionIds.map((id) => byQuestion.get(id)!);
    expect([mc.pointsEarned, ms.pointsEarned, tf.pointsEarned, short.pointsEarned, rating.pointsEarned]).toEqual([
      10, 0, 10, 10, 0,
    ]);
    expect([mc.isCorrect, ms.isCorrect, tf.isCorrect, short.isCorrect, rating.isCorrect]).toEqual([
      true,
      false,
      true,
      true,
      undefined,
    ]);
    // No AI key: the open answer waits for the instructor, and the learner is told it does.
    expect(open.gradingState).toBe("manual");
    const waiting = (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!;
    expect(waiting).toMatchObject({ status: "submitted", pendingGrades: 1 });
    expect(waiting.score).toBeUndefined();
    expect((await as(t, learner).query(api.assessments.take.overview, { assessmentId }))!.openAnswersGradedByHand).toBe(
      true,
    );

    const queue = (await as(t, instructor).query(api.assessments.review.queue, { cohortId }))!;
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ state: "manual", response: STRONG_OPEN_ANSWER, points: 10 });
    await as(t, instructor).mutation(api.assessments.review.grade, {
      responseId: open._id,
      points: 7.5,
      comment: "Good process; quantify the outcome.",
    });
    const graded = (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!;
    // 10 + 0 + 10 + 10 + 7.5 of 50 possible (the rating earns and costs nothing).
    expect(graded).toMatchObject({ status: "graded", score: 75, pendingGrades: 0 });
    expect(graded.questions.find((q) => q.questionType === "open_ended")!.result).toMatchObject({
      pointsEarned: 7.5,
      reviewerComment: "Good process; quantify the outcome.",
    });
    // The learner was told when the instructor finished.
    const notes = await t.run(async (ctx) => ctx.db.query("notifications").collect());
    expect(notes.filter((n) => n.userId === learner).map((n) => n.title)).toContain("Graded: Baseline: AI at work");
  });

  test("answers are checked against the question: options of the question only, one for single choice, ratings on the scale", async () => {
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, SIX_TYPES);
    const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    const view = (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!;
    const id = (type: string) => view.questions.find((q) => q.questionType === type)!.questionId;
    const save = (questionId: Id<"assessmentQuestions">, input: object) =>
      as(t, learner).mutation(api.assessments.take.saveAnswer, { attemptId, questionId, ...input });
    await expectAppError(save(id("multiple_choice"), { selectedAnswerIds: ["mc-a", "mc-b"] }), "INVALID_INPUT");
    await expectAppError(save(id("multiple_choice"), { selectedAnswerIds: ["ms-a"] }), "INVALID_INPUT");
    await expectAppError(save(id("rating_scale"), { ratingValue: 9 }), "INVALID_INPUT");
    await expectAppError(save(id("open_ended"), { textResponse: "x".repeat(5_001) }), "INVALID_INPUT");
  });
});

describe("attempts", () => {
  test("the time limit is enforced on the server: an answer after the deadline is refused and the attempt is submitted as it stood, marked expired", async () => {
    vi.useFakeTimers();
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 3), { timeLimit: 30 });
    const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    const view = (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!;
    expect(view.deadline).toBe(view.startedAt + 30 * 60_000);
    const [mc, ms] = view.questions;
    await as(t, learner).mutation(api.assessments.take.saveAnswer, {
      attemptId,
      questionId: mc.questionId,
      selectedAnswerIds: ["mc-a"],
    });

    vi.advanceTimersByTime(30 * 60_000 + 1_000);
    const message = await expectAppError(
      as(t, learner).mutation(api.assessments.take.saveAnswer, {
        attemptId,
        questionId: ms.questionId,
        selectedAnswerIds: ["ms-a", "ms-c"],
      }),
      "NOT_AVAILABLE",
    );
    expect(message).toMatch(/Time is up/);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    const after = (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!;
    // Only the answer saved in time counts: 10 of 30.
    expect(after).toMatchObject({ status: "expired", score: 33.3, pendingGrades: 0 });
    expect(after.submittedAt).toBe(view.deadline);
  });

  test("the number of attempts is limited; an attempt in progress is resumed, not duplicated", async () => {
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 1), {
      type: "skill_assessment",
      allowRetake: true,
      maxAttempts: 2,
    });
    const first = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    expect(await as(t, learner).mutation(api.assessments.take.start, { assessmentId })).toBe(first);
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: first });
    const second = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    expect(second).not.toBe(first);
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: second });
    expect(
      await expectAppError(as(t, learner).mutation(api.assessments.take.start, { assessmentId }), "NOT_AVAILABLE"),
    ).toBe("You have used all 2 attempts.");
    await expectAppError(as(t, learner).mutation(api.assessments.take.submit, { attemptId: second }), "NOT_AVAILABLE");
    expect((await as(t, learner).query(api.assessments.take.overview, { assessmentId }))!).toMatchObject({
      canStart: false,
      attemptLimit: 2,
    });
  });

  test("a pool draws questionsPerAttempt questions; their order and each question's answer order stay the same on every read of the attempt", async () => {
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const many = Array.from({ length: 8 }, (_, i) => ({
      ...SIX_TYPES[0],
      questionText: `Question ${i + 1}: which prompt element reduces ambiguity?`,
    }));
    const { assessmentId } = await author(t, admin, courseId, many, {
      type: "skill_assessment",
      allowRetake: true,
      randomizeQuestions: true,
      randomizeAnswers: true,
      questionsPerAttempt: 5,
    });
    const orders = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
      const read = async () =>
        (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!.questions.map(
          (q) => `${q.questionText}|${q.options.map((o) => o.id).join(",")}`,
        );
      const first = await read();
      expect(first).toHaveLength(5);
      expect(await read()).toEqual(first);
      orders.add(first.join(";"));
      await as(t, learner).mutation(api.assessments.take.submit, { attemptId });
    }
    // Four draws of 5 from 8 with shuffled answers: not all the same.
    expect(orders.size).toBeGreaterThan(1);
  });

  test("the pre-course assessment is open from 2 days before the start until the first session; the post-course one from the end for 7 days", async () => {
    const t = newTest();
    const { courseId, cohortId, learner, admin } = await seedCourse(t, { startsInDays: 5 });
    const { assessmentId: preId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 1));
    const { assessmentId: postId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 1), {
      type: "post_course",
      passingScore: 70,
      allowRetake: true,
      maxAttempts: 3,
    });
    expect(
      await expectAppError(
        as(t, learner).mutation(api.assessments.take.start, { assessmentId: preId }),
        "NOT_AVAILABLE",
      ),
    ).toMatch(/^It opens on/);
    await t.run(async (ctx) =>
      ctx.db.patch("cohorts", cohortId, { startDate: Date.now() + DAY, endDate: Date.now() + 3 * DAY }),
    );
    const mine = await as(t, learner).query(api.assessments.take.mine, {});
    expect(mine.map((m) => [m.type, m.window])).toEqual([
      ["pre_course", "open"],
      ["post_course", "upcoming"],
    ]);
    await as(t, learner).mutation(api.assessments.take.start, { assessmentId: preId });
    await expectAppError(
      as(t, learner).mutation(api.assessments.take.start, { assessmentId: postId }),
      "NOT_AVAILABLE",
    );
    await t.run(async (ctx) =>
      ctx.db.patch("cohorts", cohortId, { startDate: Date.now() - 4 * DAY, endDate: Date.now() - 2 * DAY }),
    );
    await as(t, learner).mutation(api.assessments.take.start, { assessmentId: postId });
    await t.run(async (ctx) =>
      ctx.db.patch("cohorts", cohortId, { startDate: Date.now() - 12 * DAY, endDate: Date.now() - 10 * DAY }),
    );
    expect((await as(t, learner).query(api.assessments.take.overview, { assessmentId: postId }))!.window).toBe(
      "closed",
    );
  });
});

describe("what learners are sent", () => {
  const HIDDEN = [
    "isCorrect",
    "correctAnswerIds",
    "acceptedAnswers",
    "explanation",
    "answerFeedback",
    "sampleAnswer",
    "rubric",
    "Right: format and criteria.",
    "Explicit formats remove guesswork.",
    "Retrieval-Augmented Generation",
    "categorize tickets",
  ];
  const leaks = (value: unknown) => HIDDEN.filter((needle) => JSON.stringify(value).includes(needle));

  test("correct answers and explanations are never in query results before showCorrectAnswers allows them (after_passing: not after a failed attempt, then after a pass)", async () => {
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const { assessmentId } = await author(
      t,
      admin,
      courseId,
      SIX_TYPES.filter((q) => q.questionType !== "open_ended"),
      {
        type: "skill_assessment",
        passingScore: 70,
        allowRetake: true,
        maxAttempts: 3,
        showCorrectAnswers: "after_passing",
      },
    );
    const first = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    expect(leaks(await as(t, learner).query(api.assessments.take.attempt, { attemptId: first }))).toEqual([]);
    expect(leaks(await as(t, learner).query(api.assessments.take.overview, { assessmentId }))).toEqual([]);
    await answerAll(t, learner, first, { multiple_choice: { selectedAnswerIds: ["mc-b"] } });
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: first });
    const failed = await as(t, learner).query(api.assessments.take.attempt, { attemptId: first });
    expect(failed).toMatchObject({ status: "graded", passed: false, answersRevealed: false });
    expect(leaks(failed)).toEqual([]);

    const second = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    await answerAll(t, learner, second, RIGHT);
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: second });
    const passed = (await as(t, learner).query(api.assessments.take.attempt, { attemptId: second }))!;
    expect(passed).toMatchObject({ passed: true, answersRevealed: true });
    const mc = passed.questions.find((q) => q.questionType === "multiple_choice")!;
    expect(mc.result).toMatchObject({
      correctAnswerIds: ["mc-a"],
      explanation: "Explicit formats remove guesswork.",
      answerFeedback: [{ id: "mc-a", feedback: "Right: format and criteria." }],
    });
    // The earlier, failed attempt is revealed too now (the policy is about the learner having passed).
    expect((await as(t, learner).query(api.assessments.take.attempt, { attemptId: first }))!.answersRevealed).toBe(
      true,
    );
  });

  test("'never' reveals nothing even after submission; the author's preview is what learners get", async () => {
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, SIX_TYPES, { showCorrectAnswers: "never" });
    const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    await answerAll(t, learner, attemptId, RIGHT);
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId });
    expect(leaks(await as(t, learner).query(api.assessments.take.attempt, { attemptId }))).toEqual([]);
    expect(leaks(await as(t, admin).query(api.assessments.authoring.preview, { assessmentId }))).toEqual([]);
    // The author's own view has everything.
    expect(
      leaks(await as(t, admin).query(api.assessments.authoring.assessment, { assessmentId })).length,
    ).toBeGreaterThan(5);
  });
});

describe("AI grading", () => {
  test("with the stand-in: confidence ≥ 0.9 is graded automatically, 0.7–0.9 waits for review with the AI's suggestion, below 0.7 is graded by hand", async () => {
    const calls = stubAiStandIn();
    const t = newTest();
    const { courseId, cohortId, learner, other, instructor, admin } = await seedCourse(t);
    const third = await addUser(t, "third@example.com");
    await enrollConfirmed(t, { userId: other, cohortId, courseId });
    await enrollConfirmed(t, { userId: third, cohortId, courseId });
    const { assessmentId } = await author(t, admin, courseId, [SIX_TYPES[5]]);
    const take = async (userId: Id<"users">, text: string) => {
      const attemptId = await as(t, userId).mutation(api.assessments.take.start, { assessmentId });
      await answerAll(t, userId, attemptId, { open_ended: { textResponse: text } });
      await as(t, userId).mutation(api.assessments.take.submit, { attemptId });
      return attemptId;
    };
    const strong = await take(learner, STRONG_OPEN_ANSWER);
    const partial = await take(other, PARTIAL_OPEN_ANSWER);
    const short = await take(third, "Tickets, mostly.");
    await settle(t);

    const [s] = await responses(t, strong);
    expect(s).toMatchObject({ gradingState: "graded", gradedBySource: "ai", pointsEarned: 10 });
    expect(s.aiConfidence).toBeGreaterThanOrEqual(0.9);
    expect((await as(t, learner).query(api.assessments.take.attempt, { attemptId: strong }))!).toMatchObject({
      status: "graded",
      score: 100,
    });

    const [p] = await responses(t, partial);
    expect(p.gradingState).toBe("review");
    expect(p.aiConfidence).toBeGreaterThanOrEqual(0.7);
    expect(p.aiConfidence).toBeLessThan(0.9);
    expect(p.pointsEarned).toBe(0);
    const [m] = await responses(t, short);
    expect(m.gradingState).toBe("manual");
    expect(m.aiConfidence).toBeLessThan(0.7);

    // What the model was sent: the question, the rubric and the answer between markers, to the configured model with
    // the key.
    expect(calls).toHaveLength(3);
    expect(calls[0]).toMatchObject({
      url: "http://llm.test/v1/chat/completions",
      authorization: "Bearer sk-test-assessments",
    });
    expect(calls[0].body.model).toBe("academy-local-grader");
    expect(calls[0].body.response_format?.type).toBe("json_schema");
    const prompt = JSON.stringify(calls[1].body.messages);
    expect(prompt).toContain("Describe a business process AI could automate");
    expect(prompt).toContain("categorize tickets, route them");
    expect(prompt).toContain(`<<<ANSWER\\n${PARTIAL_OPEN_ANSWER}\\nANSWER>>>`);

    const queue = (await as(t, instructor).query(api.assessments.review.queue, { cohortId }))!;
    expect(queue.items.map((i) => i.state).sort()).toEqual(["manual", "review"]);
    const review = queue.items.find((i) => i.state === "review")!;
    expect(review.aiSuggestedPoints).toBe(Math.round((p.aiScore ?? 0) * 100) / 10);
    await as(t, instructor).mutation(api.assessments.review.accept, { responseId: review.responseId });
    expect((await as(t, other).query(api.assessments.take.attempt, { attemptId: partial }))!).toMatchObject({
      status: "graded",
      score: review.aiSuggestedPoints! * 10,
    });
  });

  test("a model that fails sends the answer to an instructor with the reason", async () => {
    vi.stubEnv("AI_API_KEY", "sk-test");
    vi.stubEnv("AI_BASE_URL", "http://llm.test/v1");
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(JSON.stringify({ error: { message: "overloaded", type: "server_error" } }), {
            status: 503,
            headers: { "content-type": "application/json" },
          }),
      ),
    );
    const t = newTest();
    const { courseId, learner, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, [SIX_TYPES[5]]);
    const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    await answerAll(t, learner, attemptId, { open_ended: { textResponse: STRONG_OPEN_ANSWER } });
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId });
    await settle(t);
    const [r] = await responses(t, attemptId);
    expect(r.gradingState).toBe("manual");
    expect(r.aiExplanation).toMatch(/^AI grading failed: /);
  });
});

describe("grade changes", () => {
  test("instructors change any grade; each change is kept with who, when, from and to, and the score follows; others cannot", async () => {
    const t = newTest();
    const { courseId, cohortId, learner, other, instructor, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 3));
    const attemptId = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    await answerAll(t, learner, attemptId, { ...RIGHT, true_false: { selectedAnswerIds: ["tf-t"] } });
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId });
    expect((await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!.score).toBe(66.7);
    const tf = (await as(t, instructor).query(api.assessments.review.attemptDetail, { attemptId }))!.answers.find(
      (a) => a.questionType === "true_false",
    )!;
    expect(tf).toMatchObject({ answer: "True", correctAnswer: "False", pointsEarned: 0, gradedBy: "rules" });

    await expectAppError(
      as(t, other).mutation(api.assessments.review.grade, { responseId: tf.responseId!, points: 10 }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, learner).mutation(api.assessments.review.grade, { responseId: tf.responseId!, points: 10 }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, instructor).mutation(api.assessments.review.grade, { responseId: tf.responseId!, points: 11 }),
      "INVALID_INPUT",
    );
    await as(t, instructor).mutation(api.assessments.review.grade, {
      responseId: tf.responseId!,
      points: 10,
      comment: "The statement was ambiguous; full credit.",
    });
    expect((await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!.score).toBe(100);
    await as(t, admin).mutation(api.assessments.review.grade, { responseId: tf.responseId!, points: 5 });

    const detail = (await as(t, admin).query(api.assessments.review.attemptDetail, { attemptId }))!;
    const changes = detail.answers.find((a) => a.questionType === "true_false")!.changes;
    expect(changes.map((c) => [c.by, c.from, c.to, c.comment])).toEqual([
      ["maya", 0, 10, "The statement was ambiguous; full credit."],
      ["priya", 10, 5, undefined],
    ]);
    expect(changes.every((c) => typeof c.at === "number" && c.at > 0)).toBe(true);
    expect(detail.score).toBe(83.3);
    expect(await as(t, other).query(api.assessments.review.attemptDetail, { attemptId })).toBeNull();
    expect(await as(t, other).query(api.assessments.review.queue, { cohortId })).toBeNull();
  });
});

describe("learning gain", () => {
  test("Hake's normalized gain, with the rule at pre = 100 and never above 1", () => {
    expect(normalizedGain(40, 85)).toBe(0.75);
    expect(normalizedGain(75, 90)).toBe(0.6);
    expect(normalizedGain(50, 100)).toBe(1);
    expect(normalizedGain(50, 40)).toBe(-0.2);
    expect(normalizedGain(0, 0)).toBe(0);
    expect(normalizedGain(100, 100)).toBe(0);
    expect(normalizedGain(100, 60)).toBe(-0.4);
  });

  test("a graded post-assessment writes the gain per learner and per skill and moves the managers' figures", async () => {
    const t = newTest();
    const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 10 });
    const ada = await addUser(t, "ada@acme.com", { organizationId, holdsOrgSeat: true });
    const enrollmentId = await enrollConfirmed(t, { userId: ada, cohortId, courseId });
    const admin = await addPlatformAdmin(t);
    const [prompting, literacy] = await t.run(async (ctx) =>
      Promise.all(
        ["Prompting", "Literacy"].map((name, i) =>
          ctx.db.insert("skills", {
            name,
            slug: name.toLowerCase(),
            description: name,
            category: "technical",
            level: "foundational",
            isActive: true,
            sortOrder: i,
            createdAt: 1,
            updatedAt: 1,
          }),
        ),
      ),
    );
    await as(t, ada).mutation(api.privacy.controls.update, {
      allowManagerViewScores: true,
      allowManagerViewActivity: true,
      allowManagerViewCertificates: true,
      allowLeaderboardDisplay: false,
    });
    const questions = [
      { ...SIX_TYPES[0], skillIds: [prompting] },
      { ...SIX_TYPES[2], skillIds: [literacy] },
      { ...SIX_TYPES[3], skillIds: [literacy] },
      { ...SIX_TYPES[1], skillIds: [prompting] },
    ];
    const { assessmentId: preId } = await author(t, admin, courseId, questions);
    await t.run(async (ctx) =>
      ctx.db.patch("cohorts", cohortId, { startDate: Date.now() + DAY, endDate: Date.now() + 3 * DAY }),
    );
    const postId = await as(t, admin).mutation(api.assessments.authoring.duplicateAsPost, { assessmentId: preId });
    // Pre: only the true/false right (25 %).
    const pre = await as(t, ada).mutation(api.assessments.take.start, { assessmentId: preId });
    await answerAll(t, ada, pre, { true_false: RIGHT.true_false });
    await as(t, ada).mutation(api.assessments.take.submit, { attemptId: pre });
    await t.run(async (ctx) =>
      ctx.db.patch("cohorts", cohortId, { startDate: Date.now() - 3 * DAY, endDate: Date.now() - DAY }),
    );
    await settle(t);
    const before = await t.run(async (ctx) =>
      ctx.db
        .query("memberStats")
        .withIndex("by_userId", (q) => q.eq("userId", ada))
        .first(),
    );
    expect(before?.learningGain).toBeUndefined();

    // Post: three of four (75 %): gain (75 − 25) / 75 = 0.67.
    const post = await as(t, ada).mutation(api.assessments.take.start, { assessmentId: postId });
    await answerAll(t, ada, post, { ...RIGHT, multiple_select: { selectedAnswerIds: ["ms-b"] } });
    await as(t, ada).mutation(api.assessments.take.submit, { attemptId: post });
    await settle(t);
    const gain = await t.run(async (ctx) =>
      ctx.db
        .query("learningGainAnalytics")
        .withIndex("by_enrollmentId", (q) => q.eq("enrollmentId", enrollmentId))
        .unique(),
    );
    expect(gain).toMatchObject({
      preScore: 25,
      postScore: 75,
      scoreImprovement: 50,
      normalizedGain: 0.67,
      preAssessmentId: preId,
      postAssessmentId: postId,
    });
    expect(gain!.skillGains.map((s) => [s.skillId, s.preScore, s.postScore])).toEqual(
      expect.arrayContaining([
        [prompting, 0, 50],
        [literacy, 50, 100],
      ]),
    );
    const after = await t.run(async (ctx) =>
      ctx.db
        .query("memberStats")
        .withIndex("by_userId", (q) => q.eq("userId", ada))
        .first(),
    );
    expect(after).toMatchObject({ learningGain: 0.67, latestScore: 75 });
    await as(t, adminId).mutation(api.dashboards.views.recordView, {
      organizationId,
      accessType: "view_individual",
      targetUserId: ada,
    });
    const member = await as(t, adminId).query(api.dashboards.views.member, { organizationId, memberId: ada });
    expect(member.learningGain).toBe(0.67);
    const totals = await t.run(async (ctx) => await getTotals(ctx, organizationId));
    expect(totals).toMatchObject({ gainSum: 0.67, gainCount: 1 });
  });
});

describe("certificates", () => {
  test("passing the post-assessment after the cohort completed issues the certificate then; before, the admin panel says why it is missing", async () => {
    const t = newTest();
    const { courseId, cohortId, learner, admin, instructor, enrollmentId } = await seedCourse(t);
    const { assessmentId: postId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 3), {
      type: "post_course",
      passingScore: 70,
      allowRetake: true,
      maxAttempts: 3,
    });
    // The cohort is over; the learner attended its one session.
    await t.run(async (ctx) => {
      const now = Date.now();
      await ctx.db.patch("cohorts", cohortId, { startDate: now - 3 * DAY, endDate: now - DAY, status: "completed" });
      const sessionId = await ctx.db.insert("cohortSessions", {
        cohortId,
        title: "Day 1",
        type: "W",
        startsAt: now - 3 * DAY,
        endsAt: now - 3 * DAY + 3_600_000,
        status: "scheduled",
        sequence: 0,
        instructorId: instructor,
        createdAt: now,
        updatedAt: now,
      });
      await ctx.db.insert("sessionAttendance", {
        cohortSessionId: sessionId,
        cohortId,
        enrollmentId,
        userId: learner,
        status: "present",
        source: "instructor",
        updatedAt: now,
      });
    });
    const missing = await as(t, admin).query(api.certificates.plan.forCohort, { cohortId });
    expect(
      (missing.rows.find((r) => r.enrollmentId === enrollmentId) as { notEligibleReason?: string }).notEligibleReason,
    ).toMatch(/post-course assessment/);

    const failed = await as(t, learner).mutation(api.assessments.take.start, { assessmentId: postId });
    await answerAll(t, learner, failed, { multiple_choice: RIGHT.multiple_choice });
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: failed });
    expect(await t.run(async (ctx) => ctx.db.query("certificates").collect())).toHaveLength(0);

    const passed = await as(t, learner).mutation(api.assessments.take.start, { assessmentId: postId });
    await answerAll(t, learner, passed, RIGHT);
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: passed });
    const certificates = await t.run(async (ctx) => ctx.db.query("certificates").collect());
    expect(certificates.map((c) => [c.enrollmentId, c.kind])).toEqual([[enrollmentId, "course"]]);
  });

  test("platform admins edit the certificate rules and the post-assessment's passing score", async () => {
    const t = newTest();
    const { courseId, instructor, admin } = await seedCourse(t);
    const { assessmentId } = await author(t, admin, courseId, SIX_TYPES.slice(0, 1), {
      type: "post_course",
      passingScore: 70,
      allowRetake: true,
    });
    await expectAppError(
      as(t, instructor).mutation(api.assessments.authoring.saveCertificateRules, {
        courseId,
        minAttendancePercent: 50,
        requirePostAssessment: false,
      }),
      "NOT_PLATFORM_ADMIN",
    );
    await as(t, admin).mutation(api.assessments.authoring.saveCertificateRules, {
      courseId,
      minAttendancePercent: 80,
      requirePostAssessment: true,
      validityMonths: 24,
      passingScore: 85,
    });
    expect(await as(t, admin).query(api.assessments.authoring.certificateRules, { courseId })).toEqual({
      minAttendancePercent: 80,
      requirePostAssessment: true,
      validityMonths: 24,
      postAssessment: { assessmentId, title: "Baseline: AI at work", passingScore: 85 },
    });
  });
});

describe("authoring", () => {
  test("the course's instructor authors; others cannot; questions are checked for their type; the post-assessment duplicates the pre's questions and asks each learner the ones they had", async () => {
    const t = newTest();
    const { courseId, learner, instructor } = await seedCourse(t);
    await expectAppError(author(t, learner, courseId, []), "FORBIDDEN");
    const { assessmentId } = await author(t, instructor, courseId, SIX_TYPES, {
      randomizeQuestions: true,
      questionsPerAttempt: 4,
    });
    const save = (extra: object) =>
      as(t, instructor).mutation(api.assessments.authoring.saveQuestion, {
        assessmentId,
        questionText: "Which?",
        points: 5,
        difficulty: "easy",
        ...extra,
      } as never);
    await expectAppError(
      save({
        questionType: "multiple_choice",
        answers: [
          { id: "a", text: "A", isCorrect: true },
          { id: "b", text: "B", isCorrect: true },
        ],
      }),
      "INVALID_INPUT",
    );
    await expectAppError(save({ questionType: "short_answer", acceptedAnswers: [] }), "INVALID_INPUT");
    await expectAppError(save({ questionType: "open_ended" }), "INVALID_INPUT");
    await expectAppError(
      save({ questionType: "true_false", answers: [{ id: "a", text: "True", isCorrect: true }] }),
      "INVALID_INPUT",
    );

    const pre = await as(t, learner).mutation(api.assessments.take.start, { assessmentId });
    await as(t, learner).mutation(api.assessments.take.submit, { attemptId: pre });
    const postId = await as(t, instructor).mutation(api.assessments.authoring.duplicateAsPost, { assessmentId });
    await expectAppError(
      as(t, instructor).mutation(api.assessments.authoring.duplicateAsPost, { assessmentId }),
      "NOT_AVAILABLE",
    );
    const post = (await as(t, instructor).query(api.assessments.authoring.assessment, { assessmentId: postId }))!;
    expect(post.settings).toMatchObject({
      type: "post_course",
      passingScore: 70,
      maxAttempts: 3,
      showCorrectAnswers: "after_passing",
    });
    expect(post.questions.map((q) => q.questionText)).toEqual(SIX_TYPES.map((q) => q.questionText));

    const texts = async (attemptId: Id<"assessmentAttempts">) =>
      (await as(t, learner).query(api.assessments.take.attempt, { attemptId }))!.questions
        .map((q) => q.questionText)
        .sort();
    const preTexts = await texts(pre);
    await t.run(async (ctx) => {
      const cohort = (await ctx.db.query("cohorts").first())!;
      await ctx.db.patch("cohorts", cohort._id, { startDate: Date.now() - 3 * DAY, endDate: Date.now() - DAY });
    });
    const postAttempt = await as(t, learner).mutation(api.assessments.take.start, { assessmentId: postId });
    expect(preTexts).toHaveLength(4);
    expect(await texts(postAttempt)).toEqual(preTexts);

    // Deactivating keeps past attempts; learners no longer see it.
    await as(t, instructor).mutation(api.assessments.authoring.setActive, { assessmentId, isActive: false });
    expect((await as(t, learner).query(api.assessments.take.overview, { assessmentId }))!.refusal).toBe(
      "This assessment is no longer offered.",
    );
    expect(await t.run(async (ctx) => ctx.db.get("assessmentAttempts", pre))).not.toBeNull();
  });

  test("reminders go out once when a window opens, in the app and by email", async () => {
    const t = newTest();
    const { courseId, cohortId, learner, admin } = await seedCourse(t, { startsInDays: 1.5 });
    await author(t, admin, courseId, SIX_TYPES.slice(0, 1));
    expect(await t.mutation(internal.assessments.reminders.remindCohort, { cohortId })).toBe(1);
    expect(await t.mutation(internal.assessments.reminders.remindCohort, { cohortId })).toBe(0);
    const notes = await t.run(async (ctx) => ctx.db.query("notifications").collect());
    expect(notes.filter((n) => n.userId === learner).map((n) => n.title)).toEqual([
      "Your pre-course assessment is open: AI Enablement Intensive",
    ]);
    await settle(t);
    const mail = await t.run(async (ctx) => ctx.db.query("devEmails").collect());
    expect(mail.map((m) => m.subject)).toContain("Your pre-course assessment is open: AI Enablement Intensive");
  });
});

describe("overdue attempts", () => {
  test("the hourly sweep submits timed attempts past their deadline and leaves untimed ones in progress", async () => {
    vi.useFakeTimers();
    const t = newTest();
    const { courseId, learner, other, cohortId, admin } = await seedCourse(t);
    await enrollConfirmed(t, { userId: other, cohortId, courseId });
    const { assessmentId: timed } = await author(t, admin, courseId, SIX_TYPES.slice(0, 1), {
      type: "skill_assessment",
      timeLimit: 10,
    });
    const { assessmentId: untimed } = await author(t, admin, courseId, SIX_TYPES.slice(0, 1), {
      type: "self_assessment",
    });
    const late = await as(t, learner).mutation(api.assessments.take.start, { assessmentId: timed });
    const open = await as(t, other).mutation(api.assessments.take.start, { assessmentId: untimed });
    // The deadline job is lost (as after a restore); the sweep still submits the attempt.
    await t.run(async (ctx) => {
      const attempt = (await ctx.db.get("assessmentAttempts", late))!;
      await ctx.scheduler.cancel(attempt.expiryJobId!);
    });
    vi.advanceTimersByTime(11 * 60_000);
    expect(await t.mutation(internal.assessments.grading.expireOverdue, {})).toBe(1);
    const [a, b] = await t.run(async (ctx) =>
      Promise.all([ctx.db.get("assessmentAttempts", late), ctx.db.get("assessmentAttempts", open)]),
    );
    expect(a).toMatchObject({ status: "expired", score: 0 });
    expect(b!.status).toBe("in_progress");
  });
});
