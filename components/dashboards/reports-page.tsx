"use client";
import { useMutation, useQuery } from "convex/react";
import { Download, FileBarChart, Play, Trash2 } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select, SelectOptions } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip } from "@/components/ui/tooltip";
import { TEXT_LIMITS } from "@/convex/limits";
import { formatDateTime } from "@/lib/format";
import { REMINDER_TARGET_LABEL, REPORT_FREQUENCY_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { DashboardError, DashboardNav, DashboardSkeleton } from "./shared";

const KINDS = {
  progress_summary: {
    label: "Progress summary",
    format: "PDF",
    help: "Key figures, pace and every team, on one page.",
  },
  individual_detail: {
    label: "Individual detail",
    format: "CSV",
    help: "One row per person: progress, lessons, sessions, status.",
  },
  compliance: { label: "Compliance", format: "XLSX", help: "Who has completed, certificates and next deadlines." },
} as const;
type Kind = keyof typeof KINDS;

/** Reports on demand (with progress) and on a schedule, plus the reminders sent. */
export function ReportsPage({ organizationId }: { organizationId: Id<"organizations"> }) {
  const nav = useQuery(api.dashboards.views.myTeams, { organizationId });
  const reports = useQuery(api.dashboards.reports.list, nav?.canExport ? { organizationId } : "skip");
  const reminders = useQuery(api.dashboards.reminders.history, nav?.canRemind ? { organizationId } : "skip");
  if (nav === undefined) return <DashboardSkeleton />;
  if (!nav.canExport) return <DashboardError message="Your role does not include exporting reports." />;
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Reports</h1>
      <p className="text-sm text-gray-600">
        Generate a report now, or have it emailed on a schedule. Learners&apos; privacy choices apply to every file.
      </p>
      <DashboardNav
        organizationId={organizationId}
        current={`/org/${organizationId}/reports`}
        teams={nav.teams}
        orgWide={nav.orgWide && nav.canViewAnalytics}
      />
      <div className="mt-6 grid gap-6 lg:grid-cols-[1fr_360px]">
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading" className="sr-only">
            Your reports
          </h2>
          {reports === undefined ? (
            <DashboardSkeleton />
          ) : reports.length === 0 ? (
            <EmptyState
              icon={FileBarChart}
              title="No reports yet"
              description={
                "Create your first report on the right. It is ready in seconds and stays here to download again."
              }
            />
          ) : (
            <ul className="space-y-3">
              {reports.map((report) => (
                <ReportCard key={report._id} organizationId={organizationId} report={report} />
              ))}
            </ul>
          )}
        </section>
        <CreateReport organizationId={organizationId} orgWide={nav.orgWide} teams={nav.teams} />
      </div>
      {reminders !== undefined && reminders.length > 0 && (
        <section aria-labelledby="reminders-heading" className="mt-8">
          <h2 id="reminders-heading" className="text-base font-semibold text-gray-900">
            Reminders sent
          </h2>
          <ul className="mt-2 divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
            {reminders.map((r) => (
              <li key={r._id} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                <span>
                  <span className="font-medium text-gray-900">{r.subject}</span> ·{" "}
                  {reminderAudience(r.targetType, r.recipientCount)}
                </span>
                <span className="text-gray-600">
                  {r.sentBy} · {formatDateTime(r.sentAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Whom a reminder went to, e.g. "Team · 3 people". */
function reminderAudience(targetType: keyof typeof REMINDER_TARGET_LABEL, recipientCount: number) {
  return `${REMINDER_TARGET_LABEL[targetType]} · ${recipientCount} ${recipientCount === 1 ? "person" : "people"}`;
}

type Report = NonNullable<ReturnType<typeof useQuery<typeof api.dashboards.reports.list>>>[number];

function ReportCard({ organizationId, report }: { organizationId: Id<"organizations">; report: Report }) {
  const runNow = useMutation(api.dashboards.reports.runNow);
  const remove = useMutation(api.dashboards.reports.remove);
  const { isPending, run: submit } = useSubmit();
  const run = report.latestRun;
  const working = run?.status === "queued" || run?.status === "running";
  return (
    <li>
      <Card className="p-4" data-testid="report-card">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="font-medium text-gray-900">{report.name}</p>
            <p className="text-xs text-gray-600">
              {KINDS[report.reportType].label} ({KINDS[report.reportType].format}) · {report.scope}
            </p>
            {report.isScheduled && report.scheduleFrequency && (
              <p className="mt-1 text-xs text-gray-600">
                {REPORT_FREQUENCY_LABEL[report.scheduleFrequency]} to {report.recipients.join(", ")}
                {report.nextSendAt ? ` · next ${formatDateTime(report.nextSendAt)}` : ""}
                {report.lastSentAt ? ` · last sent ${formatDateTime(report.lastSentAt)}` : ""}
              </p>
            )}
          </div>
          <div className="flex gap-1">
            <Button
              variant="secondary"
              size="sm"
              disabled={working}
              loading={isPending("run")}
              onClick={() => void submit(() => runNow({ organizationId, reportId: report._id }), { key: "run" })}
            >
              <Play className="size-4" aria-hidden /> Generate now
            </Button>
            <Tooltip content={`Delete ${report.name}`}>
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Delete ${report.name}`}
                loading={isPending("remove")}
                onClick={() => void submit(() => remove({ organizationId, reportId: report._id }), { key: "remove" })}
              >
                <Trash2 className="size-4" aria-hidden />
              </Button>
            </Tooltip>
          </div>
        </div>
        {run && (
          <div className="mt-3 flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
            {working ? (
              <>
                <ProgressBar value={run.progress} label={`${report.name} progress`} className="w-40" />
                <span className="text-gray-700">Generating… {run.progress}%</span>
              </>
            ) : run.status === "done" && run.url ? (
              <>
                <Badge tone="success">Ready</Badge>
                <a
                  href={run.url}
                  download={run.fileName ?? undefined}
                  className="inline-flex items-center gap-1 font-medium text-brand-700 hover:underline"
                  data-testid="report-download"
                >
                  <Download className="size-4" aria-hidden /> {run.fileName}
                </a>
                <span className="text-xs text-gray-600">
                  {run.rows} {report.reportType === "progress_summary" ? "teams" : "rows"} ·{" "}
                  {formatDateTime(run.createdAt)}
                </span>
              </>
            ) : run.status === "failed" ? (
              <span className="text-red-700">Failed: {run.error}</span>
            ) : null}
          </div>
        )}
      </Card>
    </li>
  );
}

function CreateReport({
  organizationId,
  orgWide,
  teams,
}: {
  organizationId: Id<"organizations">;
  orgWide: boolean;
  teams: Array<{ _id: Id<"teams">; name: string }>;
}) {
  const create = useMutation(api.dashboards.reports.create);
  const { pending, run } = useSubmit();
  const [kind, setKind] = useState<Kind>("progress_summary");
  const [name, setName] = useState("");
  const [scope, setScope] = useState<string>(orgWide ? "all" : (teams[0]?._id ?? ""));
  const [frequency, setFrequency] = useState<"none" | keyof typeof REPORT_FREQUENCY_LABEL>("none");
  const [recipients, setRecipients] = useState("");
  const submit = () =>
    run(
      () =>
        create({
          organizationId,
          name:
            name.trim() ||
            `${KINDS[kind].label}${scope === "all" ? "" : ` — ${teams.find((t) => t._id === scope)?.name ?? ""}`}`,
          reportType: kind,
          ...(scope === "all" ? {} : { teamIds: [scope as Id<"teams">] }),
          ...(frequency === "none"
            ? {}
            : { schedule: { frequency, recipients: recipients.split(/[\s,;]+/).filter(Boolean) } }),
        }),
      {
        success:
          frequency === "none" ? "Generating your report…" : "Scheduled. The first one goes out at the next send time.",
        onSuccess: () => setName(""),
      },
    );
  return (
    <Card className="h-fit p-4">
      <h2 className="text-sm font-semibold text-gray-900">New report</h2>
      <div className="mt-3 space-y-3">
        <Field id="report-kind" label="Report" hint={KINDS[kind].help}>
          <Select id="report-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            <SelectOptions labels={KINDS} format={(value, label) => `${label} (${KINDS[value as Kind].format})`} />
          </Select>
        </Field>
        <Field id="report-scope" label="Covers">
          <Select id="report-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            {orgWide && <option value="all">Whole organization</option>}
            {teams.map((team) => (
              <option key={team._id} value={team._id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="report-name" label="Name (optional)">
          <Input
            id="report-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={KINDS[kind].label}
            maxLength={TEXT_LIMITS.title}
          />
        </Field>
        <Field id="report-frequency" label="When">
          <Select
            id="report-frequency"
            value={frequency}
            onChange={(e) => setFrequency(e.target.value as typeof frequency)}
          >
            <option value="none">Once, now</option>
            <SelectOptions labels={REPORT_FREQUENCY_LABEL} format={(_, label) => `${label}, by email`} />
          </Select>
        </Field>
        {frequency !== "none" && (
          <Field
            id="report-recipients"
            label="Send to"
            hint="Email addresses, separated by commas. Links expire after 7 days."
          >
            <Textarea
              id="report-recipients"
              rows={2}
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
            />
          </Field>
        )}
        <Button className="w-full" loading={pending} onClick={() => void submit()}>
          {frequency === "none" ? "Generate report" : "Schedule report"}
        </Button>
      </div>
    </Card>
  );
}
