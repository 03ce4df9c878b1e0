import type { Metadata } from "next";
import { TeachingCohorts } from "@/components/teach/teaching-cohorts";

export const metadata: Metadata = { title: "Teaching" };

export default function TeachPage() {
  return <TeachingCohorts />;
}
