/**
 * Authoring, for platform admins and the course's instructors: assessments of
 * every kind and their questions of every type (pools, difficulty, skills,
 * accepted answers, rubrics), duplicating the pre-assessment as the
 * post-assessment, previewing what learners see, deactivating without losing
 * past attempts; and, for platform admins, the course's certificate rules.
 */
import { pick } from "convex-helpers";
import { type Infer, v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery, userMutation, userQuery } from "../functions";
import { DEFAULT_MIN_ATTENDANCE } from "../certificates/model/plan";
import { aiSettings } from "../env";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";
import { vAssessmentType } from "../validators";
import { canAuthorCourse, DEFAULT_WINDOW_DAYS, requireAuthorOf } from "./model/access";
import { MAX_QUESTIONS } from "./model/attempts";
import { learnerQuestion, vLearnerQuestion } from "./model/views";
import { assessmentsTables } from "./tables";

const MAX_OPTIONS = 10;

const vAssessmentRow = v.object({
  assessmentId: v.id("assessments"),
  title: v.string(),
  type: vAssessmentType,
  isActive: v.boolean(),
  questionCount: v.number(),
  lessonTitle: v.optional(v.string()),
});

async function courseAssessmentRows(ctx: QueryCtx, courseId: Id<"courses">) {
  const assessments = await ctx.db
    .query("assessments")
    .withIndex("by_courseId_and_type_and_isActive", (q) => q.eq("courseId", courseId))
    .take(100);
  const rows = [];
  for (const a of assessments.sort((x, y) => x.createdAt - y.createdAt)) {
    const questions = await ctx.db
      .query("assessmentQuestions")
      .withIndex("by_assessmentId_and_sortOrder", (q) => q.eq("assessmentId", a._id))
      .take(MAX_QUESTIONS * 2);
    const lesson = a.lessonId ? await ctx.db.get("lessons", a.lessonId) : null;
    rows.push({
      assessmentId: a._id,
      title: a.title,
      type: a.type,
      isActive: a.isActive,
      questionCount: questions.filter((q) => q.isActive).length,
      ...(lesson ? { lessonTitle: lesson.title } : {}),
    });
  }
  return rows;
}

/**
 * The courses the viewer may author (all for platform admins, the ones they teach for instructors) with their
 * assessments.
 */
export const courses = userQuery({
  args: {},
  returns: v.array(v.object({ courseId: v.id("courses"), title: v.string(), assessments: v.array(vAssessmentRow) })),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewer = ctx.viewer;
    let courseDocs: Array<Doc<"courses">>;
    if (viewer.role === "platform_admin") {
      courseDocs = await ctx.db.query("courses").take(200);
    } else {
      const taught = await ctx.db
        .query("cohorts")
        .withIndex("by_instructorId", (q) => q.eq("instructorId", viewer._id))
        .take(200);
      const ids = [...new Set(taught.map((c) => c.courseId))];
      courseDocs = (await Promise.all(ids.map((id) => ctx.db.get("courses", id)))).filter(
        (c): c is Doc<"courses"> => c !== null,
      );
    }
    const rows = [];
    for (const course of courseDocs.sort((a, b) => a.title.localeCompare(b.title))) {
      rows.push({
        courseId: course._id,
        title: course.title,
        assessments: await courseAssessmentRows(ctx, course._id),
      });
    }
    return rows;
  },
});

/** What an author sets on a question (the table's own validators, so the two cannot drift apart). */
const vQuestionFields = pick(assessmentsTables.assessmentQuestions.validator.fields, [
  "questionType",
  "questionText",
  "explanation",
  "answers",
  "scaleMin",
  "scaleMax",
  "scaleLabels",
  "sampleAnswer",
  "acceptedAnswers",
  "rubric",
  "aiGradingEnabled",
  "points",
  "difficulty",
  "skillIds",
]);

