/**
 * `tsx local-calcom/main.ts [--port 12112] [--env .convex-local/env.json]
 *   [--webhook http://127.0.0.1:3211/calcom/webhook]`
 * Reads CALCOM_API_KEY and CALCOM_WEBHOOK_SECRET from the local env file.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startLocalCalcom } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "12112" },
    env: { type: "string", default: ".convex-local/env.json" },
    webhook: { type: "string", default: "http://127.0.0.1:3211/calcom/webhook" },
  },
});

const env = JSON.parse(fs.readFileSync(path.resolve(values.env), "utf8")) as Record<string, string>;
if (!env.CALCOM_API_KEY || !env.CALCOM_WEBHOOK_SECRET) {
  console.error(`${values.env} has no CALCOM_API_KEY / CALCOM_WEBHOOK_SECRET; run npm run dev once to create them.`);
  process.exit(1);
}
const calcom = startLocalCalcom({
  port: Number(values.port),
  apiKey: env.CALCOM_API_KEY,
  webhookSecret: env.CALCOM_WEBHOOK_SECRET,
  webhookUrl: values.webhook,
});
const shutdown = () => void calcom.close().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
