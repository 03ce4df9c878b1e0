/**
 * A path's unlock rules and progress, as plain functions of its steps and what the learner has done: the server
 * decides with them (paths/model/progress.ts), the pages describe them in words, and the property test drives them.
 *
 * - immediate: open from enrollment.
 * - sequential: open once the nearest earlier required step is completed (open from the start when there is none).
 * - after_days: open N days after the path enrollment.
 * - after_completion: open once the named step is completed.
 */
import type { Id } from "../../_generated/dataModel";
import type { UnlockRule } from "../../validators";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rules need of a step. */
export type RuleStep = {
  _id: Id<"learningPathSteps">;
  stepNumber: number;
  isRequired: boolean;
  unlockRule: UnlockRule;
  unlockAfterStepId?: Id<"learningPathSteps">;
  unlockAfterDays?: number;
};

/** What the rules need of the learner: when they enrolled and which steps they completed. */
export type RuleFacts = { enrolledAt: number; completed: ReadonlySet<Id<"learningPathSteps">> };

/** The steps in path order. */
export function inOrder<S extends Pick<RuleStep, "stepNumber">>(steps: readonly S[]): S[] {
  return [...steps].sort((a, b) => a.stepNumber - b.stepNumber);
}

/** The nearest required step before `step` (path order), or null when none comes before it. */
export function previousRequired<S extends RuleStep>(steps: readonly S[], step: RuleStep): S | null {
  const before = inOrder(steps).filter((s) => s.stepNumber < step.stepNumber && s.isRequired);
  return before.at(-1) ?? null;
}

/** The step whose completion opens `step` (sequential or after_completion), or null. */
export function gateStep<S extends RuleStep>(steps: readonly S[], step: RuleStep): S | null {
  if (step.unlockRule === "sequential") return previousRequired(steps, step);
  if (step.unlockRule === "after_completion") return steps.find((s) => s._id === step.unlockAfterStepId) ?? null;
  return null;
}

/** When a time rule opens the step, or null for the other rules. */
export function unlockTime(step: RuleStep, enrolledAt: number): number | null {
  return step.unlockRule === "after_days" ? enrolledAt + (step.unlockAfterDays ?? 0) * DAY_MS : null;
}

/** Whether the step's rule is met now. */
export function ruleMet(steps: readonly RuleStep[], step: RuleStep, facts: RuleFacts, now: number): boolean {
  switch (step.unlockRule) {
    case "immediate":
      return true;
    case "after_days":
      return now >= unlockTime(step, facts.enrolledAt)!;
    case "sequential": {
      const gate = previousRequired(steps, step);
      return gate === null || facts.completed.has(gate._id);
    }
    case "after_completion": {
      // A gate that was removed from the path no longer holds the step back.
      const gate = gateStep(steps, step);
      return gate === null || facts.completed.has(gate._id);
    }
  }
}

/** Progress in percent: completed required steps over required steps (all steps when none is required). */
export function progressPercent(steps: readonly RuleStep[], completed: ReadonlySet<Id<"learningPathSteps">>) {
  const counted = steps.some((s) => s.isRequired) ? steps.filter((s) => s.isRequired) : steps;
  if (counted.length === 0) return 0;
  return Math.round((100 * counted.filter((s) => completed.has(s._id)).length) / counted.length);
}

/** Every required step is completed (a path without steps is never complete). */
export function allRequiredCompleted(steps: readonly RuleStep[], completed: ReadonlySet<Id<"learningPathSteps">>) {
  const required = steps.filter((s) => s.isRequired);
  return required.length > 0 && required.every((s) => completed.has(s._id));
}

/** The step to work on: the first required step (in order) not completed yet, else none. */
export function currentStep<S extends RuleStep>(steps: readonly S[], completed: ReadonlySet<Id<"learningPathSteps">>) {
  return inOrder(steps).find((s) => s.isRequired && !completed.has(s._id)) ?? null;
}

/**
 * Why a set of steps cannot be saved as a path's structure, or null: whole-day windows of 1..365 for time rules, and
 * an after_completion rule names another, earlier step of the same path (so no step ever waits on itself or a later
 * one, and no chain of steps waits in a circle).
 */
export function structureProblem(steps: readonly RuleStep[]): string | null {
  const ordered = inOrder(steps);
  for (const step of ordered) {
    const label = `Step ${step.stepNumber}`;
    if (step.unlockRule === "after_days") {
      const days = step.unlockAfterDays;
      if (days === undefined || !Number.isInteger(days) || days < 1 || days > 365)
        return `${label} opens a number of days after enrollment: give a whole number from 1 to 365.`;
    }
    if (step.unlockRule === "after_completion") {
      const gate = ordered.find((s) => s._id === step.unlockAfterStepId);
      if (!gate) return `${label} opens after another step: choose which one.`;
      if (gate.stepNumber >= step.stepNumber)
        return `${label} can only wait for a step that comes before it (step ${gate.stepNumber} comes after).`;
    }
  }
  return null;
}