/** What an author sets on an assessment. */
const vSettings = pick(assessmentsTables.assessments.validator.fields, [
  "title",
  "description",
  "type",
  "lessonId",
  "skillIds",
  "timeLimit",
  "passingScore",
  "allowRetake",
  "maxAttempts",
  "showCorrectAnswers",
  "randomizeQuestions",
  "randomizeAnswers",
  "questionsPerAttempt",
  "windowDays",
]);

/** One assessment with every question (answers, rubrics and all), the course's lessons and the skills to tag. */
export const assessment = userQuery({
  args: { assessmentId: v.id("assessments") },
  returns: v.union(
    v.null(),
    v.object({
      assessmentId: v.id("assessments"),
      courseId: v.id("courses"),
      courseTitle: v.string(),
      settings: v.object({ ...vSettings, isActive: v.boolean() }),
      duplicatedFromTitle: v.optional(v.string()),
      canDuplicateAsPost: v.boolean(),
      aiConfigured: v.boolean(),
      attempts: v.number(),
      questions: v.array(
        v.object({
          questionId: v.id("assessmentQuestions"),
          isActive: v.boolean(),
          sortOrder: v.number(),
          ...vQuestionFields,
        }),
      ),
      lessons: v.array(v.object({ lessonId: v.id("lessons"), title: v.string() })),
      skills: v.array(v.object({ skillId: v.id("skills"), name: v.string() })),
    }),
  ),
  handler: async (ctx, { assessmentId }) => {
    const doc = await ctx.db.get("assessments", assessmentId);
    if (ctx.viewer === null || doc === null || !doc.courseId || !(await canAuthorCourse(ctx, ctx.viewer, doc.courseId)))
      return null;
    const courseId = doc.courseId;
    const course = (await ctx.db.get("courses", courseId))!;
    const questions = await ctx.db
      .query("assessmentQuestions")
      .withIndex("by_assessmentId_and_sortOrder", (q) => q.eq("assessmentId", assessmentId))
      .take(MAX_QUESTIONS * 2);
    const sessions = await ctx.db
      .query("sessions")
      .withIndex("by_courseId_and_dayNumber_and_orderInDay", (q) => q.eq("courseId", courseId))
      .take(100);
    const lessons = [];
    for (const session of sessions) {
      for (const lesson of await ctx.db
        .query("lessons")
        .withIndex("by_sessionId", (q) => q.eq("sessionId", session._id))
        .take(50)) {
        lessons.push({ lessonId: lesson._id, title: lesson.title });
      }
    }
    const skills = (await ctx.db.query("skills").take(200)).filter((s) => s.isActive);
    const source = doc.duplicatedFromId ? await ctx.db.get("assessments", doc.duplicatedFromId) : null;
    const posts = await ctx.db
      .query("assessments")
      .withIndex("by_courseId_and_type_and_isActive", (q) =>
        q.eq("courseId", courseId).eq("type", "post_course").eq("isActive", true),
      )
      .take(1);
    const attempts = await ctx.db
      .query("assessmentAttempts")
      .withIndex("by_assessmentId", (q) => q.eq("assessmentId", assessmentId))
      .take(1000);
    return {
      assessmentId,
      courseId,
      courseTitle: course.title,
      settings: {
        title: doc.title,
        ...(doc.description ? { description: doc.description } : {}),
        type: doc.type,
        ...(doc.lessonId ? { lessonId: doc.lessonId } : {}),
        ...(doc.skillIds ? { skillIds: doc.skillIds } : {}),
        ...(doc.timeLimit ? { timeLimit: doc.timeLimit } : {}),
        passingScore: doc.passingScore,
        allowRetake: doc.allowRetake,
        ...(doc.maxAttempts ? { maxAttempts: doc.maxAttempts } : {}),
        showCorrectAnswers: doc.showCorrectAnswers,
        randomizeQuestions: doc.randomizeQuestions,
        randomizeAnswers: doc.randomizeAnswers,
        ...(doc.questionsPerAttempt ? { questionsPerAttempt: doc.questionsPerAttempt } : {}),
        ...(doc.windowDays !== undefined ? { windowDays: doc.windowDays } : {}),
        isActive: doc.isActive,
      },
      ...(source ? { duplicatedFromTitle: source.title } : {}),
      canDuplicateAsPost: doc.type === "pre_course" && posts.length === 0,
      aiConfigured: aiSettings() !== null,
      attempts: attempts.length,
      questions: questions.map((q) => ({
        questionId: q._id,
        isActive: q.isActive,
        sortOrder: q.sortOrder,
        questionType: q.questionType,
        questionText: q.questionText,
        ...(q.explanation ? { explanation: q.explanation } : {}),
        ...(q.answers ? { answers: q.answers } : {}),
        ...(q.scaleMin !== undefined ? { scaleMin: q.scaleMin } : {}),
        ...(q.scaleMax !== undefined ? { scaleMax: q.scaleMax } : {}),
        ...(q.scaleLabels ? { scaleLabels: q.scaleLabels } : {}),
        ...(q.sampleAnswer ? { sampleAnswer: q.sampleAnswer } : {}),
        ...(q.acceptedAnswers ? { acceptedAnswers: q.acceptedAnswers } : {}),
        ...(q.rubric ? { rubric: q.rubric } : {}),
        ...(q.aiGradingEnabled !== undefined ? { aiGradingEnabled: q.aiGradingEnabled } : {}),
        points: q.points,
        difficulty: q.difficulty,
        ...(q.skillIds ? { skillIds: q.skillIds } : {}),
      })),
      lessons,
      skills: skills.map((s) => ({ skillId: s._id, name: s.name })),
    };
  },
});

