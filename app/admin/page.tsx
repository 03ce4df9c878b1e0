import type { Metadata } from "next";
import { CohortTable } from "@/components/admin/cohort-table";
import { PaymentReviews } from "@/components/admin/payment-reviews";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-xl font-semibold text-gray-900">Admin · Cohorts</h1>
        <p className="mt-1 text-sm text-gray-600">
          Seats taken include live checkout holds. Open a cohort to edit it or refund a purchase.
        </p>
      </div>
      <PaymentReviews />
      <CohortTable />
    </div>
  );
}
