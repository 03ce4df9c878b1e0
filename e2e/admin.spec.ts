import { expect, test } from "@playwright/test";
import { buySeat, expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

test("an admin uploads a kit file the learner sees live, then refunds the purchase and the learner's cohort disappears", async ({
  browser,
}) => {
  const learnerContext = await browser.newContext();
  const adminContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const admin = await adminContext.newPage();

  await signInThroughMailbox(learner, "dana.learner@example.com");
  await buySeat(learner, "prompt-engineering-mastery", "Prompt Engineering Mastery (January)");
  const cohortHeading = learner.getByRole("heading", { name: "Prompt Engineering Mastery" });
  await expect(cohortHeading).toBeVisible();

  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/courses");
  await admin.getByRole("link", { name: "Prompt Engineering Mastery" }).click();
  await expect(admin.getByRole("heading", { name: "Enablement kit" })).toBeVisible();
  await expectAccessible(admin);

  // Upload a real file through the storage upload URL.
  await admin.getByLabel("Title", { exact: true }).last().fill("Prompt patterns cheat sheet");
  await admin.getByLabel("Type", { exact: true }).last().selectOption("template");
  await admin.getByLabel("File").setInputFiles({
    name: "cheat-sheet.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Role, Task, Format, Checks"),
  });
  await admin.getByRole("button", { name: "Add to kit" }).click();
  await expect(admin.getByText("Added to the enablement kit.")).toBeVisible();

  // The learner's kit shows it without reload and opens the stored file.
  const item = learner.getByRole("button", { name: "Prompt patterns cheat sheet" });
  await expect(item).toBeVisible();
  const popupPromise = learner.waitForEvent("popup");
  await item.click();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  expect(await popup.textContent("body")).toContain("Role, Task, Format, Checks");
  await popup.close();

  // Refund: Stripe (stand-in) refunds, the webhook revokes access and frees the seat.
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Prompt Engineering Mastery (January)" }).click();
  const row = admin.getByRole("row").filter({ hasText: "dana.learner@example.com" });
  await expect(row.getByText("completed")).toBeVisible();
  await row.getByRole("button", { name: "Refund" }).click();
  const dialog = admin.getByRole("dialog", { name: "Refund Dana Learner?" });
  await dialog.getByLabel("Reason (optional, kept with the enrollment)").fill("Cannot attend in January.");
  await expectAccessible(admin);
  await dialog.getByRole("button", { name: "Refund and end access" }).click();
  await expect(row.getByText("Refunded", { exact: true })).toBeVisible();
  await expect(row.getByText("Refund reason: Cannot attend in January.")).toBeVisible();
  await expectAccessible(admin);

  await expect(cohortHeading).toHaveCount(0);
  await learner.goto("/dev/mailbox");
  await expect(learner.getByText("Refund confirmed: Prompt Engineering Mastery").first()).toBeVisible();

  await Promise.all([learnerContext.close(), adminContext.close()]);
});
