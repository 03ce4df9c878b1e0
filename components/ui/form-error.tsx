import { cn } from "@/lib/utils";

/** What went wrong with a form or an action, beside it: announced to screen readers as it appears. */
export function FormError({ className, children }: { className?: string; children: React.ReactNode }) {
  return (
    <p role="alert" className={cn("text-sm text-red-700", className)}>
      {children}
    </p>
  );
}
