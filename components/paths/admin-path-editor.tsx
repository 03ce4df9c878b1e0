"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ArrowDown, ArrowUp, Pencil, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { UnlockRule } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { amountToCents, centsToAmount, formatPrice } from "@/lib/format";
import { PATH_AUDIENCE_LABEL, PATH_PRICING_LABEL, UNLOCK_RULE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type PathData = NonNullable<FunctionReturnType<typeof api.paths.authoring.get>>;
type Options = FunctionReturnType<typeof api.paths.authoring.options>;
type Step = PathData["steps"][number];

/** A platform admin's editor of one learning path: its page and price, then its steps. */
export function AdminPathEditor({ pathId }: { pathId: Id<"learningPaths"> | null }) {
  const path = useQuery(api.paths.authoring.get, pathId ? { pathId } : "skip");
  const options = useQuery(api.paths.authoring.options);
  if ((pathId && path === undefined) || options === undefined) return <Skeleton className="h-[600px]" />;
  if (pathId && path === null) return <p className="text-gray-700">This path no longer exists.</p>;
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/paths" className="text-sm text-brand-700 hover:underline">
          ← All learning paths
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-gray-900">{path ? path.title : "New learning path"}</h1>
        {path?.isActive && (
          <Link href={`/paths/${path.slug}`} className="text-sm text-brand-700 underline underline-offset-2">
            View the public page
          </Link>
        )}
      </div>
      {path && <StepsEditor path={path} options={options} />}
      <PathForm key={path?._id ?? "new"} path={path ?? null} options={options} />
    </div>
  );
}

