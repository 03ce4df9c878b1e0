/** Dates shown to people: in their own timezone unless a zone is given, always with the zone named. */
export function formatDate(ms: number, timeZone?: string) {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(ms);
}

export function formatDateRange(start: number, end: number, timeZone?: string) {
  const format = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone });
  return format.formatRange(start, end);
}

export function formatDateTime(ms: number, timeZone?: string) {
  return new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(ms);
}

export function formatRelative(ms: number, now = Date.now()) {
  const seconds = Math.round((ms - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}
