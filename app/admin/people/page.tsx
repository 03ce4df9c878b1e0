import type { Metadata } from "next";
import { PeopleDirectory } from "@/components/admin/people-directory";

export const metadata: Metadata = { title: "Admin · People" };

export default function AdminPeoplePage() {
  return <PeopleDirectory />;
}
