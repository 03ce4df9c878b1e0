import { Sparkles } from "lucide-react";
import type { CourseSkillLevel, SkillCategory, SkillLevel } from "@/convex/validators";
import { Badge } from "@/components/ui/badge";
import { COURSE_SKILL_LEVEL, SKILL_CATEGORY_LABEL, SKILL_LEVEL_LABEL } from "@/lib/labels";

/** What completing the course earns: a Practitioner level comes with a badge; Advanced takes a sign-off. */
function earnsText(skill: { earns: SkillLevel; advancedWithSignOff: boolean }) {
  const level = SKILL_LEVEL_LABEL[skill.earns];
  const earned = skill.earns === "foundational" ? level : `${level} badge`;
  return skill.advancedWithSignOff ? `${earned}; Advanced with an instructor's sign-off` : earned;
}

/** "Skills you will build" on a course page: each skill, what the course does for it and what completing earns. */
export function CourseSkills({
  skills,
}: {
  skills: Array<{
    name: string;
    category: SkillCategory;
    skillLevel: CourseSkillLevel;
    description: string;
    earns: SkillLevel;
    advancedWithSignOff: boolean;
  }>;
}) {
  return (
    <section aria-labelledby="course-skills-heading">
      <h2 id="course-skills-heading" className="text-base font-semibold text-gray-900">
        Skills you will build
      </h2>
      <ul className="mt-3 grid gap-3 sm:grid-cols-2">
        {skills.map((skill) => (
          <li key={skill.name} className="rounded-lg border border-gray-200 p-4" data-testid="course-skill">
            <p className="flex items-start gap-2 text-sm font-medium text-gray-900">
              <Sparkles className="mt-0.5 size-4 shrink-0 text-brand-700" aria-hidden />
              {skill.name}
            </p>
            <p className="mt-2 flex flex-wrap gap-1.5">
              <Badge tone="brand">{COURSE_SKILL_LEVEL[skill.skillLevel].label}</Badge>
              <Badge>{SKILL_CATEGORY_LABEL[skill.category]}</Badge>
            </p>
            <p className="mt-2 line-clamp-3 text-sm text-gray-600">{skill.description}</p>
            <p className="mt-2 text-xs text-gray-600">Completing earns: {earnsText(skill)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
