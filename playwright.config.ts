import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import { CHROMIUM_ARGS, E2E } from "./e2e/config";

const chromium = process.env.CHROME_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "./e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: { baseURL: E2E.webUrl, trace: "off", screenshot: "only-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromium,
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: [
    {
      // A fresh local backend for every run.
      command: `node --import tsx local-backend/main.ts --port ${E2E.apiPort} --site-port ${E2E.sitePort} --data ${E2E.dataDir} --env ${E2E.envFile} --reset --quiet --outbound https://api.resend.com=http://127.0.0.1:${E2E.resendPort}`,
      url: `${E2E.apiUrl}/_local/health`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node --import tsx local-stripe/main.ts --port ${E2E.stripePort} --env ${E2E.envFile} --state ${E2E.stripeState} --webhook http://127.0.0.1:${E2E.sitePort}/stripe/webhook --reset`,
      url: `http://127.0.0.1:${E2E.stripePort}/_health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node --import tsx local-calcom/main.ts --port ${E2E.calcomPort} --env ${E2E.envFile} --webhook http://127.0.0.1:${E2E.sitePort}/calcom/webhook`,
      url: `http://127.0.0.1:${E2E.calcomPort}/_health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node --import tsx local-llm/main.ts --port ${E2E.llmPort} --env ${E2E.envFile}`,
      url: `http://127.0.0.1:${E2E.llmPort}/_health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node --import tsx local-resend/main.ts --port ${E2E.resendPort} --env ${E2E.envFile} --webhook http://127.0.0.1:${E2E.sitePort}/resend/webhook --backend ${E2E.apiUrl}`,
      url: `http://127.0.0.1:${E2E.resendPort}/_health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The production build made by scripts/e2e.ts.
      command: `node node_modules/next/dist/bin/next start -p ${E2E.webPort}`,
      url: E2E.webUrl,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { NEXT_TELEMETRY_DISABLED: "1", NEXT_PUBLIC_CONVEX_URL: E2E.apiUrl, NEXT_PUBLIC_LOCAL_MODE: "1" },
    },
  ],
});
