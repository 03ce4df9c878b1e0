import type { LucideIcon } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

/** What to show instead of an empty list: what it is, and the next useful step. */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
}: {
  icon: LucideIcon;
  title: string;
  description: string;
  action?: React.ReactNode;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center rounded-lg border border-dashed border-gray-300 bg-white",
        "px-6 py-12 text-center",
      )}
    >
      <Icon className="size-8 text-gray-400" aria-hidden />
      <h3 className="mt-3 text-base font-semibold text-gray-900">{title}</h3>
      <p className="mt-1 max-w-md text-sm text-gray-600">{description}</p>
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}
