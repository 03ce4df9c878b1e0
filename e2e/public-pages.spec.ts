/**
 * The public pages are rendered on the server (what a crawler, a link preview or a slow phone gets first) and stay
 * live once the browser takes over.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import { formatDateRange } from "../lib/format";
import { formatPrice } from "../lib/format";
import { E2E } from "./config";
import { STRIPE_PAY_URL, expectAccessible, seededCertificatePaths, signInThroughMailbox } from "./helpers";

const SLUG = "ai-fundamentals";
const COHORT = "AI Fundamentals (January)";

async function course() {
  const found = await new ConvexHttpClient(E2E.apiUrl).query(api.catalog.browse.getCourse, { slug: SLUG });
  if (!found) throw new Error(`The seed has no course ${SLUG}`);
  return found;
}

/** A page as it arrives from the server, before any script runs. */
async function serverHtml(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto(path);
  return { page, status: response?.status(), close: () => context.close() };
}

/** The page's structured data (its JSON-LD script), as search engines read it. */
async function structuredData(page: Page): Promise<unknown> {
  return JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
}

/** The page's link preview: a large-image card whose image, the same for Twitter, is `imageUrl` and a real PNG. */
async function expectSocialCard(page: Page, request: APIRequestContext, imageUrl: string) {
  const meta = (selector: string) => page.locator(selector).first().getAttribute("content");
  expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
  expect(await meta('meta[property="og:image"]')).toBe(imageUrl);
  expect(await meta('meta[name="twitter:image"]')).toBe(imageUrl);
  const card = await request.get(imageUrl);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");
  expect((await card.body()).length).toBeGreaterThan(10_000);
}

