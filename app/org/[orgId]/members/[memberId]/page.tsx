import type { Metadata } from "next";
import { MemberView } from "@/components/dashboards/member-view";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Member progress" };

export default async function MemberPage({ params }: { params: Promise<{ orgId: string; memberId: string }> }) {
  const { orgId, memberId } = await params;
  return <MemberView organizationId={orgId as Id<"organizations">} memberId={memberId as Id<"users">} />;
}
