import type { Metadata } from "next";
import { RedeemCode } from "@/components/codes/redeem-code";

export const metadata: Metadata = { title: "Redeem an enrollment code", robots: { index: false, follow: false } };

export default function RedeemPage() {
  return <RedeemCode initialCode="" />;
}
