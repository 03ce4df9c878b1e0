"use client";
import { useMutation, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ConvexError } from "convex/values";
import { Paperclip, Plus, Trash2, Upload } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import {
  COHORT_STATUS,
  COURSE_STATUS,
  FORMAT_LABEL,
  IMPACT_LABEL,
  KIT_ITEM_TYPE_LABEL,
  LEVEL_LABEL,
  SESSION_TYPE_LABEL,
} from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { amountToCents, centsToAmount, formatDate } from "@/lib/format";
import { useSubmit } from "@/lib/use-submit";
import { CertificateRules } from "@/components/assessments/certificate-rules";

type CourseData = NonNullable<FunctionReturnType<typeof api.catalog.courses.get>>;

export function CourseEditor({ courseId }: { courseId: Id<"courses"> | null }) {
  const course = useQuery(api.catalog.courses.get, courseId ? { courseId } : "skip");
  if (courseId && course === undefined) return <Skeleton className="h-[600px]" />;
  if (courseId && course === null) return <p className="text-gray-700">This course no longer exists.</p>;
  return (
    <div className="space-y-8">
      <div>
        <Link href="/admin/courses" className="text-sm text-brand-700 hover:underline">
          ← All courses
        </Link>
        <h1 className="mt-2 text-xl font-semibold text-gray-900">{course ? course.title : "New course"}</h1>
      </div>
      <CourseForm course={course ?? null} />
      {course && <SessionsEditor course={course} />}
      {course && <KitEditor course={course} />}
      {course && <CertificateRules courseId={course._id} />}
      {course && (
        <Card className="p-5">
          <div className="flex items-center justify-between">
            <h2 className="text-base font-semibold text-gray-900">Cohorts</h2>
            <Button asChild size="sm" variant="secondary">
              <Link href={`/admin/cohorts/new?courseId=${course._id}`}>
                <Plus className="size-4" aria-hidden /> New cohort
              </Link>
            </Button>
          </div>
          <ul className="mt-3 divide-y divide-gray-100">
            {course.cohorts.map((cohort) => (
              <li key={cohort._id} className="flex items-center justify-between gap-3 py-2 text-sm">
                <Link href={`/admin/cohorts/${cohort._id}`} className="font-medium text-gray-900 hover:underline">
                  {cohort.name}
                </Link>
                <span className="flex items-center gap-2 text-gray-700">
                  {formatDate(cohort.startDate)}
                  <Badge tone={COHORT_STATUS[cohort.status].tone}>{COHORT_STATUS[cohort.status].label}</Badge>
                  <span className="tabular">
                    {cohort.currentEnrollment}/{cohort.maxCapacity}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function CourseForm({ course }: { course: CourseData | null }) {
  const save = useMutation(api.catalog.courses.save);
  const router = useRouter();
  const { pending: saving, run } = useSubmit();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    // An empty window means "by request only".
    const days = (name: string) => (text(name).trim() === "" ? undefined : Number(text(name)));
    void run(
      () =>
        save({
          ...(course ? { courseId: course._id } : {}),
          title: text("title"),
          slug: text("slug"),
          tagline: text("tagline"),
          description: text("description"),
          format: text("format") as CourseData["format"],
          level: text("level") as CourseData["level"],
          impact: text("impact") as CourseData["impact"],
          priceB2C: amountToCents(text("priceB2C")),
          priceB2B: amountToCents(text("priceB2B")),
          maxParticipants: Number(text("maxParticipants")),
          status: text("status") as CourseData["status"],
          outcomes: text("outcomes").split("\n"),
          transferDaysBeforeStart: days("transferDaysBeforeStart"),
          refundDaysBeforeStart: days("refundDaysBeforeStart"),
        }),
      {
        success: "Course saved.",
        onSuccess: (id) => {
          if (!course) router.push(`/admin/courses/${id}`);
        },
      },
    );
  }

  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Details</h2>
      <form className="mt-4 grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
        <Field id="title" label="Title">
          <Input id="title" name="title" defaultValue={course?.title} required />
        </Field>
        <Field id="slug" label="URL slug" hint="Lower-case letters, digits and dashes: /courses/<slug>">
          <Input id="slug" name="slug" defaultValue={course?.slug} required />
        </Field>
        <div className="sm:col-span-2">
          <Field id="tagline" label="Tagline">
            <Input id="tagline" name="tagline" defaultValue={course?.tagline} />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id="description" label="Description">
            <Textarea id="description" name="description" defaultValue={course?.description} />
          </Field>
        </div>
        <Field id="format" label="Format">
          <Select id="format" name="format" defaultValue={course?.format ?? "cohort"}>
            <SelectOptions labels={FORMAT_LABEL} />
          </Select>
        </Field>
        <Field id="level" label="Level">
          <Select id="level" name="level" defaultValue={course?.level ?? "fundamentals"}>
            <SelectOptions labels={LEVEL_LABEL} />
          </Select>
        </Field>
        <Field id="impact" label="Impact level">
          <Select id="impact" name="impact" defaultValue={course?.impact ?? "L1"}>
            <SelectOptions labels={IMPACT_LABEL} />
          </Select>
        </Field>
        <Field id="status" label="Status">
          <Select id="status" name="status" defaultValue={course?.status ?? "draft"}>
            <SelectOptions labels={COURSE_STATUS} />
          </Select>
        </Field>
        <Field id="priceB2C" label="Individual price (USD)">
          <Input
            id="priceB2C"
            name="priceB2C"
            type="number"
            min="0"
            step="0.01"
            defaultValue={course ? centsToAmount(course.priceB2C) : ""}
            required
          />
        </Field>
        <Field id="priceB2B" label="Per-seat price for organizations (USD)">
          <Input
            id="priceB2B"
            name="priceB2B"
            type="number"
            min="0"
            step="0.01"
            defaultValue={course ? centsToAmount(course.priceB2B) : ""}
            required
          />
        </Field>
        <Field id="maxParticipants" label="Default cohort size">
          <Input
            id="maxParticipants"
            name="maxParticipants"
            type="number"
            min="1"
            defaultValue={course?.maxParticipants ?? 24}
            required
          />
        </Field>
        <fieldset className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-semibold text-gray-900">Self-service policy</legend>
          <Field
            id="transferDaysBeforeStart"
            label="Free transfer until (days before start)"
            hint="Learners move to another date themselves until then. Empty: only by request."
          >
            <Input
              id="transferDaysBeforeStart"
              name="transferDaysBeforeStart"
              type="number"
              min="0"
              max="365"
              step="1"
              defaultValue={course?.transferDaysBeforeStart ?? ""}
            />
          </Field>
          <Field
            id="refundDaysBeforeStart"
            label="Full refund until (days before start)"
            hint="Learners cancel with a full refund themselves until then. Empty: only by request."
          >
            <Input
              id="refundDaysBeforeStart"
              name="refundDaysBeforeStart"
              type="number"
              min="0"
              max="365"
              step="1"
              defaultValue={course?.refundDaysBeforeStart ?? ""}
            />
          </Field>
        </fieldset>
        <div className="sm:col-span-2">
          <Field id="outcomes" label="Outcomes" hint="One per line.">
            <Textarea id="outcomes" name="outcomes" defaultValue={course?.outcomes.join("\n")} />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Button type="submit" loading={saving}>
            {course ? "Save course" : "Create course"}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SessionsEditor({ course }: { course: CourseData }) {
  const save = useMutation(api.catalog.courses.saveOutlineSession);
  const remove = useMutation(api.catalog.courses.deleteOutlineSession);
  const { isPending, run } = useSubmit();

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    void run(
      () =>
        save({
          courseId: course._id,
          title: String(form.get("sessionTitle")),
          type: String(form.get("sessionType")) as CourseData["sessions"][number]["type"],
          dayNumber: Number(form.get("dayNumber")),
          orderInDay: Number(form.get("orderInDay")),
          durationMinutes: Number(form.get("durationMinutes")),
          description: String(form.get("sessionDescription") ?? ""),
        }),
      { key: "add", success: "Session added to the outline.", onSuccess: () => formElement.reset() },
    );
  }

  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Outline</h2>
      <p className="text-sm text-gray-600">
        New cohorts place these sessions on their dates from 09:00 in the cohort&apos;s timezone.
      </p>
      <ul className="mt-3 divide-y divide-gray-100">
        {course.sessions.map((session) => (
          <li key={session._id} className="flex items-center gap-3 py-2 text-sm">
            <span className="tabular w-24 shrink-0 text-gray-600">
              Day {session.dayNumber} · #{session.orderInDay}
            </span>
            <Badge tone="brand">{session.type}</Badge>
            <span className="flex-1 text-gray-900">{session.title}</span>
            <span className="tabular text-gray-600">{session.durationMinutes} min</span>
            <Tooltip content={`Remove ${session.title}`}>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${session.title}`}
                loading={isPending(session._id)}
                onClick={() => void run(() => remove({ outlineSessionId: session._id }), { key: session._id })}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </Tooltip>
          </li>
        ))}
      </ul>
      <form className="mt-4 grid gap-3 sm:grid-cols-6" onSubmit={onAdd}>
        <div className="sm:col-span-3">
          <Field id="sessionTitle" label="Session title">
            <Input id="sessionTitle" name="sessionTitle" required />
          </Field>
        </div>
        <div className="sm:col-span-3">
          <Field id="sessionType" label="Type">
            <Select id="sessionType" name="sessionType" defaultValue="W">
              <SelectOptions labels={SESSION_TYPE_LABEL} format={(value, label) => `${value} · ${label}`} />
            </Select>
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id="dayNumber" label="Day">
            <Input id="dayNumber" name="dayNumber" type="number" min="1" defaultValue={1} required />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id="orderInDay" label="Order in day">
            <Input
              id="orderInDay"
              name="orderInDay"
              type="number"
              min="1"
              defaultValue={course.sessions.length + 1}
              required
            />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id="durationMinutes" label="Minutes">
            <Input id="durationMinutes" name="durationMinutes" type="number" min="5" defaultValue={60} required />
          </Field>
        </div>
        <div className="sm:col-span-6">
          <Field id="sessionDescription" label="Description">
            <Input id="sessionDescription" name="sessionDescription" />
          </Field>
        </div>
        <div className="sm:col-span-6">
          <Button type="submit" variant="secondary" loading={isPending("add")}>
            <Plus className="size-4" aria-hidden /> Add session
          </Button>
        </div>
      </form>
    </Card>
  );
}

function KitEditor({ course }: { course: CourseData }) {
  const generateUploadUrl = useMutation(api.catalog.kit.generateUploadUrl);
  const addItem = useMutation(api.catalog.kit.add);
  const removeItem = useMutation(api.catalog.kit.remove);
  const { isPending, run } = useSubmit();
  const fileInput = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<string | null>(null);

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const file = fileInput.current?.files?.[0];
    await run(
      async () => {
        let fileId: Id<"_storage"> | undefined;
        if (file) {
          setProgress(`Uploading ${file.name}…`);
          const uploadUrl = await generateUploadUrl();
          const response = await fetch(uploadUrl, {
            method: "POST",
            headers: { "Content-Type": file.type || "application/octet-stream" },
            body: file,
          });
          if (!response.ok) throw new ConvexError("The upload failed. Please try again.");
          fileId = ((await response.json()) as { storageId: Id<"_storage"> }).storageId;
        }
        setProgress("Saving…");
        await addItem({
          courseId: course._id,
          title: String(form.get("kitTitle")),
          type: String(form.get("kitType")) as CourseData["kit"][number]["type"],
          ...(fileId ? { fileId } : {}),
          ...(String(form.get("kitUrl") ?? "").trim() ? { externalUrl: String(form.get("kitUrl")) } : {}),
        });
      },
      { key: "add", success: "Added to the enablement kit.", onSuccess: () => formElement.reset() },
    );
    setProgress(null);
  }

  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Enablement kit</h2>
      <p className="text-sm text-gray-600">Learners open these until a year after their cohort.</p>
      <ul className="mt-3 divide-y divide-gray-100">
        {course.kit.map((item) => (
          <li key={item._id} className="flex items-center gap-3 py-2 text-sm">
            <Badge>{KIT_ITEM_TYPE_LABEL[item.type]}</Badge>
            <span className="flex-1 text-gray-900">{item.title}</span>
            <span className="flex items-center gap-1 text-gray-600">
              {item.hasFile ? (
                <>
                  <Paperclip className="size-3.5" aria-hidden /> file
                </>
              ) : (
                "link"
              )}
            </span>
            <Tooltip content={`Remove ${item.title}`}>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove ${item.title}`}
                loading={isPending(item._id)}
                onClick={() => void run(() => removeItem({ itemId: item._id }), { key: item._id })}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </Tooltip>
          </li>
        ))}
      </ul>
      <form className="mt-4 grid gap-3 sm:grid-cols-2" onSubmit={(e) => void onAdd(e)}>
        <Field id="kitTitle" label="Title">
          <Input id="kitTitle" name="kitTitle" required />
        </Field>
        <Field id="kitType" label="Type">
          <Select id="kitType" name="kitType" defaultValue="slides">
            <SelectOptions labels={KIT_ITEM_TYPE_LABEL} />
          </Select>
        </Field>
        <Field id="kitFile" label="File" hint="Or give a link instead.">
          <Input id="kitFile" name="kitFile" type="file" ref={fileInput} className="py-2" />
        </Field>
        <Field id="kitUrl" label="Link (https://…)">
          <Input id="kitUrl" name="kitUrl" type="url" placeholder="https://" />
        </Field>
        <div className="flex items-center gap-3 sm:col-span-2">
          <Button type="submit" variant="secondary" loading={isPending("add")}>
            <Upload className="size-4" aria-hidden /> Add to kit
          </Button>
          {progress && (
            <span className="text-sm text-gray-600" role="status">
              {progress}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