/** The assessment's active questions exactly as a learner is sent them (no answers, no explanations). */
export const preview = userQuery({
  args: { assessmentId: v.id("assessments") },
  returns: v.union(
    v.null(),
    v.object({
      title: v.string(),
      description: v.optional(v.string()),
      timeLimit: v.optional(v.number()),
      questions: v.array(vLearnerQuestion),
    }),
  ),
  handler: async (ctx, { assessmentId }) => {
    const doc = await ctx.db.get("assessments", assessmentId);
    if (ctx.viewer === null || doc === null || !doc.courseId || !(await canAuthorCourse(ctx, ctx.viewer, doc.courseId)))
      return null;
    const questions = (
      await ctx.db
        .query("assessmentQuestions")
        .withIndex("by_assessmentId_and_sortOrder", (q) => q.eq("assessmentId", assessmentId))
        .take(MAX_QUESTIONS * 2)
    ).filter((q) => q.isActive);
    return {
      title: doc.title,
      ...(doc.description ? { description: doc.description } : {}),
      ...(doc.timeLimit ? { timeLimit: doc.timeLimit } : {}),
      questions: questions.map((q) => learnerQuestion(q, { status: "in_progress" }, null, false)),
    };
  },
});

function wholeNumber(value: number | undefined, field: string, min: number, max: number) {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max)
    throw appError("INVALID_INPUT", `${field} must be a whole number from ${min} to ${max}.`);
  return value;
}

type Settings = Infer<ReturnType<typeof v.object<typeof vSettings>>>;

