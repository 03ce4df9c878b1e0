import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

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
