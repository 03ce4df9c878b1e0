"use client";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Stat } from "@/components/ui/stat";

/** Seats used / purchased with a bar (amber from 90% full); figures change live as members join or leave. */
export function SeatMeter({
  used,
  purchased,
  children,
}: {
  used: number;
  purchased: number;
  children?: React.ReactNode;
}) {
  const free = Math.max(0, purchased - used);
  const nearlyFull = purchased > 0 && used / purchased >= 0.9;
  return (
    <Stat
      label="Seats"
      value={used}
      suffix={` of ${purchased} used · ${free} free`}
      testId="seats-used"
      action={children}
      className="p-5"
    >
      <ProgressBar
        value={used}
        max={purchased}
        label="Seats used"
        valueText={`${used} of ${purchased} seats used`}
        tone={nearlyFull ? "warning" : "brand"}
        size="md"
      />
    </Stat>
  );
}
