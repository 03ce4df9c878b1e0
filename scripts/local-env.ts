/**
 * The local deployment's environment (what `npx convex env set` holds on a real
 * deployment): generated once into .convex-local/env.json, never committed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";

export const LOCAL_PORTS = {
  api: 3210,
  site: 3211,
  web: 3000,
  stripe: 12111,
  calcom: 12112,
  llm: 12113,
  resend: 12114,
};

export function localEnvPath(root: string) {
  return path.join(root, ".convex-local", "env.json");
}

/** Reads the local env file, creating it with fresh keys and secrets on first run. */
export async function ensureLocalEnv(
  root: string,
  options: { siteUrl?: string; file?: string; stripePort?: number; calcomPort?: number; llmPort?: number } = {},
): Promise<Record<string, string>> {
  const file = options.file ?? localEnvPath(root);
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>) : {};
  const env: Record<string, string> = { ...existing };
  // The explicit switch for local mode (dev mailbox, demo sign-in, seeding). Files made before it existed get it too.
  env.ACADEMY_LOCAL_MODE = "1";
  if (!env.JWT_PRIVATE_KEY || !env.JWKS) {
    const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
    env.JWT_PRIVATE_KEY = (await exportPKCS8(privateKey)).trimEnd().replace(/\n/g, " ");
    env.JWKS = JSON.stringify({ keys: [{ use: "sig", ...(await exportJWK(publicKey)) }] });
  }
  env.SITE_URL = options.siteUrl ?? env.SITE_URL ?? `http://localhost:${LOCAL_PORTS.web}`;
  env.CONVEX_LOCAL_ADMIN_KEY ??= crypto.randomBytes(24).toString("hex");
  env.LOCAL_STORAGE_SECRET ??= crypto.randomBytes(32).toString("hex");
  // The real Stripe SDK, pointed at the local stand-in (local-stripe/).
  env.STRIPE_SECRET_KEY ??= `sk_test_local_${crypto.randomBytes(16).toString("hex")}`;
  env.STRIPE_WEBHOOK_SECRET ??= `whsec_local_${crypto.randomBytes(24).toString("hex")}`;
  // A port given wins; otherwise the file keeps what it has (the browser tests' file names other ports).
  if (options.stripePort || !env.STRIPE_API_BASE)
    env.STRIPE_API_BASE = `http://127.0.0.1:${options.stripePort ?? LOCAL_PORTS.stripe}`;
  // Cal.com's v2 API, embed script and booking page, from the local stand-in (local-calcom/).
  env.CALCOM_API_KEY ??= `cal_test_local_${crypto.randomBytes(16).toString("hex")}`;
  env.CALCOM_WEBHOOK_SECRET ??= crypto.randomBytes(24).toString("hex");
  if (options.calcomPort || !env.CALCOM_API_BASE)
    env.CALCOM_API_BASE = `http://127.0.0.1:${options.calcomPort ?? LOCAL_PORTS.calcom}`;
  env.CALCOM_ORIGIN = env.CALCOM_API_BASE;
  env.CALCOM_BOOKING_LINK ??= "academy/office-hours";
  // Resend through the @convex-dev/resend component; the local backend routes its API to the stand-in (local-resend/),
  // which fills the dev mailbox and signs its delivery webhooks with this secret (svix: whsec_ + base64).
  env.RESEND_API_KEY ??= `re_local_${crypto.randomBytes(16).toString("hex")}`;
  env.RESEND_WEBHOOK_SECRET ??= `whsec_${crypto.randomBytes(24).toString("base64")}`;
  // Signs the office-hours booking tokens /learn passes through the embed (convex/officeHours/model/bookingTokens.ts).
  env.CALCOM_BOOKING_TOKEN_SECRET ??= crypto.randomBytes(32).toString("hex");
  // Open answers graded through the Vercel AI SDK, pointed at the local LLM stand-in (local-llm/).
  env.AI_API_KEY ??= `sk-local-${crypto.randomBytes(16).toString("hex")}`;
  env.AI_MODEL ??= "academy-local-grader";
  if (options.llmPort || !env.AI_BASE_URL)
    env.AI_BASE_URL = `http://127.0.0.1:${options.llmPort ?? LOCAL_PORTS.llm}/v1`;
  // The certificate issuer's Ed25519 key (did:key locally; did:web with CREDENTIAL_ISSUER_DOMAIN in production).
  if (!env.CREDENTIAL_PUBLIC_KEY || !env.CREDENTIAL_SECRET_KEY) {
    const key = await Ed25519Multikey.generate();
    const exported = await key.export({ publicKey: true, secretKey: true });
    env.CREDENTIAL_PUBLIC_KEY = exported.publicKeyMultibase as string;
    env.CREDENTIAL_SECRET_KEY = exported.secretKeyMultibase as string;
  }
  if (JSON.stringify(env) !== JSON.stringify(existing)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(env, null, 2) + "\n", { mode: 0o600 });
  }
  return env;
}
