/**
 * Ports and paths of the browser-test stack (separate from `npm run dev`'s).
 * `E2E_PORT_OFFSET` shifts every port, so two checkouts can run their browser tests side by side;
 * `E2E_STATE_DIR` moves its data (`npm run bench:web` runs the same stack next to the browser tests').
 */
import path from "node:path";

const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const stateDir = path.resolve(process.env.E2E_STATE_DIR ?? path.join(".convex-local", "e2e"));

export const E2E = {
  webPort: 3100 + offset,
  apiPort: 3310 + offset,
  sitePort: 3311 + offset,
  stripePort: 12211 + offset,
  calcomPort: 12212 + offset,
  llmPort: 12213 + offset,
  resendPort: 12214 + offset,
  webUrl: `http://localhost:${3100 + offset}`,
  apiUrl: `http://127.0.0.1:${3310 + offset}`,
  envFile: path.join(stateDir, "env.json"),
  dataDir: path.join(stateDir, "data"),
  stripeState: path.join(stateDir, "stripe.json"),
};

/**
 * Chromium offline and quiet: no GPU, no QUIC, no first-run screens, no background networking, component updates or
 * sync (the browser tests and `npm run bench:web` launch it with these).
 */
export const CHROMIUM_ARGS = [
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
