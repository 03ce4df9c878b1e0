import type { Metadata } from "next";
import { OrganizationAdmin } from "@/components/admin/organization-admin";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Admin · Organization" };

export default async function AdminOrganizationPage({ params }: { params: Promise<{ organizationId: string }> }) {
  const { organizationId } = await params;
  return <OrganizationAdmin organizationId={organizationId as Id<"organizations">} />;
}
