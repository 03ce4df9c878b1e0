import type { Metadata } from "next";
import { TeamRequestForm } from "@/components/org/team-request-form";

export const metadata: Metadata = { title: "For teams" };

export default function ForTeamsPage() {
  return (
    <div className="mx-auto max-w-[640px] px-4 py-12">
      <h1 className="text-2xl font-semibold text-gray-900">Buy for my team</h1>
      <p className="mt-2 text-gray-700">
        Seats for your colleagues, paid by invoice. You get an admin console to invite people by email or CSV, private
        cohorts, and live team dashboards.
      </p>
      <TeamRequestForm />
    </div>
  );
}
