import type { Metadata } from "next";
import { AdminPathList } from "@/components/paths/admin-path-list";

export const metadata: Metadata = { title: "Admin · Learning paths" };

export default function AdminPathsPage() {
  return <AdminPathList />;
}
