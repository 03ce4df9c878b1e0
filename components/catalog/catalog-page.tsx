"use client";
import { usePreloadedQuery, type Preloaded } from "convex/react";
import { useState } from "react";
import type { api } from "@/convex/_generated/api";
import { cn } from "@/lib/utils";
import { CourseGrid } from "./course-grid";
import { FORMAT_LABEL, LEVEL_LABEL } from "@/lib/labels";

type Format = keyof typeof FORMAT_LABEL;
type Level = keyof typeof LEVEL_LABEL;

/**
 * The catalogue, rendered on the server and live after. Filters apply to the whole published list already in the
 * page (at most 100 courses), so choosing one is instant and never shows a loading state.
 */
export function CatalogPage({ preloaded }: { preloaded: Preloaded<typeof api.catalog.browse.listCourses> }) {
  const courses = usePreloadedQuery(preloaded);
  const [format, setFormat] = useState<Format | undefined>();
  const [level, setLevel] = useState<Level | undefined>();
  const shown = courses.filter((course) => (!format || course.format === format) && (!level || course.level === level));
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Courses</h1>
      <p className="mt-1 text-sm text-gray-600">Pick a format and a dated cohort. Seat counts update live.</p>
      <div className="mt-6 flex flex-wrap gap-6">
        <FilterGroup label="Format" options={FORMAT_LABEL} value={format} onChange={setFormat} />
        <FilterGroup label="Level" options={LEVEL_LABEL} value={level} onChange={setLevel} />
      </div>
      <h2 className="mt-6 text-sm font-medium text-gray-700" aria-live="polite">
        {shown.length === 1 ? "1 course" : `${shown.length} courses`}
      </h2>
      <div className="mt-3">
        <CourseGrid courses={shown} />
      </div>
    </div>
  );
}

function FilterGroup<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Record<T, string>;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
}) {
  const entries = Object.entries(options) as Array<[T, string]>;
  return (
    <fieldset>
      <legend className="mb-2 text-xs font-medium tracking-wide text-gray-600 uppercase">{label}</legend>
      <div className="flex flex-wrap gap-2">
        {[[undefined, "All"] as const, ...entries].map(([key, text]) => (
          <button
            key={text}
            type="button"
            aria-pressed={value === key}
            onClick={() => onChange(key as T | undefined)}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              value === key
                ? "border-brand-700 bg-brand-50 text-brand-800"
                : "border-gray-300 bg-white text-gray-700 hover:bg-gray-50",
            )}
          >
            {text}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
