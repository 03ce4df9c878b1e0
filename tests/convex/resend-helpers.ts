/** The local Resend stand-in (local-resend/resend.ts) behind a convex-test backend's stubbed fetch. */
import { vi } from "vitest";
import { internal } from "../../convex/_generated/api";
import { createResendStandIn, type MailboxEmail } from "../../local-resend/resend";
import type { newTest } from "./helpers";

type T = ReturnType<typeof newTest>;

export const LOCAL_RESEND_KEY = "re_local_unit_test_key";
export const RESEND_WEBHOOK_SECRET = `whsec_${btoa("academy unit-test webhook secret!")}`;

export type ResendCall = {
  method: string;
  path: string;
  authorization: string | null;
  idempotencyKey: string | null;
  body: unknown;
};

/**
 * Sends the backend's calls to https://api.resend.com to the stand-in: copies go to `inbox` (and to the dev mailbox
 * in local mode), delivery webhooks to the app's /resend/webhook. `failNext` answers that many API calls with 500.
 */
export function useResendStandIn(t: T, options: { apiKey: string; mailbox: boolean }) {
  const calls: ResendCall[] = [];
  const inbox: MailboxEmail[] = [];
  const webhooks: Array<{ status: number; type: string }> = [];
  const control = { failNext: 0 };
  const standIn = createResendStandIn({
    apiKey: options.apiKey,
    webhookSecret: RESEND_WEBHOOK_SECRET,
    retryDelayMs: 0,
    deliverAfterMs: "manual",
    deliver: async (email) => {
      inbox.push(email);
      if (options.mailbox) await t.mutation(internal.dev.mailbox.deliver, email);
    },
    postWebhook: async (body, headers) => {
      const response = await t.fetch("/resend/webhook", { method: "POST", headers, body });
      webhooks.push({ status: response.status, type: (JSON.parse(body) as { type: string }).type });
      return response;
    },
  });
  const previous = globalThis.fetch;
  vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== "https://api.resend.com") return await previous(input, init);
    const text = request.method === "GET" ? "" : await request.clone().text();
    calls.push({
      method: request.method,
      path: url.pathname,
      authorization: request.headers.get("authorization"),
      idempotencyKey: request.headers.get("idempotency-key"),
      body: text ? JSON.parse(text) : undefined,
    });
    if (control.failNext > 0) {
      control.failNext--;
      return Response.json(
        { statusCode: 500, name: "application_error", message: "Internal server error" },
        { status: 500 },
      );
    }
    return await standIn.handle(request);
  });
  return { standIn, calls, inbox, webhooks, control };
}

/**
 * Runs the component's queue (batching, workpool, retries with backoff) on fake timers until it is idle, then lets
 * the stand-in deliver and announce what it accepted, as Resend does a moment after answering.
 */
export async function drainEmail(t: T, standIn: { release: () => void; settled: () => Promise<void> }) {
  for (let round = 0; round < 3; round++) {
    await t.finishAllScheduledFunctions(() => vi.runAllTimers());
    standIn.release();
    await standIn.settled();
  }
}
