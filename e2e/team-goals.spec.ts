import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

const figure = async (text: Promise<string | null>) => Number((await text)!.match(/\d+/)![0]);

test("a manager sets their team's goal on its dashboard and the team's pace follows it, live", async ({ page }) => {
  // Sam manages only Marketing, whose seeded goal (the intensive, two skills, due in a month) started a month ago.
  await signInAsDemo(page, "Sam Patel");
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await page.waitForURL(/\/teams\//);
  await expect(page.getByRole("heading", { name: "Marketing", level: 1 })).toBeVisible();
  const goal = page.getByTestId("team-goal");
  await expect(goal).toContainText("AI Enablement Intensive");
  await expect(goal).toContainText("Skills, at Practitioner or above");
  const members = await figure(page.getByText(/^\d+ members/).textContent());
  const behindBefore = await figure(page.getByTestId("team-behind").textContent());
  expect(behindBefore).toBeLessThan(members);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("team-goal-desktop.png"), fullPage: true });

  // Sam adds a course nobody in Marketing has taken and brings the deadline forward to tomorrow.
  await goal.getByRole("button", { name: "Change goal" }).click();
  const dialog = page.getByRole("dialog", { name: "Change the team's goal" });
  await dialog.getByRole("checkbox", { name: "AI Strategy for Leaders" }).check();
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(
    tomorrow.getDate(),
  ).padStart(2, "0")}`;
  await dialog.getByLabel("Deadline").fill(day);
  await expectAccessible(page);
  await dialog.screenshot({ path: test.info().outputPath("team-goal-dialog.png") });
  await dialog.getByRole("button", { name: "Save goal" }).click();
  await expect(dialog).toBeHidden();

  // Without a reload: the goal shows the new course and date, nobody has met it, and everyone is behind.
  await expect(goal).toContainText("AI Strategy for Leaders");
  await expect(page.getByTestId("team-goal-met")).toHaveText("0");
  await expect(page.getByTestId("team-behind")).toHaveText(String(members), { timeout: 30_000 });
  await expect(page.getByTestId("team-member-row").first()).toContainText("Behind");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("team-goal-phone.png"), fullPage: true });
  await expectAccessible(page);
});
