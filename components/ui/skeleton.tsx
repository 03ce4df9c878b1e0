import { cn } from "@/lib/utils";

/** Placeholder of the same size as the content it stands for, so nothing jumps. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-gray-200/80", className)} />;
}
