import type { Metadata } from "next";
import { SkillsAdmin } from "@/components/skills/skills-admin";

export const metadata: Metadata = { title: "Admin · Skills" };

export default function AdminSkillsPage() {
  return <SkillsAdmin />;
}
