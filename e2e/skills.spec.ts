import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, pagesApart, signInAsDemo } from "./helpers";

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
  await expect(page.getByRole("link", { name: "Prompt Engineering", exact: true })).toBeVisible();
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

test("an instructor records evidence and signs a learner off; the learner's profile shows the new badge, which verifies", async ({
  browser,
}) => {
  const { pages, close } = await pagesApart(browser, 2);
  const [learner, instructor] = pages;
  // Taylor Brooks holds Prompt Engineering at Practitioner and showed every competency in the seeded Acme cohort.
  await signInAsDemo(learner, "Taylor Brooks");
  await learner.goto("/learn/skills");
  const prompting = learner.getByRole("region", { name: "Prompt Engineering" });
  await expect(prompting.getByTestId("skill-level")).toHaveText("Practitioner", { timeout: 30_000 });
  await expect(prompting.getByTestId("skill-next")).toContainText("Advanced — you are ready");
  await expect(prompting.getByTestId("skill-evidence")).toHaveCount(4);

  await signInAsDemo(instructor, "Maya Chen");
  await instructor.goto("/teach");
  await instructor.getByRole("link", { name: "Acme private cohort (September)" }).first().click();
  await instructor.getByRole("link", { name: "Skills and sign-off" }).click();
  await expect(instructor.getByRole("heading", { name: "Skills and sign-off" })).toBeVisible();

  // Evidence for another learner: one more competency shown.
  const chloe = instructor.getByTestId("learner-skills-row").filter({ hasText: "Chloe Costa" });
  await expect(chloe).toContainText("1 of 4 shown");
  await instructor.getByLabel("Learner", { exact: true }).selectOption({ label: "Chloe Costa" });
  await instructor.getByLabel("Competency", { exact: true }).selectOption({ label: "Few-shot examples" });
  await instructor.getByLabel("How it was shown").selectOption({ label: "Observed in a session" });
  await instructor.getByLabel("Score (0–100)").fill("80");
  await instructor.getByLabel("Note for the learner (optional)").fill("Good choice of examples.");
  await instructor.getByRole("button", { name: "Record evidence" }).click();
  await expect(instructor.getByText("Recorded: Chloe Costa showed Few-shot examples.")).toBeVisible();
  await expect(chloe).toContainText("2 of 4 shown");
  await expectAccessible(instructor);
  await screenshots(instructor, "cohort-skills");

  // Taylor waits for an Advanced sign-off; Maya signs her off.
  const waiting = instructor.getByTestId("waiting-row").filter({ hasText: "Taylor Brooks" });
  await expect(waiting).toContainText("Prompt Engineering · Advanced");
  await waiting.getByRole("button", { name: /Sign off/ }).click();
  const dialog = instructor.getByRole("dialog", { name: "Sign Taylor Brooks off at Advanced?" });
  await expectAccessible(instructor);
  await dialog.getByRole("button", { name: "Sign off at Advanced" }).click();
  await expect(dialog).toBeHidden();
  await expect(waiting).toHaveCount(0);

  // Taylor's page, never reloaded, shows the new badge and level; the badge verifies.
  const badge = prompting.getByTestId("skill-badge").filter({ hasText: "Prompt Engineering — Advanced" });
  await expect(badge).toContainText(/Valid|Expires in/, { timeout: 60_000 });
  await expect(badge).toContainText("after an instructor's sign-off");
  await expect(prompting.getByTestId("skill-level")).toHaveText("Advanced");
  await badge.getByRole("link", { name: "Prompt Engineering — Advanced" }).click();
  await expect(learner.getByTestId("certificate-status")).toContainText("Valid skill badge", { timeout: 30_000 });
  await expect(learner.getByText(/verified by Maya Chen/)).toBeVisible();
  await close();
});
