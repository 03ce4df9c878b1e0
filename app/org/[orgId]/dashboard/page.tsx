import type { Metadata } from "next";
import { ExecutiveDashboard } from "@/components/dashboards/executive-dashboard";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Learning dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <ExecutiveDashboard organizationId={orgId as Id<"organizations">} />;
}
