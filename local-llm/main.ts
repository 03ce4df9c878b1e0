/**
 * `tsx local-llm/main.ts [--port 12113] [--env .convex-local/env.json]`
 * Reads AI_API_KEY and AI_MODEL from the local env file.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startLocalLlm } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "12113" },
    env: { type: "string", default: ".convex-local/env.json" },
  },
});

const env = JSON.parse(fs.readFileSync(path.resolve(values.env), "utf8")) as Record<string, string>;
if (!env.AI_API_KEY || !env.AI_MODEL) {
  console.error(`${values.env} has no AI_API_KEY / AI_MODEL; run npm run dev once to create them.`);
  process.exit(1);
}
const llm = startLocalLlm({ port: Number(values.port), apiKey: env.AI_API_KEY, model: env.AI_MODEL });
const shutdown = () => void llm.close().then(() => process.exit(0));
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
