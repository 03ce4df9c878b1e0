/**
 * The pool that signs and renders credentials: three at a time, so a cohort's certificates do not take the
 * deployment's action slots from learners; each is retried twice before it is marked failed.
 */
import { Workpool } from "@convex-dev/workpool";
import { components } from "../../_generated/api";

export const issuingPool = new Workpool(components.certificateIssuing, {
  maxParallelism: 3,
  retryActionsByDefault: true,
  defaultRetryBehavior: { maxAttempts: 3, initialBackoffMs: 1_000, base: 3 },
});
