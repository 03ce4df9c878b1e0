import type { Metadata } from "next";
import { BundleCheckout } from "@/components/paths/bundle-checkout";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Checkout" };

export default async function BundleCheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ purchaseId: string }>;
  searchParams: Promise<{ cancelled?: string; returned?: string }>;
}) {
  const [{ purchaseId }, { cancelled, returned }] = await Promise.all([params, searchParams]);
  return (
    <div className="mx-auto max-w-[560px] px-4 py-12">
      <BundleCheckout
        purchaseId={purchaseId as Id<"pathPurchases">}
        cancelled={cancelled === "1"}
        returned={returned === "1"}
      />
    </div>
  );
}
