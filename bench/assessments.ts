/**
 * Assessments: submit-and-grade latency of a 20-question attempt (19 graded by the rules, one open answer graded by
 * the AI through the real Vercel AI SDK against the local LLM stand-in), from the submit call until the attempt has
 * its score, p50/p95 over 30 learners; and the documents one learner's learning-gain refresh reads in a course of
 * 1,000 and 10,000 learners who all have graded pre- and post-course attempts (target: at most 200, not growing).
 * Alone: `npx tsx bench/assessments.ts`, with `BENCH_SIZES=100,500` for other course sizes.
 */
import { api } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import type { MutationCtx } from "../convex/_generated/server";
import { updateLearningGain } from "../convex/assessments/model/gain";
import { startLocalLlm } from "../local-llm/server";
import { OPEN_QUESTION, STRONG_OPEN_ANSWER } from "../tests/convex/assessment-questions";
import { assessmentRow, courseRow, paidEnrollmentRow, userRow } from "../tests/convex/fixtures";
import { freePort } from "../tests/support/free-port";
import { type Backend, expectReadsCounted, newBackend, reads } from "./backend";

const DAY = 86_400_000;

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function seedCourse(t: Backend, learners: number) {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const stamps = { createdAt: now, updatedAt: now };
    const admin = await ctx.db.insert(
      "users",
      benchPerson(`admin-${learners}@academy.test`, now, { role: "platform_admin" }),
    );
    const courseId = await ctx.db.insert(
      "courses",
      courseRow({ title: "Bench course", slug: `bench-assess-${learners}`, maxParticipants: 1000, ...stamps }),
    );
    const cohortId = await ctx.db.insert("cohorts", {
      courseId,
      name: "Bench cohort",
      startDate: now + DAY,
      endDate: now + 3 * DAY,
      maxCapacity: 10_000,
      currentEnrollment: 0,
      status: "open",
      isB2B: false,
      ...stamps,
    });
    return { admin, courseId, cohortId };
  });
}

/** A bench learner (named by their address, no notifications) with a paid enrollment in the cohort. */
async function insertLearner(
  ctx: MutationCtx,
  place: { courseId: Id<"courses">; cohortId: Id<"cohorts"> },
  email: string,
  now: number,
) {
  const userId = await ctx.db.insert("users", benchPerson(email, now));
  const enrollmentId = await ctx.db.insert(
    "enrollments",
    paidEnrollmentRow({ userId, ...place }, now, { intakeSurveyCompleted: true }),
  );
  return { userId, enrollmentId };
}

function benchPerson(email: string, now: number, fields: Partial<Doc<"users">> = {}) {
  return userRow(email, { name: email, emailNotifications: false, createdAt: now, updatedAt: now, ...fields });
}

async function enroll(t: Backend, courseId: Id<"courses">, cohortId: Id<"cohorts">, email: string) {
  return await t.run(async (ctx) => await insertLearner(ctx, { courseId, cohortId }, email, Date.now()));
}

async function authorTwentyQuestions(t: Backend, admin: Id<"users">, courseId: Id<"courses">) {
  const as = t.withIdentity({ subject: `${admin}|bench` });
  const assessmentId = await as.mutation(api.assessments.authoring.saveAssessment, {
    courseId,
    title: "Bench pre-course",
    type: "pre_course",
    passingScore: 0,
    allowRetake: false,
    showCorrectAnswers: "after_submit",
    randomizeQuestions: true,
    randomizeAnswers: true,
  });
  for (let i = 0; i < 19; i++) {
    await as.mutation(api.assessments.authoring.saveQuestion, {
      assessmentId,
      questionType: "multiple_choice",
      questionText: `Question ${i + 1}`,
      answers: [0, 1, 2, 3].map((j) => ({ id: `a${j}`, text: `Option ${j}`, isCorrect: j === 0 })),
      points: 5,
      difficulty: "medium",
    });
  }
  await as.mutation(api.assessments.authoring.saveQuestion, { assessmentId, ...OPEN_QUESTION });
  return assessmentId;
}

