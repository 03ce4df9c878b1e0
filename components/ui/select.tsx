import * as React from "react";
import { cn } from "@/lib/utils";

/** A styled native select: keyboard, screen-reader and mobile friendly by default. */
export function Select({ className, children, ...props }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        "h-10 w-full rounded-md border border-gray-300 bg-white px-3 text-sm text-gray-900",
        "focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0",
        "focus-visible:outline-brand-600",
        className,
      )}
      {...props}
    >
      {children}
    </select>
  );
}

/** One `<option>` per entry of a label map (`{ value: "Label" }` or `{ value: { label } }`), in the map's order. */
export function SelectOptions({
  labels,
  format,
}: {
  labels: Record<string, string | { label: string }>;
  format?: (value: string, label: string) => string;
}) {
  return (
    <>
      {Object.entries(labels).map(([value, entry]) => {
        const label = typeof entry === "string" ? entry : entry.label;
        return (
          <option key={value} value={value}>
            {format ? format(value, label) : label}
          </option>
        );
      })}
    </>
  );
}
