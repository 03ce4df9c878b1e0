import { expect, test } from "@playwright/test";
import { expectAccessible, pagesApart, signInAsDemo, signInThroughMailbox } from "./helpers";

const FROM = "AI Enablement Intensive (December)";
const TO = "AI Enablement Intensive (March)";
const EMAIL = "walk.in@example.com";

test("#18 an admin adds a learner by email, the learner gets the welcome email and sees the cohort, then a move shows live", async ({
  browser,
}) => {
  const { pages, close } = await pagesApart(browser, 2);
  const [admin, learner] = pages;

  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: FROM }).first().click();
  await admin.getByRole("button", { name: "Add learner" }).click();
  const dialog = admin.getByRole("dialog", { name: "Add a learner" });
  await dialog.getByLabel("Email").fill(EMAIL);
  await dialog.getByLabel("Name").fill("Wren Walker");
  await dialog.getByLabel("Seat paid by").selectOption("offline");
  await dialog.getByLabel("Payment reference").fill("PO-7781");
  await expectAccessible(admin);
  await dialog.getByRole("button", { name: "Add learner" }).click();
  await expect(admin.getByText(`Account created and ${EMAIL} added.`)).toBeVisible();
  const row = admin.getByRole("row").filter({ hasText: EMAIL });
  await expect(row.getByText("Paid offline")).toBeVisible();
  await expect(row.getByText("Reference: PO-7781")).toBeVisible();
  await expect(admin.getByText("Added Wren Walker — Paid offline: PO-7781")).toBeVisible();
  await expectAccessible(admin);

  // The new account signs in with the address; the welcome email (with its calendar file) is in the mailbox.
  await signInThroughMailbox(learner, EMAIL);
  await expect(learner.getByText(FROM).first()).toBeVisible();
  await learner.goto("/dev/mailbox");
  await expect(learner.getByText("Welcome to AI Enablement Intensive").first()).toBeVisible();
  await learner.goto("/learn");
  await expect(learner.getByText(FROM).first()).toBeVisible();

  // Moved to March: the learner's page follows without a reload.
  await row.getByRole("button", { name: "Move Wren Walker", exact: true }).click();
  const move = admin.getByRole("dialog", { name: "Move Wren Walker" });
  const target = await move.locator("option", { hasText: TO }).getAttribute("value");
  await move.getByLabel("New cohort").selectOption(target!);
  await expectAccessible(admin);
  await move.getByRole("button", { name: "Move enrollment" }).click();
  await expect(admin.getByText("Wren Walker moved.")).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(admin.getByText(`Moved Wren Walker to ${TO}`)).toBeVisible();
  await expect(learner.getByText(TO).first()).toBeVisible();
  await expect(learner.getByText(FROM)).toHaveCount(0);

  await close();
});
