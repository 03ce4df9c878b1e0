"use client";
import { useMutation, usePaginatedQuery } from "convex/react";
import { MoreHorizontal, Users } from "lucide-react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableEmpty, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { MANAGER_ROLE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { BuySeatsButton } from "./billing-panel";
import { CohortSelect } from "./cohort-select";
import { ManagerDialog, TeamsDialog, type OrgTeam } from "./member-roles-dialog";

type Member = {
  _id: Id<"users">;
  name: string;
  email: string;
  holdsSeat: boolean;
  managerRole: "admin" | "manager" | "viewer" | null;
  managerTeamIds: Array<Id<"teams">>;
  teams: Array<{ _id: Id<"teams">; name: string; role: string }>;
  enrollments: Array<{
    enrollmentId: Id<"enrollments">;
    courseId: Id<"courses">;
    cohortId: Id<"cohorts">;
    cohortName: string;
    status: string;
    placedByOrganization: boolean;
  }>;
  /** What the caller may do to this person (the server's scope rule). */
  canAct: { enroll: boolean; teams: boolean; remove: boolean };
};

type CohortAction =
  | { kind: "assign" | "remove" | "grant"; member: Member }
  | { kind: "move" | "unassign"; member: Member; enrollment: Member["enrollments"][number] };
type Action = CohortAction | { kind: "teams"; member: Member } | { kind: "role"; member: Member };

