import { expect, test } from "@playwright/test";
import { expectAccessible, signInThroughMailbox } from "./helpers";

test("a learner signs in with a magic link from the dev mailbox and sees learner navigation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Become the team that knows how to work with AI." })).toBeVisible();
  await expect(page.getByText(/seats? left|Sold out/).first()).toBeVisible();
  await expectAccessible(page);

  await signInThroughMailbox(page, "alex.rivera@example.com");
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "Welcome back, Alex" })).toBeVisible();
  // The cohort card (the assessments card names the cohort too).
  await expect(page.getByRole("main").getByText(/^AI Enablement Intensive \(live now\) · /)).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main", exact: true });
  await expect(nav.getByRole("link", { name: "My learning" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Teaching" })).toHaveCount(0);
  await expectAccessible(page);

  // Reloading keeps the session (auth cookies), and signing out ends it.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Welcome back, Alex" })).toBeVisible();
  await page.getByRole("button", { name: "Account menu for Alex Rivera" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.goto("/learn");
  await expect(page).toHaveURL(/\/signin\?next=%2Flearn/);
});

test("navigation follows the role: platform admin, org admin, instructor", async ({ page }) => {
  await page.goto("/signin");
  await expectAccessible(page);
  await page.getByRole("button", { name: /Priya Raman/ }).click();
  await expect(page).toHaveURL(/\/learn$/);
  const nav = page.getByRole("navigation", { name: "Main", exact: true });
  await nav.getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin · Cohorts" })).toBeVisible();
  await expect(
    page.getByRole("row", { name: /AI Enablement Intensive \(January, Americas\).*12 \/ 12/ }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByRole("button", { name: /Jordan Blake/ }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await nav.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByTestId("seats-used")).toContainText(/\d+ of 50 used · \d+ free/);
  await expect(page.getByTestId("member-row").filter({ hasText: "Customer Success" }).first()).toBeVisible();
  await expectAccessible(page);

  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByRole("button", { name: /Maya Chen/ }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await nav.getByRole("link", { name: "Teaching" }).click();
  await expect(
    page.getByRole("main").getByRole("link", { name: "AI Enablement Intensive (live now)", exact: true }),
  ).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
});