async function checkSettings(ctx: QueryCtx, courseId: Id<"courses">, s: Settings) {
  if (s.type === "knowledge_check") {
    if (!s.lessonId) throw appError("INVALID_INPUT", "Choose the lesson this knowledge check belongs to.");
    const lesson = await ctx.db.get("lessons", s.lessonId);
    const session = lesson ? await ctx.db.get("sessions", lesson.sessionId) : null;
    if (!session || session.courseId !== courseId)
      throw appError("INVALID_INPUT", "That lesson is not part of this course.");
  }
  for (const skillId of s.skillIds ?? [])
    if ((await ctx.db.get("skills", skillId)) === null)
      throw appError("INVALID_INPUT", "One of the skills no longer exists.");
  return {
    title: boundedText(s.title, "the title", TEXT_LIMITS.title, { min: 3 }),
    description: optionalText(s.description, "the description", TEXT_LIMITS.paragraph),
    type: s.type,
    lessonId: s.type === "knowledge_check" ? s.lessonId : undefined,
    skillIds: s.skillIds?.length ? [...new Set(s.skillIds)] : undefined,
    timeLimit: wholeNumber(s.timeLimit, "The time limit (minutes)", 1, 600),
    passingScore: wholeNumber(s.passingScore, "The passing score", 0, 100)!,
    allowRetake: s.allowRetake,
    maxAttempts: s.allowRetake ? wholeNumber(s.maxAttempts, "The number of attempts", 1, 50) : undefined,
    showCorrectAnswers: s.showCorrectAnswers,
    randomizeQuestions: s.randomizeQuestions,
    randomizeAnswers: s.randomizeAnswers,
    questionsPerAttempt: wholeNumber(s.questionsPerAttempt, "Questions per attempt", 1, MAX_QUESTIONS),
    windowDays:
      s.type === "pre_course" || s.type === "post_course"
        ? wholeNumber(s.windowDays, "The window (days)", 0, 60)
        : undefined,
  };
}

async function requireAuthor(ctx: MutationCtx, viewer: Doc<"users">, courseId: Id<"courses">) {
  if ((await ctx.db.get("courses", courseId)) === null) throw appError("NOT_FOUND", "This course no longer exists.");
  if (!(await canAuthorCourse(ctx, viewer, courseId)))
    throw appError("FORBIDDEN", "Only platform admins and the course's instructors can edit its assessments.");
}

/**
 * Creates or updates an assessment's settings. A course has one active pre-course and one active post-course
 * assessment.
 */
export const saveAssessment = userMutation({
  args: { assessmentId: v.optional(v.id("assessments")), courseId: v.id("courses"), ...vSettings },
  returns: v.id("assessments"),
  handler: async (ctx, { assessmentId, courseId, ...settings }) => {
    await requireAuthor(ctx, ctx.viewer, courseId);
    const fields = await checkSettings(ctx, courseId, settings);
    const now = Date.now();
    if (fields.type === "pre_course" || fields.type === "post_course") {
      const active = await ctx.db
        .query("assessments")
        .withIndex("by_courseId_and_type_and_isActive", (q) =>
          q.eq("courseId", courseId).eq("type", fields.type).eq("isActive", true),
        )
        .take(2);
      if (active.some((a) => a._id !== assessmentId)) {
        throw appError(
          "NOT_AVAILABLE",
          `The course already has an active ${fields.type === "pre_course" ? "pre" : "post"}-course assessment; ` +
            "deactivate it first.",
        );
      }
    }
    if (assessmentId) {
      const existing = await requireAuthorOf(ctx, ctx.viewer, assessmentId);
      if (existing.courseId !== courseId)
        throw appError("INVALID_INPUT", "An assessment cannot move to another course.");
      await ctx.db.patch("assessments", assessmentId, { ...fields, updatedAt: now });
      return assessmentId;
    }
    return await ctx.db.insert("assessments", { ...fields, courseId, isActive: true, createdAt: now, updatedAt: now });
  },
});

function checkOptions(
  type: Doc<"assessmentQuestions">["questionType"],
  answers: Doc<"assessmentQuestions">["answers"],
) {
  const options = (answers ?? []).map((a) => ({
    id: boundedText(a.id, "an answer's id", 64, { min: 1 }),
    text: boundedText(a.text, "an answer", TEXT_LIMITS.line, { min: 1 }),
    isCorrect: a.isCorrect,
    ...(a.feedback?.trim() ? { feedback: boundedText(a.feedback, "an answer's feedback", TEXT_LIMITS.line) } : {}),
  }));
  if (new Set(options.map((o) => o.id)).size !== options.length)
    throw appError("INVALID_INPUT", "Each answer needs its own id.");
  const correct = options.filter((o) => o.isCorrect).length;
  if (type === "true_false" && options.length !== 2)
    throw appError("INVALID_INPUT", "A true/false question has exactly two answers.");
  if (options.length < 2 || options.length > MAX_OPTIONS)
    throw appError("INVALID_INPUT", `Give 2 to ${MAX_OPTIONS} answers.`);
  if (type === "multiple_select" ? correct < 1 : correct !== 1) {
    throw appError(
      "INVALID_INPUT",
      type === "multiple_select" ? "Mark at least one answer as correct." : "Mark exactly one answer as correct.",
    );
  }
  return options;
}

