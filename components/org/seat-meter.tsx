"use client";
import { Card } from "@/components/ui/card";

/** Seats used / purchased with a bar; figures change live as members join or leave. */
export function SeatMeter({ used, purchased, children }: { used: number; purchased: number; children?: React.ReactNode }) {
  const free = Math.max(0, purchased - used);
  const percent = purchased === 0 ? 0 : Math.min(100, Math.round((used / purchased) * 100));
  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-sm font-semibold text-gray-900">Seats</h2>
          <p className="tabular mt-2 text-2xl font-semibold text-gray-900" data-testid="seats-used" aria-live="polite">
            {used} <span className="text-base font-normal text-gray-600">of {purchased} used · {free} free</span>
          </p>
        </div>
        {children}
      </div>
      <div
        className="mt-3 h-2 overflow-hidden rounded-full bg-gray-100"
        role="progressbar"
        aria-label="Seats used"
        aria-valuemin={0}
        aria-valuemax={purchased}
        aria-valuenow={used}
      >
        <div className={percent >= 90 ? "h-full bg-amber-500 transition-all" : "h-full bg-brand-600 transition-all"} style={{ width: `${percent}%` }} />
      </div>
    </Card>
  );
}
