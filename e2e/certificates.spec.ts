import { expect, test, type Page } from "@playwright/test";
import { forgeCredential, strangerKeys } from "../tests/support/forge-credential";
import { E2E } from "./config";
import { expectAccessible, signInAsDemo, signInThroughMailbox } from "./helpers";

async function certificateLinks(page: Page) {
  await page.goto("/admin");
  await page.getByRole("link", { name: "Acme private cohort (September)" }).first().click();
  const rows = page.getByTestId("certificate-row");
  // The seeded certificates are signed by scheduled batches: wait until none is still being issued.
  await expect(page.getByText(/of \d+ issued/)).toBeVisible({ timeout: 30_000 });
  await expect(rows.getByText("Issuing…")).toHaveCount(0, { timeout: 30_000 });
  return await rows
    .getByRole("link", { name: /^View certificate of/ })
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
}

test("the verify page shows a valid, an expired and a revoked certificate for what they are, checked by the server and in the browser", async ({
  page,
}) => {
  await signInAsDemo(page, "Priya Raman");
  const links = await certificateLinks(page);
  expect(links.length).toBeGreaterThanOrEqual(3);

  const seen = new Set<string>();
  for (const href of links) {
    if (seen.size === 3) break; // each state seen once is enough; the rest are more of the same
    await page.goto(href);
    const status = page.getByTestId("certificate-status");
    await expect(status).toContainText(/Valid certificate|Expired|Revoked/);
    const text = (await status.textContent()) ?? "";
    const kind = text.includes("Revoked") ? "revoked" : text.includes("Expired") ? "expired" : "valid";
    if (seen.has(kind)) continue;
    seen.add(kind);
    const server = page.getByTestId("server-checks");
    const browser = page.getByTestId("browser-checks");
    await browser.getByRole("button", { name: "Check in your browser" }).click();
    for (const checks of [server, browser]) {
      await expect(checks.getByTestId("check-signature")).toContainText(
        /Valid eddsa-rdfc-2022 signature by did:key:z6Mk/,
        { timeout: 30_000 },
      );
      await expect(checks.getByTestId("check-signature")).toContainText("(passed)");
      await expect(checks.getByTestId("check-issuer")).toContainText(
        /Issued by AI Enablement Academy \(did:key:z6Mk\w+\)\. \(passed\)/,
      );
    }
    if (kind === "valid") {
      for (const checks of [server, browser])
        await expect(checks.getByTestId("check-status")).toContainText("Not revoked.");
      await expect(page.getByRole("link", { name: "Add to LinkedIn profile" })).toHaveAttribute(
        "href",
        /linkedin\.com\/profile\/add\?startTask=CERTIFICATION_NAME/,
      );
      await expect(page.getByRole("link", { name: "PDF" })).toHaveAttribute("href", /\/certificate\.pdf$/);
    }
    if (kind === "expired") {
      for (const checks of [server, browser])
        await expect(checks.getByTestId("check-dates")).toContainText("Expired on");
    }
    if (kind === "revoked") {
      await expect(status).toContainText("attendance records were corrected");
      for (const checks of [server, browser])
        await expect(checks.getByTestId("check-status")).toContainText("Revoked by the issuer.");
      await expect(page.getByRole("link", { name: "Add to LinkedIn profile" })).toHaveCount(0);
    }
    await expectAccessible(page);
  }
  expect([...seen].sort()).toEqual(["expired", "revoked", "valid"]);
});

test("an admin revokes a certificate and its open verify page turns to Revoked without reload", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  const visitor = await (await browser.newContext()).newPage();
  await signInAsDemo(admin, "Priya Raman");
  await certificateLinks(admin);
  // A learner whose certificate is issued and valid: the first "Issued" row that is not expired.
  const rows = admin.getByTestId("certificate-row").filter({ has: admin.getByText("Issued", { exact: true }) });
  let name = "";
  for (let i = 0; i < (await rows.count()); i++) {
    const href = await rows
      .nth(i)
      .getByRole("link", { name: /^View certificate of/ })
      .getAttribute("href");
    await visitor.goto(href!);
    if (((await visitor.getByTestId("certificate-status").textContent()) ?? "").includes("Valid certificate")) {
      name = (await rows.nth(i).locator("p").first().textContent())!;
      break;
    }
  }
  expect(name).not.toBe("");
  await admin.getByRole("button", { name: `Revoke certificate of ${name}` }).click();
  await admin.getByLabel(/Reason/).fill("Issued to the wrong person.");
  await admin.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(admin.getByTestId("certificate-row").filter({ hasText: name })).toContainText("Revoked");

  const status = visitor.getByTestId("certificate-status");
  await expect(status).toContainText("Revoked");
  await expect(status).toContainText("Issued to the wrong person.");
  await expect(visitor.getByTestId("server-checks").getByTestId("check-status")).toContainText(
    "Revoked by the issuer.",
    { timeout: 30_000 },
  );
  await expectAccessible(visitor);
});