/**
 * Creates or updates a question, checked for its type (options and the right ones, accepted answers, scale, rubric).
 */
export const saveQuestion = userMutation({
  args: { questionId: v.optional(v.id("assessmentQuestions")), assessmentId: v.id("assessments"), ...vQuestionFields },
  returns: v.id("assessmentQuestions"),
  handler: async (ctx, { questionId, assessmentId, ...q }) => {
    await requireAuthorOf(ctx, ctx.viewer, assessmentId);
    const type = q.questionType;
    const choice = type === "multiple_choice" || type === "multiple_select" || type === "true_false";
    const fields = {
      questionType: type,
      questionText: boundedText(q.questionText, "the question", TEXT_LIMITS.paragraph, { min: 3 }),
      explanation: optionalText(q.explanation, "the explanation", TEXT_LIMITS.paragraph),
      answers: choice ? checkOptions(type, q.answers) : undefined,
      scaleMin: type === "rating_scale" ? wholeNumber(q.scaleMin ?? 1, "The scale's lowest value", 0, 10) : undefined,
      scaleMax: type === "rating_scale" ? wholeNumber(q.scaleMax ?? 5, "The scale's highest value", 1, 10) : undefined,
      scaleLabels:
        type === "rating_scale" && q.scaleLabels && (q.scaleLabels.min.trim() || q.scaleLabels.max.trim())
          ? {
              min: boundedText(q.scaleLabels.min, "the lowest value's label", TEXT_LIMITS.name),
              max: boundedText(q.scaleLabels.max, "the highest value's label", TEXT_LIMITS.name),
            }
          : undefined,
      sampleAnswer:
        type === "open_ended" || type === "short_answer"
          ? optionalText(q.sampleAnswer, "the sample answer", TEXT_LIMITS.paragraph)
          : undefined,
      acceptedAnswers:
        type === "short_answer"
          ? [
              ...new Set(
                (q.acceptedAnswers ?? [])
                  .map((a) => boundedText(a, "an accepted answer", TEXT_LIMITS.line))
                  .filter((a) => a.length > 0),
              ),
            ].slice(0, 20)
          : undefined,
      rubric: type === "open_ended" ? optionalText(q.rubric, "the rubric", TEXT_LIMITS.paragraph) : undefined,
      aiGradingEnabled: type === "open_ended" ? q.aiGradingEnabled !== false : undefined,
      // Rating scales are self-assessment: they earn no points.
      points: type === "rating_scale" ? 0 : q.points,
      difficulty: q.difficulty,
      skillIds: q.skillIds?.length ? [...new Set(q.skillIds)].slice(0, 3) : undefined,
    };
    if (type !== "rating_scale" && (!Number.isFinite(q.points) || q.points <= 0 || q.points > 100))
      throw appError("INVALID_INPUT", "A question is worth more than 0 and at most 100 points.");
    if (type === "rating_scale" && fields.scaleMin! >= fields.scaleMax!)
      throw appError("INVALID_INPUT", "The scale's highest value must be above its lowest.");
    if (type === "short_answer" && fields.acceptedAnswers!.length === 0)
      throw appError("INVALID_INPUT", "Give at least one accepted answer.");
    if (type === "open_ended" && !fields.rubric && !fields.sampleAnswer)
      throw appError("INVALID_INPUT", "Give a rubric or a sample answer: the AI and instructors grade against it.");
    for (const skillId of fields.skillIds ?? [])
      if ((await ctx.db.get("skills", skillId)) === null)
        throw appError("INVALID_INPUT", "One of the skills no longer exists.");
    const now = Date.now();
    if (questionId) {
      const existing = await ctx.db.get("assessmentQuestions", questionId);
      if (existing === null || existing.assessmentId !== assessmentId)
        throw appError("NOT_FOUND", "This question no longer exists.");
      await ctx.db.patch("assessmentQuestions", questionId, { ...fields, updatedAt: now });
      return questionId;
    }
    const last = await ctx.db
      .query("assessmentQuestions")
      .withIndex("by_assessmentId_and_sortOrder", (x) => x.eq("assessmentId", assessmentId))
      .order("desc")
      .first();
    const count = (
      await ctx.db
        .query("assessmentQuestions")
        .withIndex("by_assessmentId_and_sortOrder", (x) => x.eq("assessmentId", assessmentId))
        .take(MAX_QUESTIONS + 1)
    ).length;
    if (count >= MAX_QUESTIONS)
      throw appError("INVALID_INPUT", `An assessment holds at most ${MAX_QUESTIONS} questions.`);
    return await ctx.db.insert("assessmentQuestions", {
      assessmentId,
      ...fields,
      sortOrder: (last?.sortOrder ?? -1) + 1,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
  },
});

/** Takes a question out of future attempts (or back in); answers already given keep their grades. */
export const setQuestionActive = userMutation({
  args: { questionId: v.id("assessmentQuestions"), isActive: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { questionId, isActive }) => {
    const question = await ctx.db.get("assessmentQuestions", questionId);
    if (question === null) throw appError("NOT_FOUND", "This question no longer exists.");
    await requireAuthorOf(ctx, ctx.viewer, question.assessmentId);
    await ctx.db.patch("assessmentQuestions", questionId, { isActive, updatedAt: Date.now() });
    return null;
  },
});

/**
 * Deactivates an assessment (learners no longer see it; past attempts, grades and gains stay) or activates it again.
 */
export const setActive = userMutation({
  args: { assessmentId: v.id("assessments"), isActive: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { assessmentId, isActive }) => {
    const doc = await requireAuthorOf(ctx, ctx.viewer, assessmentId);
    if (isActive && (doc.type === "pre_course" || doc.type === "post_course")) {
      const active = await ctx.db
        .query("assessments")
        .withIndex("by_courseId_and_type_and_isActive", (q) =>
          q.eq("courseId", doc.courseId).eq("type", doc.type).eq("isActive", true),
        )
        .take(2);
      if (active.some((a) => a._id !== assessmentId))
        throw appError("NOT_AVAILABLE", "The course already has an active one of this kind; deactivate it first.");
    }
    await ctx.db.patch("assessments", assessmentId, { isActive, updatedAt: Date.now() });
    return null;
  },
});

/**
 * Copies the pre-course assessment as the course's post-course assessment: the same questions (the spec requires
 * them for a valid gain; each learner gets the ones their pre-assessment drew), post-course defaults (pass at 70 %,
 * 3 attempts, answers shown after passing).
 */
export const duplicateAsPost = userMutation({
  args: { assessmentId: v.id("assessments") },
  returns: v.id("assessments"),
  handler: async (ctx, { assessmentId }) => {
    const pre = await requireAuthorOf(ctx, ctx.viewer, assessmentId);
    if (pre.type !== "pre_course")
      throw appError("INVALID_INPUT", "Only a pre-course assessment can be duplicated as the post-course one.");
    const active = await ctx.db
      .query("assessments")
      .withIndex("by_courseId_and_type_and_isActive", (q) =>
        q.eq("courseId", pre.courseId).eq("type", "post_course").eq("isActive", true),
      )
      .take(1);
    if (active.length > 0)
      throw appError("NOT_AVAILABLE", "The course already has an active post-course assessment; deactivate it first.");
    const now = Date.now();
    const { _id, _creationTime, ...settings } = pre;
    const postId = await ctx.db.insert("assessments", {
      ...settings,
      title:
        pre.title.replace(/pre[- ]?(course )?assessment|baseline/i, "Post-course assessment") === pre.title
          ? `${pre.title} (post-course)`
          : pre.title.replace(/pre[- ]?(course )?assessment|baseline/i, "Post-course assessment"),
      type: "post_course",
      passingScore: 70,
      allowRetake: true,
      maxAttempts: 3,
      showCorrectAnswers: "after_passing",
      windowDays: DEFAULT_WINDOW_DAYS.post_course,
      duplicatedFromId: pre._id,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    const questions = await ctx.db
      .query("assessmentQuestions")
      .withIndex("by_assessmentId_and_sortOrder", (q) => q.eq("assessmentId", assessmentId))
      .take(MAX_QUESTIONS * 2);
    for (const question of questions) {
      const { _id: sourceQuestionId, _creationTime: _c, ...fields } = question;
      await ctx.db.insert("assessmentQuestions", {
        ...fields,
        assessmentId: postId,
        sourceQuestionId,
        createdAt: now,
        updatedAt: now,
      });
    }
    return postId;
  },
});

/** A course's certificate rules as admins edit them, with the post-course assessment's passing score. */
export const certificateRules = platformAdminQuery({
  args: { courseId: v.id("courses") },
  returns: v.object({
    minAttendancePercent: v.number(),
    requirePostAssessment: v.boolean(),
    validityMonths: v.optional(v.number()),
    postAssessment: v.union(
      v.null(),
      v.object({ assessmentId: v.id("assessments"), title: v.string(), passingScore: v.number() }),
    ),
  }),
  handler: async (ctx, { courseId }) => {
    const course = await ctx.db.get("courses", courseId);
    if (course === null) throw appError("NOT_FOUND", "This course no longer exists.");
    const post = await ctx.db
      .query("assessments")
      .withIndex("by_courseId_and_type_and_isActive", (q) =>
        q.eq("courseId", courseId).eq("type", "post_course").eq("isActive", true),
      )
      .first();
    return {
      minAttendancePercent: course.certificateRules?.minAttendancePercent ?? DEFAULT_MIN_ATTENDANCE,
      requirePostAssessment: course.certificateRules?.requirePostAssessment ?? true,
      ...(course.certificateRules?.validityMonths ? { validityMonths: course.certificateRules.validityMonths } : {}),
      postAssessment: post ? { assessmentId: post._id, title: post.title, passingScore: post.passingScore } : null,
    };
  },
});

/**
 * Sets who earns the course's certificate: attendance, a passed post-course assessment (and its passing score),
 * validity.
 */
export const saveCertificateRules = platformAdminMutation({
  args: {
    courseId: v.id("courses"),
    minAttendancePercent: v.number(),
    requirePostAssessment: v.boolean(),
    validityMonths: v.optional(v.number()),
    passingScore: v.optional(v.number()),
  },
  returns: v.null(),
  handler: async (ctx, { courseId, minAttendancePercent, requirePostAssessment, validityMonths, passingScore }) => {
    const course = await ctx.db.get("courses", courseId);
    if (course === null) throw appError("NOT_FOUND", "This course no longer exists.");
    const now = Date.now();
    await ctx.db.patch("courses", courseId, {
      certificateRules: {
        minAttendancePercent: wholeNumber(minAttendancePercent, "The attendance needed (%)", 0, 100)!,
        requirePostAssessment,
        ...(validityMonths ? { validityMonths: wholeNumber(validityMonths, "The validity (months)", 1, 120) } : {}),
      },
      updatedAt: now,
    });
    if (passingScore !== undefined) {
      const post = await ctx.db
        .query("assessments")
        .withIndex("by_courseId_and_type_and_isActive", (q) =>
          q.eq("courseId", courseId).eq("type", "post_course").eq("isActive", true),
        )
        .first();
      if (post === null)
        throw appError("NOT_AVAILABLE", "The course has no active post-course assessment to set a passing score on.");
      await ctx.db.patch("assessments", post._id, {
        passingScore: wholeNumber(passingScore, "The passing score", 0, 100)!,
        updatedAt: now,
      });
    }
    return null;
  },
});
