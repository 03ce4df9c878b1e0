/**
 * Skill levels and how each is reached. Foundational and Practitioner come by themselves: completing a course that
 * introduces a skill (or passing evidence on one of its competencies) gives Foundational, one that develops or masters
 * it a Practitioner badge. Advanced and Expert need an instructor's sign-off (model/signOff.ts). No level goes past the
 * skill's own highest level (`skills.level`).
 */
import type { Doc } from "../../_generated/dataModel";
import type { CourseSkillLevel, SkillLevel } from "../../validators";

/** Levels in rising order; a level's rank is its position (none = 0). */
export const LEVELS = ["foundational", "practitioner", "advanced", "expert"] as const satisfies readonly SkillLevel[];

export const LEVEL_LABEL: Record<SkillLevel, string> = {
  foundational: "Foundational",
  practitioner: "Practitioner",
  advanced: "Advanced",
  expert: "Expert",
};

/** 0 for none, 1 Foundational … 4 Expert. */
export function rank(level: SkillLevel | "none" | null | undefined) {
  return level === null || level === undefined || level === "none" ? 0 : LEVELS.indexOf(level) + 1;
}

/** The higher of two levels. */
export function higher<L extends SkillLevel | "none">(a: L, b: L): L {
  return rank(b) > rank(a) ? b : a;
}

/** The level completing a course gives by itself, before the skill's cap: masters gives Practitioner too. */
export const AUTOMATIC_LEVEL: Record<CourseSkillLevel, "foundational" | "practitioner"> = {
  introduces: "foundational",
  develops: "practitioner",
  masters: "practitioner",
};

/** `level`, held to the skill's highest level. */
export function capped(level: SkillLevel, skill: Pick<Doc<"skills">, "level">): SkillLevel {
  return rank(level) > rank(skill.level) ? skill.level : level;
}

/** Levels that only an instructor's sign-off gives. */
export function needsSignOff(level: SkillLevel) {
  return level === "advanced" || level === "expert";
}

/** Technical skills' badges expire after this many months unless the skill says otherwise; other skills' never do. */
export const DEFAULT_TECHNICAL_VALIDITY_MONTHS = 12;

/** How long a new badge of the skill stays valid, in months; null: it does not expire. */
export function badgeValidityMonths(skill: Pick<Doc<"skills">, "category" | "badgeValidityMonths">) {
  const months = skill.badgeValidityMonths ?? (skill.category === "technical" ? DEFAULT_TECHNICAL_VALIDITY_MONTHS : 0);
  return months > 0 ? months : null;
}
