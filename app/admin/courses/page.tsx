import type { Metadata } from "next";
import { CourseList } from "@/components/admin/course-list";

export const metadata: Metadata = { title: "Admin · Courses" };

export default function AdminCoursesPage() {
  return <CourseList />;
}
