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
  await admin.screenshot({ path: "test-results/codes-admin.png", fullPage: true });

  await signInThroughMailbox(buyer, "cody.discount@example.com");
  await buyer.goto(COURSE);
  await buyer.getByRole("button", { name: "Have a promotion code?" }).click();
  const cohortCard = buyer.getByRole("listitem").filter({ hasText: COHORT });
  // A code that does not exist is refused in words, and no seat is held.
  await buyer.getByLabel("Promotion code").fill("SPRING2O");
  await cohortCard.getByRole("button", { name: `Reserve seat in ${COHORT}` }).click();
  await expect(buyer.getByText("The code “SPRING2O” is not valid. Check its spelling.")).toBeVisible();
  await expectAccessible(buyer);
  await buyer.screenshot({ path: "test-results/codes-course-page.png" });

  await buyer.getByLabel("Promotion code").fill("spring20");
  await cohortCard.getByRole("button", { name: `Reserve seat in ${COHORT}` }).click();
  await buyer.waitForURL(STRIPE_PAY_URL);
  await expect(buyer.getByText("Subtotal $897.00 · discount −$179.40")).toBeVisible();
  await buyer.screenshot({ path: "test-results/codes-stripe-page.png" });
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

test("an admin creates an enrollment code; a signed-out visitor is sent through sign-in, redeems it at /redeem and sees the cohort on /learn", async ({
  browser,
}) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [admin, learner] = await Promise.all(contexts.map((context) => context.newPage()));

  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/codes");
  await admin.getByLabel("Cohort").selectOption({ label: COHORT });
  await admin.getByLabel("Code (optional)").fill("hackteam");
  await admin.getByLabel("Number of uses", { exact: true }).fill("2");
  await admin.getByRole("button", { name: "Create enrollment code" }).click();
  const row = admin.getByRole("row").filter({ hasText: "HACKTEAM" });
  await expect(row).toContainText("0 / 2");
  await expect(row).toContainText("Free");

  // A signed-out visitor follows the link, signs in and comes back to /redeem with the code filled in.
  await learner.goto("/redeem/HACKTEAM");
  await learner.waitForURL(/\/signin\?next=/);
  await learner.getByLabel("Work or personal email").fill("rita.redeemer@example.com");
  await learner.getByRole("button", { name: "Email me a sign-in link" }).click();
  await learner.getByRole("link", { name: "dev mailbox" }).click();
  await learner
    .getByTestId("dev-email")
    .filter({ has: learner.getByTestId("dev-email-to").getByText("rita.redeemer@example.com", { exact: true }) })
    .first()
    .getByRole("link", { name: "Open link" })
    .click();
  await learner.waitForURL(/\/redeem\/HACKTEAM$/);
  await expect(learner.getByLabel("Enrollment code")).toHaveValue("HACKTEAM");
  await expectAccessible(learner);
  await learner.getByRole("button", { name: "Redeem code" }).click();
  await expect(learner.getByRole("heading", { name: "You're in" })).toBeVisible();
  await expect(learner.getByText(`Your seat in ${COHORT}`)).toBeVisible();
  await expectAccessible(learner);
  await learner.screenshot({ path: "test-results/codes-redeemed.png" });
  await learner.getByRole("link", { name: "Go to my learning" }).click();
  await learner.waitForURL(/\/learn$/);
  await expect(learner.getByRole("heading", { name: "Agent Build Hackathon" })).toBeVisible();

  // Redeeming again says so and takes nothing; the admin sees one use and who it was.
  await learner.goto("/redeem/hackteam");
  await learner.getByRole("button", { name: "Redeem code" }).click();
  await expect(learner.getByRole("heading", { name: "You already used this code" })).toBeVisible();
  await expect(row).toContainText("1 / 2");
  await row.getByRole("button", { name: "Redemptions of HACKTEAM" }).click();
  await expect(admin.getByRole("dialog")).toContainText("rita.redeemer@example.com");

  await Promise.all(contexts.map((context) => context.close()));
});
