import type { Metadata } from "next";
import { CohortResults } from "@/components/assessments/cohort-results";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Teaching · Assessment results" };

export default async function ResultsPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const { cohortId } = await params;
  return <CohortResults cohortId={cohortId as Id<"cohorts">} />;
}
