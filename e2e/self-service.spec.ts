import { expect, test } from "@playwright/test";
import { buySeat, expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

/** YYYY-MM-DD, `days` from today. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Priya sets a course's self-service policy in the course editor and adds a later date to move to. */
async function preparePolicy(
  admin: import("@playwright/test").Page,
  course: string,
  policy: { transfer: string; refund: string },
  newCohort: { name: string; startsIn: number },
) {
  await admin.goto("/admin/courses");
  await admin.getByRole("link", { name: course }).first().click();
  await admin.getByLabel("Free transfer until (days before start)").fill(policy.transfer);
  await admin.getByLabel("Full refund until (days before start)").fill(policy.refund);
  await admin.getByRole("button", { name: "Save course" }).click();
  await expect(admin.getByText("Course saved.")).toBeVisible();
  await admin.getByRole("link", { name: "New cohort" }).click();
  await admin.getByLabel("Name").fill(newCohort.name);
  await admin.getByLabel("First day").fill(day(newCohort.startsIn));
  await admin.getByLabel("Last day").fill(day(newCohort.startsIn + 1));
  await admin.getByRole("button", { name: "Create cohort" }).click();
  await expect(admin.getByRole("heading", { name: newCohort.name })).toBeVisible();
}

test("#18 self-service: inside the window a learner transfers from /learn in one click and sees the new dates live", async ({
  browser,
}) => {
  const FROM = "Change Management for AI (February)";
  const TO = "Change Management for AI (June)";
  const adminContext = await browser.newContext();
  const learnerContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const learner = await learnerContext.newPage();

  await signInAsDemo(admin, "Priya Raman");
  await preparePolicy(admin, "Change Management for AI", { transfer: "30", refund: "30" }, { name: TO, startsIn: 200 });

  await signInThroughMailbox(learner, "tara.transfer@example.com");
  await learner.goto("/courses/change-management-for-ai");
  await expect(learner.getByTestId("course-policy")).toHaveText(
    "Free transfer until 30 days before start; full refund until 30 days before start.",
  );
  await buySeat(learner, "change-management-for-ai", FROM);
  const panel = learner.getByTestId("self-service");
  await expect(panel.getByText(/Free transfer available until/)).toBeVisible();
  await panel.getByRole("button", { name: "Change dates" }).click();
  const dialog = learner.getByRole("dialog", { name: "Change dates" });
  const target = await dialog.locator("option", { hasText: TO }).getAttribute("value");
  await dialog.getByLabel("New date").selectOption(target!);
  await expectAccessible(learner);
  await dialog.screenshot({ path: test.info().outputPath("transfer-dialog.png") });
  await dialog.getByRole("button", { name: "Confirm transfer" }).click();

  // The card follows without a reload: the new cohort and its dates.
  await expect(learner.getByText(`You moved to ${TO}.`, { exact: false })).toBeVisible();
  await expect(learner.getByRole("heading", { name: "Change Management for AI" })).toBeVisible();
  await expect(learner.getByText(TO).first()).toBeVisible();
  await expect(learner.getByText(FROM)).toHaveCount(0);
  await expectAccessible(learner);
  await panel.screenshot({ path: test.info().outputPath("panel-after-transfer.png") });

  // The move is on the cohort's log for admins.
  await admin.goto("/admin");
  await admin.getByRole("link", { name: TO }).first().click();
  await expect(admin.getByText(/Transferred \(self-service\)/).first()).toBeVisible();

  await Promise.all([adminContext.close(), learnerContext.close()]);
});

test("#18 self-service: outside the window a learner files a request, an admin approves it on the cohort page, the learner sees the result live", async ({
  browser,
}) => {
  const FROM = "AI Fundamentals (January)";
  const TO = "AI Fundamentals (July)";
  const adminContext = await browser.newContext();
  // The learner is on a phone.
  const learnerContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const admin = await adminContext.newPage();
  const learner = await learnerContext.newPage();

  await signInAsDemo(admin, "Priya Raman");
  // January starts in 35 days: both windows (60 days) have closed.
  await preparePolicy(admin, "AI Fundamentals", { transfer: "60", refund: "60" }, { name: TO, startsIn: 220 });

  await signInThroughMailbox(learner, "rory.request@example.com");
  await buySeat(learner, "ai-fundamentals", FROM);
  const panel = learner.getByTestId("self-service");
  await expect(panel.getByText(/Free transfer closed on/)).toBeVisible();
  await panel.getByRole("button", { name: "Request a date change" }).click();
  const dialog = learner.getByRole("dialog", { name: "Request a date change" });
  const target = await dialog.locator("option", { hasText: TO }).getAttribute("value");
  await dialog.getByLabel("New date").selectOption(target!);
  await dialog.getByLabel("Reason (optional)").fill("A product launch that week");
  await expectAccessible(learner);
  await dialog.getByRole("button", { name: "Send request" }).click();
  const request = learner.getByTestId("self-service-request");
  await expect(request.getByText("Waiting for our team")).toBeVisible();
  await expect(request.getByText(`Your request: Transfer to ${TO}`)).toBeVisible();
  await expectAccessible(learner);
  await panel.screenshot({ path: test.info().outputPath("learner-request-phone.png") });

  // Priya sees the request on January's page and approves it.
  await admin.goto("/admin");
  await admin.getByRole("link", { name: FROM }).first().click();
  const card = admin.getByTestId("enrollment-request").filter({ hasText: "rory.request@example.com" });
  await expect(card.getByText("A product launch that week")).toBeVisible();
  await expectAccessible(admin);
  await card.getByRole("button", { name: /^Approve/ }).click();
  const approve = admin.getByRole("dialog", { name: /Approve .* request\?/ });
  await approve.getByLabel("Note to the learner (optional)").fill("Good luck with the launch");
  await expectAccessible(admin);
  await approve.screenshot({ path: test.info().outputPath("admin-approve.png") });
  await approve.getByRole("button", { name: "Approve request" }).click();
  await expect(card).toHaveCount(0);

  // The learner's page, never reloaded, shows the new cohort and the answer.
  await expect(learner.getByText(TO).first()).toBeVisible();
  await expect(learner.getByText(FROM)).toHaveCount(0);
  await expect(request.getByText("Approved")).toBeVisible();
  await expect(request.getByText("Our team: Good luck with the launch")).toBeVisible();
  await panel.screenshot({ path: test.info().outputPath("learner-approved-phone.png") });

  await Promise.all([adminContext.close(), learnerContext.close()]);
});
