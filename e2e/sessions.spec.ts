import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

const LIVE_COHORT = "AI Enablement Intensive (live now)";

test("an instructor marks attendance and the learner's page shows it without reload; an admin reschedules and the learner's schedule moves live", async ({
  browser,
}) => {
  const learner = await (await browser.newContext({ timezoneId: "Europe/Berlin" })).newPage();
  const instructor = await (await browser.newContext({ timezoneId: "Europe/Berlin" })).newPage();
  const admin = await (await browser.newContext({ timezoneId: "Europe/Berlin" })).newPage();

  // The learner has the schedule open: the clinic is live and has no mark yet.
  await signInAsDemo(learner, "Alex Rivera");
  const clinic = learner.getByTestId("schedule-session").filter({ hasText: "Live clinic: bring your use case" });
  await expect(clinic.getByTestId("session-status")).toHaveText("Live now");
  await expect(clinic.getByTestId("attendance")).toHaveCount(0);

  // The instructor opens the cohort from /teach and marks Alex present.
  await signInAsDemo(instructor, "Maya Chen");
  await instructor.goto("/teach");
  await instructor.getByRole("link", { name: LIVE_COHORT }).click();
  const clinicRow = instructor.getByTestId("staff-session").filter({ hasText: "Live clinic: bring your use case" });
  await clinicRow.getByRole("button", { name: "Attendance" }).click();
  await instructor
    .getByRole("radiogroup", { name: "Attendance of Alex Rivera" })
    .getByRole("radio", { name: "Present" })
    .click();
  await expect(
    instructor.getByRole("radiogroup", { name: "Attendance of Alex Rivera" }).getByRole("radio", { name: "Present" }),
  ).toHaveAttribute("aria-checked", "true");
  await expectAccessible(instructor);

  await expect(clinic.getByTestId("attendance")).toHaveText("Attended");

  // An admin moves tomorrow's masterclass to 16:00 Berlin time.
  const title = "Mini-Masterclass: patterns that scale";
  const learnerRow = learner.getByTestId("schedule-session").filter({ hasText: title });
  await expect(learnerRow).not.toContainText("4:00 PM");
  const unreadBefore = await learner.getByTestId("notification-bell").getAttribute("aria-label");

  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: LIVE_COHORT }).first().click();
  await admin.getByRole("button", { name: `Edit ${title}` }).click();
  const start = admin.getByLabel("Starts");
  const current = await start.inputValue();
  await start.fill(`${current.slice(0, 10)}T16:00`);
  await admin.getByRole("button", { name: "Save session" }).click();
  await expect(admin.getByTestId("staff-session").filter({ hasText: title })).toContainText("4:00 PM");
  await expectAccessible(admin);

  // The learner's schedule and unread count change without a reload.
  await expect(learnerRow).toContainText("4:00 PM");
  await expect(learner.getByTestId("notification-bell")).not.toHaveAttribute("aria-label", unreadBefore ?? "");
  await learner.getByTestId("notification-bell").click();
  await expect(learner.getByTestId("notification").first()).toContainText(`Rescheduled: ${title}`);
  await expectAccessible(learner);
});
