"use client";
import { useQuery } from "convex/react";
import { AlertTriangle } from "lucide-react";
import type { Id } from "@/convex/_generated/dataModel";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDate, formatDateTime } from "@/lib/format";
import { ORG_AUDIT_ACTION_LABEL, ORG_ROLE_LABEL, ORGANIZATION_STATUS } from "@/lib/labels";
import { BuySeatsButton } from "./billing-panel";
import { EnrollmentCodesPanel } from "./enrollment-codes-panel";
import { InvitePanel } from "./invite-panel";
import { MembersTable } from "./members-table";
import { SeatMeter } from "./seat-meter";
import { SettingsPanel } from "./settings-panel";
import { TeamsPanel } from "./teams-panel";
import { OrgPathsPanel } from "@/components/paths/org-paths-panel";
import { cn } from "@/lib/utils";

/** The org admin console: live seat meter, members, invitations, teams, settings and activity. */
export function OrgConsole({ organizationId }: { organizationId: Id<"organizations"> }) {
  const org = useQuery(api.organizations.overview.get, { organizationId });
  if (org === undefined) {
    return (
      <div className="mx-auto max-w-[1100px] space-y-4 px-4 py-10" aria-busy>
        <Skeleton className="h-8 w-1/3" />
        <Skeleton className="h-32" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  const can = (permission: (typeof org.myPermissions)[number]) => org.myPermissions.includes(permission);
  // Invitations and new teams cover the whole organization; a manager of particular teams works within them.
  const canInvite = can("manage_team") && org.orgWide;
  const placeableTeams = org.teams.filter((team) => team.inScope);
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold text-gray-900">{org.name}</h1>
        <Badge tone={ORGANIZATION_STATUS[org.status].tone}>{ORGANIZATION_STATUS[org.status].label}</Badge>
        <Badge>You: {ORG_ROLE_LABEL[org.myRole]}</Badge>
      </div>
      {org.status === "pending_payment" && (
        <Notice>Your seats are added as soon as the seat invoice is paid. Invitations can go out after that.</Notice>
      )}
      {org.status === "suspended" && (
        <Notice tone="danger">
          Access is suspended because a seat invoice is unpaid. Pay it under Settings to restore invitations and
          sign-ups.
        </Notice>
      )}
      {org.status === "active" && org.graceEndsAt && (
        <Notice>A seat invoice payment failed. Pay it before {formatDate(org.graceEndsAt)} to avoid suspension.</Notice>
      )}
      <div className="mt-6">
        <SeatMeter used={org.seatsUsed} purchased={org.seatsPurchased}>
          {org.isAdmin && <BuySeatsButton organizationId={organizationId} />}
        </SeatMeter>
      </div>
      <Tabs defaultValue="members" className="mt-8">
        <TabsList aria-label="Organization">
          <TabsTrigger value="members">Members</TabsTrigger>
          {canInvite && <TabsTrigger value="invites">Invitations</TabsTrigger>}
          <TabsTrigger value="teams">Teams</TabsTrigger>
          {(can("manage_enrollments") || can("view_progress")) && (
            <TabsTrigger value="paths">Learning paths</TabsTrigger>
          )}
          {org.isAdmin && <TabsTrigger value="codes">Enrollment codes</TabsTrigger>}
          {org.isAdmin && <TabsTrigger value="settings">Settings</TabsTrigger>}
          {org.isAdmin && <TabsTrigger value="activity">Activity</TabsTrigger>}
        </TabsList>
        <TabsContent value="members">
          <MembersTable
            organizationId={organizationId}
            teams={placeableTeams}
            isAdmin={org.isAdmin}
            canManageTeam={can("manage_team")}
            canManageEnrollments={can("manage_enrollments")}
            seatsLeft={Math.max(0, org.seatsPurchased - org.seatsUsed)}
          />
        </TabsContent>
        {canInvite && (
          <TabsContent value="invites">
            <InvitePanel organizationId={organizationId} canInvite canEnroll={can("manage_enrollments")} />
          </TabsContent>
        )}
        <TabsContent value="teams">
          <TeamsPanel organizationId={organizationId} teams={org.teams} canManage={canInvite} />
        </TabsContent>
        {(can("manage_enrollments") || can("view_progress")) && (
          <TabsContent value="paths">
            <OrgPathsPanel
              organizationId={organizationId}
              teams={placeableTeams}
              canEnroll={can("manage_enrollments")}
              canView={can("view_progress")}
              seatsLeft={Math.max(0, org.seatsPurchased - org.seatsUsed)}
            />
          </TabsContent>
        )}
        {org.isAdmin && (
          <TabsContent value="codes">
            <EnrollmentCodesPanel organizationId={organizationId} />
          </TabsContent>
        )}
        {org.isAdmin && (
          <TabsContent value="settings">
            <SettingsPanel
              organizationId={organizationId}
              domain={org.domain}
              domainStatus={org.domainStatus}
              domainJoinEnabled={org.domainJoinEnabled}
            />
          </TabsContent>
        )}
        {org.isAdmin && (
          <TabsContent value="activity">
            <ActivityLog organizationId={organizationId} />
          </TabsContent>
        )}
      </Tabs>
    </div>
  );
}

function Notice({ children, tone = "warning" }: { children: React.ReactNode; tone?: "warning" | "danger" }) {
  return (
    <p
      className={cn(
        "mt-4 flex items-start gap-2 rounded-lg border px-4 py-3 text-sm",
        tone === "danger" ? "border-red-200 bg-red-50 text-red-800" : "border-amber-200 bg-amber-50 text-amber-900",
      )}
    >
      <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
      {children}
    </p>
  );
}

function ActivityLog({ organizationId }: { organizationId: Id<"organizations"> }) {
  const entries = useQuery(api.organizations.overview.auditLog, { organizationId });
  if (entries === undefined) return <Skeleton className="h-48" />;
  if (entries.length === 0) return <p className="text-sm text-gray-600">Nothing has happened yet.</p>;
  return (
    <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white text-sm">
      {entries.map((e) => (
        <li key={e._id} className="flex flex-wrap gap-x-3 px-4 py-3">
          <span className="font-medium text-gray-900">{ORG_AUDIT_ACTION_LABEL[e.action]}</span>
          {e.subject && <span className="text-gray-700">{e.subject}</span>}
          {e.fromCohortName && e.cohortName ? (
            <span className="text-gray-700">
              {e.fromCohortName} → {e.cohortName}
            </span>
          ) : (
            (e.cohortName ?? e.fromCohortName) && (
              <span className="text-gray-700">{e.cohortName ?? e.fromCohortName}</span>
            )
          )}
          {e.details && <span className="text-gray-600">{e.details}</span>}
          <span className="ml-auto text-gray-600">
            {e.actorName ? `${e.actorName} · ` : ""}
            {formatDateTime(e.createdAt)}
          </span>
        </li>
      ))}
    </ol>
  );
}
