import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { E2E } from "./config";

/** The local Stripe stand-in's hosted checkout page. */
export const STRIPE_PAY_URL = new RegExp(`127\\.0\\.0\\.1:${E2E.stripePort}/pay/`);

/** The ids of the sign-in emails to `email` the dev mailbox holds now (it opens the mailbox and waits for it to load). */
async function signInEmailIds(page: Page, email: string) {
  await page.goto("/dev/mailbox");
  await expect(page.getByTestId("dev-email").first().or(page.getByText("No emails yet"))).toBeVisible();
  return await signInEmails(page, email).evaluateAll((cards) =>
    cards.map((card) => card.getAttribute("data-email-id")),
  );
}

const signInEmails = (page: Page, email: string) =>
  page
    .getByTestId("dev-email")
    .filter({ has: page.getByTestId("dev-email-to").getByText(email, { exact: true }) })
    .filter({ hasText: "Your sign-in link" });

/**
 * Signs in the way a person does locally: request a link, open it from the dev mailbox. Email arrives a moment after
 * it is sent (Resend's queue, then the stand-in), and the address may hold older links (demo sign-ins send one too),
 * so it waits for a sign-in email that was not there before the request.
 */
export async function signInThroughMailbox(page: Page, email: string) {
  const before = await signInEmailIds(page, email);
  await page.goto("/signin");
  await page.getByLabel("Work or personal email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "dev mailbox" }).click();
  let fresh: string | null = null;
  await expect
    .poll(async () => {
      const ids = await signInEmails(page, email).evaluateAll((cards) =>
        cards.map((card) => card.getAttribute("data-email-id")),
      );
      fresh = ids.find((id) => id !== null && !before.includes(id)) ?? null;
      return fresh;
    })
    .not.toBeNull();
  await page.locator(`[data-email-id="${fresh}"]`).getByRole("link", { name: "Open link" }).click();
}

/** No WCAG 2.1 A/AA violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Buys a seat through the course page and the local Stripe checkout; ends on /learn. */
export async function buySeat(page: Page, courseSlug: string, cohortName: string) {
  await page.goto(`/courses/${courseSlug}`);
  await page
    .getByRole("listitem")
    .filter({ hasText: cohortName })
    .getByRole("button", { name: `Reserve seat in ${cohortName}` })
    .click();
  await page.waitForURL(STRIPE_PAY_URL);
  await page.getByRole("button", { name: /^Pay \$/ }).click();
  await page.waitForURL(/\/learn$/);
}

/** Signs in as one of the seeded demo people (local mode). */
export async function signInAsDemo(page: Page, name: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: new RegExp(name) }).click();
  await page.waitForURL(/\/learn$/);
}

/** A page for each of `people`, each in a browser context of its own (so each signs in apart); `close` closes them. */
export async function pagesApart(browser: Browser, people: number) {
  const contexts = await Promise.all(Array.from({ length: people }, () => browser.newContext()));
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  return { pages, close: () => Promise.all(contexts.map((context) => context.close())) };
}

/**
 * The verify-page paths of the seeded "Acme private cohort (September)" certificates (valid, expired and revoked
 * ones), as its platform admin sees them once the scheduled batches have signed them all.
 */
export async function seededCertificatePaths(browser: Browser) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAsDemo(page, "Priya Raman");
    await page.goto("/admin");
    await page.getByRole("link", { name: "Acme private cohort (September)" }).first().click();
    const rows = page.getByTestId("certificate-row");
    await expect(page.getByText(/of \d+ issued/)).toBeVisible({ timeout: 30_000 });
    await expect(rows.getByText("Issuing…")).toHaveCount(0, { timeout: 30_000 });
    return await rows.getByRole("link", { name: /^View certificate of/ }).evaluateAll((links) =>
      links.map((a) => ({
        path: new URL(a.getAttribute("href")!, location.href).pathname,
        recipient: a.textContent!.replace(/^View certificate of /, ""),
      })),
    );
  } finally {
    await context.close();
  }
}
