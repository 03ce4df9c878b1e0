/**
 * #18 People directory: a platform admin finds a person, sees what they hold, and makes them a platform admin and back.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

test("a platform admin finds a learner by name, sees their seats and certificates, and grants and removes platform admin with a logged history", async ({
  page,
}) => {
  test.slow();
  await signInAsDemo(page, "Priya Raman");
  await page.goto("/admin");
  await page.getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { name: "Admin · People" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("searchbox", { name: "Search people" }).fill("bauer");
  // Everyone listed has the word in their name or email; Ben is among them.
  const names = page.getByRole("row").getByRole("link");
  const listed = page.getByRole("row").filter({ has: page.getByRole("link") });
  await expect
    .poll(async () => (await listed.allTextContents()).every((text) => text.toLowerCase().includes("bauer")))
    .toBe(true);
  await expect(names.filter({ hasText: "Ben Bauer" })).toHaveCount(1);
  await names.filter({ hasText: "Ben Bauer" }).click();

  await expect(page.getByRole("heading", { name: "Ben Bauer" })).toBeVisible();
  await expect(page.getByText("Acme private cohort (September)").first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Prompt Engineering — Practitioner/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Make platform admin" }).click();
  await expect(page.getByText("Ben Bauer is now a platform admin.")).toBeVisible();
  await expect(page.getByTestId("person-history")).toContainText("Made a platform admin by Priya Raman");
  await page.getByRole("button", { name: "Remove platform admin" }).click();
  await expect(page.getByText("Ben Bauer is no longer a platform admin.")).toBeVisible();
  await expect(page.getByTestId("person-history").getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("person-history")).toContainText("Platform admin removed by Priya Raman");
  await expect(page.getByRole("button", { name: "Make platform admin" })).toBeVisible();
});

test("a platform admin makes a learner the instructor of a cohort: the cohort's page names them and their history says so", async ({
  page,
}) => {
  test.slow();
  await signInAsDemo(page, "Priya Raman");
  await page.goto("/admin/people");
  await page.getByRole("searchbox", { name: "Search people" }).fill("taylor");
  await page
    .getByRole("row")
    .getByRole("link", { name: /Taylor Brooks/ })
    .click();
  await expect(page.getByRole("heading", { name: "Taylor Brooks" })).toBeVisible();
  const select = page.getByLabel("Make instructor of");
  const option = select
    .locator("option")
    .filter({ hasText: /now Maya Chen/ })
    .first();
  const label = (await option.textContent())!;
  const cohortName = label.split(" · ")[0];
  await select.selectOption({ label });
  await expect(page.getByText("Maya Chen will no longer teach it.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Make instructor" }).click();
  await expect(page.getByText(`Taylor Brooks now teaches ${cohortName}.`)).toBeVisible();
  await expect(page.getByRole("link", { name: cohortName, exact: true })).toBeVisible();
  await expect(page.getByTestId("person-history")).toContainText(
    `Made the instructor of a cohort (${cohortName}) by Priya Raman`,
  );
  await page.getByRole("link", { name: cohortName, exact: true }).click();
  await expect(page.getByLabel("Instructor email")).toHaveValue(/taylor/i);

  // Give the cohort back to Maya Chen: other journeys teach it as her.
  await page.goto("/admin/people");
  await page.getByRole("searchbox", { name: "Search people" }).fill("maya");
  await page
    .getByRole("row")
    .getByRole("link", { name: /Maya Chen/ })
    .click();
  await page
    .getByLabel("Make instructor of")
    .selectOption({ label: label.replace("now Maya Chen", "now Taylor Brooks") });
  await page.getByRole("button", { name: "Make instructor" }).click();
  await expect(page.getByText(`Maya Chen now teaches ${cohortName}.`)).toBeVisible();
});
