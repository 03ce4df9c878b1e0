import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

const PILOT = "Acme assessment pilot";
const LEARNER = "fiona.ferrari@acme.com";
const DAY = 86_400_000;

/** Off-topic: the AI (the local stand-in) grades it 0 with high confidence, so the baseline is scored at once. */
const BASELINE_OPEN_ANSWER =
  "I have not used these tools in my job yet, so I cannot say which parts of my day they would change for me.";
/** Covers part of the rubric: the AI's confidence lands between 0.7 and 0.9, so it waits for the instructor. */
const POST_OPEN_ANSWER =
  "In customer success we sort support requests by hand. AI could categorize incoming requests, route them to the right person and suggest a first response that we review. We expect time saved, faster responses and more consistent handling.";

function question(page: Page, text: string) {
  return page.getByTestId("assessment-question").filter({ hasText: text });
}

async function openAssessment(page: Page, title: string) {
  await page.goto("/learn");
  const row = page.getByTestId("assessment-row").filter({ hasText: title }).filter({ hasText: PILOT });
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
}

async function submit(page: Page) {
  await expect(page.getByTestId("save-state")).not.toHaveText("Saving…");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Submit", exact: true }).click();
}

test("a learner takes the pre-assessment, attends, passes the post-assessment once the instructor accepts the AI's grade; the certificate is issued and the manager's learning gain moves live", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const learner = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();
  const instructor = await (await browser.newContext()).newPage();
  const manager = await (await browser.newContext()).newPage();

  // Before the cohort: the baseline is open on /learn; answers are saved as the learner goes; nothing correct is shown.
  await signInThroughMailbox(learner, LEARNER);
  await learner.waitForURL(/\/learn$/);
  await expect(learner.getByTestId("assessment-row").filter({ hasText: "Baseline: AI at work" })).toContainText(
    /Open until/,
  );
  await openAssessment(learner, "Baseline: AI at work");
  await expect(learner.getByText("Correct answers are not shown.")).toBeVisible();
  await learner.getByRole("button", { name: "Start the assessment" }).click();
  await expect(learner.getByText("Time left")).toBeVisible();
  await question(learner, "How confident are you writing effective prompts").getByRole("radio", { name: "2" }).check();
  await question(learner, "Describe a business process").getByRole("textbox").fill(BASELINE_OPEN_ANSWER);
  await learner.screenshot({ path: "test-results/assessments-attempt.png" });
  await expectAccessible(learner);
  // A reload shows the same questions in the same order, with the answers kept.
  const order = await learner.getByTestId("assessment-question").locator("legend").allTextContents();
  await expect(learner.getByTestId("save-state")).toHaveText("All answers saved");
  await learner.reload();
  await expect(learner.getByTestId("assessment-question").locator("legend")).toHaveText(order);
  await expect(question(learner, "Describe a business process").getByRole("textbox")).toHaveValue(BASELINE_OPEN_ANSWER);
  await submit(learner);
  await expect(learner.getByTestId("assessment-result")).toContainText("0%", { timeout: 20_000 });

  // The cohort takes place: the admin moves it into the past (the schedule follows), the instructor takes attendance.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin");
  await admin.getByRole("link", { name: PILOT }).first().click();
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  await admin.getByLabel("First day").fill(iso(Date.now() - 4 * DAY));
  await admin.getByLabel("Last day").fill(iso(Date.now() - 3 * DAY));
  await admin.getByLabel("Status").selectOption("completed");
  await admin.getByRole("button", { name: "Save cohort" }).click();
  await expect(admin.getByText("Cohort saved; learners' schedules updated.")).toBeVisible();

  await signInAsDemo(instructor, "Maya Chen");
  await instructor.goto("/teach");
  await instructor.getByRole("link", { name: PILOT }).click();
  const sessions = instructor.getByTestId("staff-session");
  await expect(sessions.first()).toBeVisible();
  const count = await sessions.count();
  for (let i = 0; i < count; i++) {
    await sessions.nth(i).getByRole("button", { name: "Attendance" }).click();
    await sessions.nth(i).getByRole("button", { name: "Mark all present" }).click();
    await expect(sessions.nth(i)).toContainText("3 attended");
    await sessions.nth(i).getByRole("button", { name: "Attendance" }).click();
  }

  // The manager's average learning gain before the post-assessment.
  await signInAsDemo(manager, "Jordan Blake");
  await manager.getByRole("link", { name: "Dashboard" }).first().click();
  const gain = manager.getByTestId("org-learning-gain");
  await expect(gain).toHaveText(/^\d+%$/);
  const before = await gain.textContent();

  // After the cohort: the post-assessment, every answer right and an open answer the AI is not sure enough about.
  await openAssessment(learner, "Post-course check: AI at work");
  await learner.getByRole("button", { name: "Start the assessment" }).click();
  await question(learner, "Which prompt element most reduces ambiguity?")
    .getByRole("radio", { name: "A clear output format and criteria" })
    .check();
  await question(learner, "What should you check before sharing AI output?")
    .getByRole("radio", { name: "Facts, sources and sensitive data" })
    .check();
  await question(learner, "A 'few-shot' prompt contains")
    .getByRole("radio", { name: "Worked examples of the desired output" })
    .check();
  for (const option of [
    "Giving context and a role",
    "Breaking the task into steps",
    "Including examples of the output",
  ]) {
    await question(learner, "effective prompting techniques").getByRole("checkbox", { name: option }).check();
  }
  await question(learner, "One AI tool is always the best choice").getByRole("radio", { name: "False" }).check();
  await question(learner, "What does the abbreviation RAG stand for?")
    .getByRole("textbox")
    .fill("retrieval-augmented generation");
  await question(learner, "How confident are you writing effective prompts").getByRole("radio", { name: "4" }).check();
  await question(learner, "Describe a business process").getByRole("textbox").fill(POST_OPEN_ANSWER);
  await submit(learner);
  await expect(learner.getByTestId("assessment-result")).toContainText("Being graded");
  await expect(learner.getByTestId("assessment-result")).toContainText("Your instructor is grading 1 open answer");

  // The instructor accepts the AI's suggestion in /teach.
  await instructor.goto("/teach");
  await instructor.getByTestId("review-queues").getByRole("link", { name: PILOT }).click();
  const item = instructor.getByTestId("review-item").filter({ hasText: "Fiona Ferrari" });
  await expect(item).toContainText("AI suggestion to confirm");
  await expect(item).toContainText(/AI suggests 16\.4 of 20 points \(confidence \d+%\)/);
  await item.screenshot({ path: "test-results/assessments-review-item.png" });
  await expectAccessible(instructor);
  await item.getByRole("button", { name: /Accept AI grade/ }).click();
  await expect(item).toHaveCount(0);

  // The learner's result, certificate and the manager's figure follow without a reload.
  await expect(learner.getByTestId("assessment-result")).toContainText("95.5%");
  await expect(learner.getByTestId("assessment-result")).toContainText("Passed");
  await learner.goto("/learn");
  await expect(learner.getByTestId("my-certificates")).toContainText("AI Enablement Intensive", { timeout: 30_000 });
  await expect(learner.getByTestId("my-certificates")).toContainText("Ready", { timeout: 60_000 });
  await expect(gain).not.toHaveText(before!, { timeout: 30_000 });
});

