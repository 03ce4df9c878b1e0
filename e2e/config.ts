/**
 * Ports and paths of the browser-test stack (separate from `npm run dev`'s).
 * `E2E_PORT_OFFSET` shifts every port, so two checkouts can run their browser tests side by side.
 */
import path from "node:path";

const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const E2E = {
  webPort: 3100 + offset,
  apiPort: 3310 + offset,
  sitePort: 3311 + offset,
  stripePort: 12211 + offset,
  calcomPort: 12212 + offset,
  webUrl: `http://localhost:${3100 + offset}`,
  apiUrl: `http://127.0.0.1:${3310 + offset}`,
  envFile: path.join(process.cwd(), ".convex-local", "e2e", "env.json"),
  dataDir: path.join(process.cwd(), ".convex-local", "e2e", "data"),
  stripeState: path.join(process.cwd(), ".convex-local", "e2e", "stripe.json"),
};
