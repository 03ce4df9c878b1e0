import { CohortDetail } from "@/components/catalog/cohort-detail";
import type { Id } from "@/convex/_generated/dataModel";

export default async function CohortPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const { cohortId } = await params;
  return <CohortDetail cohortId={cohortId as Id<"cohorts">} />;
}
