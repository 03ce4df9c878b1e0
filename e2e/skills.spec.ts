import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

/** Saves the page at desktop and phone width (test-results/…), to look at. */
async function screenshots(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`), fullPage: true });
  await expectAccessible(page);
  if (size) await page.setViewportSize(size);
}

test("an admin maps a skill to a course and the course page lists it under “Skills you will build”", async ({
  page,
}) => {
  await signInAsDemo(page, "Priya Raman");
  await page.goto("/admin/skills");
  await expect(page.getByRole("heading", { name: "Admin · Skills" })).toBeVisible();
  await expect(page.getByTestId("skill-row").filter({ hasText: "Prompt Engineering" })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-skills");

  await page.getByRole("link", { name: "AI Governance" }).click();
  await expect(page.getByRole("heading", { name: "AI Governance", level: 1 })).toBeVisible();
  await page.getByLabel("Course", { exact: true }).selectOption({ label: "AI Fundamentals" });
  await page.getByLabel("What the course does").selectOption("introduces");
  await page.getByLabel("Weight").fill("25");
  await page.getByRole("button", { name: "Save course" }).click();
  await expect(page.getByTestId("skill-course-row").filter({ hasText: "AI Fundamentals" })).toContainText("Introduces");
  // A competency, then the same name again: the server's refusal shows in the dialog, in words.
  for (const attempt of [1, 2]) {
    await page.getByRole("button", { name: "Add competency" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a competency" });
    await dialog.getByLabel("Name").fill("Write an AI use policy");
    await dialog.getByLabel("Description").fill("Drafts a policy people can follow.");
    await dialog.getByLabel("Assessment criteria").fill("A policy reviewed in a project.");
    await dialog.getByRole("button", { name: "Save competency" }).click();
    if (attempt === 1) await expect(dialog).toBeHidden();
    else {
      await expect(dialog.getByRole("alert")).toHaveText(
        "AI Governance already has a competency called Write an AI use policy.",
      );
      await expectAccessible(page);
      await dialog.getByRole("button", { name: "Cancel" }).click();
    }
  }
  await expect(page.getByRole("rowheader", { name: /Write an AI use policy/ })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "admin-skill");

  await page.goto("/courses/ai-fundamentals");
  const skills = page.getByRole("region", { name: "Skills you will build" });
  await expect(skills.getByTestId("course-skill").filter({ hasText: "AI Governance" })).toContainText("Introduces");
  await expectAccessible(page);
  await screenshots(page, "course-skills");
});

test("a learner switches on their public portfolio; a visitor sees their levels and badges and verifies one", async ({
  page,
  browser,
}) => {
  // Taylor Brooks completed the seeded Acme cohort, whose course develops Prompt Engineering.
  await signInAsDemo(page, "Taylor Brooks");
  await page.getByRole("link", { name: "My skills" }).first().click();
  await expect(page.getByRole("heading", { name: "My skills", level: 1 })).toBeVisible();
  const prompting = page.getByRole("region", { name: "Prompt Engineering" });
  await expect(
    prompting.getByTestId("skill-badge").filter({ hasText: "Prompt Engineering — Practitioner" }),
  ).toContainText(/Valid|Expires in/, { timeout: 30_000 });
  await expect(prompting.getByTestId("skill-next")).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, "my-skills");

  const settings = page.getByTestId("portfolio-settings");
  await expect(settings.getByTestId("portfolio-link")).toHaveCount(0);
  await settings.getByRole("switch", { name: "Public portfolio" }).check();
  const link = settings.getByTestId("portfolio-link");
  await expect(link).toHaveText(/^\/portfolio\/taylor-brooks-[0-9a-f]{16}$/);
  const path = (await link.textContent())!;

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { name: "Taylor Brooks", level: 1 })).toBeVisible();
  const badge = visitor.getByTestId("portfolio-badge").filter({ hasText: "Prompt Engineering — Practitioner" });
  await expect(badge).toBeVisible();
  await expect(visitor.getByText("taylor.brooks@acme.com")).toHaveCount(0);
  await expectAccessible(visitor);
  await screenshots(visitor, "portfolio");
  await badge.getByRole("link", { name: /Verify/ }).click();
  await expect(visitor.getByTestId("certificate-status")).toContainText("Valid skill badge", { timeout: 30_000 });

  // Switched off, the same link shows nothing.
  await settings.getByRole("switch", { name: "Public portfolio" }).uncheck();
  await expect(settings.getByTestId("portfolio-link")).toHaveCount(0);
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { name: "This portfolio is not available" })).toBeVisible();
  await visitor.context().close();
});
