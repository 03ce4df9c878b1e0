import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Stripe from "stripe";
import { E2E } from "./config";
import { STRIPE_PAY_URL, expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

const COURSE = "/courses/ai-fundamentals";
const COHORT = "AI Fundamentals (January)";

/** The Stripe SDK pointed at the local stand-in, with the key the app uses. */
function standInStripe() {
  const env = JSON.parse(fs.readFileSync(E2E.envFile, "utf8")) as { STRIPE_SECRET_KEY: string };
  return new Stripe(env.STRIPE_SECRET_KEY, {
    host: "127.0.0.1",
    port: E2E.stripePort,
    protocol: "http",
    telemetry: false,
  });
}

async function payOnStandIn(page: Page, url: string, amount: RegExp) {
  await page.goto(url);
  await page.getByRole("button", { name: amount }).click();
}

test("a payment on a checkout we did not create is listed for review and refunded by an admin; a partial refund keeps the seat", async ({
  browser,
}) => {
  test.setTimeout(180_000); // two people, four Stripe round-trips with webhooks
  const stripe = standInStripe();
  const [learnerContext, adminContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [learner, admin] = await Promise.all([learnerContext.newPage(), adminContext.newPage()]);

  // The learner holds a seat; their own checkout is open on the stand-in.
  await signInThroughMailbox(learner, "pat.payer@example.com");
  await learner.goto(COURSE);
  await learner
    .getByRole("listitem")
    .filter({ hasText: COHORT })
    .getByRole("button", { name: `Reserve seat in ${COHORT}` })
    .click();
  await learner.waitForURL(STRIPE_PAY_URL);
  const ownCheckout = learner.url();
  const ownSession = await stripe.checkout.sessions.retrieve(ownCheckout.split("/pay/")[1]);
  const enrollmentId = ownSession.client_reference_id!;

  // Someone pays $1 on another checkout of the same Stripe account that names this enrollment.
  const forged = await stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 100, product_data: { name: "Sticker" } } }],
    client_reference_id: enrollmentId,
    expires_at: Math.floor(Date.now() / 1000) + 31 * 60,
    success_url: `${E2E.webUrl}/checkout/return?session_id={CHECKOUT_SESSION_ID}`,
    cancel_url: `${E2E.webUrl}/`,
  });
  await payOnStandIn(learner, forged.url!, /^Pay \$1\.00/);
  await expect(learner.getByRole("heading", { name: "We could not match this payment to your account" })).toBeVisible({
    timeout: 30_000,
  });

  // The platform admin sees it on /admin and refunds it.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  const reviews = admin.getByRole("region", { name: "Payments to review" });
  const item = reviews.getByRole("listitem").filter({ hasText: "Paid on a checkout we did not create" });
  await expect(item).toContainText("$1");
  await expect(item).toContainText("pat.payer@example.com");
  await expect(reviews.getByText("1 open")).toBeVisible();
  await expectAccessible(admin);

  await item.getByRole("button", { name: "Refund $1" }).click();
  const dialog = admin.getByRole("dialog", { name: "Refund $1?" });
  await dialog.getByLabel("Reason (optional, sent to Stripe)").fill("Not a purchase of ours.");
  await expectAccessible(admin);
  await dialog.getByRole("button", { name: "Refund payment" }).click();
  await expect(admin.getByText("Refund sent to Stripe.")).toBeVisible();
  await expect(reviews.getByText("No payments need review.")).toBeVisible();
  await reviews.getByText("Recently resolved (1)").click();
  await expect(reviews.getByText("$1 back to the customer")).toBeVisible();
  await expect(reviews.getByText("Note: Not a purchase of ours.")).toBeVisible();

  // The real checkout still works and gives the seat.
  await payOnStandIn(learner, ownCheckout, /^Pay \$997/);
  await learner.waitForURL(/\/learn$/);
  await expect(learner.getByRole("heading", { name: "AI Fundamentals" })).toBeVisible();

  // A partial refund in Stripe's dashboard keeps the seat and shows on the cohort's enrollments.
  const paid = await stripe.checkout.sessions.retrieve(ownSession.id);
  await stripe.refunds.create({ payment_intent: paid.payment_intent as string, amount: 20_000 });
  await admin.getByRole("region", { name: "Cohorts" }).getByRole("link", { name: COHORT }).click();
  const row = admin.getByRole("row").filter({ hasText: "pat.payer@example.com" });
  await expect(row.getByText("partly refunded")).toBeVisible();
  await expect(row.getByText("$200 refunded")).toBeVisible();
  await expect(row.getByText("completed")).toBeVisible();
  await expectAccessible(admin);
  await learner.reload();
  await expect(learner.getByRole("heading", { name: "AI Fundamentals" })).toBeVisible();

  await Promise.all([learnerContext.close(), adminContext.close()]);
});
