import type { Metadata } from "next";
import { CohortSkills } from "@/components/skills/cohort-skills";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Teaching · Skills and sign-off" };

export default async function TeachCohortSkillsPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const { cohortId } = await params;
  return <CohortSkills cohortId={cohortId as Id<"cohorts">} />;
}
