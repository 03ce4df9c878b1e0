import type { Metadata } from "next";
import { OrgOverview } from "@/components/org/org-overview";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <OrgOverview organizationId={orgId as Id<"organizations">} />;
}
