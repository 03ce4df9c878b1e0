"use client";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/utils";

/** "3 seats left" in amber when low, "Sold out · waitlist" when full; flashes when it changes live. */
export function SeatsLeft({ seatsLeft }: { seatsLeft: number }) {
  const previous = useRef(seatsLeft);
  const [flash, setFlash] = useState(0);
  useEffect(() => {
    if (previous.current !== seatsLeft) {
      previous.current = seatsLeft;
      setFlash((n) => n + 1);
    }
  }, [seatsLeft]);
  const text = seatsLeft === 0 ? "Sold out · waitlist" : `${seatsLeft} seat${seatsLeft === 1 ? "" : "s"} left`;
  return (
    <span
      key={flash}
      data-testid="seats-left"
      className={cn(
        "tabular rounded px-1 font-medium",
        flash > 0 && "live-flash",
        seatsLeft === 0 ? "text-red-700" : seatsLeft <= 3 ? "text-amber-800" : "text-gray-700",
      )}
    >
      {text}
    </span>
  );
}
