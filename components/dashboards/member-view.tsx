"use client";
import { useQuery } from "convex/react";
import { Award, Lock } from "lucide-react";
import Link from "next/link";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Stat } from "@/components/ui/stat";
import { formatDate, formatPercent, formatRelative } from "@/lib/format";
import { SKILL_LEVELS, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { NudgeButton } from "./nudge-dialog";
import { DashboardError, DashboardSkeleton, PaceBadge, useRecordView } from "./shared";

/** One person as their manager may see them. Opening it is logged first, and the learner can see that. */
export function MemberView({
  organizationId,
  memberId,
}: {
  organizationId: Id<"organizations">;
  memberId: Id<"users">;
}) {
  const view = useRecordView(organizationId, "view_individual", memberId);
  const data = useQuery(api.dashboards.views.member, view.ready ? { organizationId, memberId } : "skip");
  if (view.error) return <DashboardError message={view.error} />;
  if (data === undefined) return <DashboardSkeleton />;
  const { row } = data;
  const hidden = (["activity", "certificates", "scores"] as const).filter((k) => !data.privacy[k]);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <Link href={`/org/${organizationId}/dashboard`} className="text-sm text-brand-700 hover:underline">
        ← Dashboard
      </Link>
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-gray-900">{row.name}</h1>
          <p className="text-sm text-gray-600">{data.email}</p>
        </div>
        <div className="flex items-center gap-2">
          <PaceBadge pace={row.pace} />
          <NudgeButton
            organizationId={organizationId}
            target={{ type: "individual", userIds: [memberId], label: row.name }}
          />
        </div>
      </div>
      <p className="mt-4 rounded-lg border border-gray-200 bg-gray-50 px-4 py-3 text-sm text-gray-700">
        {row.name} can see that you opened this page.
        {hidden.length > 0 && ` They keep their ${hidden.join(" and ")} private.`}
      </p>
      <section aria-label="Figures" className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Progress" value={row.progressPercent} suffix="%">
          <ProgressBar value={row.progressPercent} label={`${row.name}'s progress`} />
        </Stat>
        <Stat label="Lessons completed" value={row.lessonsCompleted} />
        <Stat label="Sessions attended" value={row.sessionsAttended} />
        <Stat
          label="Courses"
          value={data.enrollmentsInProgress}
          suffix=" in progress"
          hint={
            (data.enrollmentsCompleted === null ? "Completions private" : `${data.enrollmentsCompleted} completed`) +
            (data.nextDeadline ? ` · next ends ${formatDate(data.nextDeadline)}` : "")
          }
        />
        <Stat
          label="Last active"
          value={
            row.lastActiveAt === null ? "Private" : row.lastActiveAt === 0 ? "Never" : formatRelative(row.lastActiveAt)
          }
        />
        <Stat
          label="Latest score"
          value={row.latestScore === null ? "–" : `${row.latestScore}%`}
          hint={row.latestScore === null ? "Shared only with consent" : undefined}
        />
        <Stat
          label="Learning gain"
          value={data.learningGain === null ? "–" : formatPercent(data.learningGain)}
          hint="Normalized, pre → post"
        />
      </section>
      <section aria-label="Skills and certificates" className="mt-6 grid gap-3 md:grid-cols-2">
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-gray-900">Skills</h2>
          {data.skills.length === 0 ? (
            <p className="mt-2 text-sm text-gray-600">No skill levels recorded yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {data.skills.map((skill) => {
                const level = row.skillLevels.find((s) => s.skillId === skill.skillId)?.level ?? 0;
                return (
                  <li key={skill.skillId} className="flex justify-between">
                    <span>{skill.name}</span>
                    <span className="text-gray-700">{SKILL_LEVEL_LABEL[SKILL_LEVELS[level]]}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card className="p-4">
          <h2 className="text-sm font-semibold text-gray-900">Certificates</h2>
          {data.certificates === null ? (
            <p className="mt-2 flex items-center gap-1 text-sm text-gray-600">
              <Lock className="size-3.5" aria-hidden /> Private, or not included in your role.
            </p>
          ) : data.certificates.length === 0 ? (
            <p className="mt-2 text-sm text-gray-600">No certificates yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {data.certificates.map((c) => (
                <li key={c.publicId} className="flex items-center justify-between gap-2">
                  <Link
                    href={`/verify/${c.publicId}`}
                    className="inline-flex items-center gap-1 text-brand-700 hover:underline"
                  >
                    <Award className="size-4" aria-hidden /> {c.name}
                  </Link>
                  <span className="text-xs text-gray-600">
                    {formatDate(c.issuedAt)}
                    {c.expiresAt ? ` · expires ${formatDate(c.expiresAt)}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </section>
    </div>
  );
}
