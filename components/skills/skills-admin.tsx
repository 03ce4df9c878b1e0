"use client";
import { useQuery } from "convex/react";
import { Sparkles } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
  TableRowHeader,
} from "@/components/ui/table";
import { SKILL_CATEGORY_LABEL, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { EMPTY_SKILL, SkillForm } from "./skill-form";

/** Platform admins' skills taxonomy: every skill with where it sits, what comes first and what hangs off it. */
export function SkillsAdmin() {
  const skills = useQuery(api.skills.authoring.list);
  const router = useRouter();
  return (
    <div className="space-y-10">
      <section>
        <h1 className="text-xl font-semibold text-gray-900">Admin · Skills</h1>
        <p className="mt-1 text-sm text-gray-600">
          The skills courses build, their competencies, and the level each course takes a learner to. Learners earn
          Foundational and Practitioner by completing courses; Advanced and Expert need an instructor&apos;s sign-off.
        </p>
        {skills === undefined ? (
          <Skeleton className="mt-6 h-64" />
        ) : (
          <Table caption="Skills" sticky="page" className="mt-6">
            <TableHeader>
              <TableRow>
                <TableHead>Skill</TableHead>
                <TableHead>Category</TableHead>
                <TableHead>Up to</TableHead>
                <TableHead>Learn first</TableHead>
                <TableHead align="right">Competencies</TableHead>
                <TableHead align="right">Courses</TableHead>
              </TableRow>
            </TableHeader>
            {skills.length === 0 ? (
              <TableEmpty colSpan={6} icon={Sparkles} title="No skills yet" description="Create the first one below." />
            ) : (
              <TableBody>
                {skills.map((skill) => (
                  <TableRow key={skill._id} data-testid="skill-row">
                    <TableRowHeader>
                      <Link href={`/admin/skills/${skill._id}`} className="text-brand-700 hover:underline">
                        {skill.name}
                      </Link>
                      {skill.parent && <p className="text-xs font-normal text-gray-600">in {skill.parent.name}</p>}
                      {!skill.isActive && (
                        <Badge tone="neutral" className="mt-1">
                          Inactive
                        </Badge>
                      )}
                    </TableRowHeader>
                    <TableCell>{SKILL_CATEGORY_LABEL[skill.category]}</TableCell>
                    <TableCell>{SKILL_LEVEL_LABEL[skill.level]}</TableCell>
                    <TableCell className="text-gray-600">
                      {skill.prerequisites.length === 0 ? "—" : skill.prerequisites.map((p) => p.name).join(", ")}
                    </TableCell>
                    <TableCell numeric>{skill.competencies}</TableCell>
                    <TableCell numeric>{skill.courses}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            )}
          </Table>
        )}
      </section>
      <Card className="p-6">
        <h2 className="text-base font-semibold text-gray-900">New skill</h2>
        <p className="mt-1 text-sm text-gray-600">
          Keep skills focused and measurable: “Prompt Engineering”, not “AI skills”.
        </p>
        <div className="mt-4">
          {skills === undefined ? (
            <Skeleton className="h-80" />
          ) : (
            <SkillForm
              initial={EMPTY_SKILL}
              skills={skills}
              onSaved={(skillId) => router.push(`/admin/skills/${skillId}`)}
            />
          )}
        </div>
      </Card>
    </div>
  );
}
