/**
 * The Vitest run Stryker uses for each mutant (`npm run test:mutation`): the convex-test suites that cover
 * the mutated modules (stryker.config.mjs), in the same environment as the "convex" project of vitest.config.mts.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

export const MUTATION_TESTS = [
  "tests/convex/checkout.test.ts",
  "tests/convex/payment-guards.test.ts",
  "tests/convex/checkout.property.test.ts",
  "tests/convex/waitlist.test.ts",
  "tests/convex/waitlist.property.test.ts",
  "tests/convex/organizations.test.ts",
  "tests/convex/organizations.property.test.ts",
  "tests/convex/teams.test.ts",
  "tests/convex/access.test.ts",
  "tests/convex/authorization.test.ts",
  "tests/convex/admin.test.ts",
  "tests/convex/certificates.test.ts",
  "tests/convex/certificate-guards.test.ts",
];

export default defineConfig({
  resolve: { alias },
  test: {
    environment: "edge-runtime",
    include: MUTATION_TESTS,
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 60_000,
  },
});
