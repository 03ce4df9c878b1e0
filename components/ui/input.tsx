import * as React from "react";
import { cn } from "@/lib/utils";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return (
    <input
      className={cn(
        "h-10 w-full rounded-md border border-gray-300 bg-white px-3 text-sm text-gray-900 placeholder:text-gray-500",
        "focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0",
        "focus-visible:outline-brand-600",
        "disabled:opacity-60 aria-[invalid=true]:border-red-600",
        className,
      )}
      {...props}
    />
  );
}
