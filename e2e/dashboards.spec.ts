import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

const figure = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).textContent())!.match(/\d+/)![0]);

test("a manager's team dashboard moves live when a learner completes a lesson; the learner sees who looked", async ({
  browser,
}) => {
  const manager = await (await browser.newContext()).newPage();
  const learner = await (await browser.newContext()).newPage();

  // Sam manages only Marketing, so the dashboard opens on that team.
  await signInAsDemo(manager, "Sam Patel");
  await manager.getByRole("link", { name: "Dashboard" }).first().click();
  await manager.waitForURL(/\/teams\//);
  await expect(manager.getByRole("heading", { name: "Marketing", level: 1 })).toBeVisible();
  const taylorRow = manager.getByTestId("team-member-row").filter({ hasText: "Taylor Brooks" });
  await expect(taylorRow).toBeVisible();
  const lessonsBefore = await figure(manager, "team-lessons");
  const taylorBefore = Number(await taylorRow.getByTestId("member-lessons").textContent());
  const chartSummary = manager.getByTestId("team-lessons-chart-summary");
  await expect(chartSummary).toHaveText(`${lessonsBefore} lessons completed so far.`);
  await expect(manager.getByTestId("team-lessons-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  // Sam's role includes scores and more than five of Marketing share theirs: the average shows.
  await expect(manager.getByTestId("team-learning-gain")).toHaveText(/^\d+%$/);
  await expectAccessible(manager);

  // Taylor ticks a lesson on their schedule, in another browser.
  await signInAsDemo(learner, "Taylor Brooks");
  // A member of an organization is not offered "For teams" (buying seats is their admin's job).
  await expect(learner.getByRole("link", { name: "For teams" })).toHaveCount(0);
  const summaries = learner.locator("summary", { hasText: /^Lessons · \d of \d done/ });
  await expect(summaries.first()).toBeVisible();
  let ticked = false;
  for (let i = 0; i < (await summaries.count()) && !ticked; i++) {
    const summary = summaries.nth(i);
    if (/(\d) of \1 done/.test((await summary.textContent()) ?? "")) continue;
    await summary.click();
    const boxes = summary.locator("xpath=..").getByRole("checkbox");
    const states = await Promise.all((await boxes.all()).map((box) => box.isChecked()));
    const box = boxes.nth(states.indexOf(false));
    await box.check();
    await expect(box).toBeChecked();
    ticked = true;
  }
  expect(ticked).toBe(true);

  // The manager's figures, the member row and the chart change without a reload.
  await expect(manager.getByTestId("team-lessons")).toHaveText(String(lessonsBefore + 1));
  await expect(taylorRow.getByTestId("member-lessons")).toHaveText(String(taylorBefore + 1));
  await expect(chartSummary).toHaveText(`${lessonsBefore + 1} lessons completed so far.`);
  await expect(taylorRow).toContainText(/now|seconds? ago/);

  // Opening Taylor is logged, and Taylor's privacy page shows it live.
  await learner.goto("/learn/privacy");
  await expect(learner.getByRole("heading", { name: "Privacy" })).toBeVisible();
  await taylorRow.getByRole("link", { name: "Taylor Brooks" }).click();
  await expect(manager.getByText("Taylor Brooks can see that you opened this page.")).toBeVisible();
  await expectAccessible(manager);
  await expect(learner.getByTestId("privacy-views").getByText("Sam Patel")).toBeVisible();
  await expectAccessible(learner);

  // Taylor hides their activity: the manager's view says Private at once.
  await learner.getByRole("switch", { name: "Managers may see: My activity" }).uncheck();
  await expect(manager.getByText("They keep their activity private.")).toBeVisible();
  await learner.getByRole("switch", { name: "Managers may see: My activity" }).check();
});

test("an org admin reads the organization dashboard, nudges someone at risk and downloads a report", async ({
  page,
}) => {
  await signInAsDemo(page, "Jordan Blake");
  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page.getByRole("heading", { name: "Acme Corporation: learning dashboard" })).toBeVisible();
  await expect(
    page.locator("table", { hasText: "Average progress" }).getByRole("link", { name: "Engineering" }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: /Skills by team/ })).toBeVisible();
  await expect(page.getByTestId("org-progress-chart").locator(".recharts-line-curve").first()).toBeVisible();
  await expect(page.getByTestId("org-learning-gain")).toHaveText(/^\d+%$/);
  await expectAccessible(page);

  // Nudge the first person at risk, in-app only.
  const remind = page.getByRole("button", { name: /^Remind / }).first();
  await remind.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Goes to 1 person.");
  await dialog.getByLabel("Send by").selectOption("in_app");
  await dialog.getByRole("button", { name: "Send reminder" }).click();
  await expect(page.getByText("Reminder sent to 1 person.")).toBeVisible();

  // Reports: generate the individual detail CSV and download it.
  await page.getByRole("navigation", { name: "Dashboards" }).getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Individual detail (CSV)" });
  await page.getByRole("button", { name: "Generate report" }).click();
  const card = page.getByTestId("report-card").first();
  await expect(card.getByTestId("report-download")).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText("Individual detail (CSV) · Whole organization");
  const downloadPromise = page.waitForEvent("download");
  await card.getByTestId("report-download").click();
  const file = await (await downloadPromise).path();
  const lines = fs.readFileSync(file, "utf8").trim().split("\r\n");
  expect(lines[0]).toBe(
    "Name,Email,Teams,Progress %,Lessons completed,Sessions attended,Courses in progress,Courses completed,Status,Last active,Certificates,Latest score %",
  );
  expect(lines.length).toBeGreaterThan(30);
  await expect(page.getByRole("heading", { name: "Reminders sent" })).toBeVisible();

  // A weekly compliance report for one team, emailed on Mondays.
  await page.getByLabel("Report", { exact: true }).selectOption({ label: "Compliance (XLSX)" });
  await page.getByLabel("Covers").selectOption({ label: "Marketing" });
  await page.getByLabel("When").selectOption({ label: "Every Monday, by email" });
  await page.getByLabel("Send to").fill("cfo@acme.com, not-an-email");
  await page.getByRole("button", { name: "Schedule report" }).click();
  await expect(page.getByText('"not-an-email" is not a valid email address.')).toBeVisible();
  await page.getByLabel("Send to").fill("cfo@acme.com");
  await page.getByRole("button", { name: "Schedule report" }).click();
  const scheduled = page.getByTestId("report-card").filter({ hasText: "Compliance — Marketing" });
  await expect(scheduled).toContainText("Every Monday to cfo@acme.com");
  await expect(scheduled).toContainText("next ");
  await expectAccessible(page);
});
