"use client";
import { useEffect, useRef, useState } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/**
 * Label, big figure and a delta or a hint; the card flashes briefly when the figure changes live.
 * `action` sits top right (a button); `children` go under the figure (a progress bar).
 */
export function Stat({
  label,
  value,
  suffix,
  delta,
  hint,
  testId,
  tone,
  action,
  children,
  className,
}: {
  label: string;
  value: number | string;
  suffix?: string;
  delta?: { value: number; label: string } | null;
  hint?: string;
  testId?: string;
  /** "warning": the figure turns amber while it is above zero (people at risk, behind schedule). */
  tone?: "warning";
  action?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
}) {
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
    <Card
      className={cn(
        "p-4 transition-colors duration-700 motion-reduce:transition-none",
        flash && "bg-brand-50",
        className,
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-medium text-gray-600">{label}</p>
          <p
            className={cn(
              "tabular mt-1 text-2xl font-semibold",
              tone === "warning" && Number(value) > 0 ? "text-amber-700" : "text-gray-900",
            )}
            data-testid={testId}
            aria-live="polite"
          >
            {value}
            {suffix && <span className="text-base font-normal text-gray-600">{suffix}</span>}
          </p>
        </div>
        {action}
      </div>
      {children && <div className="mt-3">{children}</div>}
      {delta ? (
        <p
          className={cn(
            "tabular mt-0.5 text-xs",
            delta.value > 0 ? "text-green-700" : delta.value < 0 ? "text-red-700" : "text-gray-600",
          )}
        >
          <span aria-hidden>{delta.value > 0 ? "▲" : delta.value < 0 ? "▼" : "–"}</span>
          <span className="sr-only">{delta.value > 0 ? "up" : delta.value < 0 ? "down" : "no change,"}</span>{" "}
          {Math.abs(delta.value)}
          {delta.label}
        </p>
      ) : hint ? (
        <p className="mt-0.5 text-xs text-gray-600">{hint}</p>
      ) : null}
    </Card>
  );
}
