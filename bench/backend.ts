/**
 * The app's functions on convex-test outside Vitest, with the components
 * convex/convex.config.ts installs: what the benchmarks run against. Reads are
 * counted by patching convex-test's (private) transaction metrics, so every
 * measurement checks the counter still sees reads (`expectReadsCounted`).
 */
import fs from "node:fs";
import path from "node:path";
import { convexTest } from "convex-test";
import { TransactionMetricsTracker } from "convex-test/dist/transactionMetrics.js";
import schema from "../convex/schema";
import { componentFiles, loadComponents } from "../local-backend/components";

const convexDir = path.join(process.cwd(), "convex");

/** Reads counted while `counting` is on (every transaction, components included). */
export const reads = { counting: false, documents: 0, bytes: 0 };

const tracker = TransactionMetricsTracker as unknown as
  { prototype?: { trackRead?: (this: unknown, size: number) => unknown } } | undefined;
const trackRead = tracker?.prototype?.trackRead;
if (typeof trackRead !== "function") {
  throw new Error(
    "convex-test's TransactionMetricsTracker.prototype.trackRead is gone: the benchmarks can no longer count reads; update bench/backend.ts for this convex-test version.",
  );
}
tracker!.prototype!.trackRead = function (this: unknown, size: number) {
  if (reads.counting) {
    reads.documents += 1;
    reads.bytes += size;
  }
  return trackRead.call(this, size);
};

/**
 * Fails loudly when a measured call that must read documents was counted as reading none (the patch no longer sees
 * reads).
 */
export function expectReadsCounted(what: string, documents: number) {
  if (documents <= 0) {
    throw new Error(
      `${what} was counted as reading ${documents} documents: the read counter in bench/backend.ts no longer sees convex-test's reads, so the figures would be meaningless.`,
    );
  }
}

function moduleMap() {
  const map: Record<string, () => Promise<unknown>> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|js)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) map[full] = () => import(full);
    }
  };
  walk(convexDir);
  return map;
}

/** A fresh backend with the app's schema, functions and components (Convex's transaction limits on). */
export async function newBackend() {
  const t = convexTest({ schema, modules: moduleMap(), transactionLimits: true });
  for (const component of await loadComponents(convexDir)) {
    const files = componentFiles(component.dir);
    const componentSchema = files.schema ? ((await import(files.schema)) as { default: unknown }).default : undefined;
    t.registerComponent(
      component.path,
      componentSchema as never,
      Object.fromEntries(files.modules.map((file) => [file, () => import(file)])),
    );
  }
  return t;
}
export type Backend = Awaited<ReturnType<typeof newBackend>>;
