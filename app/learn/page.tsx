import { convexAuthNextjsToken } from "@convex-dev/auth/nextjs/server";
import { preloadQuery } from "convex/nextjs";
import type { Metadata } from "next";
import { MyCohorts } from "@/components/learn/my-cohorts";
import { DomainJoinBanner } from "@/components/org/domain-join-banner";
import { api } from "@/convex/_generated/api";

export const metadata: Metadata = { title: "My learning" };

/** Rendered with the learner's data on the server, then kept live by the subscription. */
export default async function LearnPage() {
  const token = await convexAuthNextjsToken();
  const [viewer, cohorts] = await Promise.all([
    preloadQuery(api.users.account.viewer, {}, { token }),
    preloadQuery(api.learning.cohorts.myCohorts, {}, { token }),
  ]);
  return (
    <>
      <DomainJoinBanner />
      <MyCohorts preloadedViewer={viewer} preloadedCohorts={cohorts} />
    </>
  );
}
