/**
 * `tsx local-resend/main.ts [--port 12113] [--env .convex-local/env.json]
 *   [--webhook http://127.0.0.1:3211/resend/webhook] [--backend http://127.0.0.1:3210]`
 * Reads RESEND_API_KEY, RESEND_WEBHOOK_SECRET and CONVEX_LOCAL_ADMIN_KEY from the local env file.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startLocalResend } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "12113" },
    env: { type: "string", default: ".convex-local/env.json" },
    webhook: { type: "string", default: "http://127.0.0.1:3211/resend/webhook" },
    backend: { type: "string", default: "http://127.0.0.1:3210" },
  },
});

const env = JSON.parse(fs.readFileSync(path.resolve(values.env), "utf8")) as Record<string, string>;
if (!env.RESEND_API_KEY || !env.RESEND_WEBHOOK_SECRET || !env.CONVEX_LOCAL_ADMIN_KEY) {
  console.error(
    `${values.env} has no RESEND_API_KEY / RESEND_WEBHOOK_SECRET / CONVEX_LOCAL_ADMIN_KEY; ` +
      "run npm run dev once to create them.",
  );
  process.exit(1);
}
const resend = startLocalResend({
  port: Number(values.port),
  apiKey: env.RESEND_API_KEY,
  webhookSecret: env.RESEND_WEBHOOK_SECRET,
  webhookUrl: values.webhook,
  backendUrl: values.backend,
  adminKey: env.CONVEX_LOCAL_ADMIN_KEY,
});
const shutdown = () => void resend.close().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
