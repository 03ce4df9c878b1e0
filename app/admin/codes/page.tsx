import type { Metadata } from "next";
import { PromotionCodesAdmin } from "@/components/admin/promotion-codes-admin";

export const metadata: Metadata = { title: "Admin · Codes" };

export default function AdminCodesPage() {
  return <PromotionCodesAdmin />;
}
