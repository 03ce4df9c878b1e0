import { expect, test } from "@playwright/test";
import { STRIPE_PAY_URL, expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

const COURSE = "/courses/agent-build-hackathon";
const COHORT = "Agent Build Hackathon (Q1)";

test("an admin creates a 20 % code; a buyer pays with it on the local Stripe checkout and sees the reduced amount", async ({
  browser,
}) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [admin, buyer] = await Promise.all(contexts.map((context) => context.newPage()));

  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/codes");
  await admin.getByLabel("Code", { exact: true }).fill("SPRING20");
  await admin.getByLabel("Percent off").fill("20");
  await admin.getByLabel("Number of uses (optional)").fill("5");
  await admin.getByRole("button", { name: "Create code" }).click();
  const row = admin.getByRole("row").filter({ hasText: "SPRING20" });
  await expect(row.getByText("Active")).toBeVisible();
  await expect(row).toContainText("20 % off");
  await expect(row).toContainText("0 / 5");
  await expectAccessible(admin);

  await signInThroughMailbox(buyer, "cody.discount@example.com");
  await buyer.goto(COURSE);
  await buyer.getByRole("button", { name: "Have a promotion code?" }).click();
  const cohortCard = buyer.getByRole("listitem").filter({ hasText: COHORT });
  // A code that does not exist is refused in words, and no seat is held.
  await buyer.getByLabel("Promotion code").fill("SPRING2O");
  await cohortCard.getByRole("button", { name: `Reserve seat in ${COHORT}` }).click();
  await expect(buyer.getByText("The code “SPRING2O” is not valid. Check its spelling.")).toBeVisible();
  await expectAccessible(buyer);

  await buyer.getByLabel("Promotion code").fill("spring20");
  await cohortCard.getByRole("button", { name: `Reserve seat in ${COHORT}` }).click();
  await buyer.waitForURL(STRIPE_PAY_URL);
  await expect(buyer.getByText("Subtotal $897.00 · discount −$179.40")).toBeVisible();
  await buyer.getByRole("button", { name: "Pay $717.60" }).click();
  await expect(buyer.getByRole("heading", { name: "Payment received — you're in" })).toBeVisible();
  await expect(buyer.getByText("$717.60 paid")).toBeVisible();
  await expect(buyer.getByText("$897 less $179.40 with the code SPRING20")).toBeVisible();
  await buyer.waitForURL(/\/learn$/);
  await expect(buyer.getByRole("heading", { name: "Agent Build Hackathon" })).toBeVisible();

  // The admin sees the use, live.
  await expect(row).toContainText("1 / 5");
  await row.getByRole("button", { name: "Uses of SPRING20" }).click();
  await expect(admin.getByRole("dialog")).toContainText("paid $717.60 (−$179.40)");

  await Promise.all(contexts.map((context) => context.close()));
});
