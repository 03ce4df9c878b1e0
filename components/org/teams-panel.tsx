"use client";
import { useMutation } from "convex/react";
import { Users } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { TEXT_LIMITS } from "@/convex/limits";
import { useSubmit } from "@/lib/use-submit";

export function TeamsPanel({
  organizationId,
  teams,
  canManage,
}: {
  organizationId: Id<"organizations">;
  teams: Array<{ _id: Id<"teams">; name: string; memberCount: number; inScope: boolean }>;
  canManage: boolean;
}) {
  const create = useMutation(api.organizations.teams.create);
  const { pending, run } = useSubmit();
  const [name, setName] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => create({ organizationId, name }), {
      success: `Team ${name.trim()} created.`,
      onSuccess: () => setName(""),
    });
  };
  return (
    <div className="space-y-6">
      {teams.length === 0 ? (
        <EmptyState
          icon={Users}
          title="No teams yet"
          description="Teams group members for dashboards and reminders; managers can be limited to their teams."
        />
      ) : (
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {teams.map((team) => (
            <Card key={team._id} className="p-5">
              <p className="font-medium text-gray-900">{team.name}</p>
              <p className="mt-1 flex items-center gap-1 text-sm text-gray-600">
                <Users className="size-4" aria-hidden /> {team.memberCount} members
              </p>
              {!team.inScope && <p className="mt-2 text-xs text-gray-600">Outside your team scope</p>}
            </Card>
          ))}
        </div>
      )}
      {canManage && (
        <form className="flex max-w-md flex-wrap items-end gap-3" onSubmit={onSubmit}>
          <div className="min-w-48 flex-1">
            <Field id="team-name" label="New team">
              <Input
                id="team-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="e.g. Customer Success"
                maxLength={TEXT_LIMITS.name}
              />
            </Field>
          </div>
          <Button type="submit" variant="secondary" loading={pending} disabled={name.trim().length < 2}>
            Create team
          </Button>
        </form>
      )}
    </div>
  );
}
