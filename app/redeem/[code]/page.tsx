import type { Metadata } from "next";
import { RedeemCode } from "@/components/codes/redeem-code";

export const metadata: Metadata = { title: "Redeem an enrollment code", robots: { index: false, follow: false } };

/** A shared link to a code (`/redeem/ABC123`): a path, since Convex Auth takes a `?code=` parameter for sign-in. */
export default async function RedeemLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <RedeemCode initialCode={decodeURIComponent(code)} />;
}
