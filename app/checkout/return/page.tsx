import type { Metadata } from "next";
import { CheckoutReturn } from "@/components/checkout/checkout-return";

export const metadata: Metadata = { title: "Payment" };

export default async function CheckoutReturnPage({ searchParams }: { searchParams: Promise<{ session_id?: string }> }) {
  const { session_id } = await searchParams;
  return (
    <div className="mx-auto max-w-[560px] px-4 py-12">
      <CheckoutReturn sessionId={session_id ?? ""} />
    </div>
  );
}
