import type { Metadata } from "next";
import { AdminPathEditor } from "@/components/paths/admin-path-editor";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Admin · Learning path" };

export default async function AdminPathPage({ params }: { params: Promise<{ pathId: string }> }) {
  const { pathId } = await params;
  return <AdminPathEditor pathId={pathId === "new" ? null : (pathId as Id<"learningPaths">)} />;
}