test("the first HTML of a course page names the course, its price and next cohort, with its own title, social cards and Course data", async ({
  browser,
  request,
}) => {
  const data = await course();
  const next = data.cohorts[0];
  const { page, close } = await serverHtml(browser, `/courses/${SLUG}`);
  await expect(page).toHaveTitle(`${data.title} · AI Enablement Academy`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(data.title);
  await expect(page.getByText(formatPrice(data.priceB2C)).first()).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: next.name })).toContainText(
    formatDateRange(next.startDate, next.endDate, next.timezone ?? "UTC"),
  );
  await expect(page.getByRole("listitem").filter({ hasText: next.name }).getByTestId("seats-left")).toHaveText(
    `${next.seatsLeft} seats left`,
  );

  const meta = (selector: string) => page.locator(selector).first().getAttribute("content");
  expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${E2E.webUrl}/courses/${SLUG}`);
  expect(await meta('meta[name="description"]')).toContain(formatPrice(data.priceB2C));
  expect(await meta('meta[property="og:title"]')).toBe(data.title);
  expect(await meta('meta[property="og:url"]')).toBe(`${E2E.webUrl}/courses/${SLUG}`);
  expect(await meta('meta[property="og:image:alt"]')).toContain(data.title);
  await expectSocialCard(page, request, `${E2E.webUrl}/courses/${SLUG}/card.png`);

  const jsonLd = (await structuredData(page)) as {
    "@type": string;
    name: string;
    hasCourseInstance: Array<{
      "@type": string;
      name: string;
      startDate: string;
      offers: { price: string; availability: string };
    }>;
  };
  expect(jsonLd["@type"]).toBe("Course");
  expect(jsonLd.name).toBe(data.title);
  expect(jsonLd.hasCourseInstance.map((instance) => instance.name)).toEqual(data.cohorts.map((cohort) => cohort.name));
  expect(jsonLd.hasCourseInstance[0]).toMatchObject({
    "@type": "CourseInstance",
    startDate: new Date(next.startDate).toISOString(),
    offers: { price: (data.priceB2C / 100).toFixed(2), availability: "https://schema.org/InStock" },
  });
  await close();
});

test("home, catalog and cohort pages arrive rendered; unknown courses and cohorts are real 404s", async ({
  browser,
  page,
}) => {
  const data = await course();
  const home = await serverHtml(browser, "/");
  await expect(home.page.getByRole("heading", { name: "Upcoming courses" })).toBeVisible();
  await expect(home.page.getByRole("link").filter({ hasText: /Next: / })).toHaveCount(3);
  await home.close();

  const catalog = await serverHtml(browser, "/courses");
  await expect(catalog.page.getByRole("link").filter({ hasText: data.title })).toContainText(
    formatPrice(data.priceB2C),
  );
  expect(await catalog.page.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${E2E.webUrl}/courses`);
  // Pages without a card of their own share the site's.
  expect(await catalog.page.locator('meta[property="og:image"]').getAttribute("content")).toBe(
    `${E2E.webUrl}/card.png`,
  );
  await catalog.close();

  const cohort = await serverHtml(browser, `/cohorts/${data.cohorts[0]._id}`);
  await expect(cohort.page).toHaveTitle(`${COHORT} · AI Enablement Academy`);
  await expect(cohort.page.getByRole("heading", { level: 1 })).toHaveText(COHORT);
  await expect(cohort.page.getByRole("region", { name: "Schedule" }).getByRole("listitem").first()).toBeVisible();
  const cohortLd = (await structuredData(cohort.page)) as {
    hasCourseInstance: Array<{ name: string }>;
  };
  expect(cohortLd.hasCourseInstance.map((instance) => instance.name)).toEqual([COHORT]);
  await cohort.close();

  // A real 404 status for crawlers. (Next.js draws the body of a page's notFound() in the browser only:
  // vercel/next.js#62228.)
  for (const path of ["/courses/no-such-course", "/cohorts/not-a-cohort", `/cohorts/${data._id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  }
});

test("the first HTML of a verify page holds the recipient, the achievement and its status, with its own title, social card and credential data, out of search results", async ({
  browser,
  request,
}) => {
  test.slow(); // a sign-in, the seeded certificates' signing, then each page
  const certificates = await seededCertificatePaths(browser);
  const seen = new Set<string>();
  for (const { path, recipient } of certificates) {
    const { page, status, close } = await serverHtml(browser, path);
    expect(status, path).toBe(200);
    const banner = (await page.getByTestId("certificate-status").textContent()) ?? "";
    const state = banner.startsWith("Valid")
      ? "Valid"
      : banner.startsWith("Expired")
        ? "Expired"
        : banner.startsWith("Revoked")
          ? "Revoked"
          : banner;
    if (seen.has(state)) {
      await close();
      continue;
    }
    seen.add(state);
    const achievement = (await page.getByRole("heading", { level: 1 }).textContent())!;
    expect(achievement.length, path).toBeGreaterThan(0);
    await expect(page.getByTestId("recipient")).toHaveText(recipient);
    await expect(page).toHaveTitle(`${achievement}, awarded to ${recipient} · AI Enablement Academy`);
    if (state === "Revoked") await expect(page.getByTestId("certificate-status")).toContainText("Reason: ");

    const meta = (selector: string) => page.locator(selector).first().getAttribute("content");
    // A person's credential: shown to whoever has the link, never listed by search engines.
    expect(await meta('meta[name="robots"]')).toBe("noindex, nofollow");
    expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toBe(`${E2E.webUrl}${path}`);
    expect(await meta('meta[property="og:title"]')).toBe(`${achievement}, awarded to ${recipient}`);
    const description = await meta('meta[name="description"]');
    expect(description).toContain(recipient);
    expect(await meta('meta[property="og:description"]')).toBe(description);
    // Previews are cached for days: a description never calls a certificate valid, but says when it no longer is.
    if (state === "Valid") expect(description).not.toMatch(/valid/i);
    else expect(description).toMatch(new RegExp(`^${state}`));
    await expectSocialCard(page, request, `${E2E.webUrl}${path}/card.png`);

    const jsonLd = (await structuredData(page)) as {
      "@graph": [
        { "@type": string; "@id": string; name: string; creativeWorkStatus: string; recognizedBy: { name: string } },
        { "@type": string; name: string; hasCredential: { "@id": string } },
      ];
    };
    const [credential, person] = jsonLd["@graph"];
    expect(credential).toMatchObject({
      "@type": "EducationalOccupationalCredential",
      "@id": `${E2E.webUrl}${path}`,
      name: achievement,
      creativeWorkStatus: state,
      recognizedBy: { name: "AI Enablement Academy" },
    });
    expect(person).toEqual({ "@type": "Person", name: recipient, hasCredential: { "@id": `${E2E.webUrl}${path}` } });
    await close();
  }
  expect([...seen].sort()).toEqual(["Expired", "Revoked", "Valid"]);

  // Unknown and malformed links are real 404s, and so are their cards.
  for (const path of ["/verify/00000000-0000-4000-8000-000000000000", "/verify/not-a-certificate"]) {
    const { page, status, close } = await serverHtml(browser, path);
    expect(status, path).toBe(404);
    // Next.js adds its own robots tag to a 404.
    const robots = await page
      .locator('meta[name="robots"]')
      .evaluateAll((tags) => tags.map((tag) => tag.getAttribute("content")));
    expect(robots.length).toBeGreaterThan(0);
    for (const content of robots) expect(content).toMatch(/^noindex/);
    await close();
    expect((await request.get(`${path}/card.png`)).status(), `${path}/card.png`).toBe(404);
  }
});

test("/.well-known/security.txt says where to report a vulnerability, until a date still ahead", async ({
  request,
}) => {
  const response = await request.get("/.well-known/security.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
  const lines = (await response.text()).split("\n");
  expect(lines).toContain("Contact: mailto:security@aienablement.academy");
  const expires = lines.find((line) => line.startsWith("Expires: "));
  expect(expires).toBeDefined();
  const at = Date.parse(expires!.slice("Expires: ".length));
  // RFC 9116: a date in the future, and not much more than a year ahead.
  expect(at).toBeGreaterThan(Date.now());
  expect(at).toBeLessThan(Date.now() + 400 * 24 * 60 * 60 * 1000);
});

test("sitemap.xml lists the courses and open cohorts; robots.txt keeps crawlers out of signed-in areas", async ({
  request,
}) => {
  const data = await course();
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`<loc>${E2E.webUrl}/courses/${SLUG}</loc>`);
  expect(sitemap).toContain(`<loc>${E2E.webUrl}/cohorts/${data.cohorts[0]._id}</loc>`);
  expect(sitemap).not.toContain("/verify/");
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /learn");
  expect(robots).toContain("Disallow: /invite/");
  expect(robots).toContain(`Sitemap: ${E2E.webUrl}/sitemap.xml`);
});

test("an invitation link renders its verdict on the server and is kept out of search engines", async ({ browser }) => {
  const { page, close } = await serverHtml(browser, `/invite/${"x".repeat(32)}`);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex, nofollow");
  await close();
});

test("a seat sold while a course page is open changes its count after hydration, without errors or layout shift", async ({
  browser,
}) => {
  test.slow(); // two browsers and a sign-in
  const [visitorContext, buyerContext] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [visitor, buyer] = await Promise.all([visitorContext.newPage(), buyerContext.newPage()]);
  const errors: string[] = [];
  visitor.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  visitor.on("pageerror", (error) => errors.push(error.message));

  await visitor.goto(`/courses/${SLUG}`);
  const item = visitor.getByRole("listitem").filter({ hasText: COHORT });
  const seats = item.getByTestId("seats-left");
  const before = Number(/\d+/.exec((await seats.textContent()) ?? "")?.[0]);
  expect(before).toBeGreaterThan(1);
  await expectAccessible(visitor);
  // Layout shift of everything the visitor saw so far, and of what follows while the seat sells.
  await visitor.evaluate(() => {
    (window as unknown as { shift: number }).shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) (window as unknown as { shift: number }).shift += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });

  await signInThroughMailbox(buyer, "fern.buyer@example.com");
  await buyer.goto(`/courses/${SLUG}`);
  await buyer
    .getByRole("listitem")
    .filter({ hasText: COHORT })
    .getByRole("button", { name: `Reserve seat in ${COHORT}` })
    .click();
  await buyer.waitForURL(STRIPE_PAY_URL);

  await expect(seats).toHaveText(`${before - 1} seats left`);
  expect(await visitor.evaluate(() => (window as unknown as { shift: number }).shift)).toBeLessThan(0.02);
  expect(errors).toEqual([]);
  await Promise.all([visitorContext.close(), buyerContext.close()]);
});

for (const [name, path] of [
  ["home", () => "/"],
  ["catalog", () => "/courses"],
  ["course", () => `/courses/${SLUG}`],
  ["cohort", async () => `/cohorts/${(await course()).cohorts[0]._id}`],
  ["invitation", () => `/invite/${"x".repeat(32)}`],
  ["verify", async (browser: Browser) => (await seededCertificatePaths(browser))[0].path],
  ["certificate not found", () => "/verify/00000000-0000-4000-8000-000000000000"],
] as const) {
  test(`the ${name} page has no accessibility violations and headings that skip no level`, async ({
    page,
    browser,
  }) => {
    test.slow(); // axe takes tens of seconds on a busy 2-core machine
    await page.goto(await path(browser));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
    // Lighthouse's accessibility score counts this best practice too.
    const levels = await page
      .locator("main h1, main h2, main h3, main h4, main h5, main h6")
      .evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++)
      expect(levels[i], `heading ${i + 1} of ${levels.join(",")}`).toBeLessThanOrEqual(levels[i - 1] + 1);
  });
}
