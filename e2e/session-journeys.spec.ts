import { expect, test, type Browser } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

const LIVE_COHORT = "AI Enablement Intensive (live now)";
const CLINIC = "Live clinic: bring your use case";

/** Maya Chen, the instructor, signs in (a browser context of her own) and opens the recap of the live cohort's clinic. */
async function openClinicRecap(browser: Browser) {
  const instructor = await (await browser.newContext()).newPage();
  await signInAsDemo(instructor, "Maya Chen");
  await instructor.goto("/teach");
  await instructor.getByRole("link", { name: LIVE_COHORT }).click();
  await instructor
    .getByTestId("staff-session")
    .filter({ hasText: CLINIC })
    .getByRole("button", { name: "Recap" })
    .click();
  return { instructor, dialog: instructor.getByRole("dialog") };
}

test("an admin adds a weekly series; the learner's schedule gains every session live and they are told", async ({
  browser,
}) => {
  const admin = await (await browser.newContext({ timezoneId: "Europe/Berlin" })).newPage();
  const learner = await (await browser.newContext({ timezoneId: "Europe/Berlin" })).newPage();
  await signInAsDemo(learner, "Alex Rivera");
  const series = learner.getByTestId("schedule-session").filter({ hasText: "Weekly office hours" });
  await expect(learner.getByTestId("schedule-session").first()).toBeVisible();
  await expect(series).toHaveCount(0);

  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: LIVE_COHORT }).first().click();
  await admin.getByRole("button", { name: "Add sessions" }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("Title").fill("Weekly office hours");
  const firstDay = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel("First session starts").fill(`${firstDay}T17:00`);
  await dialog.getByLabel("Repeats").selectOption("weekly");
  await dialog.getByLabel("Number of sessions").fill("3");
  await expectAccessible(admin);
  await dialog.getByRole("button", { name: "Add series" }).click();
  await expect(admin.getByText("Series added; learners were told.")).toBeVisible();
  await expect(admin.getByTestId("staff-session").filter({ hasText: "Weekly office hours" })).toHaveCount(3);

  // The learner's schedule shows all three at 5:00 PM, and the bell has the news.
  await expect(series).toHaveCount(3);
  for (let i = 0; i < 3; i++) await expect(series.nth(i)).toContainText("5:00 PM");
  await learner.getByTestId("notification-bell").click();
  await expect(learner.getByTestId("notification").first()).toContainText("New session: Weekly office hours");
});

test("an instructor writes a recap; the learner reads it under the session without reloading", async ({ browser }) => {
  const learner = await (await browser.newContext()).newPage();
  await signInAsDemo(learner, "Alex Rivera");
  const clinic = learner.getByTestId("schedule-session").filter({ hasText: CLINIC });
  await expect(clinic).toBeVisible();

  const { instructor, dialog } = await openClinicRecap(browser);
  await dialog.getByLabel("Recording link").fill("https://recordings.example.com/clinic");
  await dialog.getByLabel("Summary").fill("We mapped three use cases to the 30-day plan.");
  await dialog.getByLabel("Action items").fill("Pick one use case\nBook office hours");
  await dialog.getByRole("button", { name: "Save recap" }).click();
  await expect(instructor.getByText("Recap saved; learners see it on their learning page.")).toBeVisible();

  await clinic.getByText("Recap and recording").click();
  await expect(clinic).toContainText("We mapped three use cases to the 30-day plan.");
  await expect(clinic.getByRole("listitem").filter({ hasText: "Book office hours" })).toBeVisible();
  await expect(clinic.getByRole("link", { name: "Watch the recording" })).toHaveAttribute(
    "href",
    "https://recordings.example.com/clinic",
  );
  await expectAccessible(learner);
});

test("an instructor uploads the recording file; the learner's recording link serves exactly that file", async ({
  browser,
}) => {
  const { instructor, dialog } = await openClinicRecap(browser);
  const recording = Buffer.from(`clinic recording ${Date.now()}`);
  await dialog
    .getByLabel("…or upload the recording")
    .setInputFiles({ name: "clinic.mp4", mimeType: "video/mp4", buffer: recording });
  await dialog.getByRole("button", { name: "Save recap" }).click();
  await expect(instructor.getByText("Recap saved; learners see it on their learning page.")).toBeVisible();

  const learner = await (await browser.newContext()).newPage();
  await signInAsDemo(learner, "Alex Rivera");
  const clinic = learner.getByTestId("schedule-session").filter({ hasText: CLINIC });
  await clinic.getByText("Recap and recording").click();
  const href = await clinic.getByRole("link", { name: "Watch the recording" }).getAttribute("href");
  expect(href).toContain("/api/storage/");
  const served = await learner.request.get(href!);
  expect(Buffer.from(await served.body()).equals(recording)).toBe(true);
});

test("a learner turns off reminder emails; the choice holds after reload and critical messages stay on", async ({
  page,
}) => {
  await signInAsDemo(page, "Alex Rivera");
  await page.goto("/notifications");
  const reminderEmail = page.getByLabel("Session reminders (24 hours and 1 hour before): email");
  await expect(reminderEmail).toBeChecked();
  await reminderEmail.uncheck();
  await expect(reminderEmail).not.toBeChecked();
  await expect(page.getByLabel("Session changes and cancellations: email")).toBeDisabled();
  await page.reload();
  await expect(page.getByLabel("Session reminders (24 hours and 1 hour before): email")).not.toBeChecked();
  await expect(page.getByLabel("Session reminders (24 hours and 1 hour before): in app")).toBeChecked();
  await expectAccessible(page);
});
