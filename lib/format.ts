/**
 * Every date, time and amount of money shown to people (or written into a page's structured data) is formatted
 * here, so one screen never says "Oct 27" where another says "27/10".
 *
 * ICU versions disagree on spacing: Node's puts thin spaces around a range's dash (and some put narrow no-break
 * spaces before AM/PM), browsers' plain ones. Server-rendered text must read the same as the browser's, or
 * hydration fails; so every format here uses plain spaces.
 */
function plainSpaces(text: string) {
  return text.replace(/[\u2009\u202f]/g, " ");
}

function dateFormat(options: Intl.DateTimeFormatOptions) {
  return (ms: number, timeZone?: string) =>
    plainSpaces(new Intl.DateTimeFormat("en-US", { ...options, timeZone }).format(ms));
}

/** "Oct 27, 2026". Dates shown to people are in their own timezone unless a zone is given. */
export const formatDate = dateFormat({ dateStyle: "medium" });

/** "October 27, 2026". */
export const formatLongDate = dateFormat({ month: "long", day: "numeric", year: "numeric" });

/** "Oct 27": chart axes and other places where the year is plain. */
export const formatMonthDay = dateFormat({ month: "short", day: "numeric" });

/** "Thursday, January 7". */
export const formatWeekday = dateFormat({ weekday: "long", month: "long", day: "numeric" });

/** "Thu, Jan 7". */
export const formatShortWeekday = dateFormat({ weekday: "short", month: "short", day: "numeric" });

/** "9:00 AM". */
export const formatTime = dateFormat({ hour: "numeric", minute: "2-digit" });

/** "Jan 7, 9:00 AM": recent events (notifications) whose year goes without saying. */
export const formatShortDateTime = dateFormat({ month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

/** "Thu, Jan 7, 9:00 AM": an appointment. */
export const formatAppointment = dateFormat({
  weekday: "short",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** "Oct 27, 2026, 5:00 PM GMT+1": always names its zone. */
export const formatDateTime = dateFormat({
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});

/** "Oct 27 – 29, 2026". */
export function formatDateRange(start: number, end: number, timeZone?: string) {
  const format = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone });
  return plainSpaces(format.formatRange(start, end));
}

/** "Central European Standard Time": the long name of the viewer's zone (or the given one) at that moment. */
export function formatZoneName(ms: number, timeZone?: string) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZoneName: "long", timeZone }).formatToParts(ms);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone ?? "";
}

/** "in 2 hours", "3 days ago". */
export function formatRelative(ms: number, now = Date.now()) {
  const seconds = Math.round((ms - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}

/** ISO 8601 in UTC ("2026-10-27T16:00:00.000Z"), for machines: structured data, `<time dateTime>`. */
export function isoDateTime(ms: number) {
  return new Date(ms).toISOString();
}

/** The currency course prices are shown in (and named in structured data). */
export const PRICE_CURRENCY = "USD";

/** Amounts are stored in cents (Stripe's minor units); every currency we sell in has two decimals. */
const CENTS_PER_UNIT = 100;

/** "$1,497" from cents; "$199.50" when there are cents. `currency` is an ISO code in either case ("usd", "EUR"). */
export function formatPrice(cents: number, currency = PRICE_CURRENCY) {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    maximumFractionDigits: cents % CENTS_PER_UNIT === 0 ? 0 : 2,
  }).format(cents / CENTS_PER_UNIT);
}

/** "1497.00" from cents: a price for machines (schema.org offers), with a dot and always two decimals. */
export function formatDecimalAmount(cents: number) {
  return (cents / CENTS_PER_UNIT).toFixed(2);
}

/** Cents as the amount a person types into a price field ("1497", "199.5"). */
export function centsToAmount(cents: number) {
  return String(cents / CENTS_PER_UNIT);
}

/** The cents of an amount a person typed ("199.50" → 19950). */
export function amountToCents(amount: string) {
  return Math.round(Number(amount) * CENTS_PER_UNIT);
}

/** "56%" from a ratio (0.56). */
export function formatPercent(ratio: number) {
  return `${Math.round(ratio * 100)}%`;
}
