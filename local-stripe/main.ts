/**
 * `tsx local-stripe/main.ts [--port 12111] [--env .convex-local/env.json]
 *   [--webhook http://127.0.0.1:3211/stripe/webhook] [--state .convex-local/stripe.json]`
 * Reads STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET from the local env file.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startLocalStripe } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "12111" },
    env: { type: "string", default: ".convex-local/env.json" },
    webhook: { type: "string", default: "http://127.0.0.1:3211/stripe/webhook" },
    state: { type: "string", default: ".convex-local/stripe.json" },
    reset: { type: "boolean", default: false },
  },
});

const env = JSON.parse(fs.readFileSync(path.resolve(values.env), "utf8")) as Record<string, string>;
if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) {
  console.error(`${values.env} has no STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET; run npm run dev once to create them.`);
  process.exit(1);
}
if (values.reset) fs.rmSync(path.resolve(values.state), { force: true });
const stripe = startLocalStripe({
  port: Number(values.port),
  secretKey: env.STRIPE_SECRET_KEY,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET,
  webhookUrl: values.webhook,
  stateFile: path.resolve(values.state),
});
const shutdown = () => void stripe.close().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
