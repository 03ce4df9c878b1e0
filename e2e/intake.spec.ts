/** #18 Intake survey: a new learner answers it after buying, and their instructor's roster shows the answers live. */
import { expect, test } from "@playwright/test";
import { buySeat, expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

test("after buying, a learner tells their instructor their role, AI experience and goals; the instructor's roster shows them at once", async ({
  browser,
}) => {
  test.slow();
  const email = `intake.${Date.now()}@example.com`;
  const learner = await (await browser.newContext()).newPage();
  const instructor = await (await browser.newContext()).newPage();

  await signInThroughMailbox(learner, email);
  await learner.waitForURL(/\/learn$/);
  await buySeat(learner, "ai-executive-briefing", "Executive Briefing (December)");
  const prompt = learner.getByTestId("intake-prompt");
  await expect(prompt).toBeVisible();

  // The instructor has the cohort open: the new learner is there, without answers.
  await signInAsDemo(instructor, "Maya Chen");
  await instructor.goto("/teach");
  await instructor.getByRole("link", { name: "Executive Briefing (December)" }).click();
  const row = instructor.getByTestId("intake-row").filter({ hasText: email.split("@")[0].replace(/\./g, " ") });
  await expect(row).toContainText("No answers yet");
  await expectAccessible(instructor);

  // Refused without goals, then sent.
  await prompt.getByRole("button", { name: "Answer 3 questions" }).click();
  const form = learner.getByRole("form", { name: "Intake survey" });
  await form.getByLabel("Your role").fill("Head of Customer Support");
  await form.getByLabel("How much do you work with AI today?").selectOption({ label: "Every week" });
  await expectAccessible(learner);
  await form.getByLabel("What do you want to be able to do after this course?").fill(" ");
  await form.getByRole("button", { name: "Send to my instructor" }).click();
  await expect(form.getByRole("alert")).toHaveText("Please enter what you want from this course.");
  await form
    .getByLabel("What do you want to be able to do after this course?")
    .fill("Draft replies to tickets with an assistant my team trusts.");
  await form.getByRole("button", { name: "Send to my instructor" }).click();
  await expect(learner.getByText("Thanks: your instructor will read this before the first session.")).toBeVisible();
  await expect(prompt).toHaveCount(0);

  await expect(row).toContainText("Every week");
  await expect(row).toContainText(
    "Head of Customer Support. Draft replies to tickets with an assistant my team trusts.",
  );
});
