/** Starts the local backend as a child process, as `npm run dev` does, for the fidelity tests. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export const FIXTURE_DIR = path.join(import.meta.dirname, "fixture", "convex");
export const ISSUER = "https://fixture-issuer.test";

export type RunningBackend = {
  url: string;
  siteUrl: string;
  process: ChildProcess;
  output: () => string;
  dataDir: string;
};

export function tempDataDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "convex-local-"));
}

let portCounter = 0;
export function nextPorts() {
  const base = 5200 + (process.pid % 200) * 10 + (portCounter++ % 5) * 2;
  return { port: base, sitePort: base + 1 };
}

export async function startBackend(options: {
  dataDir: string;
  port: number;
  sitePort: number;
  env?: Record<string, string>;
  /** Extra command-line options for local-backend/main.ts. */
  args?: string[];
}): Promise<RunningBackend> {
  let output = "";
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "local-backend/main.ts",
      "--convex",
      path.relative(process.cwd(), FIXTURE_DIR),
      "--data",
      options.dataDir,
      "--port",
      String(options.port),
      "--site-port",
      String(options.sitePort),
      "--env",
      path.join(options.dataDir, "no-env.json"),
      "--quiet",
      ...(options.args ?? []),
    ],
    { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`backend exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/_local/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`backend did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    siteUrl: `http://127.0.0.1:${options.sitePort}`,
    process: child,
    output: () => output,
    dataDir: options.dataDir,
  };
}

export async function stopBackend(backend: RunningBackend, signal: NodeJS.Signals = "SIGTERM") {
  if (backend.process.exitCode !== null) return;
  const exited = new Promise((resolve) => backend.process.once("exit", resolve));
  backend.process.kill(signal);
  await exited;
}

/** An RS256 issuer whose JWKS the fixture's auth.config.ts reads from the environment. */
export async function createIssuer() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const jwks = `data:application/json;base64,${Buffer.from(JSON.stringify({ keys: [jwk] })).toString("base64")}`;
  return {
    env: { FIXTURE_ISSUER: ISSUER, FIXTURE_JWKS: jwks },
    sign: (subject: string, options: { expiresIn?: string | number; audience?: string; key?: CryptoKey } = {}) =>
      new SignJWT({ name: `User ${subject}` })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(ISSUER)
        .setSubject(subject)
        .setAudience(options.audience ?? "fixture")
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? "1h")
        .sign(options.key ?? privateKey),
  };
}

/** Polls `read` until it gives a value `predicate` accepts (by default, the first value it gives). */
export async function waitFor<T>(
  read: () => T | undefined,
  predicate: (value: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
