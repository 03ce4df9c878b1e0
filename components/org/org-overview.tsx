"use client";
import { useQuery } from "convex/react";
import { Users } from "lucide-react";
import type { Id } from "@/convex/_generated/dataModel";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

const ROLE = { admin: "Administrator", manager: "Manager", viewer: "Viewer", platform_admin: "Platform admin" } as const;

export function OrgOverview({ organizationId }: { organizationId: Id<"organizations"> }) {
  const org = useQuery(api.organizations.overview, { organizationId });
  if (org === undefined) {
    return (
      <div className="mx-auto max-w-[1100px] space-y-4 px-4 py-10" aria-busy>
        <Skeleton className="h-8 w-1/3" />
        <Skeleton className="h-32" />
      </div>
    );
  }
  const free = Math.max(0, org.seatsPurchased - org.seatsUsed);
  const percent = org.seatsPurchased === 0 ? 0 : Math.round((org.seatsUsed / org.seatsPurchased) * 100);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold text-gray-900">{org.name}</h1>
        <Badge tone={org.status === "active" ? "success" : org.status === "suspended" ? "danger" : "warning"}>
          {org.status.replace("_", " ")}
        </Badge>
        <Badge>You: {ROLE[org.myRole]}</Badge>
      </div>
      <p className="mt-1 text-sm text-gray-600">Members who sign in with @{org.domain}</p>
      <Card className="mt-6 p-5">
        <h2 className="text-sm font-semibold text-gray-900">Seats</h2>
        <p className="tabular mt-2 text-2xl font-semibold text-gray-900" data-testid="seats-used">
          {org.seatsUsed} <span className="text-base font-normal text-gray-600">of {org.seatsPurchased} used · {free} free</span>
        </p>
        <div
          className="mt-3 h-2 overflow-hidden rounded-full bg-gray-100"
          role="progressbar"
          aria-label="Seats used"
          aria-valuemin={0}
          aria-valuemax={org.seatsPurchased}
          aria-valuenow={org.seatsUsed}
        >
          <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
        </div>
      </Card>
      <h2 className="mt-8 text-base font-semibold text-gray-900">Teams</h2>
      <div className="mt-3 grid gap-3 sm:grid-cols-3">
        {org.teams.map((team) => (
          <Card key={team._id} className="p-5">
            <p className="font-medium text-gray-900">{team.name}</p>
            <p className="mt-1 flex items-center gap-1 text-sm text-gray-600">
              <Users className="size-4" aria-hidden /> {team.memberCount} members
            </p>
            {!team.inScope && <p className="mt-2 text-xs text-gray-500">Outside your team scope</p>}
          </Card>
        ))}
      </div>
    </div>
  );
}
