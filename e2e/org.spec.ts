import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

test("an org admin invites by CSV and sees a per-row report; an invitee accepts from the mailbox and the seat counter moves live", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  const invitee = await (await browser.newContext()).newPage();

  await signInAsDemo(admin, "Jordan Blake");
  await admin.getByRole("link", { name: "Acme Corporation" }).first().click();
  const seats = admin.getByTestId("seats-used");
  await expect(seats).toContainText("of 50 used");
  const before = Number((await seats.textContent())!.trim().split(" ")[0]);

  await admin.getByRole("tab", { name: "Invitations" }).click();
  const cohortSelect = admin.getByLabel("Cohort for everyone in the file (optional)");
  const december = await cohortSelect
    .locator("option", { hasText: "AI Enablement Intensive (March)" })
    .getAttribute("value");
  await cohortSelect.selectOption(december!);
  const csv =
    "email\nmira.invitee@acme.com\nnot-an-email\nomar.invitee@acme.com\nMira.Invitee@acme.com\ntaylor.brooks@acme.com\n";
  await admin
    .getByLabel(/Drop a \.csv file/)
    .setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const report = admin.getByTestId("csv-report");
  await expect(report.getByRole("status")).toHaveText("team.csv: 2 invited, 3 skipped.");
  const rows = report.getByRole("row");
  await expect(rows.filter({ hasText: "mira.invitee@acme.com" }).first()).toContainText("Invitation sent");
  await expect(rows.filter({ hasText: "not-an-email" })).toContainText("Not a valid email address");
  await expect(rows.filter({ hasText: "Appears earlier in this file" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "taylor.brooks@acme.com" })).toContainText("Already a member");
  await expect(admin.getByRole("listitem").filter({ hasText: "omar.invitee@acme.com" })).toContainText(
    "AI Enablement Intensive (March)",
  );
  await expectAccessible(admin);

  // The invitee opens the invitation from the dev mailbox and signs in with the invited address.
  await invitee.goto("/dev/mailbox");
  const mail = (subject: RegExp) =>
    invitee
      .getByTestId("dev-email")
      .filter({ has: invitee.getByTestId("dev-email-to").getByText("mira.invitee@acme.com", { exact: true }) })
      .filter({ hasText: subject })
      .first();
  await mail(/invited you to Acme Corporation/)
    .getByRole("link", { name: "Open link" })
    .click();
  await expect(invitee.getByRole("heading", { name: "Join Acme Corporation" })).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel("Email").fill("mira.invitee@acme.com");
  await invitee.getByRole("button", { name: "Email me a sign-in link" }).click();
  await invitee.getByRole("link", { name: "Open the dev mailbox" }).click();
  // Email arrives a moment later (Resend's queue, then the stand-in): wait for the sign-in link itself.
  await mail(/Your sign-in link/)
    .getByRole("link", { name: "Open link" })
    .click();
  await invitee.getByRole("button", { name: "Accept and join" }).click();
  await invitee.waitForURL(/\/learn$/);
  await expect(invitee.getByRole("heading", { name: "AI Enablement Intensive" }).first()).toBeVisible();

  // The admin's counter moved without a reload, and the member is listed.
  await expect(seats).toContainText(`${before + 1} of 50 used`);
  await admin.getByRole("tab", { name: "Members" }).click();
  // Newest members come first.
  const miraRow = admin.getByTestId("member-row").first();
  await expect(miraRow).toContainText("mira.invitee@acme.com");

  // The admin places her in a team as its lead and makes her a manager of that team.
  await miraRow.getByRole("button", { name: /Actions for/ }).click();
  await admin.getByRole("menuitem", { name: "Teams…" }).click();
  await admin.getByRole("dialog").getByLabel("Engineering").selectOption("lead");
  await admin.getByRole("button", { name: "Save teams" }).click();
  await expect(miraRow).toContainText("Engineering (lead)");
  await miraRow.getByRole("button", { name: /Actions for/ }).click();
  await admin.getByRole("menuitem", { name: "Manager role…" }).click();
  await admin.getByRole("dialog").getByLabel("Role", { exact: true }).selectOption("manager");
  await admin.getByRole("checkbox", { name: "Engineering" }).check();
  await admin.getByRole("button", { name: "Save role" }).click();
  await expect(miraRow).toContainText("Manager");
  await expectAccessible(admin);

  // Mira now manages Engineering only: her console lists Engineering's people, with no invitations and no actions on
  // them.
  await invitee.goto(new URL(admin.url()).pathname);
  await expect(invitee.getByRole("heading", { name: "Acme Corporation" })).toBeVisible();
  await expect(invitee.getByRole("tab", { name: "Members" })).toBeVisible();
  await expect(invitee.getByRole("tab", { name: "Invitations" })).toHaveCount(0);
  const seen = invitee.getByTestId("member-row");
  await expect(seen.first()).toBeVisible();
  await expect(seen.filter({ hasNotText: "Engineering" })).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
  await expectAccessible(invitee);
});

test("a manager of one team sees only that team's people in the console, with no invitations", async ({ page }) => {
  // Sam Patel manages Marketing only.
  await signInAsDemo(page, "Sam Patel");
  await page.getByRole("link", { name: "Acme Corporation" }).first().click();
  await expect(page.getByRole("heading", { name: "Acme Corporation" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Invitations" })).toHaveCount(0);
  const rows = page.getByTestId("member-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasNotText: "Marketing" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
  await page.getByRole("tab", { name: "Teams" }).click();
  await expect(page.getByText("Outside your team scope").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Create team" })).toHaveCount(0);
  await expectAccessible(page);
});
