import { expect, test } from "@playwright/test";
import { buySeat, expectAccessible, pagesApart, signInAsDemo, signInThroughMailbox } from "./helpers";

const CANCELLED = "Agent Build Hackathon (Q1)";
const NEXT = "Agent Build Hackathon (Spring)";
const EMAIL = "casey.cancel@example.com";

/** YYYY-MM-DD, `days` from today. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("#18 an admin cancels a cohort; the learner opens the choice page, transfers in one click and sees the new schedule live", async ({
  browser,
}) => {
  const { pages, close } = await pagesApart(browser, 2);
  const [admin, learner] = pages;

  // A second date of the course to move to.
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/courses");
  await admin.getByRole("link", { name: "Agent Build Hackathon" }).first().click();
  await admin.getByRole("link", { name: "New cohort" }).click();
  await admin.getByLabel("Name").fill(NEXT);
  await admin.getByLabel("First day").fill(day(70));
  await admin.getByLabel("Last day").fill(day(98));
  await admin.getByRole("button", { name: "Create cohort" }).click();
  await expect(admin.getByRole("heading", { name: NEXT })).toBeVisible();

  await signInThroughMailbox(learner, EMAIL);
  await buySeat(learner, "agent-build-hackathon", CANCELLED);
  await expect(learner.getByText(CANCELLED).first()).toBeVisible();

  // The admin cancels Q1 from its page; the dialog names the consequences.
  await admin.goto("/admin");
  await admin.getByRole("link", { name: CANCELLED }).first().click();
  await admin.getByRole("button", { name: "Cancel cohort" }).click();
  const dialog = admin.getByRole("dialog", { name: `Cancel ${CANCELLED}?` });
  await expect(dialog.getByText(/each get one choice/)).toBeVisible();
  await expect(dialog.getByText(/live sessions? (is|are) cancelled, with their reminders/)).toBeVisible();
  await expectAccessible(admin);
  await dialog.getByRole("button", { name: "Cancel cohort" }).click();
  await expect(admin.getByText(new RegExp(`${CANCELLED.replace(/[()]/g, "\\$&")} cancelled;`))).toBeVisible();
  const choiceRow = admin.getByRole("row").filter({ hasText: EMAIL });
  await expect(choiceRow.getByText("Not chosen yet")).toBeVisible();
  await expectAccessible(admin);

  // The learner keeps /learn open in one tab and chooses in another, from the link in the email.
  const learn = await learner.context().newPage();
  await learn.goto("/learn");
  await learner.goto("/dev/mailbox");
  const mail = learner
    .getByTestId("dev-email")
    .filter({ has: learner.getByTestId("dev-email-to").getByText(EMAIL, { exact: true }) })
    .filter({ hasText: "was cancelled" })
    .first();
  await expect(mail).toBeVisible();
  await mail.getByRole("link", { name: "Open link" }).click();
  await expect(learner.getByRole("heading", { name: `${CANCELLED} was cancelled` })).toBeVisible();
  await expectAccessible(learner);
  await learner.getByRole("button", { name: `Transfer to ${NEXT}` }).click();
  await learner.waitForURL(/\/learn$/);

  // The other tab shows the new cohort without a reload; the admin sees the choice live.
  await expect(learn.getByText(NEXT).first()).toBeVisible();
  await expect(learn.getByText(CANCELLED)).toHaveCount(0);
  await expect(choiceRow.getByText("Transferred")).toBeVisible();
  await expect(choiceRow.getByText(`To ${NEXT}`)).toBeVisible();

  await close();
});
