/**
 * #18 Profile: a learner edits their details, chooses the timezone their schedule is shown in, and changes the
 * address they sign in with by opening the link sent to it.
 */
import { expect, test } from "@playwright/test";
import { buySeat, expectAccessible, signInThroughMailbox } from "./helpers";

test("a learner edits their profile, sees their schedule in the zone they chose, and changes their sign-in address", async ({
  page,
}) => {
  test.slow();
  const stamp = Date.now();
  const oldEmail = `profile.${stamp}@example.com`;
  const newEmail = `profile.moved.${stamp}@example.com`;
  await signInThroughMailbox(page, oldEmail);
  await page.waitForURL(/\/learn$/);
  await buySeat(page, "ai-executive-briefing", "Executive Briefing (December)");
  const firstSession = page.getByTestId("schedule-session").first();
  await expect(firstSession).toBeVisible();
  const timesBefore = await firstSession.locator("span").first().textContent();

  // The account page, from the account menu.
  await page.getByRole("button", { name: /^Account menu for / }).click();
  await page.getByRole("menuitem", { name: "Your account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByTestId("current-email")).toHaveText(oldEmail);
  await expectAccessible(page);

  // Bad input is explained beside the form, and nothing is saved.
  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByLabel("LinkedIn profile").fill("https://evil.example/in/me");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByRole("alert")).toHaveText(
    "LinkedIn URL must look like https://www.linkedin.com/in/your-name.",
  );

  await profile.getByLabel("Name").fill("Kenji Watanabe");
  await profile.getByLabel("Company").fill("Globex");
  await profile.getByLabel("Job title").fill("Head of Operations");
  await profile.getByLabel("LinkedIn profile").fill("linkedin.com/in/kenji-watanabe");
  await profile.getByLabel("Timezone").selectOption("Asia/Tokyo");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await expect(profile.getByLabel("LinkedIn profile")).toHaveValue("https://linkedin.com/in/kenji-watanabe");
  await expect(page.getByRole("button", { name: "Account menu for Kenji Watanabe" })).toBeVisible();

  // The schedule follows the chosen zone.
  await page.goto("/learn");
  await expect(page.getByTestId("schedule-zone")).toContainText(
    "Times are shown in Japan Standard Time, as set on your account",
  );
  await expect(page.getByTestId("schedule-session").first().locator("span").first()).not.toHaveText(timesBefore!);
  await expectAccessible(page);

  // A new sign-in address: a link goes to it; opening it while signed in switches the account over.
  await page.goto("/account");
  const change = page.getByRole("form", { name: "Change email address" });
  await change.getByLabel("New email address").fill(newEmail);
  await change.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByTestId("pending-email")).toContainText(`We sent a link to ${newEmail}`);
  await expectAccessible(page);

  await page.goto("/dev/mailbox");
  const mail = page
    .getByTestId("dev-email")
    .filter({ has: page.getByTestId("dev-email-to").getByText(newEmail, { exact: true }) })
    .first();
  await expect(mail).toContainText("Confirm your new email address");
  await mail.getByRole("link", { name: "Open link" }).click();
  await expect(page.getByRole("heading", { name: "Email address changed" })).toBeVisible();
  await expect(page.getByText(`Your account now signs in with ${newEmail}`)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to your account" }).click();
  await expect(page.getByTestId("current-email")).toHaveText(newEmail);
  await expect(page.getByTestId("pending-email")).toHaveCount(0);

  // The old address is told; the new one signs in to the same account (its name and schedule).
  await page.goto("/dev/mailbox");
  await expect(
    page
      .getByTestId("dev-email")
      .filter({ has: page.getByTestId("dev-email-to").getByText(oldEmail, { exact: true }) })
      .first(),
  ).toContainText("Your AI Enablement Academy email address was changed");
  await page.goto("/learn");
  await page.getByRole("button", { name: "Account menu for Kenji Watanabe" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await signInThroughMailbox(page, newEmail);
  await page.waitForURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "Welcome back, Kenji" })).toBeVisible();
  await expect(page.getByTestId("schedule-session").first()).toBeVisible();
});
