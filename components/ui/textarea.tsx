import * as React from "react";
import { cn } from "@/lib/utils";

export function Textarea({ className, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className={cn(
        "min-h-24 w-full rounded-md border border-gray-300 bg-white px-3 py-2",
        "text-sm text-gray-900 placeholder:text-gray-500",
        "focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0",
        "focus-visible:outline-brand-600",
        className,
      )}
      {...props}
    />
  );
}
