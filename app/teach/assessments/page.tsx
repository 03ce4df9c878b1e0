import type { Metadata } from "next";
import { AssessmentCourses } from "@/components/assessments/authoring";

export const metadata: Metadata = { title: "Teaching · Assessments" };

export default function AssessmentsPage() {
  return <AssessmentCourses />;
}
