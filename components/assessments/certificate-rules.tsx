"use client";
import { useMutation, useQuery } from "convex/react";
import Link from "next/link";
import type { FunctionReturnType } from "convex/server";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useSubmit } from "@/lib/use-submit";

/**
 * On the admin course page: who earns the course's certificate (attendance, the post-course assessment and its passing
 * score, validity).
 */
export function CertificateRules({ courseId }: { courseId: Id<"courses"> }) {
  const rules = useQuery(api.assessments.authoring.certificateRules, { courseId });
  if (rules === undefined) return <Skeleton className="h-48" />;
  return <RulesForm courseId={courseId} rules={rules} />;
}

function RulesForm({
  courseId,
  rules,
}: {
  courseId: Id<"courses">;
  rules: FunctionReturnType<typeof api.assessments.authoring.certificateRules>;
}) {
  const save = useMutation(api.assessments.authoring.saveCertificateRules);
  const { pending, handleSubmit } = useSubmit();
  const [form, setForm] = useState({
    attendance: String(rules.minAttendancePercent),
    requirePost: rules.requirePostAssessment,
    passing: rules.postAssessment ? String(rules.postAssessment.passingScore) : "",
    validity: rules.validityMonths ? String(rules.validityMonths) : "",
  });
  return (
    <Card className="p-5" data-testid="certificate-rules">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-gray-900">Certificate rules</h2>
        <Link href="/teach/assessments" className="text-sm text-brand-700 hover:underline">
          Edit the course&apos;s assessments
        </Link>
      </div>
      <p className="text-sm text-gray-600">
        Learners who meet these rules when their cohort ends (or later, when they pass the post-course assessment) get a
        signed certificate.
      </p>
      <form
        className="mt-4 grid gap-4 sm:grid-cols-2"
        onSubmit={handleSubmit(
          () =>
            save({
              courseId,
              minAttendancePercent: Number(form.attendance),
              requirePostAssessment: form.requirePost,
              ...(form.validity.trim() ? { validityMonths: Number(form.validity) } : {}),
              ...(rules.postAssessment && form.passing.trim() ? { passingScore: Number(form.passing) } : {}),
            }),
          { success: "Certificate rules saved." },
        )}
      >
        <Field id="rules-attendance" label="Attendance needed (% of held sessions)">
          <Input
            id="rules-attendance"
            type="number"
            min={0}
            max={100}
            value={form.attendance}
            onChange={(e) => setForm({ ...form, attendance: e.target.value })}
          />
        </Field>
        <Field id="rules-validity" label="Valid for (months, empty for no expiry)">
          <Input
            id="rules-validity"
            type="number"
            min={1}
            max={120}
            value={form.validity}
            onChange={(e) => setForm({ ...form, validity: e.target.value })}
          />
        </Field>
        <CheckboxField
          className="sm:col-span-2"
          checked={form.requirePost}
          onCheckedChange={(requirePost) => setForm({ ...form, requirePost })}
          label={
            "Require a passed post-course assessment" +
            (rules.postAssessment
              ? ` (“${rules.postAssessment.title}”)`
              : " (the course has none yet, so it does not apply)")
          }
        />
        {rules.postAssessment && form.requirePost && (
          <Field id="rules-passing" label="Passing score of the post-course assessment (%)">
            <Input
              id="rules-passing"
              type="number"
              min={0}
              max={100}
              value={form.passing}
              onChange={(e) => setForm({ ...form, passing: e.target.value })}
            />
          </Field>
        )}
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" loading={pending}>
            Save certificate rules
          </Button>
        </div>
      </form>
    </Card>
  );
}
