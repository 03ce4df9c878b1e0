import type { Metadata } from "next";
import { RedeemCode } from "@/components/codes/redeem-code";

export const metadata: Metadata = { title: "Redeem an enrollment code", robots: { index: false, follow: false } };

export default async function RedeemPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const { code } = await searchParams;
  return <RedeemCode initialCode={code ?? ""} />;
}
