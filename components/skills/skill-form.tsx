"use client";
import { useMutation } from "convex/react";
import { useState, type FormEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { SkillCategory, SkillLevel } from "@/convex/validators";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { Select, SelectOptions } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { SKILL_CATEGORY_LABEL, SKILL_LEVEL_LABEL } from "@/lib/labels";
import { useSubmit } from "@/lib/use-submit";
import { cn } from "@/lib/utils";

export type SkillDraft = {
  name: string;
  slug: string;
  description: string;
  category: SkillCategory;
  level: SkillLevel;
  parentSkillId: string;
  prerequisites: Array<Id<"skills">>;
  isActive: boolean;
  /** "" = the category's default; "0" = never expires. */
  badgeValidityMonths: string;
};

export const EMPTY_SKILL: SkillDraft = {
  name: "",
  slug: "",
  description: "",
  category: "technical",
  level: "expert",
  parentSkillId: "",
  prerequisites: [],
  isActive: true,
  badgeValidityMonths: "",
};

/** The levels a skill can be certified at ("none" is only a learner's level). */
const { none: _none, ...CERTIFIED_LEVEL_LABEL } = SKILL_LEVEL_LABEL;

/** "prompt-engineering" from "Prompt Engineering". */
function slugOf(name: string) {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/**
 * A skill's fields: name, web address, description, category, the highest level the academy certifies, where it sits
 * (parent) and what comes first (prerequisites), badge validity and whether learners see it. Saving creates or updates.
 */
export function SkillForm({
  skillId,
  initial,
  skills,
  onSaved,
}: {
  skillId?: Id<"skills">;
  initial: SkillDraft;
  /** Every skill, to choose a parent and prerequisites from. */
  skills: Array<{ _id: Id<"skills">; name: string }>;
  onSaved?: (skillId: Id<"skills">) => void;
}) {
  const save = useMutation(api.skills.authoring.save);
  const { pending, error, run } = useSubmit({ errors: "inline" });
  const [draft, setDraft] = useState(initial);
  const [slugTouched, setSlugTouched] = useState(skillId !== undefined);
  const others = skills.filter((s) => s._id !== skillId);
  const prefix = skillId ?? "new";
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        save({
          ...(skillId ? { skillId } : {}),
          name: draft.name,
          slug: draft.slug,
          description: draft.description,
          category: draft.category,
          level: draft.level,
          ...(draft.parentSkillId ? { parentSkillId: draft.parentSkillId as Id<"skills"> } : {}),
          prerequisites: draft.prerequisites,
          isActive: draft.isActive,
          ...(draft.badgeValidityMonths.trim() ? { badgeValidityMonths: Number(draft.badgeValidityMonths) } : {}),
        }),
      {
        success: skillId ? `${draft.name.trim()} is saved.` : `${draft.name.trim()} is created.`,
        onSuccess: (id) => {
          if (!skillId) setDraft(EMPTY_SKILL);
          onSaved?.(id);
        },
      },
    );
  };
  return (
    <form className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
      <Field id={`${prefix}-name`} label="Name">
        <Input
          id={`${prefix}-name`}
          required
          value={draft.name}
          onChange={(e) =>
            setDraft({ ...draft, name: e.target.value, ...(slugTouched ? {} : { slug: slugOf(e.target.value) }) })
          }
          placeholder="Prompt Engineering"
        />
      </Field>
      <Field id={`${prefix}-slug`} label="Web address" hint="Lowercase words joined by hyphens; used in badge links.">
        <Input
          id={`${prefix}-slug`}
          required
          value={draft.slug}
          onChange={(e) => {
            setSlugTouched(true);
            setDraft({ ...draft, slug: e.target.value });
          }}
        />
      </Field>
      <div className="sm:col-span-2">
        <Field id={`${prefix}-description`} label="Description" hint="What someone good at this skill can do.">
          <Textarea
            id={`${prefix}-description`}
            required
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </Field>
      </div>
      <Field id={`${prefix}-category`} label="Category">
        <Select
          id={`${prefix}-category`}
          value={draft.category}
          onChange={(e) => setDraft({ ...draft, category: e.target.value as SkillCategory })}
        >
          <SelectOptions labels={SKILL_CATEGORY_LABEL} />
        </Select>
      </Field>
      <Field
        id={`${prefix}-level`}
        label="Highest level certified"
        hint="Badges and sign-offs stop at this level (Advanced and Expert need an instructor's sign-off)."
      >
        <Select
          id={`${prefix}-level`}
          value={draft.level}
          onChange={(e) => setDraft({ ...draft, level: e.target.value as SkillLevel })}
        >
          <SelectOptions labels={CERTIFIED_LEVEL_LABEL} />
        </Select>
      </Field>
      <Field id={`${prefix}-parent`} label="Part of" hint="The broader skill this one belongs to, if any.">
        <Select
          id={`${prefix}-parent`}
          value={draft.parentSkillId}
          onChange={(e) => setDraft({ ...draft, parentSkillId: e.target.value })}
        >
          <option value="">— A top-level skill —</option>
          {others.map((s) => (
            <option key={s._id} value={s._id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id={`${prefix}-validity`}
        label="Badges valid for (months)"
        hint="Empty: technical skills 12 months, others never expire. 0: never expires."
      >
        <Input
          id={`${prefix}-validity`}
          type="number"
          inputMode="numeric"
          min={0}
          max={120}
          value={draft.badgeValidityMonths}
          onChange={(e) => setDraft({ ...draft, badgeValidityMonths: e.target.value })}
        />
      </Field>
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-gray-900">Learn first (prerequisites)</legend>
        {others.length === 0 ? (
          <p className="mt-1 text-sm text-gray-600">No other skills yet.</p>
        ) : (
          <div
            className={cn(
              "mt-2 grid max-h-48 gap-2 overflow-y-auto rounded-md border border-gray-200 p-3",
              "sm:grid-cols-2",
            )}
          >
            {others.map((s) => (
              <CheckboxField
                key={s._id}
                label={s.name}
                checked={draft.prerequisites.includes(s._id)}
                onCheckedChange={(checked) =>
                  setDraft({
                    ...draft,
                    prerequisites: checked
                      ? [...draft.prerequisites, s._id]
                      : draft.prerequisites.filter((id) => id !== s._id),
                  })
                }
              />
            ))}
          </div>
        )}
      </fieldset>
      <CheckboxField
        className="sm:col-span-2"
        label="Active"
        description="Inactive skills are hidden from course pages and earn no new badges."
        checked={draft.isActive}
        onCheckedChange={(isActive) => setDraft({ ...draft, isActive })}
      />
      {error && <FormError className="sm:col-span-2">{error}</FormError>}
      <div className="sm:col-span-2">
        <Button type="submit" loading={pending}>
          {skillId ? "Save skill" : "Create skill"}
        </Button>
      </div>
    </form>
  );
}