test("an instructor reads the finished cohort's results and authors an assessment; an admin sets the certificate rules", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const instructor = await (await browser.newContext()).newPage();
  await signInAsDemo(instructor, "Maya Chen");
  await instructor.goto("/teach");
  await instructor.getByRole("link", { name: "Acme private cohort (September)" }).click();
  await instructor.getByRole("link", { name: "Assessment results" }).click();
  await expect(instructor.getByRole("heading", { name: /Assessment results/ })).toBeVisible();
  await expect(instructor.getByTestId("cohort-average-gain")).toHaveText(/^\d+%$/);
  await expect(instructor.getByRole("table").first()).toBeVisible();
  await instructor.screenshot({ path: "test-results/assessments-results.png", fullPage: true });
  await expectAccessible(instructor);

  await instructor.goto("/teach/assessments");
  await instructor.getByRole("link", { name: "Baseline: AI at work" }).click();
  await expect(instructor.getByTestId("authoring-question")).toHaveCount(8);
  await instructor.getByRole("button", { name: "Add question" }).click();
  const dialog = instructor.getByRole("dialog");
  await dialog.getByLabel("Type").selectOption("short_answer");
  await dialog.getByLabel("Question", { exact: true }).fill("Name one way to check AI output before sharing it.");
  await dialog.getByLabel("Accepted answers (one a line)").fill("check the sources\nverify facts");
  await expectAccessible(instructor);
  await dialog.getByRole("button", { name: "Save question" }).click();
  await expect(instructor.getByTestId("authoring-question")).toHaveCount(9);
  await instructor.getByRole("button", { name: "Preview as a learner" }).click();
  await expect(instructor.getByRole("dialog").getByTestId("assessment-question")).toHaveCount(9);
  await instructor.screenshot({ path: "test-results/assessments-preview.png" });
  await instructor.keyboard.press("Escape");
  await instructor.screenshot({ path: "test-results/assessments-authoring.png", fullPage: true });
  await expectAccessible(instructor);

  const admin = await (await browser.newContext()).newPage();
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/courses");
  await admin.getByRole("link", { name: "AI Enablement Intensive" }).first().click();
  const rules = admin.getByTestId("certificate-rules");
  await expect(rules).toContainText("Post-course check: AI at work");
  await rules.getByLabel("Passing score of the post-course assessment (%)").fill("75");
  await rules.getByRole("button", { name: "Save certificate rules" }).click();
  await expect(admin.getByText("Certificate rules saved.")).toBeVisible();
  await rules.screenshot({ path: "test-results/assessments-certificate-rules.png" });
  await expectAccessible(admin);

  // A learner of the finished cohort (the first test moves the pilot cohort, so its learners' windows depend on order).
  const learner = await (await browser.newContext()).newPage();
  await signInThroughMailbox(learner, "ava.adams@acme.com");
  await learner.waitForURL(/\/learn$/);
  const card = learner.getByTestId("my-assessments");
  await expect(card.getByTestId("assessment-row").filter({ hasText: "Baseline: AI at work" })).toContainText(
    /Done · \d+(\.\d+)?%/,
  );
  await expect(card.getByTestId("assessment-row").filter({ hasText: "Post-course check: AI at work" })).toContainText(
    "Acme private cohort (September)",
  );
  await learner.getByTestId("my-assessments").screenshot({ path: "test-results/assessments-learn-card.png" });
  await expectAccessible(learner);
});
