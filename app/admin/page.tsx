import type { Metadata } from "next";
import { CohortTable } from "@/components/admin/cohort-table";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return <CohortTable />;
}
