/** Ports and paths of the browser-test stack (separate from `npm run dev`'s). */
import path from "node:path";

export const E2E = {
  webPort: 3100,
  apiPort: 3310,
  sitePort: 3311,
  stripePort: 12211,
  calcomPort: 12212,
  webUrl: "http://localhost:3100",
  apiUrl: "http://127.0.0.1:3310",
  envFile: path.join(process.cwd(), ".convex-local", "e2e", "env.json"),
  dataDir: path.join(process.cwd(), ".convex-local", "e2e", "data"),
  stripeState: path.join(process.cwd(), ".convex-local", "e2e", "stripe.json"),
};
