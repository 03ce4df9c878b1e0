/** A date and time for emails, in the reader's (or the cohort's) time zone. */
export function formatInstant(ms: number, timeZone: string) {
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(ms));
}

/** An amount in messages and emails: "$2,694", or "$717.60" when it has cents. */
export function formatMoney(cents: number, currency: string) {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    maximumFractionDigits: cents % 100 === 0 ? 0 : 2,
  }).format(cents / 100);
}

/** A day in messages and emails, in the reader's time zone: "Dec 28, 2026". */
export function formatDay(ms: number, timeZone: string) {
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone }).format(
    new Date(ms),
  );
}
