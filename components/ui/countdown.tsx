"use client";
import { isoDateTime } from "@/lib/format";
import { useNow } from "@/lib/use-now";

/** "29:41" under an hour, "23 h 14 min" under two days, "27 days" beyond; "0:00" once passed. */
export function formatRemaining(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  if (hours >= 1) return `${hours} h ${minutes} min`;
  return `${minutes}:${seconds.toString().padStart(2, "0")}`;
}

export function Countdown({ until, className }: { until: number; className?: string }) {
  const now = useNow(1000);
  return (
    <time className={`tabular ${className ?? ""}`} dateTime={isoDateTime(until)} suppressHydrationWarning>
      {formatRemaining(until - now)}
    </time>
  );
}
