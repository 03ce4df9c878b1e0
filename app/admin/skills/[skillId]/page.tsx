import type { Metadata } from "next";
import { SkillEditor } from "@/components/skills/skill-editor";
import type { Id } from "@/convex/_generated/dataModel";

export const metadata: Metadata = { title: "Admin · Skill" };

export default async function AdminSkillPage({ params }: { params: Promise<{ skillId: string }> }) {
  const { skillId } = await params;
  return <SkillEditor skillId={skillId as Id<"skills">} />;
}
