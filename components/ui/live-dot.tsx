import { cn } from "@/lib/utils";

/** "Live now": a green dot with a slow ring (still when the person asks for reduced motion), and its words. */
export function LiveDot({ label, className }: { label?: string; className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-1.5", className)}>
      <span className="relative flex size-2 shrink-0" aria-hidden>
        <span className="live-dot-ring absolute inline-flex size-full rounded-full bg-green-500" />
        <span className="relative inline-flex size-2 rounded-full bg-green-600" />
      </span>
      {label}
    </span>
  );
}
