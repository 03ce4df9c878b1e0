import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

const MEMBER = "Jonas Johansson";
const MEMBER_EMAIL = "jonas.johansson@acme.com";

/** YYYY-MM-DD `days` from today. */
function isoDay(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("#18 a platform admin plans a private cohort for Acme, its admin assigns a member who sees it on /learn, the catalog never shows it, and the admin can take the member out again", async ({
  browser,
}) => {
  const cohortName = `Acme AI Fundamentals (private ${Date.now().toString(36)})`;
  const adminContext = await browser.newContext();
  const orgContext = await browser.newContext();
  const memberContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const orgAdmin = await orgContext.newPage();
  const member = await memberContext.newPage();

  // The platform admin opens Acme's admin page and plans the cohort.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/organizations");
  // Creating an organization can plan its private cohort too (used when converting a "Buy for my team" request).
  await admin.getByRole("checkbox", { name: "Also plan a private cohort of this programme" }).click();
  await expect(admin.getByLabel("Cohort name")).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole("link", { name: "Acme Corporation", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Acme Corporation" })).toBeVisible();
  await admin.getByLabel("Course").selectOption({ label: "AI Fundamentals" });
  await admin.getByLabel("Cohort name").fill(cohortName);
  await admin.getByLabel("First day").fill(isoDay(60));
  await admin.getByLabel("Last day").fill(isoDay(61));
  await admin.getByLabel("Timezone").selectOption("Europe/Berlin");
  await admin.getByLabel("Places").fill("6");
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Create private cohort" }).click();
  const row = admin.getByTestId("private-cohort-row").filter({ hasText: cohortName });
  await expect(row).toContainText("0 / 6");
  await expect(row).toContainText("Open");
  await expectAccessible(admin);

  // Acme's administrator assigns a member to it from the console.
  await signInAsDemo(orgAdmin, "Jordan Blake");
  await orgAdmin.getByRole("link", { name: "Acme Corporation" }).first().click();
  await orgAdmin.getByRole("tab", { name: "Members" }).click();
  const memberRow = orgAdmin.getByTestId("member-row").filter({ hasText: MEMBER });
  await memberRow.getByRole("button", { name: `Actions for ${MEMBER}` }).click();
  await orgAdmin.getByRole("menuitem", { name: "Assign to a cohort…" }).click();
  const dialog = orgAdmin.getByRole("dialog", { name: `Assign ${MEMBER}` });
  const option = await dialog.locator("option", { hasText: cohortName }).getAttribute("value");
  await dialog.getByLabel("Cohort").selectOption(option!);
  await expectAccessible(orgAdmin);
  await dialog.getByRole("button", { name: "Assign" }).click();
  await expect(memberRow).toContainText(cohortName);
  await expect(row).toContainText("1 / 6");

  // The member sees the cohort on their learning page.
  await signInThroughMailbox(member, MEMBER_EMAIL);
  await member.waitForURL(/\/learn$/);
  await expect(member.getByText(cohortName).first()).toBeVisible();
  // …and was emailed “You're enrolled” with the calendar file.
  await member.goto("/dev/mailbox");
  const welcome = member
    .getByTestId("dev-email")
    .filter({ has: member.getByTestId("dev-email-to").getByText(MEMBER_EMAIL, { exact: true }) })
    .filter({ hasText: "You're enrolled in AI Fundamentals" })
    .first();
  await expect(welcome).toContainText(`Acme Corporation placed you in AI Fundamentals — ${cohortName}`);
  await expect(welcome).toContainText("ai-fundamentals.ics");

  // Nobody sees it in the catalog or on the course page; the public cohort of the course is there.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/courses");
  await expect(visitor.getByRole("heading", { name: "AI Fundamentals" }).first()).toBeVisible();
  await expect(visitor.getByText(cohortName)).toHaveCount(0);
  await visitor.goto("/courses/ai-fundamentals");
  await expect(visitor.getByText("AI Fundamentals (January)").first()).toBeVisible();
  await expect(visitor.getByText(cohortName)).toHaveCount(0);

  // Acme's administrator takes the member out again, after confirming: the place is freed live on the admin page.
  await memberRow.getByRole("button", { name: `Actions for ${MEMBER}` }).click();
  await orgAdmin.getByRole("menuitem", { name: `Take out of ${cohortName}…` }).click();
  const confirm = orgAdmin.getByRole("dialog", { name: `Take ${MEMBER} out of ${cohortName}?` });
  await expect(confirm).toContainText("They keep their organization seat");
  await expectAccessible(orgAdmin);
  await confirm.getByRole("button", { name: "Take out of cohort" }).click();
  await expect(memberRow).not.toContainText(cohortName);
  await expect(row).toContainText("0 / 6");

  // The cohort's own admin page names its organization and leads back to it.
  await row.getByRole("link", { name: cohortName }).click();
  await expect(admin.getByRole("heading", { name: cohortName })).toBeVisible();
  await admin.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(admin.getByRole("heading", { name: "Acme Corporation" })).toBeVisible();

  await Promise.all([adminContext.close(), orgContext.close(), memberContext.close(), visitor.context().close()]);
});
