"use client";
import { useQuery } from "convex/react";
import { AlertTriangle, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveDot } from "@/components/ui/live-dot";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { formatPercent, formatRelative } from "@/lib/format";
import { LessonsTrend, ProgressTrend } from "./charts";
import { SkillsHeatMap } from "./heat-map";
import { NudgeButton } from "./nudge-dialog";
import {
  DashboardError,
  DashboardNav,
  DashboardSkeleton,
  PrivacyNote,
  learningGainStat,
  useRecordView,
} from "./shared";
import { cn } from "@/lib/utils";

/** The organization-wide view: seats, activity, completion, certificates, trends, teams, skills and who is at risk. */
export function ExecutiveDashboard({ organizationId }: { organizationId: Id<"organizations"> }) {
  const view = useRecordView(organizationId, "view_dashboard");
  const nav = useQuery(api.dashboards.views.myTeams, { organizationId });
  const data = useQuery(
    api.dashboards.views.executive,
    nav?.orgWide && nav.canViewAnalytics ? { organizationId } : "skip",
  );
  const router = useRouter();
  const onlyTeam = nav && !nav.orgWide && nav.teams.length === 1 ? nav.teams[0]._id : null;
  // A manager of exactly one team goes straight to it.
  useEffect(() => {
    if (onlyTeam) router.replace(`/org/${organizationId}/teams/${onlyTeam}`);
  }, [onlyTeam, organizationId, router]);
  if (view.error) return <DashboardError message={view.error} />;
  if (nav === undefined || onlyTeam) return <DashboardSkeleton />;
  if (!nav.orgWide || !nav.canViewAnalytics) {
    return (
      <div className="mx-auto max-w-[1100px] px-4 py-10">
        <EmptyState
          icon={Users}
          title="This view covers the whole organization"
          description={
            nav.teams.length > 0
              ? "Your role covers particular teams. Open one of them below."
              : "Your role does not include the organization's analytics."
          }
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {nav.teams.map((team) => (
                <Link
                  key={team._id}
                  href={`/org/${organizationId}/teams/${team._id}`}
                  className={cn(
                    "rounded-md border border-gray-300 px-3 py-1.5",
                    "text-sm font-medium text-gray-900 hover:bg-gray-50",
                  )}
                >
                  {team.name}
                </Link>
              ))}
            </div>
          }
        />
      </div>
    );
  }
  if (data === undefined) return <DashboardSkeleton />;
  const f = data.figures;
  const delta = (now: number, then: number | undefined, unit = "") =>
    then === undefined ? null : { value: now - then, label: `${unit} vs last week` };
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">{data.organizationName}: learning dashboard</h1>
      <p className="flex flex-wrap items-center gap-x-2 text-sm text-gray-600">
        <LiveDot label="Live" className="font-medium text-gray-800" /> Figures change as people learn. {f.members}{" "}
        members.
      </p>
      <DashboardNav
        organizationId={organizationId}
        current={`/org/${organizationId}/dashboard`}
        teams={nav.teams}
        orgWide
      />
      <PrivacyNote />

      <section aria-label="Key figures" className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat
          label="Seats used"
          value={data.seatsUsed}
          suffix={` / ${data.seatsPurchased}`}
          hint={`${formatPercent(data.seatsPurchased === 0 ? 0 : data.seatsUsed / data.seatsPurchased)} utilization`}
        />
        <Stat
          label="Active in the last 7 days"
          value={f.activeMembers}
          suffix={` / ${f.members}`}
          hint="Did a lesson, joined a session or opened the kit"
          testId="org-active"
        />
        <Stat
          label="Enrollments in progress"
          value={f.enrollmentsInProgress}
          hint={`${f.enrollmentsTotal} enrollments in all`}
        />
        <Stat
          label="Completed"
          value={f.enrollmentsCompleted}
          delta={null}
          hint="Courses finished with a certificate the learner shares"
          testId="org-completed"
        />
        <Stat
          label="Completion rate"
          value={f.completionRate}
          suffix="%"
          delta={delta(f.completionRate, data.weekAgo?.completionRate, " pts")}
        />
        <Stat
          label="Certificates issued"
          value={f.certificates}
          delta={delta(f.certificates, data.weekAgo?.certificates)}
        />
        <Stat label="Average learning gain" {...learningGainStat(f)} testId="org-learning-gain" />
        <Stat
          label="At risk"
          value={f.atRisk}
          tone="warning"
          hint="In a course, no activity for 7 days"
          testId="org-at-risk"
        />
      </section>

      <section aria-label="Trends" className="mt-6 grid gap-3 md:grid-cols-2">
        <ProgressTrend points={data.trend} testId="org-progress-chart" />
        <LessonsTrend points={data.trend} testId="org-lessons-chart" />
      </section>

      <section aria-labelledby="teams-heading" className="mt-6">
        <h2 id="teams-heading" className="text-base font-semibold text-gray-900">
          Teams
        </h2>
        {data.teams.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">
            No teams yet. Create teams under Members &amp; seats to compare them here.
          </p>
        ) : (
          <Table caption="Teams" sticky="page" className="mt-2">
            <TableHeader>
              <TableRow>
                <TableHead>Team</TableHead>
                <TableHead align="right">Members</TableHead>
                <TableHead>Average progress</TableHead>
                <TableHead align="right">Completion rate</TableHead>
                <TableHead align="right">Behind</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.teams.map((team) => (
                <TableRow key={team.teamId}>
                  <TableRowHeader>
                    <Link
                      href={`/org/${organizationId}/teams/${team.teamId}`}
                      className="text-brand-700 hover:underline"
                    >
                      {team.name}
                    </Link>
                  </TableRowHeader>
                  <TableCell numeric>{team.members}</TableCell>
                  <TableCell>
                    <ProgressBar
                      value={team.avgProgress}
                      label={`${team.name} average progress`}
                      showValue
                      className="w-24"
                    />
                  </TableCell>
                  <TableCell numeric>{team.completionRate}%</TableCell>
                  <TableCell numeric className={team.behind > 0 ? "text-amber-700" : undefined}>
                    {team.behind}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>

      <section aria-label="Skills and risk" className="mt-6 grid gap-3 lg:grid-cols-[1fr_340px]">
        <SkillsHeatMap
          title="Skills by team (average level)"
          rowLabel="Team"
          skills={data.skills}
          rows={data.teams.map((team) => ({
            key: team.teamId,
            label: team.name,
            levels: new Map(team.skills.map((s) => [s.skillId, s.avgLevel])),
          }))}
        />
        <Card className="p-4">
          <h3 className="flex items-center gap-2 text-sm font-semibold text-gray-900">
            <AlertTriangle className="size-4 text-amber-600" aria-hidden /> At risk
          </h3>
          <p className="text-xs text-gray-600">In a course and quiet for 7 days or more.</p>
          {data.atRisk.length === 0 ? (
            <p className="mt-3 text-sm text-gray-600">
              {f.atRisk === 0 ? "Nobody is at risk right now." : "Everyone at risk keeps their activity private."}
            </p>
          ) : (
            <ul className="mt-3 divide-y divide-gray-100">
              {data.atRisk.map((person) => (
                <li key={person.userId} className="flex items-center justify-between gap-2 py-2">
                  <span className="min-w-0">
                    {data.canOpenMembers ? (
                      <Link
                        href={`/org/${organizationId}/members/${person.userId}`}
                        className="block truncate text-sm font-medium text-brand-700 hover:underline"
                      >
                        {person.name}
                      </Link>
                    ) : (
                      <span className="block truncate text-sm font-medium text-gray-900">{person.name}</span>
                    )}
                    <span className="text-xs text-gray-600">
                      Last active {person.lastActiveAt === 0 ? "never" : formatRelative(person.lastActiveAt)} ·{" "}
                      {person.progressPercent}%
                    </span>
                  </span>
                  <NudgeButton
                    organizationId={organizationId}
                    target={{ type: "individual", userIds: [person.userId], label: person.name }}
                    compact
                  />
                </li>
              ))}
            </ul>
          )}
          {data.atRiskHidden > 0 && (
            <p className="mt-2 text-xs text-gray-600">
              and {data.atRiskHidden} more (some keep their activity private).
            </p>
          )}
        </Card>
      </section>
    </div>
  );
}
