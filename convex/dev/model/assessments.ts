/**
 * The demo academy's assessments (seed): the flagship course's pre-course
 * assessment with all six question types, its post-course duplicate, a
 * knowledge check on the first lesson — and the finished Acme cohort's learners
 * taking them through the same helpers learners use (start, answer, submit;
 * open answers graded by the instructor), so their scores and learning gains are
 * ordinary data produced by the same code.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { saveResponse, setGrade, startAttempt, submitAttempt } from "../../assessments/model/attempts";

const DAY = 24 * 60 * 60 * 1000;

type Question = Omit<
  Doc<"assessmentQuestions">,
  "_id" | "_creationTime" | "assessmentId" | "sortOrder" | "isActive" | "createdAt"
>;

function flagshipQuestions(skills: { prompting: Id<"skills">; literacy: Id<"skills"> }): Question[] {
  const choice = (
    questionText: string,
    answers: string[],
    skill: Id<"skills">,
    difficulty: Question["difficulty"],
    explanation: string,
  ): Question => ({
    questionType: "multiple_choice",
    questionText,
    answers: answers.map((text, i) => ({ id: `a${i}`, text, isCorrect: i === 0 })),
    explanation,
    points: 10,
    difficulty,
    skillIds: [skill],
  });
  return [
    choice(
      "Which prompt element most reduces ambiguity?",
      ["A clear output format and criteria", "A longer prompt", "Polite phrasing", "Using capital letters"],
      skills.prompting,
      "easy",
      "Saying what a good answer looks like removes guesswork.",
    ),
    choice(
      "What should you check before sharing AI output?",
      ["Facts, sources and sensitive data", "Only spelling", "Nothing if it sounds confident", "The word count"],
      skills.literacy,
      "easy",
      "Models state wrong facts confidently; check before you share.",
    ),
    choice(
      "A 'few-shot' prompt contains…",
      ["Worked examples of the desired output", "A very short question", "Only a system message", "An image"],
      skills.prompting,
      "medium",
      "Few-shot prompts show the model examples of what you want.",
    ),
    {
      questionType: "multiple_select",
      questionText: "Which of these are effective prompting techniques? (Select all that apply.)",
      answers: [
        {
          id: "ctx",
          text: "Giving context and a role",
          isCorrect: true,
          feedback: "Context helps the model understand the task.",
        },
        {
          id: "caps",
          text: "Writing in capital letters for emphasis",
          isCorrect: false,
          feedback: "Capitals do not improve comprehension.",
        },
        { id: "steps", text: "Breaking the task into steps", isCorrect: true },
        { id: "examples", text: "Including examples of the output", isCorrect: true },
      ],
      points: 10,
      difficulty: "medium",
      skillIds: [skills.prompting],
    },
    {
      questionType: "true_false",
      questionText: "One AI tool is always the best choice for every business use.",
      answers: [
        { id: "true", text: "True", isCorrect: false },
        {
          id: "false",
          text: "False",
          isCorrect: true,
          feedback: "The right tool depends on the use, budget, data and integration.",
        },
      ],
      points: 10,
      difficulty: "easy",
      skillIds: [skills.literacy],
    },
    {
      questionType: "short_answer",
      questionText: "What does the abbreviation RAG stand for?",
      acceptedAnswers: ["Retrieval-Augmented Generation", "Retrieval Augmented Generation"],
      explanation: "Retrieval-Augmented Generation: the model answers from documents retrieved for the question.",
      points: 10,
      difficulty: "medium",
      skillIds: [skills.literacy],
    },
    {
      questionType: "rating_scale",
      questionText: "How confident are you writing effective prompts for AI tools?",
      scaleMin: 1,
      scaleMax: 5,
      scaleLabels: { min: "Not confident at all", max: "Very confident" },
      points: 0,
      difficulty: "easy",
      skillIds: [skills.prompting],
    },
    {
      questionType: "open_ended",
      questionText:
        "Describe a business process in your organization that AI could help automate: " +
        "which steps would be automated, and what outcome do you expect?",
      rubric:
        "A good answer names a concrete business process and the team that runs it; " +
        "lists the steps AI would automate " +
        "(for example: categorize incoming requests, route them, draft or suggest responses, summarize); " +
        "says where a person reviews; and states measurable outcomes " +
        "(time saved, faster responses, fewer errors, consistent handling).",
      sampleAnswer:
        "Our support team spends ten hours a week sorting tickets. AI could categorize incoming tickets by urgency " +
        "and topic, route them to the right team and suggest a first response that an agent reviews. " +
        "Expected outcomes: most of the sorting time saved, faster first responses and consistent routing.",
      aiGradingEnabled: true,
      points: 20,
      difficulty: "hard",
      skillIds: [skills.literacy],
    },
  ];
}

/** Open answers of the demo learners: stronger after the course. */
const OPEN_ANSWERS = {
  before: "Maybe AI could help with emails in our team, but I am not sure which steps it would take over.",
  after:
    "In customer success we sort support requests by hand. AI could categorize incoming requests, " +
    "route them to the right person and suggest a first response that we review. " +
    "We expect time saved, faster responses and more consistent handling.",
};

