/** The real `stripe` SDK against the local stand-in; webhooks verify with Stripe's own code. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { freePort } from "../../tests/support/free-port";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseStripeForm, startLocalStripe } from "../server";

const SECRET = "sk_test_local_abc";
const WEBHOOK_SECRET = "whsec_local_abc";

describe("local Stripe stand-in", () => {
  const received: Stripe.Event[] = [];
  const failures: string[] = [];
  let receiver: http.Server;
  let stand: ReturnType<typeof startLocalStripe>;
  let stripe: Stripe;
  let port: number;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        Stripe.webhooks
          .constructEventAsync(
            body,
            req.headers["stripe-signature"] as string,
            WEBHOOK_SECRET,
            300,
            Stripe.createSubtleCryptoProvider(),
          )
          .then((event) => {
            received.push(event);
            res.writeHead(200).end();
          })
          .catch((error: Error) => {
            failures.push(error.message);
            res.writeHead(400).end();
          });
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    port = await freePort();
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    stand = startLocalStripe({
      port,
      secretKey: SECRET,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: hook,
      log: () => undefined,
    });
    await new Promise((r) => setTimeout(r, 200));
    stripe = new Stripe(SECRET, {
      host: "127.0.0.1",
      port,
      protocol: "http",
      httpClient: Stripe.createFetchHttpClient(),
      telemetry: false,
    });
  });

  afterAll(async () => {
    await stand.close();
    await new Promise((r) => receiver.close(r));
  });

  const waitForEvent = async (type: string, objectId?: string) => {
    for (let i = 0; i < 100; i++) {
      const event = received.find(
        (e) => e.type === type && (objectId === undefined || (e.data.object as { id?: string }).id === objectId),
      );
      if (event) return event;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${type} event`);
  };

  test("parses Stripe's nested form encoding", () => {
    expect(parseStripeForm("a=1&line_items[0][price_data][unit_amount]=5&metadata[x]=y")).toEqual({
      a: "1",
      line_items: [{ price_data: { unit_amount: "5" } }],
      metadata: { x: "y" },
    });
  });

  test("checkout: create (idempotent), pay on the hosted page, signed webhook, refund", async () => {
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: "payment",
      line_items: [
        { quantity: 1, price_data: { currency: "usd", unit_amount: 149700, product_data: { name: "Intensive" } } },
      ],
      client_reference_id: "enr_1",
      metadata: { enrollmentId: "enr_1" },
      expires_at: Math.floor(Date.now() / 1000) + 31 * 60,
      success_url: "http://localhost:3000/checkout/return?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: "http://localhost:3000/cancel",
    };
    const session = await stripe.checkout.sessions.create(params, { idempotencyKey: "k1" });
    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: "k1" });
    expect(again.id).toBe(session.id);
    expect(session).toMatchObject({ status: "open", amount_total: 149700, client_reference_id: "enr_1" });
    await expect(
      stripe.checkout.sessions.create({ ...params, client_reference_id: "other" }, { idempotencyKey: "k1" }),
    ).rejects.toThrow(/same parameters/);
    await expect(
      stripe.checkout.sessions.create({ ...params, expires_at: Math.floor(Date.now() / 1000) + 60 }),
    ).rejects.toThrow(/30 minutes/);

    const pageResponse = await fetch(session.url!);
    expect(await pageResponse.text()).toContain("Pay $1,497");
    const paid = await fetch(session.url!, {
      method: "POST",
      body: "action=card",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`http://localhost:3000/checkout/return?session_id=${session.id}`);
    const completed = await waitForEvent("checkout.session.completed");
    const object = completed.data.object as Stripe.Checkout.Session;
    expect(object).toMatchObject({ id: session.id, payment_status: "paid", client_reference_id: "enr_1" });

    const refund = await stripe.refunds.create({ payment_intent: object.payment_intent as string });
    expect(refund.status).toBe("succeeded");
    const refunded = await waitForEvent("charge.refunded");
    expect((refunded.data.object as Stripe.Charge).payment_intent).toBe(object.payment_intent);
    await expect(stripe.refunds.create({ payment_intent: object.payment_intent as string })).rejects.toThrow(
      /already been refunded/,
    );
    expect(failures).toEqual([]);
  });

  test(
    "coupons and promotion codes: a 20 % code lowers amount_total, counts its redemption on payment, " +
      "refuses when exhausted, expired or inactive",
    async () => {
      const coupon = await stripe.coupons.create({
        percent_off: 20,
        duration: "once",
        max_redemptions: 1,
        name: "Spring 20",
        metadata: { courseId: "c1" },
      });
      expect(coupon).toMatchObject({
        object: "coupon",
        percent_off: 20,
        amount_off: null,
        times_redeemed: 0,
        valid: true,
      });
      await expect(stripe.coupons.create({ duration: "once" })).rejects.toThrow(/exactly one of/);
      await expect(stripe.coupons.create({ amount_off: 500, duration: "once" })).rejects.toThrow(/currency/);

      const code = await stripe.promotionCodes.create({
        promotion: { type: "coupon", coupon: coupon.id },
        code: "SPRING20",
      });
      expect(code).toMatchObject({ object: "promotion_code", code: "SPRING20", active: true, times_redeemed: 0 });
      expect(code.promotion.coupon).toBe(coupon.id);
      await expect(
        stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: coupon.id }, code: "spring20" }),
      ).rejects.toThrow(/already exists/);

      const params = (discount: Stripe.Checkout.SessionCreateParams.Discount): Stripe.Checkout.SessionCreateParams => ({
        mode: "payment",
        line_items: [
          { quantity: 1, price_data: { currency: "usd", unit_amount: 149700, product_data: { name: "Intensive" } } },
        ],
        discounts: [discount],
        expires_at: Math.floor(Date.now() / 1000) + 31 * 60,
        success_url: "http://localhost/s?session_id={CHECKOUT_SESSION_ID}",
        cancel_url: "http://localhost/c",
      });
      const session = await stripe.checkout.sessions.create(params({ promotion_code: code.id }));
      expect(session).toMatchObject({
        amount_subtotal: 149700,
        amount_total: 119760,
        total_details: { amount_discount: 29940 },
        discounts: [{ coupon: coupon.id, promotion_code: code.id }],
      });
      await expect(
        stripe.checkout.sessions.create({ ...params({ promotion_code: code.id }), allow_promotion_codes: true }),
      ).rejects.toThrow(/only specify one/);
      expect(await (await fetch(session.url!)).text()).toContain("discount −$299.40");
      await fetch(session.url!, {
        method: "POST",
        body: "action=card",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      });
      const completed = (await waitForEvent("checkout.session.completed", session.id)).data
        .object as Stripe.Checkout.Session;
      expect(completed).toMatchObject({ id: session.id, amount_total: 119760 });
      expect((await stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
      expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({ times_redeemed: 1, valid: false });
      await expect(stripe.checkout.sessions.create(params({ promotion_code: code.id }))).rejects.toThrow(
        /no longer valid/,
      );

      const fixed = await stripe.coupons.create({ amount_off: 200000, currency: "usd", duration: "once" });
      const expiring = await stripe.promotionCodes.create({
        promotion: { type: "coupon", coupon: fixed.id },
        code: "SOON",
        expires_at: Math.floor(Date.now() / 1000) + 1,
      });
      const free = await stripe.checkout.sessions.create(params({ coupon: fixed.id }));
      expect(free).toMatchObject({ amount_total: 0, total_details: { amount_discount: 149700 } });
      const disabled = await stripe.promotionCodes.update(expiring.id, { active: false });
      expect(disabled.active).toBe(false);
      await expect(stripe.checkout.sessions.create(params({ promotion_code: expiring.id }))).rejects.toThrow(
        /inactive/,
      );
      await stripe.promotionCodes.update(expiring.id, { active: true });
      await new Promise((r) => setTimeout(r, 1100));
      await expect(stripe.checkout.sessions.create(params({ promotion_code: expiring.id }))).rejects.toThrow(/expired/);
      expect(failures).toEqual([]);
    },
  );

  test("expiring a session sends checkout.session.expired; a wrong key is refused", async () => {
    const session = await stripe.checkout.sessions.create({
      mode: "payment",
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 100, product_data: { name: "x" } } }],
      expires_at: Math.floor(Date.now() / 1000) + 40 * 60,
      success_url: "http://localhost/s",
      cancel_url: "http://localhost/c",
    });
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired.status).toBe("expired");
    expect((await waitForEvent("checkout.session.expired")).data.object).toMatchObject({ id: session.id });
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toThrow(/can be expired/);
    const wrong = new Stripe("sk_test_wrong", {
      host: "127.0.0.1",
      port,
      protocol: "http",
      httpClient: Stripe.createFetchHttpClient(),
    });
    await expect(wrong.checkout.sessions.retrieve(session.id)).rejects.toThrow(/Invalid API Key/);
  });

  test("invoices: send_invoice with seat quantity, finalize, send, pay or decline on the hosted page", async () => {
    const customer = await stripe.customers.create({ email: "billing@acme.com", name: "Acme" });
    const invoice = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 14,
      metadata: { purchaseId: "p1" },
    });
    expect(invoice.status).toBe("draft");
    await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: invoice.id,
      currency: "usd",
      quantity: 12,
      unit_amount_decimal: Stripe.Decimal.from(119700),
      description: "Seat",
    });
    const finalized = await stripe.invoices.finalizeInvoice(invoice.id!);
    expect(finalized).toMatchObject({ status: "open", amount_due: 12 * 119700 });
    expect(finalized.hosted_invoice_url).toMatch(/\/invoice\/in_local_/);
    await stripe.invoices.sendInvoice(invoice.id!);
    await expect(
      stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 5, currency: "usd" }),
    ).rejects.toThrow(/draft/);

    const declined = await fetch(finalized.hosted_invoice_url!, {
      method: "POST",
      body: "action=decline",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await declined.text()).toContain("Simulate a declined payment");
    expect((await waitForEvent("invoice.payment_failed")).data.object).toMatchObject({
      id: invoice.id,
      status: "open",
    });

    await fetch(finalized.hosted_invoice_url!, {
      method: "POST",
      body: "action=pay",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const paid = (await waitForEvent("invoice.paid")).data.object as Stripe.Invoice;
    expect(paid).toMatchObject({
      id: invoice.id,
      status: "paid",
      amount_paid: 12 * 119700,
      metadata: { purchaseId: "p1" },
    });
    expect((await stripe.invoices.retrieve(invoice.id!)).status).toBe("paid");
    expect(failures).toEqual([]);
  });

  /** The subscription as each `customer.subscription.updated` event carried it, in order. */
  const updatesOf = (subscriptionId: string) =>
    received
      .filter((e) => e.type === "customer.subscription.updated")
      .map((e) => e.data.object as Stripe.Subscription)
      .filter((subscription) => subscription.id === subscriptionId);

  const post = (url: string, action: string) =>
    fetch(url, {
      method: "POST",
      body: `action=${action}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });

  /** A paid subscription-mode Checkout of $199 a month; returns the subscription the webhooks named. */
  async function subscribe(metadata: Record<string, string>) {
    const session = await stripe.checkout.sessions.create({
      mode: "subscription",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: 19900,
            recurring: { interval: "month" },
            product_data: { name: "Foundations Track (monthly)" },
          },
        },
      ],
      customer_email: "sub@example.com",
      metadata,
      subscription_data: { metadata },
      expires_at: Math.floor(Date.now() / 1000) + 31 * 60,
      success_url: "http://localhost/s",
      cancel_url: "http://localhost/c",
    });
    expect(session).toMatchObject({ mode: "subscription", status: "open", amount_total: 19900, subscription: null });
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain("Subscribe $199.00 per month");
    expect(page).not.toContain("bank debit");
    expect((await post(session.url!, "card")).status).toBe(303);
    const completed = (await waitForEvent("checkout.session.completed", session.id)).data
      .object as Stripe.Checkout.Session;
    return { session, completed, subscriptionId: completed.subscription as string };
  }

  test("subscription mode: Stripe's refusals, then a subscription, its first invoice paid, its events", async () => {
    const base = {
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: 19900,
            recurring: { interval: "month" as const },
            product_data: { name: "Monthly" },
          },
        },
      ],
      expires_at: Math.floor(Date.now() / 1000) + 31 * 60,
      success_url: "http://localhost/s",
      cancel_url: "http://localhost/c",
    };
    await expect(stripe.checkout.sessions.create({ ...base, mode: "payment" })).rejects.toThrow(/recurring price/);
    await expect(
      stripe.checkout.sessions.create({
        ...base,
        mode: "subscription",
        line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 1, product_data: { name: "x" } } }],
      }),
    ).rejects.toThrow(/at least one recurring price/);
    await expect(
      stripe.checkout.sessions.create({ ...base, mode: "subscription", payment_intent_data: { metadata: { a: "b" } } }),
    ).rejects.toThrow(/payment_intent_data/);

    const { completed, subscriptionId } = await subscribe({ pathPurchaseId: "pp_1" });
    expect(completed).toMatchObject({ mode: "subscription", payment_status: "paid", status: "complete" });
    expect(subscriptionId).toMatch(/^sub_local_/);
    const created = (await waitForEvent("customer.subscription.created", subscriptionId)).data
      .object as Stripe.Subscription;
    expect(created).toMatchObject({
      status: "active",
      cancel_at_period_end: false,
      metadata: { pathPurchaseId: "pp_1" },
    });
    const item = created.items.data[0];
    // A calendar month, as Stripe bills.
    const start = new Date(item.current_period_start * 1000);
    const end = new Date(item.current_period_end * 1000);
    expect((end.getUTCMonth() - start.getUTCMonth() + 12) % 12).toBe(1);
    const invoice = (await waitForEvent("invoice.paid", created.latest_invoice as string)).data
      .object as Stripe.Invoice;
    expect(invoice).toMatchObject({
      status: "paid",
      amount_paid: 19900,
      billing_reason: "subscription_create",
      parent: { subscription_details: { subscription: subscriptionId, metadata: { pathPurchaseId: "pp_1" } } },
    });
    expect(invoice.lines.data[0].period).toEqual({ start: item.current_period_start, end: item.current_period_end });
    expect(await stripe.subscriptions.retrieve(subscriptionId)).toMatchObject({ id: subscriptionId, status: "active" });
    const mine = await stripe.subscriptions.list({ customer: completed.customer as string });
    expect(mine.data.map((s) => s.id)).toEqual([subscriptionId]);
    expect(failures).toEqual([]);
  });

  test(
    "a subscription's clock: renewals paid and declined (past due, then paid on the invoice page), " +
      "retries given up",
    async () => {
      const { subscriptionId } = await subscribe({ pathPurchaseId: "pp_2" });
      const page = `http://127.0.0.1:${port}/subscription/${subscriptionId}`;
      const first = await stripe.subscriptions.retrieve(subscriptionId);
      const firstEnd = first.items.data[0].current_period_end;

      await post(page, "renew_paid");
      const renewed = await stripe.subscriptions.retrieve(subscriptionId);
      expect(renewed.items.data[0].current_period_start).toBe(firstEnd);
      const cycle = (await waitForEvent("invoice.paid", renewed.latest_invoice as string)).data
        .object as Stripe.Invoice;
      expect(cycle).toMatchObject({ billing_reason: "subscription_cycle", amount_paid: 19900 });
      expect(cycle.lines.data[0].period.end).toBe(renewed.items.data[0].current_period_end);

      await post(page, "renew_declined");
      const pastDue = await stripe.subscriptions.retrieve(subscriptionId);
      expect(pastDue.status).toBe("past_due");
      const failed = (await waitForEvent("invoice.payment_failed", pastDue.latest_invoice as string)).data
        .object as Stripe.Invoice;
      expect(failed).toMatchObject({ status: "open", amount_paid: 0 });
      for (let i = 0; i < 100 && !updatesOf(subscriptionId).some((s) => s.status === "past_due"); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(updatesOf(subscriptionId).map((s) => s.status)).toEqual(["active", "past_due"]);
      expect(await (await fetch(page)).text()).toContain("Retries exhausted");

      // The learner pays the open invoice on Stripe's page: the subscription is active again.
      await post(failed.hosted_invoice_url!, "pay");
      await waitForEvent("invoice.paid", failed.id);
      for (let i = 0; i < 50 && (await stripe.subscriptions.retrieve(subscriptionId)).status !== "active"; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await stripe.subscriptions.retrieve(subscriptionId)).status).toBe("active");

      await post(page, "renew_declined");
      await post(page, "give_up");
      const deleted = (await waitForEvent("customer.subscription.deleted", subscriptionId)).data
        .object as Stripe.Subscription;
      expect(deleted).toMatchObject({ status: "canceled" });
      expect(deleted.ended_at).not.toBeNull();
      expect(failures).toEqual([]);
    },
  );

  test(
    "cancelling at the period's end: updated with previous attributes, kept, cancelled again, " +
      "ended with the period",
    async () => {
      const { subscriptionId } = await subscribe({ pathPurchaseId: "pp_3" });
      const cancelling = await stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true },
        { idempotencyKey: "cancel-1" },
      );
      expect(cancelling).toMatchObject({ status: "active", cancel_at_period_end: true });
      expect(cancelling.canceled_at).not.toBeNull();
      const event = await waitForEvent("customer.subscription.updated", subscriptionId);
      expect(event.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
      expect((event.data.object as Stripe.Subscription).cancel_at_period_end).toBe(true);
      // The same request again is replayed, not applied twice: the same answer, no second event.
      const replayed = await stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: true },
        { idempotencyKey: "cancel-1" },
      );
      expect(replayed.canceled_at).toBe(cancelling.canceled_at);
      await new Promise((r) => setTimeout(r, 100));
      expect(updatesOf(subscriptionId)).toHaveLength(1);

      expect(
        (await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false })).canceled_at,
      ).toBeNull();
      await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
      const page = `http://127.0.0.1:${port}/subscription/${subscriptionId}`;
      expect(await (await fetch(page)).text()).toContain("End the period now");
      await post(page, "renew_paid");
      const ended = (await waitForEvent("customer.subscription.deleted", subscriptionId)).data
        .object as Stripe.Subscription;
      expect(ended).toMatchObject({ status: "canceled", cancel_at_period_end: true });
      await expect(stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: false })).rejects.toThrow(
        /canceled subscription/,
      );

      // Cancelling at once (DELETE) ends another subscription with its event.
      const other = await subscribe({ pathPurchaseId: "pp_4" });
      expect(await stripe.subscriptions.cancel(other.subscriptionId)).toMatchObject({ status: "canceled" });
      await waitForEvent("customer.subscription.deleted", other.subscriptionId);
      await expect(stripe.subscriptions.cancel(other.subscriptionId)).rejects.toThrow(/already canceled/);
      expect(failures).toEqual([]);
    },
  );
});
