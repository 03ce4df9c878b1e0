import type { Metadata } from "next";
import { PersonAdmin } from "@/components/admin/person-admin";

export const metadata: Metadata = { title: "Admin · Person" };

export default async function AdminPersonPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  return <PersonAdmin userId={userId} />;
}
