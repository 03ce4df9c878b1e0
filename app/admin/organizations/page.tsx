import type { Metadata } from "next";
import { OrganizationsAdmin } from "@/components/admin/organizations-admin";

export const metadata: Metadata = { title: "Admin · Organizations" };

export default function AdminOrganizationsPage() {
  return <OrganizationsAdmin />;
}