export function MembersTable({
  organizationId,
  teams,
  isAdmin,
  canManageTeam,
  canManageEnrollments,
  seatsLeft,
}: {
  organizationId: Id<"organizations">;
  /** The teams the caller may place people in. */
  teams: OrgTeam[];
  isAdmin: boolean;
  canManageTeam: boolean;
  canManageEnrollments: boolean;
  /** Seats of the pool nobody holds. */
  seatsLeft: number;
}) {
  const { results, status, loadMore } = usePaginatedQuery(
    api.organizations.members.list,
    { organizationId },
    { initialNumItems: 25 },
  );
  const [action, setAction] = useState<Action | null>(null);
  if (status === "LoadingFirstPage") return <Skeleton className="h-64" />;
  const canAct = canManageTeam || canManageEnrollments;
  return (
    <div>
      <Table caption="Members" sticky="page">
        <TableHeader>
          <TableRow>
            <TableHead>Member</TableHead>
            <TableHead className="hidden md:table-cell">Team</TableHead>
            <TableHead className="hidden sm:table-cell">Cohorts</TableHead>
            <TableHead>Seat</TableHead>
            {canAct && (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        {results.length === 0 ? (
          <TableEmpty
            colSpan={canAct ? 5 : 4}
            icon={Users}
            title="No members yet"
            description="Invite people by email or CSV; they appear here as soon as they accept."
          />
        ) : (
          <TableBody>
            {results.map((member) => (
              <TableRow key={member._id} data-testid="member-row">
                <TableCell>
                  <p className="font-medium text-gray-900">{member.name}</p>
                  <p className="break-all text-gray-600">{member.email}</p>
                  {/* On a phone the cohorts go under the person instead of a column of their own. */}
                  <p className="mt-1 text-gray-700 sm:hidden">
                    {member.enrollments.map((e) => e.cohortName).join(", ") || "Not assigned"}
                  </p>
                  {member.managerRole && (
                    <Badge tone="brand" className="mt-1">
                      {MANAGER_ROLE_LABEL[member.managerRole]}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="hidden md:table-cell">
                  {member.teams.length === 0 ? (
                    <span className="text-gray-500">—</span>
                  ) : (
                    member.teams.map((t) => `${t.name}${t.role === "lead" ? " (lead)" : ""}`).join(", ")
                  )}
                </TableCell>
                <TableCell className="hidden sm:table-cell">
                  {member.enrollments.length === 0 ? (
                    <span className="text-gray-500">Not assigned</span>
                  ) : (
                    member.enrollments.map((e) => <p key={e.enrollmentId}>{e.cohortName}</p>)
                  )}
                </TableCell>
                <TableCell>{member.holdsSeat ? <Badge tone="success">Seat</Badge> : <Badge>No seat</Badge>}</TableCell>
                {canAct && (
                  <TableCell align="right">
                    <MemberMenu member={member} isAdmin={isAdmin} onAction={setAction} />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        )}
      </Table>
      {status === "CanLoadMore" && (
        <Button variant="secondary" className="mt-3" onClick={() => loadMore(25)}>
          Show more members
        </Button>
      )}
      {action?.kind === "teams" && (
        <TeamsDialog
          organizationId={organizationId}
          member={action.member}
          teams={teams}
          onClose={() => setAction(null)}
        />
      )}
      {action?.kind === "role" && (
        <ManagerDialog
          organizationId={organizationId}
          member={action.member}
          teams={teams}
          onClose={() => setAction(null)}
        />
      )}
      <MemberActionDialog
        organizationId={organizationId}
        action={action === null || action.kind === "teams" || action.kind === "role" ? null : action}
        seatsLeft={seatsLeft}
        isAdmin={isAdmin}
        onClose={() => setAction(null)}
      />
    </div>
  );
}

/** The actions the caller may take on one member; managers are left to administrators. */
function MemberMenu({
  member,
  isAdmin,
  onAction,
}: {
  member: Member;
  isAdmin: boolean;
  onAction: (action: Action) => void;
}) {
  const { canAct } = member;
  if (!isAdmin && !canAct.enroll && !canAct.teams && !canAct.remove) {
    return member.managerRole ? <span className="text-xs text-gray-600">Managed by administrators</span> : null;
  }
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`Actions for ${member.name}`}>
          <MoreHorizontal className="size-4" aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {canAct.enroll && member.holdsSeat && (
          <DropdownMenuItem onSelect={() => onAction({ kind: "assign", member })}>Assign to a cohort…</DropdownMenuItem>
        )}
        {canAct.enroll &&
          member.enrollments
            .filter((e) => e.placedByOrganization && e.status !== "completed" && e.status !== "cancelled")
            .flatMap((e) => [
              <DropdownMenuItem
                key={`move:${e.enrollmentId}`}
                onSelect={() => onAction({ kind: "move", member, enrollment: e })}
              >
                Move from {e.cohortName}…
              </DropdownMenuItem>,
              <DropdownMenuItem
                key={`unassign:${e.enrollmentId}`}
                onSelect={() => onAction({ kind: "unassign", member, enrollment: e })}
              >
                Take out of {e.cohortName}…
              </DropdownMenuItem>,
            ])}
        {canAct.remove && !member.holdsSeat && (
          <DropdownMenuItem onSelect={() => onAction({ kind: "grant", member })}>Give a seat…</DropdownMenuItem>
        )}
        {canAct.teams && (
          <DropdownMenuItem onSelect={() => onAction({ kind: "teams", member })}>Teams…</DropdownMenuItem>
        )}
        {isAdmin && (
          <DropdownMenuItem onSelect={() => onAction({ kind: "role", member })}>Manager role…</DropdownMenuItem>
        )}
        {canAct.remove && (
          <DropdownMenuItem onSelect={() => onAction({ kind: "remove", member })}>
            Remove from organization…
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function MemberActionDialog({
  organizationId,
  action,
  seatsLeft,
  isAdmin,
  onClose,
}: {
  organizationId: Id<"organizations">;
  action: CohortAction | null;
  seatsLeft: number;
  isAdmin: boolean;
  onClose: () => void;
}) {
  const assign = useMutation(api.organizations.members.assignCohort);
  const move = useMutation(api.organizations.members.moveCohort);
  const unassign = useMutation(api.organizations.members.unassignCohort);
  const remove = useMutation(api.organizations.members.remove);
  const grant = useMutation(api.organizations.members.grantSeat);
  const { pending, run } = useSubmit();
  const [cohortId, setCohortId] = useState("");
  if (action === null) return null;
  const name = action.member.name;
  const needsCohort = action.kind === "assign" || action.kind === "move";
  const noSeatToGive = action.kind === "grant" && seatsLeft <= 0;
  const submit = () =>
    run(
      async () => {
        if (action.kind === "assign")
          await assign({ organizationId, memberId: action.member._id, cohortId: cohortId as Id<"cohorts"> });
        if (action.kind === "move")
          await move({
            organizationId,
            enrollmentId: action.enrollment.enrollmentId,
            toCohortId: cohortId as Id<"cohorts">,
          });
        if (action.kind === "unassign")
          await unassign({ organizationId, enrollmentId: action.enrollment.enrollmentId });
        if (action.kind === "remove") await remove({ organizationId, memberId: action.member._id });
        if (action.kind === "grant") await grant({ organizationId, memberId: action.member._id });
      },
      {
        success: {
          assign: `${name} is enrolled; they have been emailed the calendar file.`,
          move: `${name} was moved; they have been emailed the new dates.`,
          unassign: `${name} was taken out of the cohort; their seat can go to other dates.`,
          remove: `${name} was removed; their seat is free again.`,
          grant: `${name} now holds a seat.`,
        }[action.kind],
        onSuccess: () => {
          setCohortId("");
          onClose();
        },
      },
    );
  const title = {
    assign: `Assign ${name}`,
    move: `Move ${name}`,
    unassign: `Take ${name} out of ${action.kind === "unassign" ? action.enrollment.cohortName : "the cohort"}?`,
    remove: `Remove ${name}?`,
    grant: `Give ${name} a seat`,
  }[action.kind];
  const description = {
    assign: "They are enrolled straight away, with no payment, and emailed the cohort's calendar file.",
    move:
      action.kind === "move"
        ? `From ${action.enrollment.cohortName} to another cohort of the same course. ` +
          "They are emailed the new dates, and the change is recorded in the activity log."
        : "",
    unassign:
      "Their place in the cohort is freed (a public cohort offers it to its waitlist). " +
      "They keep their organization seat, so you can assign them to other dates, " +
      "and they are emailed a calendar file that removes the sessions.",
    remove:
      "Their seat returns to your pool, and they leave any cohort that has not finished. " +
      "Certificates they earned stay theirs.",
    grant: noSeatToGive
      ? "Every seat you bought is taken. Free one by removing someone, or buy more seats."
      : `One of your ${seatsLeft} free ${seatsLeft === 1 ? "seat" : "seats"} becomes theirs; ` +
        "you can then assign them to a cohort.",
  }[action.kind];
  const confirmLabel = {
    assign: "Assign",
    move: "Move",
    unassign: "Take out of cohort",
    remove: "Remove member",
    grant: "Give a seat",
  }[action.kind];
  const destructive = action.kind === "remove" || action.kind === "unassign";
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={title} description={description}>
        {needsCohort && (
          <Field id="action-cohort" label="Cohort">
            <CohortSelect
              id="action-cohort"
              organizationId={organizationId}
              value={cohortId}
              onChange={setCohortId}
              courseId={action.kind === "move" ? action.enrollment.courseId : undefined}
              exclude={action.kind === "move" ? action.enrollment.cohortId : undefined}
              emptyLabel="Choose a cohort"
            />
          </Field>
        )}
        {noSeatToGive && !isAdmin && (
          <p className="text-sm text-gray-700">Ask an administrator of your organization to buy more seats.</p>
        )}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          {noSeatToGive ? (
            isAdmin && <BuySeatsButton organizationId={organizationId} />
          ) : (
            <Button
              variant={destructive ? "destructive" : "primary"}
              loading={pending}
              disabled={needsCohort && !cohortId}
              onClick={() => void submit()}
            >
              {confirmLabel}
            </Button>
          )}
        </div>
      </DialogContent>
    </Dialog>
  );
}
