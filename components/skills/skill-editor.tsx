"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { BookOpen, ListChecks } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { CourseSkillLevel, EvidenceType } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { ActionDialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
  TableRowHeader,
} from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { COURSE_SKILL_LEVEL, COURSE_STATUS, EVIDENCE_TYPE_LABEL, SKILL_CATEGORY_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { SkillForm } from "./skill-form";

type Skill = NonNullable<FunctionReturnType<typeof api.skills.authoring.get>>;
type Competency = Skill["competencies"][number];

/** One skill for platform admins: its details, its competencies, and the courses that build it. */
export function SkillEditor({ skillId }: { skillId: Id<"skills"> }) {
  const skill = useQuery(api.skills.authoring.get, { skillId });
  const skills = useQuery(api.skills.authoring.list);
  if (skill === undefined || skills === undefined)
    return (
      <div className="space-y-6">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-96" />
      </div>
    );
  if (skill === null)
    return (
      <div>
        <h1 className="text-xl font-semibold text-gray-900">Skill not found</h1>
        <Link href="/admin/skills" className="mt-2 inline-block text-sm text-brand-700 hover:underline">
          ← All skills
        </Link>
      </div>
    );
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/skills" className="text-sm text-brand-700 hover:underline">
          ← All skills
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-gray-900">{skill.name}</h1>
        <p className="text-sm text-gray-600">
          {SKILL_CATEGORY_LABEL[skill.category]}
          {skill.children.length > 0 && ` · includes ${skill.children.map((c) => c.name).join(", ")}`}
        </p>
      </div>
      <Card className="p-6">
        <h2 className="text-base font-semibold text-gray-900">Details</h2>
        <div className="mt-4">
          <SkillForm
            key={skill._id}
            skillId={skill._id}
            skills={skills}
            initial={{
              name: skill.name,
              slug: skill.slug,
              description: skill.description,
              category: skill.category,
              level: skill.level,
              parentSkillId: skill.parentSkillId ?? "",
              prerequisites: skill.prerequisites,
              isActive: skill.isActive,
              badgeValidityMonths: skill.badgeValidityMonths === undefined ? "" : String(skill.badgeValidityMonths),
            }}
          />
        </div>
      </Card>
      <Competencies skill={skill} />
      <Courses skill={skill} />
    </div>
  );
}