test("a learner opens the skill badge earned with their course: signed, verified, downloadable", async ({ page }) => {
  // Ben Bauer completed the seeded Acme cohort, whose course develops Prompt Engineering.
  await signInThroughMailbox(page, "ben.bauer@acme.com");
  await page.waitForURL(/\/learn$/);
  await page.getByRole("link", { name: "Prompt Engineering — Practitioner" }).click();
  const status = page.getByTestId("certificate-status");
  await expect(status).toContainText("Valid skill badge", { timeout: 30_000 });
  await page.getByTestId("browser-checks").getByRole("button", { name: "Check in your browser" }).click();
  for (const checks of [page.getByTestId("server-checks"), page.getByTestId("browser-checks")]) {
    await expect(checks.getByTestId("check-signature")).toContainText("(passed)", { timeout: 30_000 });
  }
  await expect(page.getByRole("heading", { name: "Prompt Engineering — Practitioner" })).toBeVisible();
  await expect(page.getByRole("link", { name: "PDF" })).toHaveAttribute("href", /\/certificate\.pdf$/);
  await expectAccessible(page);
});

test("an admin revokes a skill badge from the cohort's certificates; its verify page says so", async ({ page }) => {
  await signInAsDemo(page, "Priya Raman");
  await certificateLinks(page);
  const badge = "Prompt Engineering — Practitioner";
  const earned = page.getByRole("list", { name: "Also earned by Ben Bauer" });
  const href = await earned.getByRole("link", { name: `View ${badge} of Ben Bauer` }).getAttribute("href");
  await earned.getByRole("button", { name: `Revoke ${badge} of Ben Bauer` }).click();
  await expect(page.getByRole("dialog")).toContainText(`Revoke Ben Bauer's ${badge}?`);
  await page.getByLabel(/Reason/).fill("Awarded for the wrong course.");
  await page.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(earned).toContainText("Revoked");
  await page.goto(href!);
  await expect(page.getByTestId("certificate-status")).toContainText("Awarded for the wrong course.");
  await expect(page.getByTestId("certificate-status")).toContainText("revoked this skill badge");
  await expectAccessible(page);
});

test("a credential re-signed with another key says plainly, on the verify page and from the API, that the academy did not issue it", async ({
  page,
}) => {
  await signInAsDemo(page, "Priya Raman");
  const [href] = await certificateLinks(page);
  await page.goto(href);
  await expect(page.getByTestId("certificate-status")).toContainText(/Valid certificate|Expired|Revoked/);
  const jsonUrl = await page.getByRole("link", { name: "Credential (JSON)" }).getAttribute("href");
  const genuine = (await (await page.request.get(jsonUrl!)).json()) as Record<string, unknown>;
  // Our issuer name, a stranger's key, no status entry: what anyone can make without our key.
  const stranger = await strangerKeys();
  const forged = await forgeCredential(genuine, stranger, { id: "urn:uuid:6d2b1f1e-0000-4000-8000-00000000e2e1" });
  const strangerDid = `did:key:${stranger.publicKeyMultibase}`;

  await page.getByLabel("Choose a .json, .png or .svg file").setInputFiles({
    name: "credential.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(forged)),
  });
  const result = page.getByTestId("upload-result");
  await expect(result.getByTestId("verdict")).toContainText("Not issued by AI Enablement Academy.", {
    timeout: 30_000,
  });
  await expect(result.getByTestId("verdict")).toContainText(
    `It is validly signed by ${strangerDid}, which is not this academy`,
  );
  await expect(result.getByTestId("check-issuer")).toContainText(
    `Validly signed by ${strangerDid}, not issued by this academy. (failed)`,
  );
  await expectAccessible(page);

  // The genuine file, uploaded the same way, is ours.
  await page.getByLabel("Choose a .json, .png or .svg file").setInputFiles({
    name: "genuine.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(genuine)),
  });
  await expect(result.getByTestId("check-issuer")).toContainText("Issued by AI Enablement Academy", {
    timeout: 30_000,
  });
  await expect(result.getByTestId("check-record")).toContainText("Matches the credential this academy issued");

  // The public API answers the same, per check.
  const api = await page.request.post(`http://127.0.0.1:${E2E.sitePort}/credentials/verify`, {
    headers: { "content-type": "application/json" },
    data: JSON.stringify(forged),
  });
  expect(await api.json()).toMatchObject({ verified: false, issuedByAcademy: false, signer: strangerDid });
});
