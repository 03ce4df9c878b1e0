import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
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
