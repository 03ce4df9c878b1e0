import type { Metadata } from "next";
import { ReviewQueue } from "@/components/assessments/review-queue";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Teaching · Answers to grade" };

export default async function ReviewPage({ params }: { params: Promise<{ cohortId: string }> }) {
  const { cohortId } = await params;
  return <ReviewQueue cohortId={cohortId as Id<"cohorts">} />;
}
