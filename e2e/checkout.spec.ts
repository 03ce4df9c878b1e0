import fs from "node:fs";
import ICAL from "ical.js";
import { expect, test } from "@playwright/test";
import { STRIPE_PAY_URL, expectAccessible, signInThroughMailbox } from "./helpers";

const COURSE = "/courses/ai-enablement-intensive";
const COHORT = "AI Enablement Intensive (December)";

test("B watches the last seat sell out live while A buys it, pays, lands on /learn and gets a valid .ics", async ({
  browser,
}) => {
  const [contextA, contextB, contextC] = await Promise.all([
    browser.newContext(),
    browser.newContext(),
    browser.newContext(),
  ]);
  const [a, b, c] = await Promise.all([contextA.newPage(), contextB.newPage(), contextC.newPage()]);
  const cohortCard = (page: typeof a) => page.getByRole("listitem").filter({ hasText: COHORT });

  // C holds one of the two remaining seats.
  await signInThroughMailbox(c, "carla.buyer@example.com");
  await c.goto(COURSE);
  await expect(cohortCard(c).getByTestId("seats-left")).toHaveText("2 seats left");
  await cohortCard(c)
    .getByRole("button", { name: `Reserve seat in ${COHORT}` })
    .click();
  await c.waitForURL(STRIPE_PAY_URL);

  // B watches the cohort page.
  await signInThroughMailbox(b, "ben.buyer@example.com");
  await b.goto(COURSE);
  await expect(cohortCard(b).getByTestId("seats-left")).toHaveText("1 seat left");
  await expectAccessible(b);

  // A takes the last seat; B's page changes without a reload.
  await signInThroughMailbox(a, "ana.buyer@example.com");
  await a.goto(COURSE);
  await cohortCard(a)
    .getByRole("button", { name: `Reserve seat in ${COHORT}` })
    .click();
  await expect(cohortCard(b).getByText("Sold out — join the waitlist")).toBeVisible({ timeout: 3000 });
  await expect(cohortCard(b).getByRole("button", { name: `Join the waitlist for ${COHORT}` })).toBeVisible();
  await expect(cohortCard(b).getByRole("button", { name: `Reserve seat in ${COHORT}` })).toHaveCount(0);

  // A pays on the local checkout page and lands on the learner home.
  await a.waitForURL(STRIPE_PAY_URL);
  await expect(a.getByText("$1,497.00").first()).toBeVisible();
  await a.getByRole("button", { name: /^Pay \$1,497/ }).click();
  await expect(a.getByRole("heading", { name: "Payment received — you're in" })).toBeVisible();
  await expectAccessible(a);
  await a.waitForURL(/\/learn$/);
  const card = a
    .getByRole("main")
    .locator("div")
    .filter({ has: a.getByRole("heading", { name: "AI Enablement Intensive" }) })
    .first();
  await expect(a.getByRole("heading", { name: "AI Enablement Intensive" })).toBeVisible();
  await expect(card.getByTestId("schedule-session")).toHaveCount(10);
  await expectAccessible(a);

  // The cohort calendar downloads and parses: 10 events at 09:00 Berlin wall time on day one.
  const downloadPromise = a.waitForEvent("download");
  await a.getByRole("button", { name: "Add all to calendar (.ics)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe("ai-enablement-intensive.ics");
  const text = fs.readFileSync((await download.path())!, "utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
  expect(events).toHaveLength(10);
  expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Berlin");
  const first = events.sort((x, y) => x.startDate.compare(y.startDate))[0];
  expect(first.startDate.zone?.tzid).toBe("Europe/Berlin");
  expect([first.startDate.hour, first.startDate.minute]).toEqual([9, 0]);
  expect(new Set(events.map((e) => e.uid)).size).toBe(10);

  // A's receipt (with the same calendar) is in the dev mailbox, which also holds everyone else's mail.
  await a.goto("/dev/mailbox");
  const receipt = a
    .getByTestId("dev-email")
    .filter({ has: a.getByTestId("dev-email-to").getByText("ana.buyer@example.com", { exact: true }) })
    .filter({ hasText: "Payment received — you're in: AI Enablement Intensive" });
  await expect(receipt).toHaveCount(1);
  await expect(receipt.getByRole("link", { name: "ai-enablement-intensive.ics" })).toBeVisible();

  await Promise.all([contextA.close(), contextB.close(), contextC.close()]);
});
