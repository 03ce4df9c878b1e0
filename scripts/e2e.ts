/**
 * `npm run test:e2e`: builds the app for production against the browser-test
 * backend, then runs Playwright (which starts that backend and `next start`).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { E2E } from "../e2e/config";
import { ensureLocalEnv } from "./local-env";

const root = process.cwd();
await ensureLocalEnv(root, {
  file: E2E.envFile,
  siteUrl: E2E.webUrl,
  stripePort: E2E.stripePort,
  calcomPort: E2E.calcomPort,
  llmPort: E2E.llmPort,
});
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_PUBLIC_CONVEX_URL: E2E.apiUrl,
  NEXT_PUBLIC_LOCAL_MODE: "1",
};
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

if (!process.argv.includes("--no-build")) {
  execFileSync(bin("next"), ["build"], { stdio: "inherit", env });
}
execFileSync(bin("playwright"), ["test", ...process.argv.slice(2).filter((a) => a !== "--no-build")], {
  stdio: "inherit",
  env,
});
