/** The pool that generates report files: two at a time, a failed attempt retried before the run is marked failed. */
import { Workpool } from "@convex-dev/workpool";
import { components } from "../../_generated/api";

export const reportPool = new Workpool(components.reportGeneration, {
  maxParallelism: 2,
  retryActionsByDefault: true,
  defaultRetryBehavior: { maxAttempts: 3, initialBackoffMs: 5_000, base: 3 },
});
