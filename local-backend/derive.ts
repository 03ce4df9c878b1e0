/**
 * Builds an importable copy of convex-test's engine that also exports its
 * internals (the database, transaction manager, scheduler runner, auth and
 * context storages). convex-test keeps them closure-private; the local backend
 * needs them for commit hooks, persistence and per-request identities.
 *
 * The copy is derived at startup from the installed package, so upgrading is a
 * deliberate act: the version is pinned and every symbol is checked.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { fixConvexTest } from "./convex-test-fixes.js";

export const SUPPORTED_CONVEX_TEST_VERSION = "0.0.60";

const EXPORTED_SYMBOLS = [
  "DatabaseFake",
  "TransactionManager",
  "AuthFake",
  "NestedLock",
  "convexGlobalStorage",
  "authStorage",
  "nestedTxStorage",
  "executionContextStorage",
  "requestMetadataStorage",
  "withAuth",
  "runScheduledFunction",
  "writeToDatabase",
  "blobSha",
  "runWithGlobalOverrides",
  "getHandler",
  "newRequestId",
  "frameworkSetTimeout",
  "resolveFunction",
  "tableNameFromId",
] as const;

export async function deriveEngine(projectRoot: string, cacheDir: string) {
  const require = createRequire(path.join(projectRoot, "package.json"));
  const pkgPath = require.resolve("convex-test/package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8")) as { version: string };
  if (pkg.version !== SUPPORTED_CONVEX_TEST_VERSION) {
    throw new Error(
      `local-backend supports convex-test ${SUPPORTED_CONVEX_TEST_VERSION} exactly, found ${pkg.version}. ` +
        `Pin it in package.json or port local-backend/derive.ts.`,
    );
  }
  const distDir = path.join(path.dirname(pkgPath), "dist");
  let source = fs.readFileSync(path.join(distDir, "index.js"), "utf8");
  for (const symbol of EXPORTED_SYMBOLS) {
    const declared = new RegExp(`^(?:export )?(?:async )?(?:class|function|const|let) ${symbol}\\b`, "m");
    if (!declared.test(source)) {
      throw new Error(
        `convex-test ${pkg.version} no longer declares \`${symbol}\`; local-backend/derive.ts needs porting.`,
      );
    }
  }
  const metricsImport = `from "./transactionMetrics.js"`;
  if (!source.includes(metricsImport)) {
    throw new Error("convex-test's transactionMetrics import moved; local-backend/derive.ts needs porting.");
  }
  source = fixConvexTest(source)
    .replace(metricsImport, `from ${JSON.stringify(pathToFileURL(path.join(distDir, "transactionMetrics.js")).href)}`)
    .replace('/// <reference types="vite/client" />', "");
  source += `\nexport { ${EXPORTED_SYMBOLS.join(", ")} };\n`;
  fs.mkdirSync(cacheDir, { recursive: true });
  const target = path.join(cacheDir, `convex-test-${pkg.version}.mjs`);
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== source) {
    fs.writeFileSync(target, source);
  }
  return target;
}
