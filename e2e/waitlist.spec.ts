import { expect, test } from "@playwright/test";
import { STRIPE_PAY_URL, buySeat, expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

const COURSE = "change-management-for-ai";
const COHORT = "Change Management for AI (February)";

test("a refund offers the seat to #1 live; #2 moves up; #1 accepts, pays and is enrolled", async ({ browser }) => {
  const contexts = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  const [a, b, c, admin] = await Promise.all(contexts.map((context) => context.newPage()));

  // A buys a seat; the admin shrinks the cohort to that one seat, so it is full.
  await signInThroughMailbox(a, "ana.waitlist@example.com");
  await buySeat(a, COURSE, COHORT);
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: COHORT }).click();
  await admin.getByLabel("Capacity").fill("1");
  await admin.getByRole("button", { name: "Save cohort" }).click();
  await expect(admin.getByText("Cohort saved; learners' schedules updated.")).toBeVisible();

  // B and C join the waitlist: #1 and #2.
  const cohortItem = (page: typeof a) => page.getByRole("listitem").filter({ hasText: COHORT });
  for (const [page, email, place] of [
    [b, "ben.waitlist@example.com", 1],
    [c, "cleo.waitlist@example.com", 2],
  ] as const) {
    await signInThroughMailbox(page, email);
    await page.goto(`/courses/${COURSE}`);
    await cohortItem(page)
      .getByRole("button", { name: `Join the waitlist for ${COHORT}` })
      .click();
    await expect(cohortItem(page).getByTestId("waitlist-place")).toHaveText(`You're #${place} on the waitlist`);
  }
  await expectAccessible(c);
  await b.goto("/learn");
  await c.goto("/learn");
  await expect(b.getByTestId("waitlist-place")).toContainText("You're #1 on the waitlist");
  await expect(c.getByTestId("waitlist-place")).toContainText("You're #2 on the waitlist");

  // The admin refunds A: B's page shows the offer with a countdown within a second, C's shows #1.
  await admin.reload();
  await expect(admin.getByText("ben.waitlist@example.com")).toBeVisible();
  const row = admin.getByRole("row").filter({ hasText: "ana.waitlist@example.com" });
  await row.getByRole("button", { name: "Refund" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Refund and end access" }).click();
  const offer = b.getByTestId("waitlist-offer");
  await expect(offer).toBeVisible({ timeout: 3000 });
  await expect(offer).toContainText(/Offer expires in (47|48) h \d+ min/);
  await expect(c.getByTestId("waitlist-place")).toContainText("You're #1 on the waitlist", { timeout: 3000 });
  await expectAccessible(b);

  // B accepts, pays on the local checkout and is enrolled.
  await offer.getByRole("button", { name: "Accept the seat" }).click();
  await b.waitForURL(STRIPE_PAY_URL);
  await b.getByRole("button", { name: /^Pay \$/ }).click();
  await b.waitForURL(/\/learn$/);
  await expect(b.getByRole("heading", { name: "Change Management for AI" })).toBeVisible();
  await expect(b.getByTestId("waitlist-offer")).toHaveCount(0);
  await admin.reload();
  await expect(
    admin.getByRole("row").filter({ hasText: "ben.waitlist@example.com" }).getByText("completed"),
  ).toBeVisible();

  await Promise.all(contexts.map((context) => context.close()));
});

test("waiting for a course's next cohort: when it opens, the first seat is offered at once", async ({ browser }) => {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [learner, admin] = await Promise.all(contexts.map((context) => context.newPage()));
  const strategy = "AI Strategy for Leaders (February)";

  // The course's only cohort is taken off sale: the course page offers its waitlist.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: strategy }).click();
  await admin.getByLabel("Status").selectOption("scheduled");
  await admin.getByRole("button", { name: "Save cohort" }).click();
  await expect(admin.getByText("Cohort saved; learners' schedules updated.")).toBeVisible();

  await signInThroughMailbox(learner, "dora.nextcohort@example.com");
  await learner.goto("/courses/ai-strategy-for-leaders");
  await learner.getByRole("button", { name: "Join the waitlist for the next cohort" }).click();
  await expect(learner.getByTestId("course-waitlist-place")).toHaveText("You're #1 for the next cohort");
  await expectAccessible(learner);

  // It opens again: the learner moves into its line and gets the offer without reload.
  await admin.getByLabel("Status").selectOption("open");
  await admin.getByRole("button", { name: "Save cohort" }).click();
  const offer = learner.getByRole("listitem").filter({ hasText: strategy }).getByTestId("waitlist-offer");
  await expect(offer).toBeVisible({ timeout: 3000 });
  await expect(offer).toContainText("A seat is yours for");
  await learner.goto("/learn");
  await expect(learner.getByTestId("waitlist-offer")).toContainText("AI Strategy for Leaders");

  await Promise.all(contexts.map((context) => context.close()));
});
