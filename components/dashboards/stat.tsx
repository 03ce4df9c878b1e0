"use client";
import { useEffect, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/** Label, big figure and an optional delta; the figure flashes briefly when it changes live. */
export function Stat({ label, value, suffix, delta, hint, testId, tone }: { label: string; value: number | string; suffix?: string; delta?: { value: number; label: string } | null; hint?: string; testId?: string; tone?: "warning" }) {
  const previous = useRef(value);
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    if (previous.current === value) return;
    previous.current = value;
    setFlash(true);
    const timer = setTimeout(() => setFlash(false), 1200);
    return () => clearTimeout(timer);
  }, [value]);
  return (
    <Card className={cn("p-4 transition-colors duration-700", flash && "bg-brand-50")}>
      <p className="text-xs font-medium text-gray-600">{label}</p>
      <p className={cn("tabular mt-1 text-2xl font-semibold", tone === "warning" && Number(value) > 0 ? "text-amber-700" : "text-gray-900")} data-testid={testId} aria-live="polite">
        {value}
        {suffix && <span className="text-base font-normal text-gray-600">{suffix}</span>}
      </p>
      {delta ? (
        <p className={cn("tabular mt-0.5 text-xs", delta.value > 0 ? "text-green-700" : delta.value < 0 ? "text-red-700" : "text-gray-600")}>
          {delta.value > 0 ? "▲" : delta.value < 0 ? "▼" : "–"} {Math.abs(delta.value)}
          {delta.label}
        </p>
      ) : hint ? (
        <p className="mt-0.5 text-xs text-gray-600">{hint}</p>
      ) : null}
    </Card>
  );
}
