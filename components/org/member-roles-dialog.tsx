"use client";
import { useMutation } from "convex/react";
import { useState } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/errors";

export type OrgTeam = { _id: Id<"teams">; name: string };
type TeamRole = "none" | "member" | "lead";
type ManagerChoice = "none" | "viewer" | "manager" | "admin";

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
  const toast = useToast();
  const initial = (teamId: Id<"teams">): TeamRole => (member.teams.find((t) => t._id === teamId)?.role as TeamRole | undefined) ?? "none";
  const [roles, setRoles] = useState<Record<string, TeamRole>>(() => Object.fromEntries(teams.map((t) => [t._id, initial(t._id)])));
  const [busy, setBusy] = useState(false);
  const changed = teams.filter((t) => roles[t._id] !== initial(t._id));
  const save = async () => {
    setBusy(true);
    try {
      for (const team of changed) {
        const role = roles[team._id];
        if (role === "none") await removeMember({ organizationId, teamId: team._id, memberId: member._id });
        else await setMember({ organizationId, teamId: team._id, memberId: member._id, teamRole: role });
      }
      toast("success", `${member.name}'s teams were updated.`);
      onClose();
    } catch (error) {
      toast("error", errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={`Teams of ${member.name}`} description="Dashboards and reminders follow teams; a lead is listed first on the team.">
        {teams.length === 0 ? (
          <p className="text-sm text-gray-600">This organization has no teams yet. Create one on the Teams tab.</p>
        ) : (
          <div className="space-y-3">
            {teams.map((team) => (
              <Field key={team._id} id={`team-role-${team._id}`} label={team.name}>
                <Select id={`team-role-${team._id}`} value={roles[team._id]} onChange={(e) => setRoles({ ...roles, [team._id]: e.target.value as TeamRole })}>
                  <option value="none">Not in this team</option>
                  <option value="member">Member</option>
                  <option value="lead">Lead</option>
                </Select>
              </Field>
            ))}
          </div>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={changed.length === 0} onClick={() => void save()}>
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
  member: { _id: Id<"users">; name: string; managerRole: Exclude<ManagerChoice, "none"> | null; managerTeamIds: Array<Id<"teams">> };
  teams: OrgTeam[];
  onClose: () => void;
}) {
  const setManager = useMutation(api.organizations.managers.set);
  const removeManager = useMutation(api.organizations.managers.remove);
  const toast = useToast();
  const [role, setRole] = useState<ManagerChoice>(member.managerRole ?? "none");
  const [scope, setScope] = useState<Set<Id<"teams">>>(() => new Set(member.managerTeamIds));
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      if (role === "none") await removeManager({ organizationId, memberId: member._id });
      else await setManager({ organizationId, memberId: member._id, managerRole: role, teamIds: role === "admin" ? undefined : [...scope] });
      toast("success", role === "none" ? `${member.name} is no longer a manager.` : `${member.name} is now ${role === "admin" ? "an administrator" : `a ${role}`}.`);
      onClose();
    } catch (error) {
      toast("error", errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (teamId: Id<"teams">) => {
    const next = new Set(scope);
    if (next.has(teamId)) next.delete(teamId);
    else next.add(teamId);
    setScope(next);
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={`Role of ${member.name}`} description="Managers see dashboards within the privacy limits learners set; every view of an individual is logged.">
        <Field id="manager-role" label="Role" hint={ROLE_HELP[role]}>
          <Select id="manager-role" value={role} onChange={(e) => setRole(e.target.value as ManagerChoice)}>
            <option value="none">Learner (no manager role)</option>
            <option value="viewer">Viewer</option>
            <option value="manager">Manager</option>
            <option value="admin">Administrator</option>
          </Select>
        </Field>
        {(role === "viewer" || role === "manager") && teams.length > 0 && (
          <fieldset className="mt-4">
            <legend className="text-sm font-medium text-gray-900">Teams they can see</legend>
            <p className="text-sm text-gray-600">None ticked: the whole organization.</p>
            <div className="mt-2 space-y-2">
              {teams.map((team) => (
                <label key={team._id} className="flex items-center gap-2 text-sm text-gray-800">
                  <input type="checkbox" className="size-4 accent-brand-600" checked={scope.has(team._id)} onChange={() => toggle(team._id)} />
                  {team.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void save()}>
            Save role
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
