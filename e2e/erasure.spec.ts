/**
 * #18 Erasure carried out: a learner asks for their data to be erased (revoking their certificates), a platform admin
 * carries it out from the queue on /admin/people and sees it complete live, the learner is signed out and the
 * confirmation is the last email their address receives.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

test("a learner asks for erasure, an admin carries it out and watches it complete, the learner is signed out and told", async ({
  browser,
}) => {
  test.slow();
  const email = `erase.me.${Date.now()}@example.com`;
  const learner = await (await browser.newContext()).newPage();
  await signInThroughMailbox(learner, email);
  await learner.waitForURL(/\/learn$/);
  await learner.goto("/learn/privacy");
  await learner.getByRole("button", { name: "Ask for erasure" }).click();
  const dialog = learner.getByRole("dialog", { name: "Erase my personal data" });
  await expect(dialog).toBeVisible();
  await expectAccessible(learner);
  await dialog.getByRole("radio", { name: /Revoke them/ }).check();
  await dialog.getByRole("button", { name: "Ask for erasure" }).click();
  await expect(learner.getByTestId("erasure-status")).toContainText("Erasure requested on");

  const admin = await (await browser.newContext()).newPage();
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/people");
  const open = admin
    .getByRole("list", { name: "Open erasure requests" })
    .getByRole("listitem")
    .filter({ hasText: email });
  await expect(open).toContainText("certificates: Revoked");
  await expectAccessible(admin);
  await open.getByRole("button", { name: "Carry out…" }).click();
  const confirm = admin.getByRole("dialog");
  await expect(confirm).toContainText(email);
  await confirm.getByRole("button", { name: "Erase their data" }).click();
  // The steps run in the background; the queue follows them without a reload.
  await expect(open).toHaveCount(0);
  await expect(admin.getByRole("list", { name: "Completed erasure requests" })).toContainText("by Priya Raman");
  await expect(admin.getByRole("searchbox", { name: "Search people" })).toBeVisible();
  await admin.getByRole("searchbox", { name: "Search people" }).fill(email);
  await expect(admin.getByRole("row").filter({ hasText: email })).toHaveCount(0);

  // The learner's account is gone: the next page they open asks them to sign in.
  await learner.goto("/learn");
  await expect(learner.getByRole("heading", { name: "Sign in", exact: true })).toBeVisible();

  await admin.goto("/dev/mailbox");
  const last = admin.getByTestId("dev-email").filter({ has: admin.getByTestId("dev-email-to").getByText(email) });
  await expect(last.first()).toContainText("Your personal data has been erased");
  await expect(last).toHaveCount(1);
});