async function submitAndGradeLatency() {
  const port = await freePort();
  const llm = startLocalLlm({ port, apiKey: "sk-bench", model: "academy-local-grader", log: () => {} });
  process.env.AI_API_KEY = "sk-bench";
  process.env.AI_BASE_URL = `http://127.0.0.1:${port}/v1`;
  process.env.AI_MODEL = "academy-local-grader";
  try {
    const t = await newBackend();
    const { admin, courseId, cohortId } = await seedCourse(t, 30);
    const assessmentId = await authorTwentyQuestions(t, admin, courseId);
    const timings: number[] = [];
    for (let i = 0; i < 30; i++) {
      const { userId } = await enroll(t, courseId, cohortId, `learner${i}@bench.test`);
      const learner = t.withIdentity({ subject: `${userId}|bench` });
      const attemptId = await learner.mutation(api.assessments.take.start, { assessmentId });
      const view = (await learner.query(api.assessments.take.attempt, { attemptId }))!;
      for (const q of view.questions) {
        await learner.mutation(api.assessments.take.saveAnswer, {
          attemptId,
          questionId: q.questionId,
          ...(q.questionType === "open_ended"
            ? { textResponse: STRONG_OPEN_ANSWER }
            : { selectedAnswerIds: [q.options[i % 4].id] }),
        });
      }
      const started = performance.now();
      await learner.mutation(api.assessments.take.submit, { attemptId });
      for (let polls = 0; ; polls++) {
        const attempt = await t.run(async (ctx) => ctx.db.get("assessmentAttempts", attemptId));
        if (attempt?.score !== undefined) break;
        if (polls > 2_000) throw new Error("An attempt was not graded within 20 s: the AI grading path is broken.");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      timings.push(performance.now() - started);
    }
    return { attempts: timings.length, questions: 20, p50Ms: percentile(timings, 50), p95Ms: percentile(timings, 95) };
  } finally {
    delete process.env.AI_API_KEY;
    await llm.close();
  }
}

/** A learner's graded first attempt at an assessment of 100 points, passed at 70. */
function gradedAttempt(
  learner: { userId: Id<"users">; enrollmentId: Id<"enrollments">; cohortId: Id<"cohorts"> },
  assessmentId: Id<"assessments">,
  score: number,
  now: number,
  fields: Partial<Doc<"assessmentAttempts">> = {},
) {
  return {
    ...learner,
    assessmentId,
    attemptNumber: 1,
    status: "graded" as const,
    startedAt: now,
    score,
    pointsEarned: score,
    pointsPossible: 100,
    passed: score >= 70,
    createdAt: now,
    ...fields,
  };
}

/** Documents read by one learner's learning-gain refresh, in a course where every learner has graded attempts. */
async function gainRefreshReads(learners: number) {
  const t = await newBackend();
  const { courseId, cohortId } = await seedCourse(t, learners);
  const ids = await t.run(async (ctx) => {
    const now = Date.now();
    const assessment = (type: "pre_course" | "post_course") =>
      ctx.db.insert(
        "assessments",
        assessmentRow(courseId, type, {
          passingScore: type === "post_course" ? 70 : 0,
          createdAt: now,
          updatedAt: now,
        }),
      );
    const pre = await assessment("pre_course");
    const post = await assessment("post_course");
    const questions = [];
    for (const assessmentId of [pre, post]) {
      for (let i = 0; i < 10; i++)
        questions.push(
          await ctx.db.insert("assessmentQuestions", {
            assessmentId,
            questionType: "multiple_choice",
            questionText: `Q${i}`,
            answers: [{ id: "a", text: "A", isCorrect: true }],
            points: 10,
            difficulty: "easy",
            sortOrder: i,
            isActive: true,
            createdAt: now,
          }),
        );
    }
    return { pre, post, questions };
  });
  // Everyone else's enrollments, attempts and gains, in batches (one transaction each).
  for (let start = 0; start < learners; start += 250) {
    await t.run(async (ctx) => {
      const now = Date.now();
      for (let i = start; i < Math.min(learners, start + 250); i++) {
        const { userId, enrollmentId } = await insertLearner(ctx, { courseId, cohortId }, `l${i}@bench.test`, now);
        const attempt = (assessmentId: Id<"assessments">, score: number) =>
          ctx.db.insert(
            "assessmentAttempts",
            gradedAttempt({ userId, enrollmentId, cohortId }, assessmentId, score, now),
          );
        const preAttemptId = await attempt(ids.pre, 40);
        const postAttemptId = await attempt(ids.post, 80);
        await ctx.db.insert("learningGainAnalytics", {
          userId,
          courseId,
          enrollmentId,
          preAssessmentId: ids.pre,
          preAttemptId,
          preScore: 40,
          postAssessmentId: ids.post,
          postAttemptId,
          postScore: 80,
          scoreImprovement: 40,
          percentageGain: 100,
          normalizedGain: 0.67,
          skillGains: [],
          calculatedAt: now,
        });
      }
    });
  }
  // The measured learner: full attempts with a response per question.
  const measured = await t.run(async (ctx) => {
    const now = Date.now();
    const { userId, enrollmentId } = await insertLearner(ctx, { courseId, cohortId }, "measured@bench.test", now);
    for (const [assessmentId, from, right] of [
      [ids.pre, 0, 4],
      [ids.post, 10, 8],
    ] as const) {
      const questionIds = ids.questions.slice(from, from + 10);
      const attemptId = await ctx.db.insert(
        "assessmentAttempts",
        gradedAttempt({ userId, enrollmentId, cohortId }, assessmentId, right * 10, now, { questionIds }),
      );
      for (const [i, questionId] of questionIds.entries()) {
        await ctx.db.insert("questionResponses", {
          attemptId,
          questionId,
          selectedAnswerIds: ["a"],
          pointsEarned: i < right ? 10 : 0,
          gradingState: "graded",
          createdAt: now,
        });
      }
    }
    return enrollmentId;
  });
  reads.documents = 0;
  reads.bytes = 0;
  reads.counting = true;
  const row = await t.run(async (ctx) => await updateLearningGain(ctx, (await ctx.db.get("enrollments", measured))!));
  reads.counting = false;
  expectReadsCounted(`The learning-gain refresh at ${learners} learners`, reads.documents);
  if (row?.normalizedGain !== 0.67)
    throw new Error(
      `The learning-gain refresh computed ${row?.normalizedGain}, not 0.67: the benchmark's fixture is broken.`,
    );
  return { learners, documentsRead: reads.documents, bytesRead: reads.bytes };
}

export async function benchAssessments() {
  const latency = await submitAndGradeLatency();
  const refresh = [];
  for (const learners of (process.env.BENCH_SIZES ?? "1000,10000").split(",").map(Number))
    refresh.push(await gainRefreshReads(learners));
  for (const r of refresh)
    if (r.documentsRead > 200)
      throw new Error(
        `A learning-gain refresh read ${r.documentsRead} documents at ${r.learners} learners (budget 200).`,
      );
  const [first, last] = [refresh[0], refresh[refresh.length - 1]];
  if (last.documentsRead !== first.documentsRead)
    throw new Error(
      `A learning-gain refresh reads more with more learners: ${first.documentsRead} → ${last.documentsRead}.`,
    );
  return { name: "assessments", submitAndGrade: latency, learningGainRefresh: refresh };
}

if (process.argv[1]?.endsWith("assessments.ts")) {
  console.log(JSON.stringify(await benchAssessments(), null, 2));
}
