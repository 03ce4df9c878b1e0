/**
 * A small local stand-in for the Stripe API endpoints the academy calls, so the
 * real `stripe` SDK can run offline (pointed here with host/port/protocol):
 * checkout sessions (create, retrieve, expire), refunds, customers; a hosted
 * checkout page with Pay and Cancel; and webhook events signed exactly as
 * Stripe signs them, delivered to the app with retries.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import Stripe from "stripe";

type Json = Record<string, unknown>;
type CheckoutSession = Json & {
  id: string;
  status: "open" | "complete" | "expired";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  expires_at: number;
  success_url: string;
  cancel_url: string;
  amount_total: number;
  currency: string;
  payment_intent: string | null;
};
type PaymentIntent = { id: string; charge: string; amount: number; currency: string; session: string; refunded: number };

type State = {
  sessions: Record<string, CheckoutSession>;
  paymentIntents: Record<string, PaymentIntent>;
  customers: Record<string, Json>;
  refunds: Record<string, Json>;
  idempotency: Record<string, { fingerprint: string; status: number; body: Json }>;
};

export type LocalStripeOptions = {
  port: number;
  host?: string;
  secretKey: string;
  webhookSecret: string;
  webhookUrl: string;
  stateFile?: string;
  log?: (line: string) => void;
};

const id = (prefix: string) => `${prefix}_local_${crypto.randomBytes(12).toString("hex")}`;

/** Parses Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
export function parseStripeForm(body: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = out;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        node[segment] = value;
        return;
      }
      node[segment] ??= /^\d+$/.test(path[i + 1]) ? [] : {};
      node = node[segment] as Record<string, unknown>;
    });
  }
  return out;
}

export function startLocalStripe(options: LocalStripeOptions) {
  const log = options.log ?? ((line: string) => console.log(`[stripe-local] ${line}`));
  const host = options.host ?? "127.0.0.1";
  const base = `http://${host}:${options.port}`;
  const state: State = { sessions: {}, paymentIntents: {}, customers: {}, refunds: {}, idempotency: {} };
  if (options.stateFile && fs.existsSync(options.stateFile)) {
    Object.assign(state, JSON.parse(fs.readFileSync(options.stateFile, "utf8")) as State);
  }
  const save = () => {
    if (options.stateFile) fs.writeFileSync(options.stateFile, JSON.stringify(state));
  };
  const timers = new Map<string, NodeJS.Timeout>();

  async function sendEvent(type: string, object: Json) {
    const event = {
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const signature = await Stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret: options.webhookSecret,
        cryptoProvider: Stripe.createSubtleCryptoProvider(),
      });
      try {
        const response = await fetch(options.webhookUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "stripe-signature": signature },
          body: payload,
        });
        log(`webhook ${type} → ${response.status}`);
        if (response.ok) return;
      } catch (error) {
        log(`webhook ${type} failed: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }

  function armExpiry(session: CheckoutSession) {
    clearTimeout(timers.get(session.id));
    if (session.status !== "open") return;
    const timer = setTimeout(() => expireSession(session.id), Math.max(0, session.expires_at * 1000 - Date.now()));
    timer.unref();
    timers.set(session.id, timer);
  }

  function expireSession(sessionId: string) {
    const session = state.sessions[sessionId];
    if (!session || session.status !== "open") return false;
    session.status = "expired";
    save();
    void sendEvent("checkout.session.expired", session);
    return true;
  }

  for (const session of Object.values(state.sessions)) armExpiry(session);

  function pay(session: CheckoutSession, method: "card" | "bank_debit") {
    const intent: PaymentIntent = { id: id("pi"), charge: id("ch"), amount: session.amount_total, currency: session.currency, session: session.id, refunded: 0 };
    state.paymentIntents[intent.id] = intent;
    session.status = "complete";
    session.payment_intent = intent.id;
    clearTimeout(timers.get(session.id));
    if (method === "card") {
      session.payment_status = "paid";
      save();
      void sendEvent("checkout.session.completed", session);
    } else {
      // Delayed methods: Stripe reports the session complete but unpaid, and the result later.
      session.payment_status = "unpaid";
      save();
      void (async () => {
        await sendEvent("checkout.session.completed", { ...session });
        await new Promise((r) => setTimeout(r, 5000));
        session.payment_status = "paid";
        save();
        await sendEvent("checkout.session.async_payment_succeeded", session);
      })();
    }
  }

  function createSession(params: Json): CheckoutSession {
    const lineItems = (params.line_items as Json[] | undefined) ?? [];
    const amount = lineItems.reduce((sum, item) => {
      const price = item.price_data as Json | undefined;
      return sum + Number(price?.unit_amount ?? 0) * Number(item.quantity ?? 1);
    }, 0);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = params.expires_at ? Number(params.expires_at) : now + 24 * 3600;
    if (expiresAt < now + 30 * 60 - 5 || expiresAt > now + 24 * 3600 + 5) {
      throw new StripeError(400, "invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from now.", "expires_at");
    }
    const sessionId = `cs_test_${crypto.randomBytes(16).toString("hex")}`;
    const session: CheckoutSession = {
      id: sessionId,
      object: "checkout.session",
      mode: params.mode ?? "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: amount,
      amount_subtotal: amount,
      currency: String(((lineItems[0]?.price_data as Json | undefined)?.currency as string | undefined) ?? "usd"),
      client_reference_id: (params.client_reference_id as string | undefined) ?? null,
      customer_email: (params.customer_email as string | undefined) ?? null,
      metadata: (params.metadata as Json | undefined) ?? {},
      expires_at: expiresAt,
      success_url: String(params.success_url),
      cancel_url: String(params.cancel_url),
      url: `${base}/pay/${sessionId}`,
      payment_intent: null,
      created: now,
      livemode: false,
      line_items_summary: lineItems.map((item) => (item.price_data as Json)?.product_data),
    };
    state.sessions[sessionId] = session;
    armExpiry(session);
    return session;
  }

  function refund(params: Json): Json {
    const intent = state.paymentIntents[String(params.payment_intent ?? "")];
    if (!intent) throw new StripeError(400, "invalid_request_error", `No such payment_intent: '${String(params.payment_intent)}'`, "payment_intent");
    const amount = params.amount ? Number(params.amount) : intent.amount - intent.refunded;
    if (amount <= 0 || intent.refunded + amount > intent.amount) {
      throw new StripeError(400, "invalid_request_error", `Charge ${intent.charge} has already been refunded.`, undefined, "charge_already_refunded");
    }
    intent.refunded += amount;
    const refundObject = {
      id: id("re"),
      object: "refund",
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      charge: intent.charge,
      reason: params.reason ?? null,
      metadata: params.metadata ?? {},
      status: "succeeded",
      created: Math.floor(Date.now() / 1000),
    };
    state.refunds[refundObject.id] = refundObject;
    void sendEvent("charge.refunded", {
      id: intent.charge,
      object: "charge",
      amount: intent.amount,
      amount_refunded: intent.refunded,
      currency: intent.currency,
      payment_intent: intent.id,
      refunded: intent.refunded >= intent.amount,
      status: "succeeded",
    });
    return refundObject;
  }

  async function api(method: string, path: string, params: Json): Promise<Json> {
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(params);
    const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (method === "POST" && expire) {
      const session = state.sessions[expire[1]];
      if (!session) throw new StripeError(404, "invalid_request_error", `No such checkout.session: '${expire[1]}'`, "session", "resource_missing");
      if (session.status !== "open") {
        throw new StripeError(400, "invalid_request_error", 'Only Checkout Sessions with a status in ["open"] can be expired.');
      }
      expireSession(session.id);
      return session;
    }
    const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && retrieve) {
      const session = state.sessions[retrieve[1]];
      if (!session) throw new StripeError(404, "invalid_request_error", `No such checkout.session: '${retrieve[1]}'`, "session", "resource_missing");
      return session;
    }
    if (method === "POST" && path === "/v1/refunds") return refund(params);
    if (method === "POST" && path === "/v1/customers") {
      const customer = { id: id("cus"), object: "customer", email: params.email ?? null, name: params.name ?? null, metadata: params.metadata ?? {} };
      state.customers[customer.id] = customer;
      return customer;
    }
    throw new StripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}). The local Stripe stand-in does not implement it.`);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", base);
      const body = await new Promise<string>((resolve) => {
        let data = "";
        req.on("data", (chunk: Buffer) => (data += chunk.toString()));
        req.on("end", () => resolve(data));
      });
      if (url.pathname === "/_health") return send(res, 200, { status: "ok" });
      if (url.pathname.startsWith("/pay/")) return payPage(req.method ?? "GET", url, body, res);
      if (!url.pathname.startsWith("/v1/")) return send(res, 404, { error: { type: "invalid_request_error", message: "Not found" } });
      if (req.headers.authorization !== `Bearer ${options.secretKey}`) {
        return send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      }
      const params = req.method === "GET" ? parseStripeForm(url.search.slice(1)) : parseStripeForm(body);
      const key = req.headers["idempotency-key"] as string | undefined;
      const fingerprint = `${req.method} ${url.pathname} ${body}`;
      if (key && state.idempotency[key]) {
        const cached = state.idempotency[key];
        if (cached.fingerprint !== fingerprint) {
          return send(res, 400, {
            error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with.` },
          });
        }
        return send(res, cached.status, cached.body, { "idempotent-replayed": "true" });
      }
      let status = 200;
      let result: Json;
      try {
        result = await api(req.method ?? "GET", url.pathname, params);
      } catch (error) {
        if (!(error instanceof StripeError)) throw error;
        status = error.status;
        result = { error: error.body };
      }
      if (key && req.method === "POST") state.idempotency[key] = { fingerprint, status, body: result };
      save();
      log(`${req.method} ${url.pathname} → ${status}`);
      send(res, status, result);
    })().catch((error: unknown) => {
      log(`error: ${(error as Error).stack}`);
      send(res, 500, { error: { type: "api_error", message: (error as Error).message } });
    });
  });

  function payPage(method: string, url: URL, body: string, res: http.ServerResponse) {
    const sessionId = url.pathname.split("/")[2];
    const session = state.sessions[sessionId];
    if (!session) return html(res, 404, page("Checkout not found", `<p>This checkout link is not valid.</p>`));
    if (method === "POST") {
      const action = new URLSearchParams(body).get("action");
      if (action === "cancel") return redirect(res, session.cancel_url);
      if (session.status !== "open") return html(res, 410, page("Checkout closed", closedMessage(session)));
      pay(session, action === "bank_debit" ? "bank_debit" : "card");
      return redirect(res, session.success_url.replace("{CHECKOUT_SESSION_ID}", session.id));
    }
    if (session.status !== "open") return html(res, 410, page("Checkout closed", closedMessage(session)));
    const amount = new Intl.NumberFormat("en-US", { style: "currency", currency: session.currency.toUpperCase() }).format(session.amount_total / 100);
    const product = ((session.line_items_summary as Json[] | undefined)?.[0] ?? {}) as Json;
    const minutesLeft = Math.max(0, Math.round((session.expires_at * 1000 - Date.now()) / 60000));
    return html(
      res,
      200,
      page(
        `Pay ${amount}`,
        `<p class="muted">Local Stripe stand-in · no real payment is made</p>
         <h1>${escape(String(product.name ?? "Purchase"))}</h1>
         <p>${escape(String(product.description ?? ""))}</p>
         <p class="amount">${amount}</p>
         <p class="muted">${escape(String(session.customer_email ?? ""))} · this checkout closes in ${minutesLeft} min</p>
         <form method="post">
           <label>Card number<input value="4242 4242 4242 4242" readonly></label>
           <button name="action" value="card" class="primary">Pay ${amount}</button>
           <button name="action" value="bank_debit" class="secondary">Pay by bank debit (settles in a few seconds)</button>
           <button name="action" value="cancel" class="link">Cancel and go back</button>
         </form>`,
      ),
    );
  }

  server.listen(options.port, host, () => log(`listening on ${base}, webhooks to ${options.webhookUrl}`));
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers.values()) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

class StripeError extends Error {
  body: Json;
  constructor(
    readonly status: number,
    type: string,
    message: string,
    param?: string,
    code?: string,
  ) {
    super(message);
    this.body = { type, message, ...(param ? { param } : {}), ...(code ? { code } : {}) };
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", "request-id": id("req"), ...headers });
  res.end(JSON.stringify(body));
}

function redirect(res: http.ServerResponse, location: string) {
  res.writeHead(303, { location });
  res.end();
}

function html(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(body);
}

function escape(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function closedMessage(session: CheckoutSession) {
  return session.status === "complete"
    ? `<h1>Already paid</h1><p>This checkout was completed.</p>`
    : `<h1>This checkout has expired</h1><p>The seat hold ended. Go back to the course to try again.</p><p><a href="${escape(session.cancel_url)}">Back</a></p>`;
}

function page(title: string, content: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}main{max-width:440px;margin:48px auto;background:#fff;border:1px solid #e3e8ee;border-radius:8px;padding:32px}
h1{font-size:20px;margin:8px 0}.amount{font-size:32px;font-weight:600;margin:12px 0}.muted{color:#5b6474;font-size:13px}label{display:block;font-size:13px;color:#5b6474;margin:20px 0 12px}
input{display:block;width:100%;box-sizing:border-box;margin-top:4px;padding:10px;border:1px solid #cfd7df;border-radius:6px;font-size:15px}
button{display:block;width:100%;margin-top:10px;padding:12px;border-radius:6px;font-size:15px;cursor:pointer}.primary{background:#635bff;color:#fff;border:0;font-weight:600}
.secondary{background:#fff;border:1px solid #cfd7df;color:#1a1f36}.link{background:none;border:0;color:#635bff}</style></head><body><main>${content}</main></body></html>`;
}
