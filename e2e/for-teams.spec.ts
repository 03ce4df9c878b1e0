import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsDemo } from "./helpers";

test("a visitor asks for seats for their team; the platform admin sees the request", async ({ browser }) => {
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/for-teams");
  await visitor.getByLabel("Your name").fill("Lia Park");
  await visitor.getByLabel("Work email").fill("lia@initech.example");
  await visitor.getByLabel("Company").fill("Initech");
  await visitor.getByLabel("How many seats?").fill("25");
  await expect(visitor.getByLabel("Your name")).toHaveAttribute("maxlength", "120");
  await expectAccessible(visitor);
  await visitor.getByRole("button", { name: "Send request" }).click();
  await expect(visitor.getByText("Thanks — we have your request.")).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signInAsDemo(admin, "Priya Raman");
  await admin.goto("/admin/organizations");
  await expect(admin.getByRole("listitem").filter({ hasText: "lia@initech.example" })).toContainText(
    "Initech · 25 seats",
  );
});