function PathForm({ path, options }: { path: PathData | null; options: Options }) {
  const save = useMutation(api.paths.authoring.save);
  const router = useRouter();
  const { pending, error, handleSubmit } = useSubmit({ errors: "inline" });
  const [pricing, setPricing] = useState<PathData["pricingModel"]>(path?.pricingModel ?? "individual");
  const [skills, setSkills] = useState<ReadonlySet<Id<"skills">>>(new Set(path?.skillIds ?? []));
  const [published, setPublished] = useState(path?.isActive ?? false);
  const [featured, setFeatured] = useState(path?.isFeatured ?? false);

  function submit(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    handleSubmit(
      () =>
        save({
          ...(path ? { pathId: path._id } : {}),
          title: text("title"),
          slug: text("slug"),
          shortDescription: text("shortDescription"),
          description: text("description"),
          audience: text("audience") as PathData["audience"],
          targetRole: text("targetRole"),
          estimatedDuration: text("estimatedDuration"),
          totalHours: Number(text("totalHours")),
          outcomes: text("outcomes").split("\n"),
          skillIds: [...skills],
          pricingModel: pricing,
          ...(pricing === "bundled" ? { bundlePrice: amountToCents(text("bundlePrice")) } : {}),
          ...(pricing === "subscription" ? { subscriptionPrice: amountToCents(text("subscriptionPrice")) } : {}),
          isActive: published,
          isFeatured: featured,
          sortOrder: Number(text("sortOrder")),
        }),
      {
        success: path ? "Path saved." : "Path created. Add its steps, then publish it.",
        onSuccess: (id) => {
          if (!path) router.push(`/admin/paths/${id}`);
        },
      },
    )(event);
  }

  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Page and price</h2>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={submit}>
        <Field id="title" label="Title">
          <Input id="title" name="title" defaultValue={path?.title} required />
        </Field>
        <Field id="slug" label="URL slug" hint="Lower-case letters, digits and dashes: /paths/<slug>">
          <Input id="slug" name="slug" defaultValue={path?.slug} required />
        </Field>
        <div className="sm:col-span-2">
          <Field id="shortDescription" label="Short description" hint="One line, shown on the path's card.">
            <Input id="shortDescription" name="shortDescription" defaultValue={path?.shortDescription} required />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id="description" label="Description">
            <Textarea id="description" name="description" defaultValue={path?.description} required />
          </Field>
        </div>
        <Field id="audience" label="Audience">
          <Select id="audience" name="audience" defaultValue={path?.audience ?? "individual"}>
            <SelectOptions labels={PATH_AUDIENCE_LABEL} />
          </Select>
        </Field>
        <Field id="targetRole" label="Roles it is for" hint="Optional, e.g. “L&D leaders, change managers”.">
          <Input id="targetRole" name="targetRole" defaultValue={path?.targetRole} />
        </Field>
        <Field id="estimatedDuration" label="Estimated duration" hint="As learners read it, e.g. “6 weeks”.">
          <Input id="estimatedDuration" name="estimatedDuration" defaultValue={path?.estimatedDuration} required />
        </Field>
        <Field id="totalHours" label="Hours of live learning">
          <Input
            id="totalHours"
            name="totalHours"
            type="number"
            min="1"
            max="1000"
            step="1"
            defaultValue={path?.totalHours ?? 16}
            required
          />
        </Field>
        <div className="sm:col-span-2">
          <Field id="outcomes" label="Outcomes" hint="One per line.">
            <Textarea id="outcomes" name="outcomes" defaultValue={path?.outcomes.join("\n")} />
          </Field>
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="mb-2 text-sm font-medium text-gray-900">Skills developed</legend>
          {options.skills.length === 0 ? (
            <p className="text-sm text-gray-600">No skills are defined yet.</p>
          ) : (
            <div className="grid gap-2 sm:grid-cols-3">
              {options.skills.map((skill) => (
                <CheckboxField
                  key={skill._id}
                  label={skill.name}
                  checked={skills.has(skill._id)}
                  onCheckedChange={(checked) =>
                    setSkills((current) => {
                      const next = new Set(current);
                      if (checked) next.add(skill._id);
                      else next.delete(skill._id);
                      return next;
                    })
                  }
                />
              ))}
            </div>
          )}
        </fieldset>
        <Field id="pricingModel" label="Pricing">
          <Select
            id="pricingModel"
            value={pricing}
            onChange={(event) => setPricing(event.target.value as PathData["pricingModel"])}
          >
            <SelectOptions labels={PATH_PRICING_LABEL} />
          </Select>
        </Field>
        {pricing === "bundled" ? (
          <Field
            id="bundlePrice"
            label="Bundle price (USD)"
            hint={
              path
                ? `The courses cost ${formatPrice(path.price.coursesTotalCents)} one by one; the bundle must cost less.`
                : "Less than the courses one by one (shown once steps are added)."
            }
          >
            <Input
              id="bundlePrice"
              name="bundlePrice"
              type="number"
              min="1"
              step="0.01"
              defaultValue={path?.bundlePrice !== undefined ? centsToAmount(path.bundlePrice) : ""}
              required
            />
          </Field>
        ) : pricing === "subscription" ? (
          <Field
            id="subscriptionPrice"
            label="Monthly price (USD)"
            hint="Billed monthly through Stripe, with a seat in each step's course as it opens; cancel any time."
          >
            <Input
              id="subscriptionPrice"
              name="subscriptionPrice"
              type="number"
              min="1"
              step="0.01"
              defaultValue={path?.subscriptionPrice !== undefined ? centsToAmount(path.subscriptionPrice) : ""}
              required
            />
          </Field>
        ) : (
          <p className="self-end pb-2 text-sm text-gray-600">
            Learners follow the path for free and buy each course at its own price.
          </p>
        )}
        <Field id="sortOrder" label="Position in the catalogue" hint="Lower comes first.">
          <Input
            id="sortOrder"
            name="sortOrder"
            type="number"
            min="0"
            max="1000"
            step="1"
            defaultValue={path?.sortOrder ?? 10}
            required
          />
        </Field>
        <div className="space-y-3 self-end">
          <CheckboxField label="Featured" checked={featured} onCheckedChange={setFeatured} />
          <CheckboxField
            label="Published"
            description={
              path?.publishProblem && !path.isActive
                ? path.publishProblem
                : "Shown on /paths, and open to buy or follow."
            }
            checked={published}
            onCheckedChange={setPublished}
          />
        </div>
        <div className="space-y-3 sm:col-span-2">
          {error && <FormError>{error}</FormError>}
          <Button type="submit" loading={pending}>
            {path ? "Save path" : "Create path"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function StepsEditor({ path, options }: { path: PathData; options: Options }) {
  const move = useMutation(api.paths.authoring.moveStep);
  const remove = useMutation(api.paths.authoring.removeStep);
  const { isPending, run } = useSubmit();
  const [editing, setEditing] = useState<Id<"learningPathSteps"> | "new" | null>(path.steps.length ? null : "new");
  const courseTitle = (stepId: Id<"learningPathSteps"> | undefined) =>
    path.steps.find((s) => s._id === stepId)?.courseTitle ?? "another step";

  return (
    <Card className="p-5" data-testid="path-steps-editor">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold text-gray-900">Steps</h2>
          <p className="text-sm text-gray-600">
            In order. A step is completed when the learner earns its course&apos;s certificate.
            {path.enrollmentCount > 0 &&
              ` ${path.enrollmentCount} enrolled: changes apply to them, and steps can no longer be removed.`}
          </p>
        </div>
        {editing !== "new" && (
          <Button variant="secondary" size="sm" onClick={() => setEditing("new")}>
            <Plus className="size-4" aria-hidden /> Add step
          </Button>
        )}
      </div>
      <ol className="mt-4 divide-y divide-gray-100 rounded-md border border-gray-200">
        {path.steps.map((step, index) =>
          editing === step._id ? (
            <li key={step._id} className="p-4">
              <StepForm path={path} options={options} step={step} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={step._id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="admin-step">
              <span className="tabular w-6 font-semibold text-gray-700">{step.stepNumber}</span>
              <div className="min-w-0 flex-1">
                <p className="font-medium text-gray-900">
                  {step.courseTitle}{" "}
                  {step.courseStatus !== "published" && <Badge tone="warning">Course not published</Badge>}
                </p>
                <p className="text-gray-600">
                  {step.isRequired ? "Required" : "Optional"} ·{" "}
                  {step.unlockRule === "after_days"
                    ? `Opens ${step.unlockAfterDays} days after enrolling`
                    : step.unlockRule === "after_completion"
                      ? `Opens after ${courseTitle(step.unlockAfterStepId)}`
                      : UNLOCK_RULE_LABEL[step.unlockRule]}
                  {step.recommendedTimeframe ? ` · ${step.recommendedTimeframe}` : ""} ·{" "}
                  <span className="tabular">{formatPrice(step.coursePriceCents)}</span>
                </p>
              </div>
              <div className="flex items-center gap-1">
                <StepButton
                  label={`Move ${step.courseTitle} up`}
                  disabled={index === 0}
                  loading={isPending(`up-${step._id}`)}
                  onClick={() => void run(() => move({ stepId: step._id, direction: "up" }), { key: `up-${step._id}` })}
                >
                  <ArrowUp className="size-4" aria-hidden />
                </StepButton>
                <StepButton
                  label={`Move ${step.courseTitle} down`}
                  disabled={index === path.steps.length - 1}
                  loading={isPending(`down-${step._id}`)}
                  onClick={() =>
                    void run(() => move({ stepId: step._id, direction: "down" }), { key: `down-${step._id}` })
                  }
                >
                  <ArrowDown className="size-4" aria-hidden />
                </StepButton>
                <StepButton label={`Edit ${step.courseTitle}`} onClick={() => setEditing(step._id)}>
                  <Pencil className="size-4" aria-hidden />
                </StepButton>
                <StepButton
                  label={`Remove ${step.courseTitle}`}
                  loading={isPending(`remove-${step._id}`)}
                  onClick={() =>
                    void run(() => remove({ stepId: step._id }), {
                      key: `remove-${step._id}`,
                      success: "Step removed.",
                    })
                  }
                >
                  <Trash2 className="size-4" aria-hidden />
                </StepButton>
              </div>
            </li>
          ),
        )}
        {path.steps.length === 0 && editing !== "new" && (
          <li className="px-4 py-6 text-center text-sm text-gray-600">No steps yet.</li>
        )}
      </ol>
      {editing === "new" && (
        <div className="mt-4 rounded-md border border-gray-200 p-4">
          <h3 className="text-sm font-semibold text-gray-900">New step {path.steps.length + 1}</h3>
          <StepForm path={path} options={options} step={null} onDone={() => setEditing(null)} />
        </div>
      )}
    </Card>
  );
}

function StepButton({
  label,
  children,
  ...props
}: { label: string; children: React.ReactNode } & Omit<React.ComponentProps<typeof Button>, "aria-label">) {
  return (
    <Tooltip content={label}>
      <Button variant="ghost" size="sm" aria-label={label} {...props}>
        {children}
      </Button>
    </Tooltip>
  );
}

function StepForm({
  path,
  options,
  step,
  onDone,
}: {
  path: PathData;
  options: Options;
  step: Step | null;
  onDone: () => void;
}) {
  const save = useMutation(api.paths.authoring.saveStep);
  const { pending, error, handleSubmit } = useSubmit({ errors: "inline" });
  const [rule, setRule] = useState<UnlockRule>(
    step?.unlockRule ?? (path.steps.length === 0 ? "immediate" : "sequential"),
  );
  const [required, setRequired] = useState(step?.isRequired ?? true);
  const prefix = step ? `step-${step._id}` : "new-step";
  const stepNumber = step?.stepNumber ?? path.steps.length + 1;
  const earlier = path.steps.filter((s) => s.stepNumber < stepNumber);

  function submit(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(`${prefix}-${name}`) ?? "");
    handleSubmit(
      () =>
        save({
          pathId: path._id,
          ...(step ? { stepId: step._id } : {}),
          courseId: text("course") as Id<"courses">,
          isRequired: required,
          unlockRule: rule,
          ...(rule === "after_days" ? { unlockAfterDays: Number(text("days")) } : {}),
          ...(rule === "after_completion" && text("after")
            ? { unlockAfterStepId: text("after") as Id<"learningPathSteps"> }
            : {}),
          recommendedTimeframe: text("timeframe"),
          notes: text("notes"),
        }),
      { success: step ? "Step saved." : "Step added.", onSuccess: onDone },
    )(event);
  }

  return (
    <form className="mt-3 grid gap-4 sm:grid-cols-2" onSubmit={submit}>
      <Field id={`${prefix}-course`} label="Course">
        <Select id={`${prefix}-course`} name={`${prefix}-course`} defaultValue={step?.courseId} required>
          {options.courses.map((course) => (
            <option key={course._id} value={course._id}>
              {course.title} · {formatPrice(course.priceB2C)}
              {course.status === "draft" ? " (draft)" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${prefix}-rule`} label="Opens">
        <Select id={`${prefix}-rule`} value={rule} onChange={(event) => setRule(event.target.value as UnlockRule)}>
          <SelectOptions labels={UNLOCK_RULE_LABEL} />
        </Select>
      </Field>
      {rule === "after_days" && (
        <Field id={`${prefix}-days`} label="Days after enrolling" hint="A whole number from 1 to 365.">
          <Input
            id={`${prefix}-days`}
            name={`${prefix}-days`}
            type="number"
            min="1"
            max="365"
            step="1"
            defaultValue={step?.unlockAfterDays ?? 14}
            required
          />
        </Field>
      )}
      {rule === "after_completion" && (
        <Field id={`${prefix}-after`} label="After completing" hint="Only a step that comes before this one.">
          <Select
            id={`${prefix}-after`}
            name={`${prefix}-after`}
            defaultValue={step?.unlockAfterStepId ?? earlier.at(-1)?._id}
            required
          >
            {earlier.map((s) => (
              <option key={s._id} value={s._id}>
                Step {s.stepNumber}: {s.courseTitle}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Field id={`${prefix}-timeframe`} label="Recommended timeframe" hint="Optional, e.g. “Week 3-4”.">
        <Input id={`${prefix}-timeframe`} name={`${prefix}-timeframe`} defaultValue={step?.recommendedTimeframe} />
      </Field>
      <Field id={`${prefix}-notes`} label="Notes for admins" hint="Optional; never shown to learners.">
        <Input id={`${prefix}-notes`} name={`${prefix}-notes`} defaultValue={step?.notes} />
      </Field>
      <div className="self-end pb-2">
        <CheckboxField
          label="Required"
          description="Counts toward progress and the path certificate."
          checked={required}
          onCheckedChange={setRequired}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        {error && <FormError>{error}</FormError>}
        <Button type="submit" loading={pending}>
          {step ? "Save step" : "Add step"}
        </Button>
        {(step || path.steps.length > 0) && (
          <Button type="button" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
