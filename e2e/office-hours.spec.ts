import { expect, test } from "@playwright/test";
import { E2E } from "./config";
import { expectAccessible, signInAsDemo } from "./helpers";

test("a learner books office hours in the Cal.com embed; the booking appears live and can be cancelled", async ({
  page,
  browser,
}) => {
  // Someone books on the public booking page with the learner's address: without the token from /learn it never counts.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(`http://127.0.0.1:${E2E.calcomPort}/academy/office-hours`);
  await stranger.getByLabel("Your name").fill("Alex Rivera");
  await stranger.getByLabel("Email address").fill("alex.rivera@example.com");
  await stranger.getByRole("radio").last().check();
  await stranger.getByRole("button", { name: "Confirm booking" }).click();
  await expect(stranger.getByText("This meeting is scheduled")).toBeVisible();

  await signInAsDemo(page, "Alex Rivera");
  const officeHours = page.getByTestId("office-hours");
  await expect(officeHours).toContainText("Included until");
  await officeHours.getByRole("button", { name: "Book office hours" }).click();

  // Cal.com's embed script loads the booking page in an iframe, prefilled with the learner's name and email.
  const booking = page.frameLocator("iframe[name='cal-embed=office-hours']");
  await expect(booking.getByLabel("Email address")).toHaveValue("alex.rivera@example.com");
  await booking.getByRole("radio").first().check();
  await booking.getByRole("button", { name: "Confirm booking" }).click();
  await expect(booking.getByText("This meeting is scheduled")).toBeVisible();

  // The signed webhook lands in the backend and the list updates without a reload; the stranger's booking is not there.
  const row = officeHours.getByTestId("office-hours-booking").first();
  await expect(row).toContainText("Booked");
  await expect(officeHours.getByTestId("office-hours-booking")).toHaveCount(1);
  await expectAccessible(page);

  await row.getByRole("button", { name: /Cancel/ }).click();
  await expect(row).toContainText("Cancelled");
  await expect(row).toContainText("You cancelled this booking.");
});
