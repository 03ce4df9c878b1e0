import fs from "node:fs";
import { expect, test } from "@playwright/test";
import Stripe from "stripe";
import { E2E } from "./config";
import { expectAccessible, pagesApart, signInAsDemo, signInThroughMailbox, STRIPE_PAY_URL } from "./helpers";

test("a visitor compares learning paths: steps in order with how each opens, and the bundle's saving", async ({
  page,
}) => {
  await page.goto("/courses");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Paths" }).click();
  await expect(page.getByRole("heading", { name: "Learning paths" })).toBeVisible();
  const card = page.getByRole("link", { name: /AI Foundations Track/ });
  await expect(card).toContainText("$2,997");
  await expect(card).toContainText("save $794 (21%)");
  await expect(page.getByRole("link", { name: /AI Builder Track/ })).toContainText("2 courses at their own prices");
  await page.screenshot({ path: "test-results/paths-catalog.png", fullPage: true });
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/paths-catalog-phone.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  await card.click();
  await expect(page.getByRole("heading", { name: "AI Foundations Track" })).toBeVisible();
  const steps = page.getByTestId("path-step");
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText("AI Fundamentals");
  await expect(steps.nth(0)).toContainText("Open from the start");
  await expect(steps.nth(1)).toContainText("Opens when you complete AI Fundamentals");
  await expect(steps.nth(2)).toContainText("Opens when you complete Prompt Engineering Mastery");
  await expect(steps.nth(2)).toContainText("Week 5-6");
  await expect(page.getByTestId("path-price")).toContainText("Instead of $3,791 for the courses one by one.");
  await expect(page.getByRole("list", { name: "Skills" })).toContainText("Prompt Engineering");
  await page.screenshot({ path: "test-results/paths-detail.png", fullPage: true });
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/paths-detail-phone.png", fullPage: true });
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 720 });

  // A course names the paths it belongs to.
  await steps.nth(1).getByRole("link", { name: "Prompt Engineering Mastery" }).click();
  await expect(page.getByRole("link", { name: "Step 2 of 3 in the AI Foundations Track" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Step 1 of 2 in the AI Builder Track" })).toBeVisible();
});

test("a platform admin drafts a path, adds two steps with their rules, and publishes it to the catalogue", async ({
  page,
}) => {
  await signInAsDemo(page, "Priya Raman");
  await page.goto("/admin/paths");
  await expect(page.getByRole("link", { name: "AI Foundations Track" })).toBeVisible();
  await page.getByRole("link", { name: "New path" }).click();
  await page.getByLabel("Title", { exact: true }).fill("Executive Essentials Track");
  await page.getByLabel("URL slug").fill("executive-essentials-track");
  await page.getByLabel("Short description").fill("A briefing, then strategy");
  await page
    .getByLabel("Description", { exact: true })
    .fill("Start with the briefing, then plan your organization's AI strategy.");
  await page.getByLabel("Estimated duration").fill("3 weeks");
  await page.getByLabel("Pricing").selectOption("bundled");
  await page.getByLabel("Bundle price (USD)").fill("2500");
  await page.getByRole("button", { name: "Create path" }).click();
  await expect(page.getByText("Path created. Add its steps, then publish it.")).toBeVisible();

  const editor = page.getByTestId("path-steps-editor");
  await editor.getByLabel("Course").selectOption({ label: "AI in 90 Minutes: Executive Briefing · $197" });
  await editor.getByLabel("Opens").selectOption("immediate");
  await editor.getByRole("button", { name: "Add step" }).click();
  await expect(page.getByText("Step added.")).toBeVisible();
  await editor.getByRole("button", { name: "Add step" }).click();
  await editor.getByLabel("Course").selectOption({ label: "AI Strategy for Leaders · $2,497" });
  await editor.getByLabel("Opens").selectOption("after_days");
  await editor.getByLabel("Days after enrolling").fill("7");
  await editor.getByRole("button", { name: "Add step" }).last().click();
  await expect(editor.getByTestId("admin-step")).toHaveCount(2);
  await expect(editor.getByTestId("admin-step").nth(1)).toContainText("Opens 7 days after enrolling");

  // $2,800 is not less than the $2,694 the courses cost one by one: the server says why it cannot be published.
  await page.getByLabel("Bundle price (USD)").fill("2800");
  await page.getByText("Published", { exact: true }).click();
  await page.getByRole("button", { name: "Save path" }).click();
  await expect(page.getByText("The bundle must cost less than its courses one by one ($2,694).")).toBeVisible();
  await page.getByLabel("Bundle price (USD)").fill("2300");
  await page.getByRole("button", { name: "Save path" }).click();
  await expect(page.getByText("Path saved.")).toBeVisible();
  await page.screenshot({ path: "test-results/paths-admin-editor.png", fullPage: true });
  await expectAccessible(page);

  await page.getByRole("link", { name: "View the public page" }).click();
  await expect(page.getByRole("heading", { name: "Executive Essentials Track" })).toBeVisible();
  await expect(page.getByTestId("path-price")).toContainText("save $394 (15%)");
  await expect(page.getByTestId("path-step").nth(1)).toContainText("Opens 7 days after you enroll");
});

test("a buyer purchases a two-course bundle, sees step 2 locked, finishes step 1 and watches step 2 open without a reload", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { pages, close } = await pagesApart(browser, 2);
  const [admin, buyer] = pages;
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  // Priya publishes a two-course bundle whose second step opens once the first is completed, and dates a briefing.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/paths");
  await admin.getByRole("link", { name: "New path" }).click();
  await admin.getByLabel("Title", { exact: true }).fill("Leader's First Steps");
  await admin.getByLabel("URL slug").fill("leaders-first-steps");
  await admin.getByLabel("Short description").fill("The briefing, then strategy");
  await admin.getByLabel("Description", { exact: true }).fill("The executive briefing first, then AI strategy.");
  await admin.getByLabel("Estimated duration").fill("4 weeks");
  await admin.getByLabel("Pricing").selectOption("bundled");
  await admin.getByLabel("Bundle price (USD)").fill("2400");
  await admin.getByRole("button", { name: "Create path" }).click();
  await expect(admin.getByText("Path created. Add its steps, then publish it.")).toBeVisible();
  const editor = admin.getByTestId("path-steps-editor");
  await editor.getByLabel("Course").selectOption({ label: "AI in 90 Minutes: Executive Briefing · $197" });
  await editor.getByLabel("Opens").selectOption("immediate");
  await editor.getByRole("button", { name: "Add step" }).click();
  await expect(editor.getByTestId("admin-step")).toHaveCount(1);
  await editor.getByRole("button", { name: "Add step" }).click();
  await editor.getByLabel("Course").selectOption({ label: "AI Strategy for Leaders · $2,497" });
  await editor.getByLabel("Opens").selectOption("sequential");
  await editor.getByRole("button", { name: "Add step" }).last().click();
  await expect(editor.getByTestId("admin-step")).toHaveCount(2);
  await admin.getByText("Published", { exact: true }).click();
  await admin.getByRole("button", { name: "Save path" }).click();
  await expect(admin.getByText("Path saved.")).toBeVisible();

  await admin.goto("/admin/courses");
  await admin.getByRole("link", { name: "AI in 90 Minutes: Executive Briefing" }).click();
  await admin.getByRole("link", { name: "New cohort" }).click();
  await admin.getByLabel("Name").fill("Executive Briefing (path buyers)");
  await admin.getByLabel("First day").fill(iso(Date.now() + 10 * DAY));
  await admin.getByLabel("Last day").fill(iso(Date.now() + 10 * DAY));
  await admin.getByRole("button", { name: "Create cohort" }).click();
  await expect(admin.getByRole("heading", { name: "Executive Briefing (path buyers)" })).toBeVisible();

  // The buyer pays for the bundle on Stripe's page and lands on their path: step 1 open, step 2 locked.
  await signInThroughMailbox(buyer, "path.buyer@example.com");
  await buyer.waitForURL(/\/learn$/);
  await buyer.goto("/paths/leaders-first-steps");
  await buyer.getByRole("button", { name: "Buy the bundle — $2,400" }).click();
  await buyer.waitForURL(STRIPE_PAY_URL);
  await buyer.getByRole("button", { name: /^Pay \$/ }).click();
  await expect(buyer.getByRole("heading", { name: "Payment received — you're enrolled" })).toBeVisible({
    timeout: 30_000,
  });
  await buyer.getByRole("link", { name: "Open my path" }).click();
  await buyer.waitForURL(/\/learn\/paths\//);
  const steps = buyer.getByTestId("my-path-step");
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0).getByTestId("step-state")).toHaveText("Open");
  await expect(steps.nth(1).getByTestId("step-state")).toHaveText("Locked");
  await expect(steps.nth(1)).toContainText("Opens when you complete AI in 90 Minutes: Executive Briefing");
  await steps
    .nth(0)
    .getByRole("button", { name: /Choose a cohort/ })
    .click();
  await steps.nth(0).getByRole("button", { name: "Take my seat in Executive Briefing (path buyers)" }).click();
  await expect(steps.nth(0)).toContainText("Your seat: Executive Briefing (path buyers)");
  await expect(buyer.getByTestId("path-progress")).toContainText("0 of 2 required courses completed");
  await expectAccessible(buyer);

  // The briefing takes place (Priya moves it into the past), she marks attendance and issues certificates.
  await admin.reload();
  await admin.getByLabel("First day").fill(iso(Date.now() - 3 * DAY));
  await admin.getByLabel("Last day").fill(iso(Date.now() - 3 * DAY));
  await admin.getByLabel("Status").selectOption("completed");
  await admin.getByRole("button", { name: "Save cohort" }).click();
  await expect(admin.getByText("Cohort saved; learners' schedules updated.")).toBeVisible();
  const session = admin.getByTestId("staff-session").first();
  await session.getByRole("button", { name: "Attendance" }).click();
  await session.getByRole("button", { name: "Mark all present" }).click();
  await expect(session).toContainText("1 attended");
  await admin.getByRole("button", { name: "Issue certificates now" }).click();

  // Without a reload, the buyer's path shows step 1 completed and step 2 open, with its seat to choose.
  await expect(steps.nth(0).getByTestId("step-state")).toHaveText("Completed", { timeout: 60_000 });
  await expect(steps.nth(1).getByTestId("step-state")).toHaveText("Open");
  await expect(steps.nth(1).getByRole("button", { name: /Choose a cohort/ })).toBeVisible();
  await expect(buyer.getByTestId("path-progress")).toContainText("1 of 2 required courses completed");
  await expect(buyer.getByRole("progressbar", { name: /Progress in the Leader's First Steps/ })).toHaveAttribute(
    "aria-valuenow",
    "50",
  );
  await buyer.screenshot({ path: "test-results/paths-learner.png", fullPage: true });
  await expectAccessible(buyer);
  await buyer.setViewportSize({ width: 390, height: 844 });
  await buyer.screenshot({ path: "test-results/paths-learner-phone.png", fullPage: true });
  await expectAccessible(buyer);
  await close();
});

test("a learner subscribes to a path by the month; a declined renewal pauses it live, paying the invoice resumes it; cancelling keeps it to the month's end", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { pages, close } = await pagesApart(browser, 2);
  const [admin, learner] = pages;

  // Priya publishes a path sold by the month.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/paths");
  await admin.getByRole("link", { name: "New path" }).click();
  await admin.getByLabel("Title", { exact: true }).fill("Fundamentals Monthly");
  await admin.getByLabel("URL slug").fill("fundamentals-monthly");
  await admin.getByLabel("Short description").fill("AI Fundamentals, by the month");
  await admin.getByLabel("Description", { exact: true }).fill("The fundamentals, paid month by month.");
  await admin.getByLabel("Estimated duration").fill("2 weeks");
  await admin.getByLabel("Pricing").selectOption("subscription");
  await admin.getByLabel("Monthly price (USD)").fill("199");
  await admin.getByRole("button", { name: "Create path" }).click();
  await expect(admin.getByText("Path created. Add its steps, then publish it.")).toBeVisible();
  const editor = admin.getByTestId("path-steps-editor");
  await editor.getByLabel("Course").selectOption({ label: "AI Fundamentals · $997" });
  await editor.getByLabel("Opens").selectOption("immediate");
  await editor.getByRole("button", { name: "Add step" }).click();
  await expect(editor.getByTestId("admin-step")).toHaveCount(1);
  await admin.getByText("Published", { exact: true }).click();
  await admin.getByRole("button", { name: "Save path" }).click();
  await expect(admin.getByText("Path saved.")).toBeVisible();

  // The learner subscribes on Stripe's page and lands on their path.
  await signInThroughMailbox(learner, "monthly.learner@example.com");
  await learner.waitForURL(/\/learn$/);
  await learner.goto("/paths/fundamentals-monthly");
  await expect(learner.getByTestId("path-price")).toContainText("$199 / month");
  await learner.getByRole("button", { name: "Subscribe — $199 a month" }).click();
  await learner.waitForURL(STRIPE_PAY_URL);
  await expect(learner.getByText("$199.00 per month").first()).toBeVisible();
  await learner.getByRole("button", { name: /^Subscribe \$/ }).click();
  await expect(learner.getByRole("heading", { name: "Subscription started — you're enrolled" })).toBeVisible({
    timeout: 30_000,
  });
  await learner.getByRole("link", { name: "Open my path" }).click();
  await learner.waitForURL(/\/learn\/paths\//);
  const panel = learner.getByTestId("path-subscription");
  await expect(panel).toContainText(/\$199 a month · renews on/);
  await expect(learner.getByTestId("my-path-step").first().getByTestId("step-state")).toHaveText("Open");
  await expectAccessible(learner);

  // A month on, the renewal is declined (the stand-in's clock): the open page shows the path paused.
  const env = JSON.parse(fs.readFileSync(E2E.envFile, "utf8")) as { STRIPE_SECRET_KEY: string };
  const stripe = new Stripe(env.STRIPE_SECRET_KEY, {
    host: "127.0.0.1",
    port: E2E.stripePort,
    protocol: "http",
    telemetry: false,
  });
  const [subscription] = (await stripe.subscriptions.list({ limit: 1 })).data;
  await admin.goto(`http://127.0.0.1:${E2E.stripePort}/subscription/${subscription.id}`);
  await admin.getByRole("button", { name: "End the period now: the card is declined" }).click();
  await expect(learner.getByText("Paused", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText("Your last monthly payment did not go through");
  await learner.screenshot({ path: "test-results/paths-subscription-paused.png", fullPage: true });
  await expectAccessible(learner);

  // The learner pays the open invoice on Stripe's page; back on the path, it goes on.
  const pathUrl = learner.url();
  await panel.getByRole("link", { name: "Pay the open invoice" }).click();
  await learner.getByRole("button", { name: /^Pay \$/ }).click();
  await expect(learner.getByText("Paid", { exact: true })).toBeVisible();
  await learner.goto(pathUrl);
  await expect(learner.getByText("In progress", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(panel).toContainText(/renews on/);

  // Cancelling keeps the path to the end of the month paid for; keeping it is one click away.
  await panel.getByRole("button", { name: "Cancel subscription" }).click();
  const dialog = learner.getByRole("dialog", { name: "Cancel your subscription?" });
  await expect(dialog).toContainText("Seats you took stay yours.");
  await expectAccessible(learner);
  await dialog.getByRole("button", { name: "Cancel at the end of the month" }).click();
  await expect(panel).toContainText("Cancelled: nothing more is charged, and your path stays open until");
  await expect(panel.getByRole("button", { name: "Keep my subscription" })).toBeVisible();
  await learner.setViewportSize({ width: 390, height: 844 });
  await learner.screenshot({ path: "test-results/paths-subscription-phone.png", fullPage: true });
  await expectAccessible(learner);
  await close();
});
