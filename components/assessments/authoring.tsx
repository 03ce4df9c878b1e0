"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { ClipboardList, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CheckboxField } from "@/components/ui/checkbox";
import { Select, SelectOptions } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { ASSESSMENT_TYPE_LABEL, DIFFICULTY_LABEL, QUESTION_TYPE_LABEL, SHOW_CORRECT_ANSWERS_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { QuestionFields, withAnswer } from "./question-fields";

type Detail = NonNullable<FunctionReturnType<typeof api.assessments.authoring.assessment>>;
type Settings = Omit<FunctionArgs<typeof api.assessments.authoring.saveAssessment>, "assessmentId" | "courseId">;
type QuestionArgs = Omit<FunctionArgs<typeof api.assessments.authoring.saveQuestion>, "questionId" | "assessmentId">;
type QuestionType = QuestionArgs["questionType"];

const NEW_SETTINGS: Settings = {
  title: "",
  type: "pre_course",
  passingScore: 0,
  allowRetake: false,
  showCorrectAnswers: "after_submit",
  randomizeQuestions: false,
  randomizeAnswers: true,
};

/** Kinds a new assessment can be; a knowledge check starts as another kind and gets its lesson under Settings. */
const { knowledge_check: _lessonOnly, ...NEW_ASSESSMENT_TYPES } = ASSESSMENT_TYPE_LABEL;

/** /teach/assessments: the courses the viewer may author and their assessments; a new assessment. */
export function AssessmentCourses() {
  const courses = useQuery(api.assessments.authoring.courses);
  const [creating, setCreating] = useState<Id<"courses"> | null>(null);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href="/teach" className="text-sm text-brand-700 hover:underline">
        ← Teaching
      </Link>
      <h1 className="mt-2 text-xl font-semibold text-gray-900">Assessments</h1>
      <p className="text-sm text-gray-600">
        Pre- and post-course assessments, knowledge checks on lessons and exams of the courses you teach.
      </p>
      <div className="mt-6 space-y-4">
        {courses === undefined ? (
          <Skeleton className="h-40" />
        ) : courses.length === 0 ? (
          <EmptyState
            icon={ClipboardList}
            title="No courses to author"
            description="Platform admins and the instructors of a course's cohorts edit its assessments."
          />
        ) : (
          courses.map((course) => (
            <Card key={course.courseId} className="p-5">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-base font-semibold text-gray-900">{course.title}</h2>
                <Button size="sm" variant="secondary" onClick={() => setCreating(course.courseId)}>
                  <Plus className="size-4" aria-hidden /> New assessment
                </Button>
              </div>
              {course.assessments.length === 0 ? (
                <p className="mt-2 text-sm text-gray-600">No assessments yet.</p>
              ) : (
                <ul className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200">
                  {course.assessments.map((a) => (
                    <li key={a.assessmentId} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5">
                      <div>
                        <Link
                          href={`/teach/assessments/${a.assessmentId}`}
                          className="text-sm font-medium text-gray-900 hover:underline"
                        >
                          {a.title}
                        </Link>
                        <p className="text-xs text-gray-600">
                          {ASSESSMENT_TYPE_LABEL[a.type]}
                          {a.lessonTitle ? ` · ${a.lessonTitle}` : ""} · {a.questionCount} question
                          {a.questionCount === 1 ? "" : "s"}
                        </p>
                      </div>
                      {a.isActive ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ))
        )}
      </div>
      {creating && <NewAssessmentDialog courseId={creating} onClose={() => setCreating(null)} />}
    </div>
  );
}

function NewAssessmentDialog({ courseId, onClose }: { courseId: Id<"courses">; onClose: () => void }) {
  const save = useMutation(api.assessments.authoring.saveAssessment);
  const router = useRouter();
  const { pending, handleSubmit } = useSubmit();
  const [title, setTitle] = useState("");
  const [type, setType] = useState<Settings["type"]>("pre_course");
  const defaults =
    type === "post_course"
      ? { passingScore: 70, allowRetake: true, maxAttempts: 3, showCorrectAnswers: "after_passing" as const }
      : {};
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title="New assessment" description="You set the rules and add questions next.">
        <form
          className="space-y-4"
          onSubmit={handleSubmit(() => save({ courseId, ...NEW_SETTINGS, ...defaults, title, type }), {
            onSuccess: (id) => router.push(`/teach/assessments/${id}`),
            keepPending: true,
          })}
        >
          <Field id="new-title" label="Title">
            <Input id="new-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
          </Field>
          <Field id="new-type" label="Kind">
            <Select id="new-type" value={type} onChange={(e) => setType(e.target.value as Settings["type"])}>
              <SelectOptions labels={NEW_ASSESSMENT_TYPES} />
            </Select>
          </Field>
          <p className="text-xs text-gray-600">
            Knowledge checks belong to a lesson: create one here as a skill assessment, then choose its lesson under
            Settings.
          </p>
          <div className="flex justify-end">
            <Button type="submit" loading={pending}>
              Create
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** /teach/assessments/[id]: settings, questions of every type, preview, duplicate as post-course, deactivate. */
export function AssessmentEditor({ assessmentId }: { assessmentId: Id<"assessments"> }) {
  const detail = useQuery(api.assessments.authoring.assessment, { assessmentId });
  const [editing, setEditing] = useState<Detail["questions"][number] | "new" | null>(null);
  const [previewing, setPreviewing] = useState(false);
  if (detail === undefined) return <Skeleton className="mx-auto mt-10 h-96 max-w-[1100px]" />;
  if (detail === null)
    return (
      <p className="mx-auto max-w-[1100px] px-4 py-10 text-sm text-gray-700">
        Only platform admins and the course&apos;s instructors can edit this assessment.
      </p>
    );
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href="/teach/assessments" className="text-sm text-brand-700 hover:underline">
        ← Assessments
      </Link>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-gray-900">{detail.settings.title}</h1>
          <p className="text-sm text-gray-600">
            {ASSESSMENT_TYPE_LABEL[detail.settings.type]} · {detail.courseTitle} · {detail.attempts} attempt
            {detail.attempts === 1 ? "" : "s"} so far
            {detail.duplicatedFromTitle ? ` · same questions as “${detail.duplicatedFromTitle}”` : ""}
          </p>
        </div>
        <HeaderActions detail={detail} onPreview={() => setPreviewing(true)} />
      </div>
      {!detail.aiConfigured && (
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No AI model is set up (AI_API_KEY): open answers go to the instructors&apos; queue to be graded by hand.
        </p>
      )}
      <SettingsForm detail={detail} />
      <Card className="mt-6 p-5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold text-gray-900">Questions</h2>
          <Button size="sm" onClick={() => setEditing("new")}>
            <Plus className="size-4" aria-hidden /> Add question
          </Button>
        </div>
        <QuestionList detail={detail} onEdit={setEditing} />
      </Card>
      {editing && (
        <QuestionDialog
          assessmentId={assessmentId}
          detail={detail}
          question={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {previewing && <PreviewDialog assessmentId={assessmentId} onClose={() => setPreviewing(false)} />}
    </div>
  );
}

function HeaderActions({ detail, onPreview }: { detail: Detail; onPreview: () => void }) {
  const duplicate = useMutation(api.assessments.authoring.duplicateAsPost);
  const setActive = useMutation(api.assessments.authoring.setActive);
  const router = useRouter();
  const { isPending, run } = useSubmit();
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" variant="secondary" onClick={onPreview}>
        Preview as a learner
      </Button>
      {detail.canDuplicateAsPost && (
        <Button
          size="sm"
          variant="secondary"
          loading={isPending("duplicate")}
          onClick={() =>
            void run(() => duplicate({ assessmentId: detail.assessmentId }), {
              key: "duplicate",
              keepPending: true,
              onSuccess: (id) => router.push(`/teach/assessments/${id}`),
            })
          }
        >
          Duplicate as post-course assessment
        </Button>
      )}
      <Button
        size="sm"
        variant={detail.settings.isActive ? "destructive" : "secondary"}
        loading={isPending("active")}
        onClick={() =>
          void run(() => setActive({ assessmentId: detail.assessmentId, isActive: !detail.settings.isActive }), {
            key: "active",
            success: detail.settings.isActive
              ? "Deactivated: learners no longer see it; past attempts stay."
              : "Active again.",
          })
        }
      >
        {detail.settings.isActive ? "Deactivate" : "Activate"}
      </Button>
    </div>
  );
}

function SettingsForm({ detail }: { detail: Detail }) {
  const save = useMutation(api.assessments.authoring.saveAssessment);
  const { pending, handleSubmit } = useSubmit();
  const { isActive: _active, ...initial } = detail.settings;
  const [s, setS] = useState<Settings>(initial);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setS((prev) => ({ ...prev, [key]: value }));
  const optionalNumber = (value: string) => (value.trim() === "" ? undefined : Number(value));
  const windowed = s.type === "pre_course" || s.type === "post_course";
  return (
    <Card className="mt-6 p-5">
      <h2 className="text-base font-semibold text-gray-900">Settings</h2>
      <form
        className="mt-4 grid gap-4 sm:grid-cols-2"
        onSubmit={handleSubmit(() => save({ assessmentId: detail.assessmentId, courseId: detail.courseId, ...s }), {
          success: "Settings saved.",
        })}
      >
        <Field id="s-title" label="Title">
          <Input id="s-title" value={s.title} maxLength={200} onChange={(e) => set("title", e.target.value)} />
        </Field>
        <Field id="s-type" label="Kind">
          <Select id="s-type" value={s.type} onChange={(e) => set("type", e.target.value as Settings["type"])}>
            <SelectOptions labels={ASSESSMENT_TYPE_LABEL} />
          </Select>
        </Field>
        <div className="sm:col-span-2">
          <Field id="s-description" label="Description (shown to learners)">
            <Textarea
              id="s-description"
              rows={2}
              value={s.description ?? ""}
              onChange={(e) => set("description", e.target.value)}
            />
          </Field>
        </div>
        {s.type === "knowledge_check" && (
          <Field id="s-lesson" label="Lesson">
            <Select
              id="s-lesson"
              value={s.lessonId ?? ""}
              onChange={(e) => set("lessonId", (e.target.value || undefined) as Id<"lessons"> | undefined)}
            >
              <option value="">Choose a lesson</option>
              {detail.lessons.map((l) => (
                <option key={l.lessonId} value={l.lessonId}>
                  {l.title}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field id="s-time" label="Time limit (minutes, empty for none)">
          <Input
            id="s-time"
            type="number"
            min={1}
            value={s.timeLimit ?? ""}
            onChange={(e) => set("timeLimit", optionalNumber(e.target.value))}
          />
        </Field>
        <Field id="s-pass" label="Passing score (%)">
          <Input
            id="s-pass"
            type="number"
            min={0}
            max={100}
            value={s.passingScore}
            onChange={(e) => set("passingScore", Number(e.target.value))}
          />
        </Field>
        <Field
          id="s-pool"
          label="Questions per attempt (empty for all)"
          hint="A pool: each attempt draws this many from the active questions."
        >
          <Input
            id="s-pool"
            type="number"
            min={1}
            value={s.questionsPerAttempt ?? ""}
            onChange={(e) => set("questionsPerAttempt", optionalNumber(e.target.value))}
          />
        </Field>
        <Field id="s-reveal" label="Show correct answers">
          <Select
            id="s-reveal"
            value={s.showCorrectAnswers}
            onChange={(e) => set("showCorrectAnswers", e.target.value as Settings["showCorrectAnswers"])}
          >
            <SelectOptions labels={SHOW_CORRECT_ANSWERS_LABEL} />
          </Select>
        </Field>
        {windowed && (
          <Field
            id="s-window"
            label={
              s.type === "pre_course"
                ? "Opens this many days before the cohort starts"
                : "Stays open this many days after the last session"
            }
            hint={
              s.type === "pre_course"
                ? "Closes at the first session. Default 2."
                : "Opens when the last session ends. Default 7."
            }
          >
            <Input
              id="s-window"
              type="number"
              min={0}
              max={60}
              value={s.windowDays ?? ""}
              onChange={(e) => set("windowDays", optionalNumber(e.target.value))}
            />
          </Field>
        )}
        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="text-sm font-medium text-gray-900">Attempts and order</legend>
          <CheckboxField
            checked={s.allowRetake}
            onCheckedChange={(checked) => set("allowRetake", checked)}
            label="Allow retakes"
          />
          {s.allowRetake && (
            <Field id="s-attempts" label="Most attempts (empty for unlimited)">
              <Input
                id="s-attempts"
                type="number"
                min={1}
                className="w-32"
                value={s.maxAttempts ?? ""}
                onChange={(e) => set("maxAttempts", optionalNumber(e.target.value))}
              />
            </Field>
          )}
          <CheckboxField
            checked={s.randomizeQuestions}
            onCheckedChange={(checked) => set("randomizeQuestions", checked)}
            label="Shuffle questions (fixed per attempt)"
          />
          <CheckboxField
            checked={s.randomizeAnswers}
            onCheckedChange={(checked) => set("randomizeAnswers", checked)}
            label="Shuffle answer options (fixed per attempt)"
          />
        </fieldset>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" loading={pending}>
            Save settings
          </Button>
        </div>
      </form>
    </Card>
  );
}

function QuestionList({ detail, onEdit }: { detail: Detail; onEdit: (q: Detail["questions"][number]) => void }) {
  const setActive = useMutation(api.assessments.authoring.setQuestionActive);
  const { isPending, run } = useSubmit();
  const skills = new Map(detail.skills.map((s) => [s.skillId, s.name]));
  if (detail.questions.length === 0) return <p className="mt-3 text-sm text-gray-600">No questions yet.</p>;
  return (
    <ol className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200">
      {detail.questions.map((q, i) => (
        <li
          key={q.questionId}
          className="flex flex-wrap items-start justify-between gap-3 px-3 py-3"
          data-testid="authoring-question"
        >
          <div className="min-w-0 flex-1">
            <p className={`text-sm font-medium ${q.isActive ? "text-gray-900" : "text-gray-500 line-through"}`}>
              {i + 1}. {q.questionText}
            </p>
            <p className="text-xs text-gray-600">
              {QUESTION_TYPE_LABEL[q.questionType]} · {q.points} pts · {DIFFICULTY_LABEL[q.difficulty]}
              {q.skillIds?.length ? ` · ${q.skillIds.map((id) => skills.get(id) ?? "skill").join(", ")}` : ""}
            </p>
          </div>
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => onEdit(q)} aria-label={`Edit question ${i + 1}`}>
              Edit
            </Button>
            <Button
              size="sm"
              variant="ghost"
              loading={isPending(q.questionId)}
              onClick={() =>
                void run(() => setActive({ questionId: q.questionId, isActive: !q.isActive }), { key: q.questionId })
              }
            >
              {q.isActive ? "Remove from attempts" : "Use again"}
            </Button>
          </div>
        </li>
      ))}
    </ol>
  );
}

const emptyOptions = (type: QuestionType) =>
  type === "true_false"
    ? [
        { id: "true", text: "True", isCorrect: true },
        { id: "false", text: "False", isCorrect: false },
      ]
    : [
        { id: crypto.randomUUID(), text: "", isCorrect: true },
        { id: crypto.randomUUID(), text: "", isCorrect: false },
      ];

function QuestionDialog({
  assessmentId,
  detail,
  question,
  onClose,
}: {
  assessmentId: Id<"assessments">;
  detail: Detail;
  question: Detail["questions"][number] | null;
  onClose: () => void;
}) {
  const save = useMutation(api.assessments.authoring.saveQuestion);
  const { pending, handleSubmit } = useSubmit();
  const [q, setQ] = useState<QuestionArgs>(() => {
    if (question) {
      const { questionId: _id, isActive: _a, sortOrder: _s, ...rest } = question;
      return rest;
    }
    return {
      questionType: "multiple_choice",
      questionText: "",
      points: 10,
      difficulty: "medium",
      answers: emptyOptions("multiple_choice"),
    };
  });
  const set = <K extends keyof QuestionArgs>(key: K, value: QuestionArgs[K]) =>
    setQ((prev) => ({ ...prev, [key]: value }));
  const choice =
    q.questionType === "multiple_choice" || q.questionType === "multiple_select" || q.questionType === "true_false";
  const answers = q.answers ?? [];
  const setAnswer = (i: number, patch: Partial<(typeof answers)[number]>) =>
    set(
      "answers",
      answers.map((a, j) =>
        j === i
          ? { ...a, ...patch }
          : patch.isCorrect && q.questionType !== "multiple_select"
            ? { ...a, isCorrect: false }
            : a,
      ),
    );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={question ? "Edit question" : "Add question"}
        className="max-h-[88vh] w-[min(44rem,calc(100vw-2rem))] overflow-auto"
      >
        <form
          className="space-y-4"
          onSubmit={handleSubmit(
            () => save({ assessmentId, ...(question ? { questionId: question.questionId } : {}), ...q }),
            { onSuccess: onClose },
          )}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="q-type" label="Type">
              <Select
                id="q-type"
                value={q.questionType}
                onChange={(e) => {
                  const type = e.target.value as QuestionType;
                  setQ((prev) => ({
                    ...prev,
                    questionType: type,
                    answers:
                      type === "multiple_choice" || type === "multiple_select" || type === "true_false"
                        ? emptyOptions(type)
                        : undefined,
                  }));
                }}
              >
                <SelectOptions labels={QUESTION_TYPE_LABEL} />
              </Select>
            </Field>
            <Field id="q-points" label="Points">
              <Input
                id="q-points"
                type="number"
                min={0}
                max={100}
                disabled={q.questionType === "rating_scale"}
                value={q.questionType === "rating_scale" ? 0 : q.points}
                onChange={(e) => set("points", Number(e.target.value))}
              />
            </Field>
            <Field id="q-difficulty" label="Difficulty">
              <Select
                id="q-difficulty"
                value={q.difficulty}
                onChange={(e) => set("difficulty", e.target.value as QuestionArgs["difficulty"])}
              >
                <SelectOptions labels={DIFFICULTY_LABEL} />
              </Select>
            </Field>
          </div>
          <Field id="q-text" label="Question">
            <Textarea
              id="q-text"
              rows={3}
              value={q.questionText}
              onChange={(e) => set("questionText", e.target.value)}
            />
          </Field>
          {choice && (
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-gray-900">
                Answers ({q.questionType === "multiple_select" ? "tick every correct one" : "tick the correct one"})
              </legend>
              {answers.map((a, i) => (
                <div key={a.id} className="flex items-center gap-2">
                  <input
                    type={q.questionType === "multiple_select" ? "checkbox" : "radio"}
                    name="q-correct"
                    className="size-4 accent-brand-700"
                    aria-label={`Answer ${i + 1} is correct`}
                    checked={a.isCorrect}
                    onChange={(e) => setAnswer(i, { isCorrect: e.target.checked })}
                  />
                  <Input
                    aria-label={`Answer ${i + 1}`}
                    value={a.text}
                    disabled={q.questionType === "true_false"}
                    onChange={(e) => setAnswer(i, { text: e.target.value })}
                  />
                  <Input
                    aria-label={`Feedback for answer ${i + 1}`}
                    placeholder="Feedback (optional)"
                    value={a.feedback ?? ""}
                    onChange={(e) => setAnswer(i, { feedback: e.target.value })}
                  />
                </div>
              ))}
              {q.questionType !== "true_false" && answers.length < 10 && (
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  onClick={() => set("answers", [...answers, { id: crypto.randomUUID(), text: "", isCorrect: false }])}
                >
                  <Plus className="size-4" aria-hidden /> Add an answer
                </Button>
              )}
            </fieldset>
          )}
          {q.questionType === "short_answer" && (
            <Field
              id="q-accepted"
              label="Accepted answers (one a line)"
              hint="Case, accents, punctuation and spacing do not matter."
            >
              <Textarea
                id="q-accepted"
                rows={3}
                value={(q.acceptedAnswers ?? []).join("\n")}
                onChange={(e) => set("acceptedAnswers", e.target.value.split("\n"))}
              />
            </Field>
          )}
          {q.questionType === "rating_scale" && (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="q-min" label="Lowest value">
                <Input
                  id="q-min"
                  type="number"
                  min={0}
                  max={10}
                  value={q.scaleMin ?? 1}
                  onChange={(e) => set("scaleMin", Number(e.target.value))}
                />
              </Field>
              <Field id="q-max" label="Highest value">
                <Input
                  id="q-max"
                  type="number"
                  min={1}
                  max={10}
                  value={q.scaleMax ?? 5}
                  onChange={(e) => set("scaleMax", Number(e.target.value))}
                />
              </Field>
              <Field id="q-min-label" label="Label of the lowest">
                <Input
                  id="q-min-label"
                  value={q.scaleLabels?.min ?? ""}
                  onChange={(e) => set("scaleLabels", { min: e.target.value, max: q.scaleLabels?.max ?? "" })}
                />
              </Field>
              <Field id="q-max-label" label="Label of the highest">
                <Input
                  id="q-max-label"
                  value={q.scaleLabels?.max ?? ""}
                  onChange={(e) => set("scaleLabels", { min: q.scaleLabels?.min ?? "", max: e.target.value })}
                />
              </Field>
            </div>
          )}
          {q.questionType === "open_ended" && (
            <>
              <Field
                id="q-rubric"
                label="Rubric"
                hint="What a good answer contains. The AI grades against it; instructors see it when they review."
              >
                <Textarea
                  id="q-rubric"
                  rows={3}
                  value={q.rubric ?? ""}
                  onChange={(e) => set("rubric", e.target.value)}
                />
              </Field>
              <CheckboxField
                checked={q.aiGradingEnabled !== false}
                onCheckedChange={(checked) => set("aiGradingEnabled", checked)}
                label="Let the AI grade first (confident grades count; others wait for review)"
              />
            </>
          )}
          {(q.questionType === "open_ended" || q.questionType === "short_answer") && (
            <Field id="q-sample" label="Sample answer (optional)">
              <Textarea
                id="q-sample"
                rows={2}
                value={q.sampleAnswer ?? ""}
                onChange={(e) => set("sampleAnswer", e.target.value)}
              />
            </Field>
          )}
          <Field id="q-explanation" label="Explanation (shown when answers are revealed)">
            <Textarea
              id="q-explanation"
              rows={2}
              value={q.explanation ?? ""}
              onChange={(e) => set("explanation", e.target.value)}
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-gray-900">Skills it tests (up to 3)</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {detail.skills.map((skill) => (
                <CheckboxField
                  key={skill.skillId}
                  checked={q.skillIds?.includes(skill.skillId) ?? false}
                  onCheckedChange={(checked) =>
                    set(
                      "skillIds",
                      checked
                        ? [...(q.skillIds ?? []), skill.skillId]
                        : (q.skillIds ?? []).filter((id) => id !== skill.skillId),
                    )
                  }
                  label={skill.name}
                />
              ))}
            </div>
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Save question
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function PreviewDialog({ assessmentId, onClose }: { assessmentId: Id<"assessments">; onClose: () => void }) {
  const preview = useQuery(api.assessments.authoring.preview, { assessmentId });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={preview ? `Preview: ${preview.title}` : "Preview"}
        description={
          "Exactly what learners are sent: no correct answers, no explanations. Nothing you click here is saved."
        }
        className="max-h-[88vh] w-[min(44rem,calc(100vw-2rem))] overflow-auto"
      >
        {preview === undefined ? (
          <Skeleton className="h-40" />
        ) : preview === null ? (
          <p className="text-sm text-gray-700">Not available.</p>
        ) : (
          <PreviewQuestions questions={preview.questions} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function PreviewQuestions({
  questions,
}: {
  questions: NonNullable<FunctionReturnType<typeof api.assessments.authoring.preview>>["questions"];
}) {
  const [local, setLocal] = useState(questions);
  return (
    <ol className="space-y-4">
      {local.map((question, index) => (
        <li key={question.questionId} className="rounded-md border border-gray-200 p-4">
          <QuestionFields
            question={question}
            index={index}
            disabled={false}
            onAnswer={(answer) =>
              setLocal((prev) => prev.map((q) => (q.questionId === question.questionId ? withAnswer(q, answer) : q)))
            }
          />
        </li>
      ))}
    </ol>
  );
}
