/**
 * The app's real `convex/` functions on the local backend (a child process, as `npm run dev` starts it) with
 * the local Stripe and Resend stand-ins, on free ports and a throwaway data directory — for races through the real
 * `convex` clients, where many connections' transactions arrive at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";
import { startLocalResend } from "../../local-resend/server";
import { startLocalStripe } from "../../local-stripe/server";
import { ensureLocalEnv } from "../../scripts/local-env";
import { freePort } from "../support/free-port";

export type Stack = Awaited<ReturnType<typeof startStack>>;

const signIn = makeFunctionReference<
  "action",
  { provider?: string; params?: Record<string, unknown> },
  { started?: boolean; tokens?: { token: string } | null }
>("auth:signIn");
const mailbox = makeFunctionReference<
  "query",
  { to?: string },
  Array<{ to: string; actionUrl?: string; createdAt: number }>
>("dev/mailbox:list");

/** Polls `read` until `done` holds (or fails after `timeoutMs`). */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startStack() {
  const root = process.cwd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-races-"));
  const [port, sitePort, stripePort, resendPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const url = `http://127.0.0.1:${port}`;
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  const envFile = path.join(dir, "env.json");
  const env = await ensureLocalEnv(root, { file: envFile, siteUrl: "http://localhost:3999", stripePort });
  const stripe = startLocalStripe({
    port: stripePort,
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    webhookUrl: `${siteUrl}/stripe/webhook`,
    log: () => undefined,
  });
  const resend = startLocalResend({
    port: resendPort,
    apiKey: env.RESEND_API_KEY,
    webhookSecret: env.RESEND_WEBHOOK_SECRET,
    webhookUrl: `${siteUrl}/resend/webhook`,
    backendUrl: url,
    adminKey: env.CONVEX_LOCAL_ADMIN_KEY,
    log: () => undefined,
  });

  let output = "";
  const backend: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "local-backend/main.ts",
      "--convex",
      "convex",
      "--data",
      path.join(dir, "data"),
      "--port",
      String(port),
      "--site-port",
      String(sitePort),
      "--env",
      envFile,
      "--quiet",
      "--outbound",
      `https://api.resend.com=http://127.0.0.1:${resendPort}`,
    ],
    { cwd: root, env: { ...process.env, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  backend.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  backend.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      if (backend.exitCode !== null) throw new Error(`local backend exited early:\n${output}`);
      const healthy = await fetch(`${url}/_local/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) break;
      if (Date.now() > deadline) throw new Error(`local backend did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    backend.kill("SIGTERM");
    await Promise.all([stripe.close(), resend.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const clients: ConvexClient[] = [];
  const http = new ConvexHttpClient(url);

  return {
    url,
    siteUrl,
    stripeBase: `http://127.0.0.1:${stripePort}`,
    http,
    output: () => output,

    /** Runs an internal function with the deployment's admin key (as `npx convex run` would). */
    async admin(kind: "mutation" | "query" | "action", pathName: string, args: Record<string, unknown>) {
      const response = await fetch(`${url}/api/${kind}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Convex ${env.CONVEX_LOCAL_ADMIN_KEY}` },
        body: JSON.stringify({ path: pathName, format: "json", args: [args] }),
      });
      const body = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
      if (body.status !== "success") throw new Error(`${pathName}: ${body.errorMessage}`);
      return body.value;
    },

    /** Signs in by magic link, as a person does: asks for the link, reads it from the dev mailbox, uses its code. */
    async signIn(email: string) {
      const started = await http.action(signIn, { provider: "resend", params: { email } });
      if (!started.started) throw new Error(`sign-in for ${email} did not start`);
      const [latest] = await waitUntil(
        () => http.query(mailbox, { to: email }),
        (emails) => emails.some((e) => e.actionUrl?.includes("code=")),
        `the sign-in link for ${email}`,
      );
      const code = new URL(latest.actionUrl!).searchParams.get("code")!;
      const signedIn = await http.action(signIn, { params: { code } });
      if (!signedIn.tokens?.token) throw new Error(`the sign-in link for ${email} did not sign in`);
      return signedIn.tokens.token;
    },

    /** A WebSocket client of its own, signed in with `token`. */
    client(token: string) {
      // No logger: refused mutations are expected here and asserted on, not printed.
      const client = new ConvexClient(url, {
        webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
        unsavedChangesWarning: false,
        logger: false,
      });
      client.setAuth(async () => token);
      clients.push(client);
      return client;
    },

    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      if (backend.exitCode === null) {
        const exited = new Promise((resolve) => backend.once("exit", resolve));
        backend.kill("SIGTERM");
        await exited;
      }
      await Promise.all([stripe.close(), resend.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
