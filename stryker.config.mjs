// @ts-check
/**
 * `npm run test:mutation`: Stryker mutates the modules that keep money, seats and trust and runs the
 * convex-test suites that cover them (vitest.mutation.config.mts). Not part of `npm test`: it takes hours on
 * two cores. The report and the surviving mutants are explained in docs/testing.md.
 */

/** The modules under mutation — the one list to change when these rules move. */
export const MUTATED_MODULES = [
  "convex/enrollments/model/seats.ts", // seat accounting
  "convex/enrollments/model/state.ts", // every change of an enrollment's payment and seat state
  "convex/payments/model/checkout.ts", // reserving, confirming, failing and refunding a purchase
  "convex/payments/checkout.ts", // checkout functions
  "convex/payments/webhook.ts", // the Stripe webhook
  "convex/waitlist/model/queue.ts", // offers and join order
  "convex/waitlist/offers.ts",
  "convex/waitlist/places.ts",
  "convex/waitlist/lines.ts",
  "convex/payments/model/seatInvoices.ts", // organization seat invoices
  "convex/organizations/model/membership.ts", // organization seats and membership
  "convex/access.ts", // who may act in an organization
  "convex/certificates/model/plan.ts", // who earns a certificate, the one insert of a credential
  "convex/certificates/model/issue.ts", // recording an issued certificate, the skill level it raises
  "convex/certificates/model/statusList.ts", // revocation bits and the one status-list update
  "convex/certificates/plan.ts", // issuing and revoking
  "convex/certificates/issue.ts",
  "convex/certificates/revocation.ts",
];

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  mutate: MUTATED_MODULES,
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.mts", related: false },
  coverageAnalysis: "perTest",
  // Static mutants (module-level code: validators, constants) would each rerun every suite (hours on two
  // cores); they are reported as ignored. `npx stryker run --ignoreStatic false` runs them too.
  ignoreStatic: true,
  checkers: [],
  concurrency: 1,
  // Generous: the machines are shared, and a slow run must not pass for a mutant caught in an endless loop.
  timeoutFactor: 2,
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 60,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  ignorePatterns: [
    ".next",
    ".convex-local",
    "bench-results",
    "test-results",
    "playwright-report",
    "reports",
    "e2e",
    "app",
    "components",
    "public",
  ],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  // Later runs only retest mutants whose code or covering tests changed (reports/ is not committed).
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
};
