import type { Metadata } from "next";
import { TeamDashboard } from "@/components/dashboards/team-dashboard";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Team dashboard" };

export default async function TeamPage({ params }: { params: Promise<{ orgId: string; teamId: string }> }) {
  const { orgId, teamId } = await params;
  return <TeamDashboard organizationId={orgId as Id<"organizations">} teamId={teamId as Id<"teams">} />;
}
