"use client";
import { useState } from "react";
import { cn } from "@/lib/utils";
import { CourseGrid } from "./course-grid";
import { FORMAT_LABEL, LEVEL_LABEL } from "./labels";

type Format = keyof typeof FORMAT_LABEL;
type Level = keyof typeof LEVEL_LABEL;

export function CatalogPage() {
  const [format, setFormat] = useState<Format | undefined>();
  const [level, setLevel] = useState<Level | undefined>();
  return (
    <div className="mx-auto max-w-[1100px] px-4 py-10">
      <h1 className="text-xl font-semibold text-gray-900">Courses</h1>
      <p className="mt-1 text-sm text-gray-600">Pick a format and a dated cohort. Seat counts update live.</p>
      <div className="mt-6 flex flex-wrap gap-6">
        <FilterGroup label="Format" options={FORMAT_LABEL} value={format} onChange={setFormat} />
        <FilterGroup label="Level" options={LEVEL_LABEL} value={level} onChange={setLevel} />
      </div>
      <div className="mt-6">
        <CourseGrid filters={{ format, level }} />
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
      <legend className="mb-2 text-xs font-medium uppercase tracking-wide text-gray-600">{label}</legend>
      <div className="flex flex-wrap gap-2">
        {[[undefined, "All"] as const, ...entries].map(([key, text]) => (
          <button
            key={text}
            type="button"
            aria-pressed={value === key}
            onClick={() => onChange(key as T | undefined)}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              value === key ? "border-brand-700 bg-brand-50 text-brand-800" : "border-gray-300 bg-white text-gray-700 hover:bg-gray-50",
            )}
          >
            {text}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
