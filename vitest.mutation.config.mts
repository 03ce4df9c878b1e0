/**
 * The Vitest run Stryker uses for each mutant (`npm run test:mutation`): the convex-test suites that cover
 * the mutated modules (stryker.config.mjs), in the same environment as the "convex" project of vitest.config.mts.
 * Files run in the order below — quick example tests first, so a mutant they kill costs seconds, the property
 * tests last — and the property tests run a quarter of their runs (PROPERTY_RUNS_SCALE; their invariants are
 * checked as always, their edge coverage is printed but not asserted at that scale).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

export const MUTATION_TESTS = [
  "tests/convex/payment-guards.test.ts",
  "tests/convex/checkout.test.ts",
  "tests/convex/enrollment-state.test.ts",
  "tests/convex/waitlist.test.ts",
  "tests/convex/access.test.ts",
  "tests/convex/teams.test.ts",
  "tests/convex/organizations.test.ts",
  "tests/convex/admin.test.ts",
  "tests/convex/certificate-guards.test.ts",
  "tests/convex/authorization.test.ts",
  "tests/convex/certificates.test.ts",
  "tests/convex/organizations.property.test.ts",
  "tests/convex/checkout.property.test.ts",
  "tests/convex/waitlist.property.test.ts",
];

/** Runs the files in MUTATION_TESTS order. */
class ListedOrder extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const rank = (file: TestSpecification) =>
      MUTATION_TESTS.findIndex((listed) => file.moduleId.endsWith(path.normalize(listed)));
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "edge-runtime",
    include: MUTATION_TESTS,
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: ListedOrder },
    // As the "convex" project of vitest.config.mts: the suites run as a local deployment does.
    env: { ACADEMY_LOCAL_MODE: "1", PROPERTY_RUNS_SCALE: "0.25" },
  },
});
