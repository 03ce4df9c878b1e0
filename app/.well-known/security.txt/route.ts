/** RFC 9116: where to report a vulnerability (docs/security.md, "Reporting a vulnerability"). */
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export const dynamic = "force-static";
export const revalidate = 86_400;

export function GET() {
  // Rebuilt daily, so the expiry always lies about a year ahead as the RFC asks.
  const expires = new Date(Date.now() + YEAR_MS).toISOString().replace(/\.\d{3}Z$/, "Z");
  const body = [
    "Contact: mailto:security@aienablement.academy",
    `Expires: ${expires}`,
    "Preferred-Languages: en, de",
    "",
  ].join("\n");
  return new Response(body, { headers: { "content-type": "text/plain; charset=utf-8" } });
}