/** Creates the flagship course's assessments; returns their ids. */
export async function seedFlagshipAssessments(
  ctx: MutationCtx,
  options: {
    courseId: Id<"courses">;
    skills: { prompting: Id<"skills">; literacy: Id<"skills"> };
    firstLessonId?: Id<"lessons">;
    now: number;
  },
) {
  const { courseId, now } = options;
  const common = {
    courseId,
    skillIds: [options.skills.prompting, options.skills.literacy],
    randomizeQuestions: true,
    randomizeAnswers: true,
    timeLimit: 30,
    isActive: true,
    createdAt: now,
    updatedAt: now,
  };
  const preId = await ctx.db.insert("assessments", {
    ...common,
    title: "Baseline: AI at work",
    description: "About fifteen minutes, eight questions. It measures where you start, so we can show what you gained.",
    type: "pre_course",
    passingScore: 0,
    allowRetake: false,
    maxAttempts: 1,
    showCorrectAnswers: "never",
    windowDays: 2,
  });
  const postId = await ctx.db.insert("assessments", {
    ...common,
    title: "Post-course check: AI at work",
    description: "The baseline's questions again: it measures what you gained and counts toward your certificate.",
    type: "post_course",
    passingScore: 70,
    allowRetake: true,
    maxAttempts: 3,
    showCorrectAnswers: "after_passing",
    windowDays: 7,
    duplicatedFromId: preId,
  });
  for (const [sortOrder, question] of flagshipQuestions(options.skills).entries()) {
    const sourceQuestionId = await ctx.db.insert("assessmentQuestions", {
      ...question,
      assessmentId: preId,
      sortOrder,
      isActive: true,
      createdAt: now,
    });
    await ctx.db.insert("assessmentQuestions", {
      ...question,
      assessmentId: postId,
      sourceQuestionId,
      sortOrder,
      isActive: true,
      createdAt: now,
    });
  }
  if (options.firstLessonId) {
    const checkId = await ctx.db.insert("assessments", {
      courseId,
      lessonId: options.firstLessonId,
      title: "Knowledge check: prompt basics",
      type: "knowledge_check",
      passingScore: 60,
      allowRetake: true,
      showCorrectAnswers: "after_submit",
      randomizeQuestions: false,
      randomizeAnswers: true,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    for (const [sortOrder, question] of flagshipQuestions(options.skills).slice(0, 3).entries()) {
      await ctx.db.insert("assessmentQuestions", {
        ...question,
        assessmentId: checkId,
        sortOrder,
        isActive: true,
        createdAt: now,
      });
    }
  }
  return { preId, postId };
}

/**
 * A learner takes one assessment at `at`: a share `skill` of the rule-graded questions answered right, the open
 * answer written, submitted, and the open answer graded by the instructor (the share of its points given by `skill`).
 */
export async function takeAsDemoLearner(
  ctx: MutationCtx,
  options: {
    assessment: Doc<"assessments">;
    enrollment: Doc<"enrollments">;
    instructorId: Id<"users">;
    skill: number;
    at: number;
    rand: () => number;
    phase: "before" | "after";
  },
) {
  const { assessment, enrollment, at, rand, skill } = options;
  const attemptId = await startAttempt(ctx, {
    assessment,
    userId: enrollment.userId,
    enrollment,
    now: at,
    random: rand,
  });
  const attempt = (await ctx.db.get("assessmentAttempts", attemptId))!;
  const questions = [];
  for (const questionId of attempt.questionIds ?? [])
    questions.push((await ctx.db.get("assessmentQuestions", questionId))!);
  // The learner knows the answers to a share `skill` of the rule-graded questions (which ones is up to chance).
  const graded = questions.filter((q) => q.questionType !== "rating_scale" && q.questionType !== "open_ended");
  const known = new Set(
    graded
      .map((q) => ({ q, order: rand() }))
      .sort((a, b) => a.order - b.order)
      .slice(0, Math.round(skill * graded.length))
      .map(({ q }) => q._id),
  );
  for (const question of questions) {
    const questionId = question._id;
    const right = known.has(questionId);
    const correct = (question.answers ?? []).filter((a) => a.isCorrect).map((a) => a.id);
    const wrong = (question.answers ?? []).filter((a) => !a.isCorrect).map((a) => a.id);
    const input =
      question.questionType === "rating_scale"
        ? { ratingValue: Math.max(1, Math.min(5, Math.round(1 + skill * 4))) }
        : question.questionType === "short_answer"
          ? { textResponse: right ? "retrieval augmented generation" : "random answer generator" }
          : question.questionType === "open_ended"
            ? { textResponse: OPEN_ANSWERS[options.phase] }
            : {
                selectedAnswerIds: right
                  ? question.questionType === "multiple_select"
                    ? correct
                    : correct.slice(0, 1)
                  : wrong.slice(0, 1),
              };
    await saveResponse(ctx, attempt, questionId, input, at + 60_000);
  }
  await submitAttempt(ctx, (await ctx.db.get("assessmentAttempts", attemptId))!, { now: at + 12 * 60_000 });
  for (const response of await ctx.db
    .query("questionResponses")
    .withIndex("by_attemptId_and_questionId", (q) => q.eq("attemptId", attemptId))
    .take(50)) {
    if (response.gradingState === "graded") continue;
    const question = (await ctx.db.get("assessmentQuestions", response.questionId))!;
    await setGrade(ctx, response, {
      points: Math.round(question.points * skill),
      by: options.instructorId,
      now: at + 2 * DAY,
      notify: false,
    });
  }
  return attemptId;
}
