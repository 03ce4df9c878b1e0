"use client";
import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { ManagerRole } from "@/convex/validators";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select, SelectOptions } from "@/components/ui/select";
import { MANAGER_ROLE_LABEL, TEAM_ROLE_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";

export type OrgTeam = { _id: Id<"teams">; name: string };
type TeamRole = "none" | keyof typeof TEAM_ROLE_LABEL;
type ManagerChoice = "none" | ManagerRole;
/** Least to most access. */
const MANAGER_ROLES: ManagerRole[] = ["viewer", "manager", "admin"];

const ROLE_HELP: Record<ManagerChoice, string> = {
  none: "A learner only: no dashboards.",
  viewer: "Sees progress and analytics for their teams.",
  manager: "Also sees scores (where learners allow it) and certificates, exports reports and sends reminders.",
  admin: "Everything, for the whole organization: seats, invitations, billing and settings.",
};

/** Places a member in teams, as member or lead. */
export function TeamsDialog({
  organizationId,
  member,
  teams,
  onClose,
}: {
  organizationId: Id<"organizations">;
  member: { _id: Id<"users">; name: string; teams: Array<{ _id: Id<"teams">; role: string }> };
  teams: OrgTeam[];
  onClose: () => void;
}) {
  const setMember = useMutation(api.organizations.teams.setMember);
  const removeMember = useMutation(api.organizations.teams.removeMember);
  const { pending, run } = useSubmit();
  const initial = (teamId: Id<"teams">): TeamRole =>
    (member.teams.find((t) => t._id === teamId)?.role as TeamRole | undefined) ?? "none";
  const [roles, setRoles] = useState<Record<string, TeamRole>>(() =>
    Object.fromEntries(teams.map((t) => [t._id, initial(t._id)])),
  );
  const changed = teams.filter((t) => roles[t._id] !== initial(t._id));
  const save = () =>
    run(
      async () => {
        for (const team of changed) {
          const role = roles[team._id];
          if (role === "none") await removeMember({ organizationId, teamId: team._id, memberId: member._id });
          else await setMember({ organizationId, teamId: team._id, memberId: member._id, teamRole: role });
        }
      },
      { success: `${member.name}'s teams were updated.`, onSuccess: onClose },
    );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Teams of ${member.name}`}
        description="Dashboards and reminders follow teams; a lead is listed first on the team."
      >
        {teams.length === 0 ? (
          <p className="text-sm text-gray-600">This organization has no teams yet. Create one on the Teams tab.</p>
        ) : (
          <div className="space-y-3">
            {teams.map((team) => (
              <Field key={team._id} id={`team-role-${team._id}`} label={team.name}>
                <Select
                  id={`team-role-${team._id}`}
                  value={roles[team._id]}
                  onChange={(e) => setRoles({ ...roles, [team._id]: e.target.value as TeamRole })}
                >
                  <option value="none">Not in this team</option>
                  <SelectOptions labels={TEAM_ROLE_LABEL} />
                </Select>
              </Field>
            ))}
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={pending} disabled={changed.length === 0} onClick={() => void save()}>
            Save teams
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}

/** Makes a member a viewer, manager or administrator, optionally limited to some teams. */
export function ManagerDialog({
  organizationId,
  member,
  teams,
  onClose,
}: {
  organizationId: Id<"organizations">;
  member: {
    _id: Id<"users">;
    name: string;
    managerRole: Exclude<ManagerChoice, "none"> | null;
    managerTeamIds: Array<Id<"teams">>;
  };
  teams: OrgTeam[];
  onClose: () => void;
}) {
  const setManager = useMutation(api.organizations.managers.set);
  const removeManager = useMutation(api.organizations.managers.remove);
  const { pending, run } = useSubmit();
  const [role, setRole] = useState<ManagerChoice>(member.managerRole ?? "none");
  const [scope, setScope] = useState<Set<Id<"teams">>>(() => new Set(member.managerTeamIds));
  const save = () =>
    run(
      async () => {
        if (role === "none") await removeManager({ organizationId, memberId: member._id });
        else
          await setManager({
            organizationId,
            memberId: member._id,
            managerRole: role,
            teamIds: role === "admin" ? undefined : [...scope],
          });
      },
      {
        success:
          role === "none"
            ? `${member.name} is no longer a manager.`
            : `${member.name} is now ${role === "admin" ? "an administrator" : `a ${role}`}.`,
        onSuccess: onClose,
      },
    );
  const toggle = (teamId: Id<"teams">) => {
    const next = new Set(scope);
    if (next.has(teamId)) next.delete(teamId);
    else next.add(teamId);
    setScope(next);
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Role of ${member.name}`}
        description={
          "Managers see dashboards within the privacy limits learners set; every view of an individual is logged."
        }
      >
        <Field id="manager-role" label="Role" hint={ROLE_HELP[role]}>
          <Select id="manager-role" value={role} onChange={(e) => setRole(e.target.value as ManagerChoice)}>
            <option value="none">Learner (no manager role)</option>
            {MANAGER_ROLES.map((value) => (
              <option key={value} value={value}>
                {MANAGER_ROLE_LABEL[value]}
              </option>
            ))}
          </Select>
        </Field>
        {(role === "viewer" || role === "manager") && teams.length > 0 && (
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-gray-900">Teams they can see</legend>
            <p className="text-sm text-gray-600">None ticked: the whole organization.</p>
            <div className="mt-2 space-y-2">
              {teams.map((team) => (
                <CheckboxField
                  key={team._id}
                  label={team.name}
                  checked={scope.has(team._id)}
                  onCheckedChange={() => toggle(team._id)}
                />
              ))}
            </div>
          </fieldset>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={pending} onClick={() => void save()}>
            Save role
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
