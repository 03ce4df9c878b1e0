import type { Metadata } from "next";
import { OrgConsole } from "@/components/org/org-console";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return <OrgConsole organizationId={orgId as Id<"organizations">} />;
}
