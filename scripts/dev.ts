/**
 * `npm run dev`
 *  - Local (default): starts the local Convex-compatible backend (hot reload on
 *    convex/ changes, data in .convex-local/), the local Stripe, Cal.com, Resend and LLM stand-ins,
 *    seeds the demo academy on first run, and starts Next.js at
 *    http://localhost:3000. No account, no internet.
 *  - Real deployment: when CONVEX_DEPLOYMENT is set (environment or .env.local),
 *    runs `convex dev` against it next to Next.js instead.
 *
 * `npm run dev -- --reset` wipes local data and reseeds.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureLocalEnv, LOCAL_PORTS } from "./local-env";
import { seedLocal } from "./seed";

const root = process.cwd();
const reset = process.argv.includes("--reset");
const children: ChildProcess[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
  children.push(child);
  child.on("exit", (code) => {
    if (code !== 0 && code !== null) shutdown(code);
  });
  return child;
}

function shutdown(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

function configuredDeployment() {
  if (process.env.CONVEX_DEPLOYMENT) return process.env.CONVEX_DEPLOYMENT;
  const envLocal = path.join(root, ".env.local");
  if (!fs.existsSync(envLocal)) return null;
  const match = /^CONVEX_DEPLOYMENT=(.+)$/m.exec(fs.readFileSync(envLocal, "utf8"));
  return match ? match[1].trim() : null;
}

async function waitForHealth(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/_local/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The local backend did not start at ${url}`);
}

const deployment = configuredDeployment();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

if (deployment) {
  console.log(`Using Convex deployment ${deployment} (CONVEX_DEPLOYMENT is set).`);
  run(bin("convex"), ["dev"]);
  run(bin("next"), ["dev", "-p", String(LOCAL_PORTS.web)]);
} else {
  await ensureLocalEnv(root);
  // Reset here, once: the backend restarts on every convex/ edit and must keep its data.
  if (reset) {
    fs.rmSync(path.join(root, ".convex-local", "data"), { recursive: true, force: true });
    fs.rmSync(path.join(root, ".convex-local", "stripe.json"), { force: true });
  }
  const apiUrl = `http://127.0.0.1:${LOCAL_PORTS.api}`;
  const resendUrl = `http://127.0.0.1:${LOCAL_PORTS.resend}`;
  run(bin("tsx"), [
    "watch",
    "--clear-screen=false",
    "--include",
    "convex/**/*",
    "local-backend/main.ts",
    "--outbound",
    `https://api.resend.com=${resendUrl}`,
  ]);
  run(bin("tsx"), [
    "local-stripe/main.ts",
    "--port",
    String(LOCAL_PORTS.stripe),
    "--webhook",
    `http://127.0.0.1:${LOCAL_PORTS.site}/stripe/webhook`,
  ]);
  run(bin("tsx"), [
    "local-calcom/main.ts",
    "--port",
    String(LOCAL_PORTS.calcom),
    "--webhook",
    `http://127.0.0.1:${LOCAL_PORTS.site}/calcom/webhook`,
  ]);
  run(bin("tsx"), [
    "local-resend/main.ts",
    "--port",
    String(LOCAL_PORTS.resend),
    "--webhook",
    `http://127.0.0.1:${LOCAL_PORTS.site}/resend/webhook`,
    "--backend",
    apiUrl,
  ]);
  run(bin("tsx"), ["local-llm/main.ts", "--port", String(LOCAL_PORTS.llm)]);
  await waitForHealth(apiUrl);
  const seeded = await seedLocal(root, apiUrl);
  if (seeded.seeded)
    console.log(
      `Seeded the demo academy: ${seeded.users} people, ${seeded.courses} courses, ${seeded.cohorts} cohorts.`,
    );
  run(bin("next"), ["dev", "-p", String(LOCAL_PORTS.web)], {
    NEXT_PUBLIC_CONVEX_URL: apiUrl,
    NEXT_PUBLIC_LOCAL_MODE: "1",
  });
  console.log(
    `\n  Academy:     http://localhost:${LOCAL_PORTS.web}\n` +
      `  Dev mailbox: http://localhost:${LOCAL_PORTS.web}/dev/mailbox\n`,
  );
}
