import type { Metadata } from "next";
import { AssessmentEditor } from "@/components/assessments/authoring";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Teaching · Edit assessment" };

export default async function EditAssessmentPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  return <AssessmentEditor assessmentId={assessmentId as Id<"assessments">} />;
}
