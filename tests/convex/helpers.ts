/// <reference types="vite/client" />
import migrations from "@convex-dev/migrations/test";
import rateLimiter from "@convex-dev/rate-limiter/test";
import resend from "@convex-dev/resend/test";
import workpool from "@convex-dev/workpool/test";
import { convexTest } from "convex-test";
import { expect, vi } from "vitest";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import schema from "../../convex/schema";

// The resend component's own copy of the rate limiter (an older major than the app's), as its config installs it.
import resendRateLimiter from "../../node_modules/@convex-dev/resend/node_modules/@convex-dev/rate-limiter/src/test";

export const modules = import.meta.glob("../../convex/**/*.{ts,tsx}");

/** A fresh backend with the components convex/convex.config.ts installs, and the ones they install. */
export function newTest() {
  const t = convexTest({ schema, modules, transactionLimits: true });
  rateLimiter.register(t);
  migrations.register(t);
  resend.register(t);
  workpool.register(t, "certificateIssuing");
  workpool.register(t, "reportGeneration");
  resendRateLimiter.register(t, "resend/rateLimiter");
  workpool.register(t, "resend/emailWorkpool");
  workpool.register(t, "resend/callbackWorkpool");
  return t;
}

/** The deployment environment Convex Auth needs, with a fresh signing key. */
export async function authEnv() {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  return {
    JWT_PRIVATE_KEY: (await exportPKCS8(privateKey)).trimEnd().replace(/\n/g, " "),
    JWKS: JSON.stringify({ keys: [{ use: "sig", ...(await exportJWK(publicKey)) }] }),
    SITE_URL: "http://localhost:3000",
    CONVEX_SITE_URL: "https://academy-test.convex.site",
  };
}

/** Asserts that a call fails with the given ConvexError code; returns the message shown to people. */
export async function expectAppError(promise: Promise<unknown>, code: string): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).not.toBeNull();
  const data = (error as { data?: { code?: string; message?: string } }).data;
  expect(data?.code, String((error as Error).message)).toBe(code);
  expect(data?.message).toBeTruthy();
  return data!.message!;
}

/** Undoes what a test faked: the clock and timers, stubbed environment variables and stubbed globals (fetch). */
export function restoreFakes() {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
}

/**
 * Lets scheduled work run on real timers for at least `rounds` turns, and on until no report run is queued or
 * running: a report goes through the report pool (enqueue, the pool's loop, the action, its completion), which takes
 * more turns on a busy machine than a fixed count allows.
 */
export async function settleReports(t: ReturnType<typeof newTest>, rounds = 8) {
  const inProgress = async () =>
    await t.run(async (ctx) => {
      for (const status of ["queued", "running"] as const) {
        const run = await ctx.db
          .query("reportRuns")
          // A test backend holds a few runs; no index by status is needed outside tests.
          // eslint-disable-next-line @convex-dev/no-filter-in-query
          .filter((q) => q.eq(q.field("status"), status))
          .first();
        if (run !== null) return true;
      }
      return false;
    });
  for (let i = 0; i < rounds || (await inProgress()); i++) {
    if (i > 2_000) throw new Error("Report runs did not finish.");
    await new Promise((resolve) => setTimeout(resolve, 10));
    await t.finishInProgressScheduledFunctions();
  }
}