function Competencies({ skill }: { skill: Skill }) {
  const [editing, setEditing] = useState<Competency | "new" | null>(null);
  return (
    <section aria-labelledby="competencies-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="competencies-heading" className="text-base font-semibold text-gray-900">
            Competencies
          </h2>
          <p className="text-sm text-gray-600">
            What a learner shows to be good at {skill.name}. Instructors record evidence against these.
          </p>
        </div>
        <Button variant="secondary" onClick={() => setEditing("new")}>
          Add competency
        </Button>
      </div>
      <Table caption={`Competencies of ${skill.name}`} className="mt-3">
        <TableHeader>
          <TableRow>
            <TableHead>Competency</TableHead>
            <TableHead>Evidence</TableHead>
            <TableHead align="right">Pass at</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        {skill.competencies.length === 0 ? (
          <TableEmpty
            colSpan={4}
            icon={ListChecks}
            title="No competencies yet"
            description="Add the observable things someone good at this skill does."
          />
        ) : (
          <TableBody>
            {skill.competencies.map((c) => (
              <TableRow key={c._id}>
                <TableRowHeader>
                  {c.name}
                  {!c.isActive && (
                    <Badge tone="neutral" className="ml-2">
                      Inactive
                    </Badge>
                  )}
                  <p className="mt-0.5 text-xs font-normal text-gray-600">{c.assessmentCriteria}</p>
                </TableRowHeader>
                <TableCell>{c.evidenceTypes.map((t) => EVIDENCE_TYPE_LABEL[t]).join(", ")}</TableCell>
                <TableCell numeric>{c.passingThreshold}</TableCell>
                <TableCell align="right">
                  <Button variant="ghost" size="sm" onClick={() => setEditing(c)}>
                    Edit<span className="sr-only"> {c.name}</span>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        )}
      </Table>
      {editing !== null && (
        <CompetencyDialog
          skillId={skill._id}
          competency={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

const EVIDENCE_TYPES = Object.keys(EVIDENCE_TYPE_LABEL) as EvidenceType[];

function CompetencyDialog({
  skillId,
  competency,
  onClose,
}: {
  skillId: Id<"skills">;
  competency: Competency | null;
  onClose: () => void;
}) {
  const save = useMutation(api.skills.authoring.saveCompetency);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const [draft, setDraft] = useState({
    name: competency?.name ?? "",
    description: competency?.description ?? "",
    assessmentCriteria: competency?.assessmentCriteria ?? "",
    evidenceTypes: competency?.evidenceTypes ?? (["observation", "project"] as EvidenceType[]),
    passingThreshold: String(competency?.passingThreshold ?? 70),
    isActive: competency?.isActive ?? true,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        save({
          skillId,
          ...(competency ? { competencyId: competency._id } : {}),
          ...draft,
          passingThreshold: Number(draft.passingThreshold),
        }),
      { success: `${draft.name.trim()} is saved.`, onSuccess: onClose },
    );
  };
  return (
    <ActionDialog
      title={competency ? `Edit ${competency.name}` : "Add a competency"}
      pending={pending}
      onClose={onClose}
      className="w-[min(36rem,calc(100vw-2rem))]"
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        <Field id="competency-name" label="Name">
          <Input
            id="competency-name"
            required
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            placeholder="Write effective system prompts"
          />
        </Field>
        <Field id="competency-description" label="Description">
          <Textarea
            id="competency-description"
            required
            className="min-h-16"
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </Field>
        <Field id="competency-criteria" label="Assessment criteria" hint="How an instructor tells it was shown.">
          <Textarea
            id="competency-criteria"
            required
            className="min-h-16"
            value={draft.assessmentCriteria}
            onChange={(e) => setDraft({ ...draft, assessmentCriteria: e.target.value })}
          />
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-gray-900">Evidence accepted</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {EVIDENCE_TYPES.map((type) => (
              <CheckboxField
                key={type}
                label={EVIDENCE_TYPE_LABEL[type]}
                checked={draft.evidenceTypes.includes(type)}
                onCheckedChange={(checked) =>
                  setDraft({
                    ...draft,
                    evidenceTypes: checked
                      ? [...draft.evidenceTypes, type]
                      : draft.evidenceTypes.filter((t) => t !== type),
                  })
                }
              />
            ))}
          </div>
        </fieldset>
        <Field id="competency-threshold" label="Passing score (0–100)">
          <Input
            id="competency-threshold"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            required
            className="w-28"
            value={draft.passingThreshold}
            onChange={(e) => setDraft({ ...draft, passingThreshold: e.target.value })}
          />
        </Field>
        <CheckboxField
          label="Active"
          description="Inactive competencies take no new evidence and are not needed for sign-off."
          checked={draft.isActive}
          onCheckedChange={(isActive) => setDraft({ ...draft, isActive })}
        />
        {error && <FormError>{error}</FormError>}
        <DialogActions onBack={onClose} pending={pending}>
          <Button type="submit" loading={pending}>
            Save competency
          </Button>
        </DialogActions>
      </form>
    </ActionDialog>
  );
}

const COURSE_LEVELS = Object.keys(COURSE_SKILL_LEVEL) as CourseSkillLevel[];

function Courses({ skill }: { skill: Skill }) {
  const courses = useQuery(api.catalog.courses.list);
  const map = useMutation(api.skills.authoring.mapCourse);
  const unmap = useMutation(api.skills.authoring.unmapCourse);
  const { pending, isPending, error, run } = useSubmit({ errors: "inline" });
  const remove = useSubmit();
  const [draft, setDraft] = useState({ courseId: "", skillLevel: "develops" as CourseSkillLevel, weight: "50" });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const title = courses?.find((c) => c._id === draft.courseId)?.title ?? "The course";
    void run(
      () =>
        map({
          courseId: draft.courseId as Id<"courses">,
          skillId: skill._id,
          skillLevel: draft.skillLevel,
          weight: Number(draft.weight),
        }),
      {
        key: "map",
        success: `${title} ${COURSE_SKILL_LEVEL[draft.skillLevel].label.toLowerCase()} ${skill.name}.`,
        onSuccess: () => setDraft({ ...draft, courseId: "" }),
      },
    );
  };
  return (
    <section aria-labelledby="courses-heading">
      <h2 id="courses-heading" className="text-base font-semibold text-gray-900">
        Courses that build it
      </h2>
      <p className="text-sm text-gray-600">
        Completing a course earns the level it builds; the course page lists it under “Skills you will build”.
      </p>
      <Table caption={`Courses that build ${skill.name}`} className="mt-3">
        <TableHeader>
          <TableRow>
            <TableHead>Course</TableHead>
            <TableHead>Level</TableHead>
            <TableHead align="right">Weight</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        {skill.courses.length === 0 ? (
          <TableEmpty colSpan={4} icon={BookOpen} title="No course builds it yet" description="Add one below." />
        ) : (
          <TableBody>
            {skill.courses.map((link) => (
              <TableRow key={link._id} data-testid="skill-course-row">
                <TableRowHeader>
                  <Link href={`/admin/courses/${link.courseId}`} className="text-brand-700 hover:underline">
                    {link.title}
                  </Link>
                  <Badge tone={COURSE_STATUS[link.status].tone} className="ml-2">
                    {COURSE_STATUS[link.status].label}
                  </Badge>
                </TableRowHeader>
                <TableCell>{COURSE_SKILL_LEVEL[link.skillLevel].label}</TableCell>
                <TableCell numeric>{link.weight}</TableCell>
                <TableCell align="right">
                  <Button
                    variant="ghost"
                    size="sm"
                    loading={remove.isPending(link._id)}
                    onClick={() =>
                      void remove.run(() => unmap({ courseSkillId: link._id }), {
                        key: link._id,
                        success: `${link.title} no longer lists ${skill.name}.`,
                      })
                    }
                  >
                    Remove<span className="sr-only"> {link.title}</span>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        )}
      </Table>
      <Card className="mt-4 p-5">
        <h3 className="text-sm font-semibold text-gray-900">Add a course, or change one</h3>
        <form className="mt-3 grid gap-4 sm:grid-cols-[2fr_1.5fr_100px_auto] sm:items-end" onSubmit={onSubmit}>
          <Field id="map-course" label="Course">
            <Select
              id="map-course"
              required
              value={draft.courseId}
              onChange={(e) => setDraft({ ...draft, courseId: e.target.value })}
            >
              <option value="">Choose a course</option>
              {(courses ?? []).map((c) => (
                <option key={c._id} value={c._id}>
                  {c.title}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="map-level" label="What the course does">
            <Select
              id="map-level"
              value={draft.skillLevel}
              onChange={(e) => setDraft({ ...draft, skillLevel: e.target.value as CourseSkillLevel })}
            >
              {COURSE_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {COURSE_SKILL_LEVEL[level].label} — {COURSE_SKILL_LEVEL[level].hint}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="map-weight" label="Weight">
            <Input
              id="map-weight"
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              required
              value={draft.weight}
              onChange={(e) => setDraft({ ...draft, weight: e.target.value })}
            />
          </Field>
          <Button type="submit" loading={isPending("map")} disabled={pending}>
            Save course
          </Button>
        </form>
        {error && <FormError className="mt-2">{error}</FormError>}
      </Card>
    </section>
  );
}
