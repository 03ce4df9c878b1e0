/**
 * The verify page's checks: the server's verdict first, the in-browser verifier (JSON-LD contexts, crypto) only when
 * the visitor asks for it, and nothing on the page moving when an answer arrives.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, seededCertificatePaths } from "./helpers";

/** A string in the verifier's bundled JSON-LD contexts (@digitalbazaar/data-integrity-context), in no page chunk. */
const VERIFIER_MARKER = "https://w3id.org/security/data-integrity/v2";

let validPath: string | null = null;
async function validCertificate(browser: Browser) {
  if (validPath) return validPath;
  const context = await browser.newContext();
  try {
    // The status is in the first HTML.
    for (const { path } of await seededCertificatePaths(browser)) {
      if ((await (await context.request.get(path)).text()).includes("Valid certificate")) return (validPath = path);
    }
  } finally {
    await context.close();
  }
  throw new Error("No valid certificate among the seeded ones");
}

/** Every script the page loads, with its text. */
function recordScripts(page: Page) {
  const scripts: Array<Promise<{ url: string; text: string }>> = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script")
      scripts.push(response.text().then((text) => ({ url: response.url(), text })));
  });
  return async () => await Promise.all(scripts);
}

/** Each height an element (by test id) has had since the page started, recorded by a ResizeObserver. */
async function watchHeights(page: Page, testIds: string[]) {
  await page.addInitScript((ids) => {
    const heights: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, []]));
    (window as unknown as { heights: typeof heights }).heights = heights;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries)
        heights[(entry.target as HTMLElement).dataset.testid!].push(Math.round(entry.borderBoxSize[0].blockSize));
    });
    document.addEventListener("DOMContentLoaded", () => {
      for (const id of ids) {
        const element = document.querySelector(`[data-testid="${id}"]`);
        if (element) observer.observe(element);
      }
    });
  }, testIds);
  return async () => await page.evaluate(() => (window as unknown as { heights: Record<string, number[]> }).heights);
}

/**
 * Inter without the web font: a browser that gets no Inter in its first 100 ms (`display: optional`) and has no
 * Arial for the metric-matched fallback draws the page in its own sans-serif, which may be much wider.
 */
async function useWideFallbackFont(page: Page) {
  await page.route(/\.woff2$/, (route) => route.abort());
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const style = document.createElement("style");
      style.textContent = 'body { font-family: "DejaVu Sans", sans-serif !important; }';
      document.head.append(style);
    });
  });
}

for (const viewport of [
  { name: "a desktop", width: 1280, height: 900, wideFont: false },
  { name: "a desktop with a wide fallback font", width: 1280, height: 900, wideFont: true },
  { name: "a phone", width: 390, height: 844, wideFont: false },
  { name: "a phone with a wide fallback font", width: 390, height: 844, wideFont: true },
]) {
  test(`on ${viewport.name}, the in-browser verifier loads only when asked, and no check's answer moves the page`, async ({
    browser,
  }) => {
    test.slow(); // the seeded certificates are signed by scheduled batches
    const path = await validCertificate(browser);
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    if (viewport.wideFont) await useWideFallbackFont(page);
    const scripts = recordScripts(page);
    const heights = await watchHeights(page, ["checks-card", "verify-upload"]);
    await page.goto(path);

    // The server's verdict, with nothing of the verifier downloaded.
    const server = page.getByTestId("server-checks");
    await expect(server.getByTestId("check-signature")).toContainText("(passed)", { timeout: 30_000 });
    await expect(server.getByTestId("check-record")).toContainText("Matches the credential this academy issued");
    const browserChecks = page.getByTestId("browser-checks");
    await expect(browserChecks.getByRole("button", { name: "Check in your browser" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    const before = await scripts();
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((script) => script.text.includes(VERIFIER_MARKER)).map((script) => script.url)).toEqual([]);

    // Asked for, it loads and answers the same checks, pinned to the academy's own key.
    const untilClick = (await heights())["checks-card"].length;
    await browserChecks.getByRole("button", { name: "Check in your browser" }).click();
    await expect(browserChecks.getByTestId("check-signature")).toContainText(
      /Valid eddsa-rdfc-2022 signature by did:key:z6Mk\w+\. \(passed\)/,
      { timeout: 30_000 },
    );
    await expect(browserChecks.getByTestId("check-issuer")).toContainText(
      /Issued by AI Enablement Academy \(did:key:z6Mk\w+\)\. \(passed\)/,
    );
    await expect(browserChecks.getByTestId("check-status")).toContainText("Not revoked.");
    expect((await scripts()).some((script) => script.text.includes(VERIFIER_MARKER))).toBe(true);

    // The checks card held its height from the first paint through the server's answer, and from the click (which
    // makes room for the browser's checks) through the browser's answer.
    const seen = (await heights())["checks-card"];
    const message = `heights of the checks card: ${seen.slice(0, untilClick).join(", ")} | click | ${seen.slice(untilClick).join(", ")}`;
    expect(new Set(seen.slice(0, untilClick)), message).toHaveProperty("size", 1);
    expect(new Set(seen.slice(untilClick)).size, message).toBeLessThanOrEqual(1);
    await expectAccessible(page);
    await context.close();
  });
}

test("a chosen credential file is checked by the server, in space held from the moment it is chosen", async ({
  browser,
}) => {
  test.slow();
  const path = await validCertificate(browser);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const heights = await watchHeights(page, ["verify-upload"]);
  await page.goto(path);
  const jsonUrl = await page.getByRole("link", { name: "Credential (JSON)" }).getAttribute("href");
  const genuine = await (await page.request.get(jsonUrl!)).text();

  await page
    .getByLabel("Choose a .json, .png or .svg file")
    .setInputFiles({ name: "genuine.json", mimeType: "application/json", buffer: Buffer.from(genuine) });
  const result = page.getByTestId("upload-result");
  await expect(result.getByTestId("verdict")).toContainText("Issued by AI Enablement Academy, and it verifies.", {
    timeout: 30_000,
  });
  await expect(result.getByTestId("check-record")).toContainText("Matches the credential this academy issued");
  // Two heights: before a file was chosen, and the space held for the answer, which it fits.
  const seen = (await heights())["verify-upload"];
  expect(new Set(seen), `heights of the upload card: ${seen.join(", ")}`).toHaveProperty("size", 2);

  // An image without a credential in it says so.
  // A 1×1 PNG header with no credential chunk, then one cut short.
  const plain = "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000049454e44ae426082";
  const upload = page.getByLabel("Choose a .json, .png or .svg file");
  await upload.setInputFiles({ name: "plain.png", mimeType: "image/png", buffer: Buffer.from(plain, "hex") });
  await expect(page.getByTestId("verify-upload").getByRole("alert")).toHaveText(
    "No credential is baked into this image.",
  );
  await upload.setInputFiles({
    name: "cut.png",
    mimeType: "image/png",
    buffer: Buffer.from(plain.slice(0, 40), "hex"),
  });
  await expect(page.getByTestId("verify-upload").getByRole("alert")).toHaveText(
    "This file could not be read. Truncated PNG chunk.",
  );
  await expectAccessible(page);
  await context.close();
});
