import type { Metadata } from "next";
import { MyCohorts } from "@/components/learn/my-cohorts";

export const metadata: Metadata = { title: "My learning" };

export default function LearnPage() {
  return <MyCohorts />;
}
