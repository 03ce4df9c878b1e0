/**
 * `tsx local-backend/main.ts [--port 3210] [--site-port 3211] [--data .convex-local/data]
 *   [--convex convex] [--env .convex-local/env.json] [--max-upload-mb 1024] [--reset] [--quiet]
 *   [--outbound https://api.resend.com=http://127.0.0.1:12114 ...]`
 *
 * Environment variables for functions come from the env file (JSON object of
 * strings); `npm run dev` writes it on first run. Browsers may call the backend
 * only from the app's SITE_URL and from localhost pages. `--outbound` sends a vendor API
 * the functions call to a local stand-in (local-backend/outbound.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createLogger } from "./logger.js";
import { SchemaMismatchError } from "./engine.js";
import { parseOutboundRoutes, routeOutboundFetch } from "./outbound.js";
import { startLocalBackend } from "./server.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.CONVEX_LOCAL_PORT ?? "3210" },
    "site-port": { type: "string", default: process.env.CONVEX_LOCAL_SITE_PORT ?? "3211" },
    host: { type: "string", default: "127.0.0.1" },
    data: { type: "string", default: ".convex-local/data" },
    convex: { type: "string", default: "convex" },
    env: { type: "string", default: ".convex-local/env.json" },
    "max-upload-mb": { type: "string" },
    reset: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
    outbound: { type: "string", multiple: true, default: [] },
  },
});

const projectRoot = process.cwd();
const log = createLogger({ quiet: values.quiet });
const dataDir = path.resolve(projectRoot, values.data);
const envFile = path.resolve(projectRoot, values.env);

if (values.reset) fs.rmSync(dataDir, { recursive: true, force: true });
if (fs.existsSync(envFile)) {
  const env = JSON.parse(fs.readFileSync(envFile, "utf8")) as Record<string, string>;
  for (const [name, value] of Object.entries(env)) process.env[name] = value;
}

routeOutboundFetch(parseOutboundRoutes(values.outbound));

try {
  const backend = await startLocalBackend({
    projectRoot,
    convexDir: path.resolve(projectRoot, values.convex),
    dataDir,
    host: values.host,
    port: Number(values.port),
    sitePort: Number(values["site-port"]),
    log,
    ...(values["max-upload-mb"] ? { bodyLimits: { upload: Number(values["max-upload-mb"]) * 1024 * 1024 } } : {}),
  });
  const shutdown = () => {
    void backend.close().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  if (error instanceof SchemaMismatchError) {
    log.error(error.message);
  } else {
    log.error((error as Error).stack ?? String(error));
  }
  process.exitCode = 1;
}
