import type { Metadata } from "next";
import { CohortEditor } from "@/components/admin/cohort-editor";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Admin · Cohort" };

export default async function AdminCohortPage({
  params,
  searchParams,
}: {
  params: Promise<{ cohortId: string }>;
  searchParams: Promise<{ courseId?: string }>;
}) {
  const [{ cohortId }, { courseId }] = await Promise.all([params, searchParams]);
  return (
    <CohortEditor
      cohortId={cohortId === "new" ? null : (cohortId as Id<"cohorts">)}
      courseId={courseId ? (courseId as Id<"courses">) : null}
    />
  );
}
