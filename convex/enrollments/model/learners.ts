/** Who is in a cohort. */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";

/** The confirmed learners of a cohort (paid or placed by their organization). */
export async function cohortLearners(ctx: QueryCtx, cohortId: Id<"cohorts">) {
  const enrollments = await ctx.db
    .query("enrollments")
    .withIndex("by_cohortId_and_paymentStatus", (q) => q.eq("cohortId", cohortId).eq("paymentStatus", "completed"))
    .take(1000);
  const learners: Array<{ enrollment: Doc<"enrollments">; user: Doc<"users"> }> = [];
  for (const enrollment of enrollments) {
    const user = await ctx.db.get("users", enrollment.userId);
    if (user) learners.push({ enrollment, user });
  }
  return learners;
}
