import type { Metadata } from "next";
import { ReportsPage } from "@/components/dashboards/reports-page";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Reports" };

export default async function OrgReportsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <ReportsPage organizationId={orgId as Id<"organizations">} />;
}
