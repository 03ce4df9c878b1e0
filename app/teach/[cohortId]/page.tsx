import type { Metadata } from "next";
import { TeachingCohort } from "@/components/teach/teaching-cohort";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Teaching · Cohort" };

export default async function TeachCohortPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const { cohortId } = await params;
  return <TeachingCohort cohortId={cohortId as Id<"cohorts">} />;
}
