"use client";
import { useQuery } from "convex/react";
import { Lock, Trophy } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Card } from "@/components/ui/card";
import { LiveDot } from "@/components/ui/live-dot";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Stat } from "@/components/ui/stat";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableRowHeader } from "@/components/ui/table";
import { Tooltip } from "@/components/ui/tooltip";
import { formatDate, formatRelative } from "@/lib/format";
import { LessonsTrend, ProgressDistribution, ProgressTrend } from "./charts";
import { SkillsHeatMap } from "./heat-map";
import { TeamGoal } from "./team-goal";
import { NudgeButton } from "./nudge-dialog";
import {
  DashboardError,
  DashboardNav,
  DashboardSkeleton,
  PaceBadge,
  PrivacyNote,
  learningGainStat,
  useRecordView,
} from "./shared";

/** A figure the learner keeps to themselves; the tooltip (and screen readers) say which. */
function Private({ what }: { what: string }) {
  return (
    <Tooltip content={`${what} is private: the learner chose not to share it.`}>
      <span tabIndex={0} className="inline-flex items-center gap-1 rounded text-xs text-gray-600">
        <Lock className="size-3" aria-hidden /> Private<span className="sr-only">: {what.toLowerCase()}</span>
      </span>
    </Tooltip>
  );
}

