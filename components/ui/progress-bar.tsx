"use client";
import * as ProgressPrimitive from "@radix-ui/react-progress";
import { cn } from "@/lib/utils";

const TONE = { brand: "bg-brand-600", success: "bg-green-600", warning: "bg-amber-500", danger: "bg-red-600" } as const;
export type ProgressTone = keyof typeof TONE;

/**
 * How far along something is, as a bar (Radix Progress: a `progressbar` with its value for screen readers).
 * `valueText` says it in words ("12 of 50 seats used"); `showValue` prints the percentage beside the bar.
 */
export function ProgressBar({
  value,
  max = 100,
  label,
  valueText,
  tone = "brand",
  size = "sm",
  showValue = false,
  className,
}: {
  value: number;
  max?: number;
  label: string;
  valueText?: string;
  tone?: ProgressTone;
  size?: "sm" | "md";
  showValue?: boolean;
  /** Classes of the bar's track, e.g. its width (it fills its container by default). */
  className?: string;
}) {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const percent = Math.round((clamped / safeMax) * 100);
  const bar = (
    <ProgressPrimitive.Root
      value={clamped}
      max={safeMax}
      aria-label={label}
      getValueLabel={() => valueText ?? `${percent}%`}
      className={cn(
        "relative w-full overflow-hidden rounded-full bg-gray-100",
        size === "sm" ? "h-1.5" : "h-2",
        className,
      )}
    >
      <ProgressPrimitive.Indicator
        className={cn(
          "h-full w-full rounded-full transition-transform duration-500 ease-out motion-reduce:transition-none",
          TONE[tone],
        )}
        style={{ transform: `translateX(-${100 - percent}%)` }}
      />
    </ProgressPrimitive.Root>
  );
  if (!showValue) return bar;
  return (
    <span className="flex items-center gap-2">
      {bar}
      <span className="tabular w-9 shrink-0 text-right text-xs text-gray-700" aria-hidden>
        {percent}%
      </span>
    </span>
  );
}
