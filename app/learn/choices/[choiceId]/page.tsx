import type { Metadata } from "next";
import { CohortChoice } from "@/components/learn/cohort-choice";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Your cancelled cohort" };

export default async function CohortChoicePage({ params }: { params: Promise<{ choiceId: string }> }) {
  const { choiceId } = await params;
  return (
    <div className="mx-auto max-w-[640px] px-4 py-12">
      <CohortChoice choiceId={choiceId as Id<"cohortChoices">} />
    </div>
  );
}
