import { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";

export type CalendarEvent = {
  uid: string;
  sequence: number;
  title: string;
  description?: string;
  startsAt: number;
  endsAt: number;
  url?: string;
  status: "scheduled" | "cancelled";
  updatedAt: number;
};

const PRODID = "-//AI Enablement Academy//Cohort schedule//EN";

function escapeText(text: string) {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets as RFC 5545 requires. */
function fold(line: string) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + length > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const utc = (ms: number) => DateTime.fromMillis(ms, { zone: "UTC" }).toFormat("yyyyMMdd'T'HHmmss'Z'");
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyyMMdd'T'HHmmss");

/**
 * An iCalendar file: events in the cohort's timezone (TZID + VTIMEZONE), one
 * VEVENT per session with a stable UID and SEQUENCE, so calendar apps update
 * the same events when a session moves and show times right across DST.
 */
export function buildCalendar(options: { name: string; timezone: string; events: CalendarEvent[] }) {
  const zone = options.timezone || "UTC";
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  if (zone !== "UTC") {
    const block = tzlib_get_ical_block(zone)[0];
    if (block) lines.push(...block.split(/\r?\n/).filter(Boolean));
  }
  for (const event of options.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${event.uid}`,
      `SEQUENCE:${event.sequence}`,
      `DTSTAMP:${utc(event.updatedAt)}`,
      zone === "UTC" ? `DTSTART:${utc(event.startsAt)}` : `DTSTART;TZID=${zone}:${local(event.startsAt, zone)}`,
      zone === "UTC" ? `DTEND:${utc(event.endsAt)}` : `DTEND;TZID=${zone}:${local(event.endsAt, zone)}`,
      `SUMMARY:${escapeText(event.title)}`,
      `STATUS:${event.status === "cancelled" ? "CANCELLED" : "CONFIRMED"}`,
    );
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`, `LOCATION:${escapeText(event.url)}`);
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

/** The calendar of a cohort's sessions (all, or a chosen subset). */
export function cohortCalendar(
  course: { title: string },
  cohort: { name: string; timezone?: string },
  sessions: Array<{
    _id: string;
    title: string;
    startsAt: number;
    endsAt: number;
    meetingUrl?: string;
    status: "scheduled" | "cancelled";
    sequence: number;
    updatedAt: number;
  }>,
) {
  return buildCalendar({
    name: `${course.title} — ${cohort.name}`,
    timezone: cohort.timezone ?? "UTC",
    events: sessions.map((s) => ({
      uid: `${s._id}@aienablement.academy`,
      sequence: s.sequence,
      title: `${course.title}: ${s.title}`,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      url: s.meetingUrl,
      status: s.status,
      updatedAt: s.updatedAt,
    })),
  });
}
