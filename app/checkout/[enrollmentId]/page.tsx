import type { Metadata } from "next";
import { CheckoutProgress } from "@/components/checkout/checkout-progress";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ enrollmentId: string }>;
  searchParams: Promise<{ cancelled?: string }>;
}) {
  const [{ enrollmentId }, { cancelled }] = await Promise.all([params, searchParams]);
  return (
    <div className="mx-auto max-w-[560px] px-4 py-12">
      <CheckoutProgress enrollmentId={enrollmentId as Id<"enrollments">} cancelled={cancelled === "1"} />
    </div>
  );
}
