"use client";
import { useEffect, useState } from "react";

/** The current time, re-rendering every `intervalMs` so time-based labels change without reload. */
export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
