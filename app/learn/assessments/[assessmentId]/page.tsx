import type { Metadata } from "next";
import { TakeAssessment } from "@/components/assessments/take-assessment";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Assessment" };

export default async function AssessmentPage({ params }: { params: Promise<{ assessmentId: string }> }) {
  const { assessmentId } = await params;
  return <TakeAssessment assessmentId={assessmentId as Id<"assessments">} />;
}
