"use client";
import { useMutation, usePaginatedQuery, useQuery } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/format";
import { PATH_STATUS } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

type Team = { _id: Id<"teams">; name: string; memberCount: number };

/**
 * The organization's learning paths: enroll a member or a whole team (each takes one of the organization's seats if
 * they hold none), and who follows which path, how far.
 */
export function OrgPathsPanel({
  organizationId,
  teams,
  canEnroll,
  canView,
  seatsLeft,
}: {
  organizationId: Id<"organizations">;
  teams: Team[];
  canEnroll: boolean;
  canView: boolean;
  seatsLeft: number;
}) {
  const paths = useQuery(api.paths.catalog.list);
  return (
    <div className="space-y-6">
      {canEnroll && (
        <Card className="p-5">
          <h2 className="text-base font-semibold text-gray-900">Enroll in a learning path</h2>
          <p className="mt-1 text-sm text-gray-600">
            Your organization covers it: each person gets a seat in every course of the path, chosen as each step opens.
            Someone without an organization seat takes one of the {seatsLeft} left.
          </p>
          {paths === undefined ? (
            <Skeleton className="mt-4 h-32" />
          ) : paths.length === 0 ? (
            <p className="mt-4 text-sm text-gray-600">No learning paths are published yet.</p>
          ) : (
            <div className="mt-4 grid gap-6 lg:grid-cols-2">
              <TeamForm organizationId={organizationId} teams={teams} paths={paths} />
              <MemberForm organizationId={organizationId} paths={paths} />
            </div>
          )}
        </Card>
      )}
      {canView && <Following organizationId={organizationId} />}
    </div>
  );
}

type PathOption = { _id: Id<"learningPaths">; title: string };

function PathSelect({ id, paths }: { id: string; paths: PathOption[] }) {
  return (
    <Field id={id} label="Learning path">
      <Select id={id} name="pathId" required>
        {paths.map((path) => (
          <option key={path._id} value={path._id}>
            {path.title}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function TeamForm({
  organizationId,
  teams,
  paths,
}: {
  organizationId: Id<"organizations">;
  teams: Team[];
  paths: PathOption[];
}) {
  const enrollTeam = useMutation(api.paths.organization.enrollTeam);
  const { pending, run } = useSubmit();
  const [result, setResult] = useState<{ enrolled: number; skipped: Array<{ name: string; reason: string }> } | null>(
    null,
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(
      () =>
        enrollTeam({
          organizationId,
          pathId: String(form.get("pathId")) as Id<"learningPaths">,
          teamId: String(form.get("teamId")) as Id<"teams">,
        }),
      {
        onSuccess: setResult,
        success: (r) => (r.enrolled === 1 ? "1 person enrolled." : `${r.enrolled} people enrolled.`),
      },
    );
  }
  if (teams.length === 0) return <p className="text-sm text-gray-600">No teams in your scope yet.</p>;
  return (
    <form className="space-y-3" onSubmit={submit} aria-label="Enroll a team">
      <h3 className="text-sm font-semibold text-gray-900">A whole team</h3>
      <PathSelect id="team-path" paths={paths} />
      <Field id="team" label="Team">
        <Select id="team" name="teamId" required>
          {teams.map((team) => (
            <option key={team._id} value={team._id}>
              {team.name} ({team.memberCount})
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" loading={pending}>
        Enroll the team
      </Button>
      {result && result.skipped.length > 0 && (
        <div className="text-sm" role="status">
          <p className="font-medium text-gray-900">Not enrolled:</p>
          <ul className="mt-1 list-disc pl-5 text-gray-700">
            {result.skipped.map((s) => (
              <li key={s.name}>
                {s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

function MemberForm({ organizationId, paths }: { organizationId: Id<"organizations">; paths: PathOption[] }) {
  const enrollMember = useMutation(api.paths.organization.enrollMember);
  const { results } = usePaginatedQuery(api.organizations.members.list, { organizationId }, { initialNumItems: 100 });
  const members = results.filter((m) => m.canAct.enroll);
  const { pending, run } = useSubmit();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const memberId = String(form.get("memberId")) as Id<"users">;
    const name = members.find((m) => m._id === memberId)?.name ?? "They";
    void run(
      () => enrollMember({ organizationId, memberId, pathId: String(form.get("pathId")) as Id<"learningPaths"> }),
      { success: `${name} is enrolled and has been told.` },
    );
  }
  return (
    <form className="space-y-3" onSubmit={submit} aria-label="Enroll a member">
      <h3 className="text-sm font-semibold text-gray-900">One person</h3>
      <PathSelect id="member-path" paths={paths} />
      <Field id="member" label="Member">
        <Select id="member" name="memberId" required>
          {members.map((member) => (
            <option key={member._id} value={member._id}>
              {member.name} · {member.email}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" loading={pending} disabled={members.length === 0}>
        Enroll
      </Button>
    </form>
  );
}

function Following({ organizationId }: { organizationId: Id<"organizations"> }) {
  const rows = useQuery(api.paths.organization.list, { organizationId });
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-gray-900">Who follows which path</h2>
      {rows === undefined ? (
        <Skeleton className="mt-4 h-32" />
      ) : rows.length === 0 ? (
        <p className="mt-2 text-sm text-gray-600">Nobody in your scope follows a learning path yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100" data-testid="org-path-rows">
          {rows.map((row) => (
            <li key={row.pathEnrollmentId} className="grid gap-2 py-3 text-sm sm:grid-cols-[1fr_1fr_200px]">
              <div>
                <p className="font-medium text-gray-900">{row.memberName}</p>
                <p className="text-gray-600">since {formatDate(row.enrolledAt)}</p>
              </div>
              <div className="flex items-center gap-2">
                <span className="text-gray-800">{row.pathTitle}</span>
                <Badge tone={PATH_STATUS[row.status].tone}>{PATH_STATUS[row.status].label}</Badge>
              </div>
              <ProgressBar
                value={row.progressPercent}
                label={`${row.memberName}'s progress in the ${row.pathTitle}`}
                showValue
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
