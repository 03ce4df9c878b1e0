/**
 * A small local stand-in for the Stripe API endpoints the academy calls, so the
 * real `stripe` SDK can run offline (pointed here with host/port/protocol):
 * checkout sessions (create, retrieve, expire; with a promotion code or coupon in
 * `discounts`, or `allow_promotion_codes`; `payment` or `subscription` mode),
 * coupons and promotion codes (create, retrieve, update), refunds, customers,
 * invoices and invoice items (`send_invoice`: create, finalize, send, void,
 * retrieve), subscriptions (list, retrieve, update `cancel_at_period_end`, cancel) with
 * their invoices; hosted checkout and invoice pages with Pay / Cancel / Decline, and
 * a subscription page that plays its clock (the period ends: renewed, declined,
 * or ended after a cancellation); and webhook events signed exactly as Stripe signs
 * them, delivered to the app with retries.
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
type PaymentIntent = {
  id: string;
  charge: string;
  amount: number;
  currency: string;
  session: string;
  refunded: number;
};

type Invoice = Json & {
  id: string;
  status: "draft" | "open" | "paid" | "void" | "uncollectible";
  customer: string;
  currency: string;
  amount_due: number;
  amount_paid: number;
  hosted_invoice_url: string | null;
  lines: { object: "list"; data: Json[] };
};

type Coupon = Json & {
  id: string;
  amount_off: number | null;
  percent_off: number | null;
  currency: string | null;
  max_redemptions: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
};
type PromotionCode = Json & {
  id: string;
  code: string;
  active: boolean;
  expires_at: number | null;
  max_redemptions: number | null;
  times_redeemed: number;
  promotion: { type: "coupon"; coupon: string };
};

type SubscriptionItem = Json & {
  id: string;
  quantity: number;
  current_period_start: number;
  current_period_end: number;
  price: Json & { unit_amount: number; currency: string; recurring: { interval: Interval; interval_count: number } };
};
type Interval = "day" | "week" | "month" | "year";
type Subscription = Json & {
  id: string;
  status: "active" | "past_due" | "canceled";
  customer: string;
  currency: string;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  latest_invoice: string | null;
  metadata: Json;
  items: { object: "list"; data: SubscriptionItem[] };
};

type State = {
  subscriptions: Record<string, Subscription>;
  /** What a subscription-mode Checkout Session gives the subscription it creates: its metadata and price. */
  subscriptionData: Record<string, { metadata: Json; lineItems: Json[] }>;
  coupons: Record<string, Coupon>;
  promotionCodes: Record<string, PromotionCode>;
  invoices: Record<string, Invoice>;
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
  const state: State = {
    subscriptions: {},
    subscriptionData: {},
    coupons: {},
    promotionCodes: {},
    invoices: {},
    sessions: {},
    paymentIntents: {},
    customers: {},
    refunds: {},
    idempotency: {},
  };
  if (options.stateFile && fs.existsSync(options.stateFile)) {
    Object.assign(state, JSON.parse(fs.readFileSync(options.stateFile, "utf8")) as State);
    state.invoices ??= {};
    state.coupons ??= {};
    state.promotionCodes ??= {};
    state.subscriptions ??= {};
    state.subscriptionData ??= {};
  }
  const save = () => {
    if (options.stateFile) fs.writeFileSync(options.stateFile, JSON.stringify(state));
  };
  const timers = new Map<string, NodeJS.Timeout>();

  async function sendEvent(type: string, object: Json, previousAttributes?: Json) {
    const event = {
      id: id("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      type,
      // A copy: the object as it is now, not as it will be when a later change is delivered.
      data: {
        object: structuredClone(object),
        ...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
      },
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

  /**
   * Sends events one after another, each with its object as it is now (a later change, made before the earlier
   * deliveries finish, does not leak into them).
   */
  function sendEvents(events: ReadonlyArray<readonly [type: string, object: Json, previousAttributes?: Json]>) {
    const snapshots = events.map(([type, object, previous]) => [type, structuredClone(object), previous] as const);
    void (async () => {
      for (const [type, object, previous] of snapshots) await sendEvent(type, object, previous);
    })();
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
    if (session.mode === "subscription") {
      startSubscription(session);
      return;
    }
    redeemDiscounts(session);
    if (session.amount_total === 0) {
      // Stripe completes a fully discounted payment-mode session without a charge.
      session.status = "complete";
      session.payment_status = "no_payment_required";
      clearTimeout(timers.get(session.id));
      save();
      void sendEvent("checkout.session.completed", session);
      return;
    }
    const intent: PaymentIntent = {
      id: id("pi"),
      charge: id("ch"),
      amount: session.amount_total,
      currency: session.currency,
      session: session.id,
      refunded: 0,
    };
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

  // ------------------------------------------------------------------ subscriptions

  /** The end of a billing period that starts at `start` (seconds): calendar months and years, as Stripe bills. */
  function periodEndFrom(start: number, recurring: { interval: Interval; interval_count: number }) {
    const date = new Date(start * 1000);
    const count = recurring.interval_count;
    if (recurring.interval === "day") date.setUTCDate(date.getUTCDate() + count);
    if (recurring.interval === "week") date.setUTCDate(date.getUTCDate() + 7 * count);
    if (recurring.interval === "month") date.setUTCMonth(date.getUTCMonth() + count);
    if (recurring.interval === "year") date.setUTCFullYear(date.getUTCFullYear() + count);
    return Math.floor(date.getTime() / 1000);
  }

  /** An invoice of the subscription's current period: paid, or open after a declined charge. */
  function subscriptionInvoice(subscription: Subscription, billingReason: string, paid: boolean): Invoice {
    const now = Math.floor(Date.now() / 1000);
    const item = subscription.items.data[0];
    const amount = item.price.unit_amount * item.quantity;
    const invoiceId = id("in");
    const invoice: Invoice = {
      id: invoiceId,
      object: "invoice",
      status: paid ? "paid" : "open",
      customer: subscription.customer,
      customer_email: (state.customers[subscription.customer]?.email as string | null) ?? null,
      collection_method: "charge_automatically",
      billing_reason: billingReason,
      currency: subscription.currency,
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      total: amount,
      attempt_count: 1,
      attempted: true,
      hosted_invoice_url: `${base}/invoice/${invoiceId}`,
      number: `LOCAL-${(Object.keys(state.invoices).length + 1).toString().padStart(4, "0")}`,
      description: null,
      metadata: {},
      parent: {
        type: "subscription_details",
        quote_details: null,
        subscription_details: { subscription: subscription.id, metadata: subscription.metadata },
      },
      lines: {
        object: "list",
        data: [
          {
            id: id("il"),
            object: "line_item",
            amount,
            currency: subscription.currency,
            description: `${item.quantity} × ${productName(item)}`,
            quantity: item.quantity,
            period: { start: item.current_period_start, end: item.current_period_end },
            parent: {
              type: "subscription_item_details",
              subscription_item_details: { subscription: subscription.id, subscription_item: item.id },
            },
          },
        ],
      },
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      created: now,
      livemode: false,
    };
    state.invoices[invoice.id] = invoice;
    subscription.latest_invoice = invoice.id;
    return invoice;
  }

  /** Paying a subscription-mode Checkout: a customer, the subscription, its first invoice paid, then the events. */
  function startSubscription(session: CheckoutSession) {
    const now = Math.floor(Date.now() / 1000);
    const subscriptionData = state.subscriptionData[session.id];
    const line = subscriptionData.lineItems[0];
    const priceData = line.price_data as Json;
    const recurring = priceData.recurring as Json;
    const customer = {
      id: id("cus"),
      object: "customer",
      email: session.customer_email,
      name: null,
      metadata: {},
    };
    state.customers[customer.id] = customer;
    const subscription: Subscription = {
      id: id("sub"),
      object: "subscription",
      status: "active",
      customer: customer.id,
      currency: session.currency,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      start_date: now,
      created: now,
      collection_method: "charge_automatically",
      latest_invoice: null,
      metadata: subscriptionData.metadata,
      livemode: false,
      items: {
        object: "list",
        data: [
          {
            id: id("si"),
            object: "subscription_item",
            quantity: Number(line.quantity ?? 1),
            current_period_start: now,
            current_period_end: 0,
            price: {
              id: id("price"),
              object: "price",
              currency: session.currency,
              unit_amount: Number(priceData.unit_amount),
              recurring: {
                interval: String(recurring.interval) as Interval,
                interval_count: Number(recurring.interval_count ?? 1),
              },
              product_data: priceData.product_data,
            },
          },
        ],
      },
    };
    const item = subscription.items.data[0];
    item.current_period_end = periodEndFrom(now, item.price.recurring);
    state.subscriptions[subscription.id] = subscription;
    const invoice = subscriptionInvoice(subscription, "subscription_create", true);
    session.status = "complete";
    session.payment_status = "paid";
    session.subscription = subscription.id;
    session.customer = customer.id;
    session.invoice = invoice.id;
    clearTimeout(timers.get(session.id));
    save();
    sendEvents([
      ["customer.subscription.created", subscription],
      ["invoice.paid", invoice],
      ["invoice.payment_succeeded", invoice],
      ["checkout.session.completed", session],
    ]);
  }

  function knownSubscription(subscriptionId: string) {
    const subscription = state.subscriptions[subscriptionId];
    if (!subscription) throw noSuch(404, "subscription", subscriptionId, "subscription");
    return subscription;
  }

  /** `POST /v1/subscriptions/:id`: cancel at the period's end or not, and metadata (a cancelled one is final). */
  function updateSubscription(subscription: Subscription, params: Json) {
    if (subscription.status === "canceled") {
      throw invalid(
        "A canceled subscription can only update its cancellation_details and metadata.",
        undefined,
        "invalid_canceled_subscription_fields",
      );
    }
    const previous: Json = {};
    if (params.cancel_at_period_end !== undefined) {
      const cancel = params.cancel_at_period_end === "true";
      if (cancel !== subscription.cancel_at_period_end) {
        previous.cancel_at_period_end = subscription.cancel_at_period_end;
        previous.canceled_at = subscription.canceled_at;
        subscription.cancel_at_period_end = cancel;
        subscription.canceled_at = cancel ? Math.floor(Date.now() / 1000) : null;
      }
    }
    if (params.metadata !== undefined) {
      previous.metadata = subscription.metadata;
      subscription.metadata = { ...subscription.metadata, ...(params.metadata as Json) };
    }
    if (Object.keys(previous).length > 0) void sendEvent("customer.subscription.updated", subscription, previous);
    return subscription;
  }

  /** Ends a subscription now (`DELETE`, a cancellation reaching the period's end, or retries given up). */
  function endSubscription(subscription: Subscription) {
    if (subscription.status === "canceled") {
      throw invalid("This subscription is already canceled.", undefined, "resource_missing");
    }
    const now = Math.floor(Date.now() / 1000);
    subscription.status = "canceled";
    subscription.canceled_at ??= now;
    subscription.ended_at = now;
    const open = subscription.latest_invoice ? state.invoices[subscription.latest_invoice] : undefined;
    if (open?.status === "open") open.status = "void";
    void sendEvent("customer.subscription.deleted", subscription);
    return subscription;
  }

  /**
   * The subscription's period ends now (the page's clock): a cancelled subscription ends; otherwise the next period
   * starts and its invoice is charged — paid, or declined (the subscription is then past due, its invoice open).
   */
  function endPeriod(subscription: Subscription, outcome: "paid" | "declined") {
    if (subscription.cancel_at_period_end) {
      endSubscription(subscription);
      return;
    }
    const item = subscription.items.data[0];
    const previous = {
      status: subscription.status,
      items: structuredClone(subscription.items),
      latest_invoice: subscription.latest_invoice,
    };
    item.current_period_start = item.current_period_end;
    item.current_period_end = periodEndFrom(item.current_period_start, item.price.recurring);
    const invoice = subscriptionInvoice(subscription, "subscription_cycle", outcome === "paid");
    subscription.status = outcome === "paid" ? "active" : "past_due";
    sendEvents([
      ...(outcome === "paid"
        ? ([
            ["invoice.paid", invoice],
            ["invoice.payment_succeeded", invoice],
          ] as const)
        : ([["invoice.payment_failed", invoice]] as const)),
      ["customer.subscription.updated", subscription, previous],
    ]);
  }

  /** An open subscription invoice paid on its page: a past-due subscription is active again (its event). */
  function subscriptionInvoicePaid(invoice: Invoice): Array<[string, Json, Json]> {
    const subscriptionId = ((invoice.parent as Json | null)?.subscription_details as Json | undefined)?.subscription;
    const subscription = subscriptionId ? state.subscriptions[String(subscriptionId)] : undefined;
    if (!subscription || subscription.status !== "past_due") return [];
    subscription.status = "active";
    return [["customer.subscription.updated", subscription, { status: "past_due" }]];
  }

  // ------------------------------------------------------------------ coupons and promotion codes

  const invalid = (message: string, param?: string, code?: string) =>
    new StripeError(400, "invalid_request_error", message, param, code);
  /** Stripe's refusal of an id it does not know: "No such customer: 'cus_…'" (`resource_missing`). */
  const noSuch = (status: 400 | 404, object: string, id: string, param: string) =>
    new StripeError(status, "invalid_request_error", `No such ${object}: '${id}'`, param, "resource_missing");
  const optionalInt = (value: unknown) => (value === undefined || value === "" ? null : Number(value));

  function createCoupon(params: Json): Coupon {
    const percentOff = params.percent_off !== undefined ? Number(params.percent_off) : null;
    const amountOff = params.amount_off !== undefined ? Number(params.amount_off) : null;
    if ((percentOff === null) === (amountOff === null)) {
      throw invalid("You must pass exactly one of `amount_off` or `percent_off`.");
    }
    if (percentOff !== null && !(percentOff > 0 && percentOff <= 100)) {
      throw invalid("Invalid percent_off: must be greater than 0 and at most 100.", "percent_off");
    }
    if (amountOff !== null && !(Number.isInteger(amountOff) && amountOff > 0)) {
      throw invalid("Invalid amount_off: must be a positive integer.", "amount_off");
    }
    if (amountOff !== null && !params.currency) {
      throw invalid("You must pass currency when passing amount_off.", "currency");
    }
    const redeemBy = optionalInt(params.redeem_by);
    const now = Math.floor(Date.now() / 1000);
    if (redeemBy !== null && redeemBy <= now) {
      throw invalid("Invalid redeem_by: must be in the future.", "redeem_by");
    }
    const maxRedemptions = optionalInt(params.max_redemptions);
    if (maxRedemptions !== null && !(Number.isInteger(maxRedemptions) && maxRedemptions > 0)) {
      throw invalid("Invalid max_redemptions: must be a positive integer.", "max_redemptions");
    }
    const couponId = String(params.id ?? crypto.randomBytes(4).toString("hex"));
    if (state.coupons[couponId]) throw invalid("Coupon already exists.", "id", "resource_already_exists");
    const coupon: Coupon = {
      id: couponId,
      object: "coupon",
      amount_off: amountOff,
      percent_off: percentOff,
      currency: amountOff !== null ? String(params.currency).toLowerCase() : null,
      duration: String(params.duration ?? "once"),
      duration_in_months: null,
      max_redemptions: maxRedemptions,
      redeem_by: redeemBy,
      metadata: (params.metadata as Json | undefined) ?? {},
      name: (params.name as string | undefined) ?? null,
      times_redeemed: 0,
      valid: true,
      created: now,
      livemode: false,
    };
    state.coupons[coupon.id] = coupon;
    return coupon;
  }

  /** A coupon is valid until its `redeem_by` passes or it reaches `max_redemptions`. */
  function couponValid(coupon: Coupon) {
    const now = Math.floor(Date.now() / 1000);
    coupon.valid =
      (coupon.redeem_by === null || coupon.redeem_by > now) &&
      (coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions);
    return coupon.valid;
  }

  function createPromotionCode(params: Json): PromotionCode {
    const promotion = (params.promotion as Json | undefined) ?? {};
    if (promotion.type !== "coupon") throw invalid("Missing required param: promotion[type].", "promotion[type]");
    const coupon = state.coupons[String(promotion.coupon ?? "")];
    if (!coupon) {
      throw noSuch(400, "coupon", String(promotion.coupon), "promotion[coupon]");
    }
    const code = String(params.code ?? crypto.randomBytes(4).toString("hex").toUpperCase());
    if (!/^[a-zA-Z0-9]{1,500}$/.test(code)) throw invalid("Invalid code: use only letters and digits.", "code");
    const taken = Object.values(state.promotionCodes).some(
      (existing) => existing.active && existing.code.toLowerCase() === code.toLowerCase(),
    );
    if (taken) {
      throw invalid(
        `An active promotion code with \`code: ${code}\` already exists.`,
        "code",
        "resource_already_exists",
      );
    }
    const promotionCode: PromotionCode = {
      id: id("promo"),
      object: "promotion_code",
      active: params.active === undefined ? true : params.active === "true",
      code,
      customer: null,
      customer_account: null,
      expires_at: optionalInt(params.expires_at),
      max_redemptions: optionalInt(params.max_redemptions),
      metadata: (params.metadata as Json | undefined) ?? {},
      promotion: { type: "coupon", coupon: coupon.id },
      restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
      times_redeemed: 0,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
    };
    state.promotionCodes[promotionCode.id] = promotionCode;
    return promotionCode;
  }

  /** The coupon a checkout's `discounts` entry applies, after Stripe's checks on the code and the coupon. */
  function discountCoupon(discount: Json): { coupon: Coupon; promotionCode: PromotionCode | null } {
    if (discount.promotion_code) {
      const promotionCode = state.promotionCodes[String(discount.promotion_code)];
      if (!promotionCode) {
        throw noSuch(400, "promotion code", String(discount.promotion_code), "discounts[0][promotion_code]");
      }
      const now = Math.floor(Date.now() / 1000);
      if (!promotionCode.active) {
        throw invalid("This promotion code is inactive.", "discounts[0][promotion_code]", "promotion_code_inactive");
      }
      if (promotionCode.expires_at !== null && promotionCode.expires_at <= now) {
        throw invalid("This promotion code has expired.", "discounts[0][promotion_code]", "promotion_code_expired");
      }
      if (promotionCode.max_redemptions !== null && promotionCode.times_redeemed >= promotionCode.max_redemptions) {
        throw invalid(
          "This promotion code has reached its maximum number of redemptions.",
          "discounts[0][promotion_code]",
          "promotion_code_max_redemptions",
        );
      }
      const coupon = state.coupons[promotionCode.promotion.coupon];
      if (!couponValid(coupon)) {
        throw invalid(
          "The coupon of this promotion code is no longer valid.",
          "discounts[0][promotion_code]",
          "coupon_expired",
        );
      }
      return { coupon, promotionCode };
    }
    const coupon = state.coupons[String(discount.coupon ?? "")];
    if (!coupon) {
      throw noSuch(400, "coupon", String(discount.coupon), "discounts[0][coupon]");
    }
    if (!couponValid(coupon))
      throw invalid("This coupon is no longer valid.", "discounts[0][coupon]", "coupon_expired");
    return { coupon, promotionCode: null };
  }

  /** The amount a coupon takes off a subtotal: a percentage rounded to the cent, or a fixed amount in its currency. */
  function discountAmount(coupon: Coupon, subtotal: number, currency: string) {
    if (coupon.percent_off !== null) return Math.round((subtotal * coupon.percent_off) / 100);
    if (coupon.currency !== currency) {
      throw invalid(
        `The coupon's currency (${String(coupon.currency)}) does not match the session's (${currency}).`,
        "discounts[0]",
      );
    }
    return Math.min(coupon.amount_off ?? 0, subtotal);
  }

  /** A completed checkout counts one redemption of its coupon and promotion code. */
  function redeemDiscounts(session: CheckoutSession) {
    for (const discount of (session.discounts as Json[] | undefined) ?? []) {
      const coupon = state.coupons[String(discount.coupon)];
      if (coupon) {
        coupon.times_redeemed += 1;
        couponValid(coupon);
      }
      const promotionCode = discount.promotion_code ? state.promotionCodes[String(discount.promotion_code)] : undefined;
      if (promotionCode) promotionCode.times_redeemed += 1;
    }
  }

  function updatePromotionCode(promotionCode: PromotionCode, params: Json) {
    if (params.active !== undefined) {
      const active = params.active === "true";
      if (active && !promotionCode.active) {
        const taken = Object.values(state.promotionCodes).some(
          (other) =>
            other.id !== promotionCode.id &&
            other.active &&
            other.code.toLowerCase() === promotionCode.code.toLowerCase(),
        );
        if (taken)
          throw invalid(`An active promotion code with \`code: ${promotionCode.code}\` already exists.`, "active");
      }
      promotionCode.active = active;
    }
    if (params.metadata !== undefined) {
      promotionCode.metadata = { ...(promotionCode.metadata as Json), ...(params.metadata as Json) };
    }
    return promotionCode;
  }

  function createSession(params: Json): CheckoutSession {
    const lineItems = (params.line_items as Json[] | undefined) ?? [];
    const mode = String(params.mode ?? "payment");
    if (mode !== "payment" && mode !== "subscription") {
      throw invalid(
        `Invalid mode: must be one of payment, setup or subscription. The stand-in has no \`${mode}\`.`,
        "mode",
      );
    }
    const recurring = lineItems.map((item) => (item.price_data as Json | undefined)?.recurring as Json | undefined);
    if (mode === "subscription") {
      if (!recurring.some((r) => r !== undefined)) {
        throw invalid(
          "You must provide at least one recurring price in `subscription` mode when using prices.",
          "line_items",
        );
      }
      if (params.payment_intent_data !== undefined) {
        throw invalid("You can not pass `payment_intent_data` in `subscription` mode.", "payment_intent_data");
      }
      for (const r of recurring) {
        if (r && !["day", "week", "month", "year"].includes(String(r.interval))) {
          throw invalid("Invalid recurring[interval]: must be one of day, week, month or year.", "line_items");
        }
      }
    } else {
      if (recurring.some((r) => r !== undefined)) {
        throw invalid(
          "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use " +
            "only one-time prices.",
          "line_items",
        );
      }
      if (params.subscription_data !== undefined) {
        throw invalid("You can only pass `subscription_data` in `subscription` mode.", "subscription_data");
      }
    }
    const amount = lineItems.reduce((sum, item) => {
      const price = item.price_data as Json | undefined;
      return sum + Number(price?.unit_amount ?? 0) * Number(item.quantity ?? 1);
    }, 0);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = params.expires_at ? Number(params.expires_at) : now + 24 * 3600;
    if (expiresAt < now + 30 * 60 - 5 || expiresAt > now + 24 * 3600 + 5) {
      throw invalid("The `expires_at` timestamp must be between 30 minutes and 24 hours from now.", "expires_at");
    }
    const currency = String(((lineItems[0]?.price_data as Json | undefined)?.currency as string | undefined) ?? "usd");
    const discounts = (params.discounts as Json[] | undefined) ?? [];
    if (discounts.length > 0 && params.allow_promotion_codes !== undefined) {
      throw invalid("You may only specify one of these parameters: allow_promotion_codes, discounts.");
    }
    if (discounts.length > 1) throw invalid("You may only apply one discount to a Checkout Session.", "discounts");
    const applied = discounts.length === 1 ? discountCoupon(discounts[0]) : null;
    const amountDiscount = applied ? discountAmount(applied.coupon, amount, currency) : 0;
    const sessionId = `cs_test_${crypto.randomBytes(16).toString("hex")}`;
    const session: CheckoutSession = {
      id: sessionId,
      object: "checkout.session",
      mode,
      status: "open",
      payment_status: "unpaid",
      amount_total: amount - amountDiscount,
      amount_subtotal: amount,
      currency,
      allow_promotion_codes: params.allow_promotion_codes === "true" ? true : null,
      discounts: applied ? [{ coupon: applied.coupon.id, promotion_code: applied.promotionCode?.id ?? null }] : [],
      total_details: { amount_discount: amountDiscount, amount_shipping: 0, amount_tax: 0 },
      client_reference_id: (params.client_reference_id as string | undefined) ?? null,
      customer_email: (params.customer_email as string | undefined) ?? null,
      metadata: (params.metadata as Json | undefined) ?? {},
      expires_at: expiresAt,
      success_url: String(params.success_url),
      cancel_url: String(params.cancel_url),
      url: `${base}/pay/${sessionId}`,
      payment_intent: null,
      subscription: null,
      customer: null,
      invoice: null,
      created: now,
      livemode: false,
      line_items_summary: lineItems.map((item) => (item.price_data as Json)?.product_data),
    };
    state.sessions[sessionId] = session;
    if (mode === "subscription") {
      state.subscriptionData[sessionId] = {
        metadata: ((params.subscription_data as Json | undefined)?.metadata as Json | undefined) ?? {},
        lineItems,
      };
    }
    armExpiry(session);
    return session;
  }

  function refund(params: Json): Json {
    const intent = state.paymentIntents[String(params.payment_intent ?? "")];
    if (!intent) throw invalid(`No such payment_intent: '${String(params.payment_intent)}'`, "payment_intent");
    const amount = params.amount ? Number(params.amount) : intent.amount - intent.refunded;
    if (amount <= 0 || intent.refunded + amount > intent.amount) {
      throw invalid(`Charge ${intent.charge} has already been refunded.`, undefined, "charge_already_refunded");
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

  /** The customer an invoice or invoice item names, which must exist. */
  function knownCustomer(params: Json) {
    const customer = String(params.customer ?? "");
    if (!state.customers[customer]) throw noSuch(400, "customer", customer, "customer");
    return customer;
  }

  function createInvoice(params: Json): Invoice {
    const customer = knownCustomer(params);
    if (params.collection_method === "send_invoice" && !params.days_until_due && !params.due_date) {
      throw invalid(
        "Invoices with `collection_method=send_invoice` need `days_until_due` or `due_date`.",
        "days_until_due",
      );
    }
    const now = Math.floor(Date.now() / 1000);
    const invoice: Invoice = {
      id: id("in"),
      object: "invoice",
      status: "draft",
      customer,
      customer_email: (state.customers[customer].email as string | null) ?? null,
      collection_method: params.collection_method ?? "charge_automatically",
      days_until_due: params.days_until_due ? Number(params.days_until_due) : null,
      due_date: params.days_until_due ? now + Number(params.days_until_due) * 86400 : null,
      description: params.description ?? null,
      metadata: (params.metadata as Json | undefined) ?? {},
      currency: String(params.currency ?? "usd"),
      amount_due: 0,
      amount_paid: 0,
      total: 0,
      hosted_invoice_url: null,
      number: null,
      lines: { object: "list", data: [] },
      created: now,
      livemode: false,
    };
    state.invoices[invoice.id] = invoice;
    void sendEvent("invoice.created", invoice);
    return invoice;
  }

  function addInvoiceItem(params: Json): Json {
    const customer = knownCustomer(params);
    const quantity = params.quantity ? Number(params.quantity) : 1;
    const unit = params.unit_amount_decimal !== undefined ? Number(params.unit_amount_decimal) : undefined;
    if (params.amount !== undefined && unit !== undefined) {
      throw invalid("You may only specify one of these parameters: amount, unit_amount_decimal.");
    }
    const amount = params.amount !== undefined ? Number(params.amount) : Math.round((unit ?? 0) * quantity);
    const item = {
      id: id("ii"),
      object: "invoiceitem",
      customer,
      invoice: params.invoice ?? null,
      amount,
      quantity,
      currency: String(params.currency ?? "usd"),
      description: params.description ?? null,
    };
    if (params.invoice) {
      const invoice = state.invoices[String(params.invoice)];
      if (!invoice) throw noSuch(404, "invoice", String(params.invoice), "invoice");
      if (invoice.status !== "draft") throw invalid("You can only add invoice items to draft invoices.", "invoice");
      invoice.lines.data.push(item);
      invoice.currency = item.currency;
      invoice.amount_due += amount;
      invoice.total = invoice.amount_due;
    }
    return item;
  }

  function invoiceTransition(invoice: Invoice, action: "finalize" | "send" | "void"): Invoice {
    if (action === "finalize") {
      if (invoice.status !== "draft")
        throw invalid(`This invoice is already finalized, you can't re-finalize a non-draft invoice.`);
      invoice.status = "open";
      invoice.number = `LOCAL-${Object.keys(state.invoices).length.toString().padStart(4, "0")}`;
      invoice.hosted_invoice_url = `${base}/invoice/${invoice.id}`;
      void sendEvent("invoice.finalized", invoice);
    } else if (action === "send") {
      if (invoice.status !== "open") throw invalid("You can only send an invoice that is open.");
      log(`invoice ${invoice.id} sent to ${String(invoice.customer_email)} (${invoice.hosted_invoice_url})`);
      void sendEvent("invoice.sent", invoice);
    } else {
      if (invoice.status !== "open") throw invalid("You can only void an open invoice.");
      invoice.status = "void";
      void sendEvent("invoice.voided", invoice);
    }
    return invoice;
  }

  async function api(method: string, path: string, params: Json): Promise<Json> {
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(params);
    const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
    if (method === "POST" && expire) {
      const session = state.sessions[expire[1]];
      if (!session) throw noSuch(404, "checkout.session", expire[1], "session");
      if (session.status !== "open") {
        throw invalid('Only Checkout Sessions with a status in ["open"] can be expired.');
      }
      expireSession(session.id);
      return session;
    }
    const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "GET" && retrieve) {
      const session = state.sessions[retrieve[1]];
      if (!session) throw noSuch(404, "checkout.session", retrieve[1], "session");
      return session;
    }
    if (method === "POST" && path === "/v1/refunds") return refund(params);
    if (method === "POST" && path === "/v1/coupons") return createCoupon(params);
    const coupon = /^\/v1\/coupons\/([^/]+)$/.exec(path);
    if (method === "GET" && coupon) {
      const found = state.coupons[coupon[1]];
      if (!found) throw noSuch(404, "coupon", coupon[1], "coupon");
      couponValid(found);
      return found;
    }
    if (method === "POST" && path === "/v1/promotion_codes") return createPromotionCode(params);
    const promotionCode = /^\/v1\/promotion_codes\/([^/]+)$/.exec(path);
    if (promotionCode) {
      const found = state.promotionCodes[promotionCode[1]];
      if (!found) {
        throw noSuch(404, "promotion code", promotionCode[1], "promotion_code");
      }
      if (method === "GET") return found;
      if (method === "POST") return updatePromotionCode(found, params);
    }
    if (method === "GET" && path === "/v1/subscriptions") {
      // Newest first, as Stripe lists them; `customer` and `status` filter (Stripe's default leaves out canceled ones).
      const listed = Object.values(state.subscriptions)
        .filter((s) => params.customer === undefined || s.customer === params.customer)
        .filter((s) => (params.status === "all" ? true : s.status === (params.status ?? s.status)))
        .filter((s) => params.status !== undefined || s.status !== "canceled")
        .sort((a, b) => Number(b.created) - Number(a.created));
      const limit = Number(params.limit ?? 10);
      return {
        object: "list",
        url: "/v1/subscriptions",
        has_more: listed.length > limit,
        data: listed.slice(0, limit),
      };
    }
    const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    if (subscription) {
      const found = knownSubscription(subscription[1]);
      if (method === "GET") return found;
      if (method === "POST") return updateSubscription(found, params);
      if (method === "DELETE") return endSubscription(found);
    }
    if (method === "POST" && path === "/v1/invoices") return createInvoice(params);
    if (method === "POST" && path === "/v1/invoiceitems") return addInvoiceItem(params);
    const invoiceAction = /^\/v1\/invoices\/([^/]+)(?:\/(finalize|send|void))?$/.exec(path);
    if (invoiceAction) {
      const invoice = state.invoices[invoiceAction[1]];
      if (!invoice) throw noSuch(404, "invoice", invoiceAction[1], "invoice");
      if (method === "GET" && !invoiceAction[2]) return invoice;
      if (method === "POST" && invoiceAction[2])
        return invoiceTransition(invoice, invoiceAction[2] as "finalize" | "send" | "void");
    }
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: id("cus"),
        object: "customer",
        email: params.email ?? null,
        name: params.name ?? null,
        metadata: params.metadata ?? {},
      };
      state.customers[customer.id] = customer;
      return customer;
    }
    throw new StripeError(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${method}: ${path}). The local Stripe stand-in does not implement it.`,
    );
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
      if (url.pathname.startsWith("/invoice/")) return invoicePage(req.method ?? "GET", url, body, res);
      if (url.pathname.startsWith("/subscription/")) return subscriptionPage(req.method ?? "GET", url, body, res);
      if (!url.pathname.startsWith("/v1/"))
        return send(res, 404, { error: { type: "invalid_request_error", message: "Not found" } });
      if (req.headers.authorization !== `Bearer ${options.secretKey}`) {
        return send(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
      }
      const params =
        req.method === "GET" || req.method === "DELETE" ? parseStripeForm(url.search.slice(1)) : parseStripeForm(body);
      const key = req.headers["idempotency-key"] as string | undefined;
      const fingerprint = `${req.method} ${url.pathname} ${body}`;
      if (key && state.idempotency[key]) {
        const cached = state.idempotency[key];
        if (cached.fingerprint !== fingerprint) {
          return send(res, 400, {
            error: {
              type: "idempotency_error",
              message:
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            },
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
    const money = (cents: number) =>
      new Intl.NumberFormat("en-US", { style: "currency", currency: session.currency.toUpperCase() }).format(
        cents / 100,
      );
    const interval = session.mode === "subscription" ? subscriptionInterval(state.subscriptionData[session.id]) : null;
    const amount = money(session.amount_total);
    const perPeriod = interval ? ` per ${interval}` : "";
    const discounted = Number((session.total_details as Json | undefined)?.amount_discount ?? 0);
    const discountLine =
      discounted > 0
        ? `<p class="muted">Subtotal ${money(Number(session.amount_subtotal))} · discount −${money(discounted)}</p>`
        : "";
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
         ${discountLine}
         <p class="amount">${amount}${perPeriod}</p>
         <p class="muted">${escape(String(session.customer_email ?? ""))} ·
           this checkout closes in ${minutesLeft} min</p>
         <form method="post">
           <label>Card number<input value="4242 4242 4242 4242" readonly></label>
           <button name="action" value="card" class="primary">
             ${interval ? "Subscribe" : "Pay"} ${amount}${perPeriod}
           </button>
           ${
             interval
               ? ""
               : `<button name="action" value="bank_debit" class="secondary">
                    Pay by bank debit (settles in a few seconds)
                  </button>`
           }
           <button name="action" value="cancel" class="link">Cancel and go back</button>
         </form>`,
      ),
    );
  }

  function invoicePage(method: string, url: URL, body: string, res: http.ServerResponse) {
    const invoice = state.invoices[url.pathname.split("/")[2]];
    if (!invoice || invoice.status === "draft")
      return html(res, 404, page("Invoice not found", `<p>This invoice link is not valid.</p>`));
    const amount = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: invoice.currency.toUpperCase(),
    }).format(invoice.amount_due / 100);
    if (method === "POST" && invoice.status === "open") {
      const action = new URLSearchParams(body).get("action");
      if (action === "pay") {
        invoice.status = "paid";
        invoice.amount_paid = invoice.amount_due;
        invoice.amount_remaining = 0;
        save();
        sendEvents([
          ["invoice.paid", invoice],
          ["invoice.payment_succeeded", invoice],
          ...subscriptionInvoicePaid(invoice),
        ]);
      } else if (action === "decline") {
        void sendEvent("invoice.payment_failed", { ...invoice, last_finalization_error: null });
      }
    }
    const lines = invoice.lines.data
      .map((line) => `<li>${escape(String(line.description ?? "Item"))} × ${String(line.quantity)}</li>`)
      .join("");
    const status =
      invoice.status === "paid"
        ? `<p class="amount">Paid</p><p>Thank you. You can close this page.</p>`
        : invoice.status === "void"
          ? `<p>This invoice was voided.</p>`
          : "";
    return html(
      res,
      200,
      page(
        `Invoice ${String(invoice.number)}`,
        `<p class="muted">Local Stripe stand-in · no real payment is made</p>
         <h1>Invoice ${escape(String(invoice.number))}</h1>
         <p>${escape(String(invoice.description ?? ""))}</p><ul>${lines}</ul>
         <p class="amount">${amount}</p>
         ${status}
         ${
           invoice.status === "open"
             ? `<form method="post">
                  <button name="action" value="pay" class="primary">Pay ${amount}</button>
                  <button name="action" value="decline" class="secondary">Simulate a declined payment</button>
                </form>`
             : ""
         }`,
      ),
    );
  }

  /**
   * A subscription's page — the stand-in's clock, standing in for the weeks Stripe waits: end the current period now
   * (the next invoice is paid or declined; a cancelled subscription ends), or give up the retries of a declined one.
   */
  function subscriptionPage(method: string, url: URL, body: string, res: http.ServerResponse) {
    const subscription = state.subscriptions[url.pathname.split("/")[2]];
    if (!subscription) return html(res, 404, page("Subscription not found", `<p>This subscription is not known.</p>`));
    if (method === "POST") {
      const action = new URLSearchParams(body).get("action");
      if (subscription.status !== "canceled") {
        if (action === "renew_paid") endPeriod(subscription, "paid");
        else if (action === "renew_declined") endPeriod(subscription, "declined");
        else if (action === "give_up" && subscription.status === "past_due") endSubscription(subscription);
        save();
      }
      return redirect(res, url.pathname);
    }
    const item = subscription.items.data[0];
    const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
    const amount = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: subscription.currency.toUpperCase(),
    }).format((item.price.unit_amount * item.quantity) / 100);
    const invoice = subscription.latest_invoice ? state.invoices[subscription.latest_invoice] : undefined;
    const controls =
      subscription.status === "canceled"
        ? `<p>Ended on ${day(Number(subscription.ended_at))}.</p>`
        : subscription.cancel_at_period_end
          ? `<p>Cancelled: it ends when the period does.</p>
             <form method="post">
               <button name="action" value="renew_paid" class="primary">End the period now</button>
             </form>`
          : `<form method="post">
               <button name="action" value="renew_paid" class="primary">
                 End the period now: the card is charged
               </button>
               <button name="action" value="renew_declined" class="secondary">
                 End the period now: the card is declined
               </button>
               ${
                 subscription.status === "past_due"
                   ? `<button name="action" value="give_up" class="secondary">Retries exhausted: cancel it</button>`
                   : ""
               }
             </form>`;
    return html(
      res,
      200,
      page(
        `Subscription ${subscription.id}`,
        `<p class="muted">Local Stripe stand-in · the subscription's clock</p>
         <h1>${escape(String((item.price.product_data as Json | undefined)?.name ?? "Subscription"))}</h1>
         <p class="amount">${amount} per ${item.price.recurring.interval}</p>
         <p>Status: <strong>${subscription.status}</strong> · current period ${day(item.current_period_start)} to
           ${day(item.current_period_end)}</p>
         ${
           invoice?.status === "open"
             ? `<p><a href="${escape(String(invoice.hosted_invoice_url))}">
                  Open invoice ${escape(String(invoice.number))}</a></p>`
             : ""
         }
         ${controls}`,
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

/** The name of what a subscription item bills. */
function productName(item: SubscriptionItem) {
  return String((item.price.product_data as Json | undefined)?.name ?? "Subscription");
}

/** A subscription-mode session's billing interval ("month"). */
function subscriptionInterval(data: { lineItems: Json[] } | undefined) {
  const price = data?.lineItems[0]?.price_data as Json | undefined;
  return String((price?.recurring as Json | undefined)?.interval ?? "month");
}

function closedMessage(session: CheckoutSession) {
  return session.status === "complete"
    ? `<h1>Already paid</h1><p>This checkout was completed.</p>`
    : `<h1>This checkout has expired</h1><p>The seat hold ended. Go back to the course to try again.</p>` +
        `<p><a href="${escape(session.cancel_url)}">Back</a></p>`;
}

/** The hosted pages' styles: a narrow card in Stripe Checkout's colours. */
const PAGE_STYLE = `
body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0}
main{max-width:440px;margin:48px auto;background:#fff;border:1px solid #e3e8ee;border-radius:8px;padding:32px}
h1{font-size:20px;margin:8px 0}.amount{font-size:32px;font-weight:600;margin:12px 0}.muted{color:#5b6474;font-size:13px}
label{display:block;font-size:13px;color:#5b6474;margin:20px 0 12px}
input{display:block;width:100%;box-sizing:border-box;margin-top:4px;padding:10px;border:1px solid #cfd7df;
border-radius:6px;font-size:15px}
button{display:block;width:100%;margin-top:10px;padding:12px;border-radius:6px;font-size:15px;cursor:pointer}
.primary{background:#635bff;color:#fff;border:0;font-weight:600}
.secondary{background:#fff;border:1px solid #cfd7df;color:#1a1f36}.link{background:none;border:0;color:#635bff}
`;

function page(title: string, content: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title>
<style>${PAGE_STYLE}</style></head><body><main>${content}</main></body></html>`;
}
