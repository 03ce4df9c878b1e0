import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";
import { fixConvexTest } from "./local-backend/convex-test-fixes";

/** The engine fixes the local backend applies to its copy of convex-test, applied to the one the suites run. */
const convexTestFixes: Plugin = {
  name: "convex-test-fixes",
  transform(code, id) {
    return /[\\/]convex-test[\\/]dist[\\/]index\.js$/.test(id) ? fixConvexTest(code) : null;
  },
};

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        plugins: [convexTestFixes],
        test: {
          name: "convex",
          environment: "edge-runtime",
          // The Convex suites run as a local deployment does (dev mailbox, demo people, seeding);
          // tests of a real deployment switch it off with vi.stubEnv("ACADEMY_LOCAL_MODE", "").
          env: { ACADEMY_LOCAL_MODE: "1" },
          include: ["convex/**/*.test.ts", "tests/convex/**/*.test.ts"],
          server: { deps: { inline: ["convex-test"] } },
          // A file's first test loads every Convex module; with several workers on two shared cores that alone can take
          // longer than Vitest's default 5 s.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "local-backend",
          environment: "node",
          include: [
            "local-backend/**/*.test.ts",
            "local-stripe/**/*.test.ts",
            "local-calcom/**/*.test.ts",
            "local-llm/**/*.test.ts",
            "local-resend/**/*.test.ts",
            "scripts/**/*.test.ts",
            "tests/races/**/*.test.ts",
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "components",
          environment: "jsdom",
          include: ["tests/components/**/*.test.{ts,tsx}"],
          setupFiles: ["./tests/setup.ts"],
        },
      },
    ],
  },
});
