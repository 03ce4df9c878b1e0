/**
 * ICU versions disagree on spacing: Node's puts thin spaces around a range's dash (and some put narrow no-break
 * spaces before AM/PM), browsers' plain ones. Server-rendered text must read the same as the browser's, or
 * hydration fails; so every format here uses plain spaces.
 */
function plainSpaces(text: string) {
  return text.replace(/[\u2009\u202f]/g, " ");
}

/** Dates shown to people: in their own timezone unless a zone is given, always with the zone named. */
export function formatDate(ms: number, timeZone?: string) {
  return plainSpaces(new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone }).format(ms));
}

export function formatDateRange(start: number, end: number, timeZone?: string) {
  const format = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone });
  return plainSpaces(format.formatRange(start, end));
}

/** "Thursday, January 7" in the given zone. */
export function formatWeekday(ms: number, timeZone?: string) {
  return plainSpaces(new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", timeZone }).format(ms));
}

/** "9:00 AM" in the given zone. */
export function formatTime(ms: number, timeZone?: string) {
  return plainSpaces(new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone }).format(ms));
}

export function formatDateTime(ms: number, timeZone?: string) {
  const format = new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  return plainSpaces(format.format(ms));
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
