import type { Metadata } from "next";
import { CourseEditor } from "@/components/admin/course-editor";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Admin · Course" };

export default async function AdminCoursePage({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  return <CourseEditor courseId={courseId === "new" ? null : (courseId as Id<"courses">)} />;
}
