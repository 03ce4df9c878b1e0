"use client";
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAppointment } from "@/lib/format";
import { ASSESSMENT_TYPE_LABEL } from "@/lib/labels";

type Row = FunctionReturnType<typeof api.assessments.take.mine>[number];

function status(row: Row) {
  if (row.inProgress) return { label: "In progress", tone: "warning" as const, action: "Continue" };
  const latest = row.latest;
  if (latest && latest.score === undefined)
    return { label: "Being graded", tone: "brand" as const, action: "See status" };
  if (latest?.passed === true && row.type !== "pre_course")
    return { label: `Passed · ${latest.score}%`, tone: "success" as const, action: "See results" };
  if (latest && row.type === "pre_course")
    return { label: `Done · ${latest.score}%`, tone: "success" as const, action: "See results" };
  if (row.window === "upcoming")
    return {
      label: row.opensAt ? `Opens ${formatAppointment(row.opensAt)}` : "Upcoming",
      tone: "neutral" as const,
      action: "Details",
    };
  if (latest)
    return {
      label: `${latest.score}%`,
      tone: "warning" as const,
      action:
        row.window === "open" && (row.attemptLimit === null || row.attemptsUsed < row.attemptLimit)
          ? "Try again"
          : "See results",
    };
  return {
    label: row.closesAt ? `Open until ${formatAppointment(row.closesAt)}` : "Open",
    tone: "brand" as const,
    action: "Start",
  };
}

/** The learner's pre- and post-course assessments on /learn: what is open, due, being graded or done. */
export function MyAssessments() {
  const rows = useQuery(api.assessments.take.mine);
  if (!rows || rows.length === 0) return null;
  return (
    <Card className="p-5" data-testid="my-assessments">
      <h2 className="text-lg font-semibold text-gray-900">Assessments</h2>
      <p className="text-sm text-gray-600">
        A short assessment before your cohort and one after it show what you gained; the post-course one counts toward
        your certificate.
      </p>
      <ul className="mt-3 divide-y divide-gray-100 rounded-md border border-gray-200">
        {rows.map((row) => {
          const s = status(row);
          return (
            <li
              key={`${row.assessmentId}-${row.cohortName}`}
              className="flex flex-wrap items-center justify-between gap-3 px-3 py-3"
              data-testid="assessment-row"
            >
              <div className="flex items-start gap-2">
                <ClipboardCheck className="mt-0.5 size-5 text-brand-700" aria-hidden />
                <div>
                  <p className="text-sm font-medium text-gray-900">{row.title}</p>
                  <p className="text-xs text-gray-600">
                    {ASSESSMENT_TYPE_LABEL[row.type]} · {row.courseTitle} · {row.cohortName}
                  </p>
                </div>
              </div>
              <div className="flex items-center gap-2">
                <Badge tone={s.tone}>{s.label}</Badge>
                <Button
                  asChild
                  size="sm"
                  variant={
                    s.action === "Start" || s.action === "Continue" || s.action === "Try again"
                      ? "primary"
                      : "secondary"
                  }
                >
                  <Link href={`/learn/assessments/${row.assessmentId}`} aria-label={`${s.action}: ${row.title}`}>
                    {s.action}
                  </Link>
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** The knowledge check of a lesson, when it has one: a link with the learner's best score. */
export function LessonCheckLink({ cohortId, lessonId }: { cohortId: Id<"cohorts">; lessonId: Id<"lessons"> }) {
  // One subscription for every lesson of the cohort (same arguments), so many links cost one query.
  const checks = useQuery(api.assessments.take.lessonChecks, { cohortId });
  const check = checks?.find((c) => c.lessonId === lessonId);
  if (!check) return null;
  return (
    <Link href={`/learn/assessments/${check.assessmentId}`} className="ml-2 text-xs text-brand-700 hover:underline">
      Knowledge check{check.score !== undefined ? ` · ${check.score}%` : ""}
    </Link>
  );
}