/** One team, live: figures, trend, progress spread, every member's row and the team's skills. */
export function TeamDashboard({
  organizationId,
  teamId,
}: {
  organizationId: Id<"organizations">;
  teamId: Id<"teams">;
}) {
  const view = useRecordView(organizationId, "view_dashboard");
  const nav = useQuery(api.dashboards.views.myTeams, { organizationId });
  const data = useQuery(api.dashboards.views.team, nav?.canViewProgress ? { organizationId, teamId } : "skip");
  if (view.error) return <DashboardError message={view.error} />;
  if (nav && !nav.canViewProgress)
    return <DashboardError message="Your role does not include viewing team progress." />;
  if (nav === undefined || data === undefined) return <DashboardSkeleton />;
  const f = data.figures;
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-gray-900">{data.name}</h1>
          <p className="flex flex-wrap items-center gap-x-1.5 text-sm text-gray-600">
            {f.members} members{data.completionDeadline ? ` · goal due ${formatDate(data.completionDeadline)}` : ""} ·
            <LiveDot label="updates live" />
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <NudgeButton organizationId={organizationId} target={{ type: "team", teamIds: [teamId], label: data.name }} />
          {f.pace.behind > 0 && (
            <NudgeButton
              organizationId={organizationId}
              target={{ type: "behind_schedule", teamIds: [teamId], label: "those behind" }}
            />
          )}
        </div>
      </div>
      <DashboardNav
        organizationId={organizationId}
        current={`/org/${organizationId}/teams/${teamId}`}
        teams={nav.teams}
        orgWide={nav.orgWide && nav.canViewAnalytics}
      />
      <PrivacyNote />
      <TeamGoal organizationId={organizationId} teamId={teamId} members={f.members} met={f.pace.completed} />

      <section aria-label="Team figures" className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-7">
        <Stat label="Average progress" value={f.avgProgress} suffix="%" testId="team-progress" />
        <Stat label="Lessons completed" value={f.lessonsCompleted} testId="team-lessons" />
        <Stat label="Active in 7 days" value={f.activeMembers} suffix={` / ${f.members}`} testId="team-active" />
        <Stat label="Completion rate" value={f.completionRate} suffix="%" />
        <Stat label="Behind schedule" value={f.pace.behind} tone="warning" testId="team-behind" />
        <Stat label="At risk" value={f.atRisk} tone="warning" hint="Quiet for 7+ days" />
        <Stat label="Learning gain" {...learningGainStat(f)} testId="team-learning-gain" />
      </section>

      <section aria-label="Team charts" className="mt-6 grid gap-3 md:grid-cols-2 lg:grid-cols-3">
        <ProgressTrend points={data.trend} testId="team-progress-chart" />
        <LessonsTrend points={data.trend} testId="team-lessons-chart" />
        <ProgressDistribution values={data.members.map((m) => m.progressPercent)} testId="team-distribution-chart" />
      </section>

      <section aria-labelledby="members-heading" className="mt-6">
        <h2 id="members-heading" className="text-base font-semibold text-gray-900">
          Members
        </h2>
        {data.members.length === 0 ? (
          <p className="mt-2 text-sm text-gray-600">Nobody is in this team yet. Add people from Members &amp; seats.</p>
        ) : (
          <Table caption="Members" className="mt-2 max-h-[80vh]">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Progress</TableHead>
                <TableHead align="right">Lessons</TableHead>
                <TableHead align="right">Sessions</TableHead>
                <TableHead>Last active</TableHead>
                <TableHead>Status</TableHead>
                <TableHead align="right">Certificates</TableHead>
                <TableHead align="right">Score</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.members.map((m) => (
                <TableRow key={m.userId} data-testid="team-member-row">
                  <TableRowHeader className="whitespace-nowrap">
                    <Link
                      href={`/org/${organizationId}/members/${m.userId}`}
                      className="text-brand-700 hover:underline"
                    >
                      {m.name}
                    </Link>
                  </TableRowHeader>
                  <TableCell>
                    <ProgressBar value={m.progressPercent} label={`${m.name}'s progress`} showValue className="w-20" />
                  </TableCell>
                  <TableCell numeric data-testid="member-lessons">
                    {m.lessonsCompleted}
                  </TableCell>
                  <TableCell numeric>{m.sessionsAttended}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {m.lastActiveAt === null ? (
                      <Private what="Activity" />
                    ) : m.lastActiveAt === 0 ? (
                      "Never"
                    ) : (
                      formatRelative(m.lastActiveAt)
                    )}
                  </TableCell>
                  <TableCell>
                    <PaceBadge pace={m.pace} />
                  </TableCell>
                  <TableCell numeric>
                    {m.certificates === null ? <Private what="Certificates" /> : m.certificates}
                  </TableCell>
                  <TableCell numeric>
                    {m.latestScore === null ? <Private what="Score" /> : `${m.latestScore}%`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {!data.listedAll && (
          <p className="mt-2 text-xs text-gray-600">
            Showing the first {data.members.length} members by name; the figures above cover everyone.
          </p>
        )}
      </section>

      <section aria-label="Team skills and leaderboard" className="mt-6 grid gap-3 lg:grid-cols-[1fr_300px]">
        <SkillsHeatMap
          title="Skills by member"
          rowLabel="Member"
          skills={data.skills}
          rows={data.members
            .filter((m) => m.skillLevels.length > 0)
            .map((m) => ({
              key: m.userId,
              label: m.name,
              levels: new Map(m.skillLevels.map((s) => [s.skillId, s.level])),
            }))}
        />
        <Card className="h-fit p-4">
          <h3 className="flex items-center gap-2 text-sm font-semibold text-gray-900">
            <Trophy className="size-4 text-brand-700" aria-hidden /> Leaderboard
          </h3>
          <p className="text-xs text-gray-600">Only people who chose to appear on leaderboards.</p>
          {data.leaderboard.length === 0 ? (
            <p className="mt-3 text-sm text-gray-600">Nobody in this team has opted in yet.</p>
          ) : (
            <ol className="mt-3 space-y-1.5 text-sm">
              {data.leaderboard.map((entry, i) => (
                <li key={entry.userId} className="flex justify-between gap-2">
                  <span>
                    <span className="tabular mr-2 text-gray-600">{i + 1}.</span>
                    {entry.name}
                  </span>
                  <span className="tabular text-gray-700">
                    {entry.progressPercent}% · {entry.lessonsCompleted} lessons
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </section>
    </div>
  );
}
