/** Recurring sessions: wall-clock times in the cohort's timezone, so 17:00 stays 17:00 across DST. */
import { DateTime } from "luxon";
import { appError } from "../../errors";
import type { RecurrenceFrequency } from "../../validators";

export const MAX_OCCURRENCES = 52;

/** Parses "yyyy-MM-ddTHH:mm" as wall-clock time in `zone`; refuses times that do not exist there (DST gaps). */
export function localToInstant(local: string, zone: string) {
  const parsed = DateTime.fromISO(local, { zone });
  if (!parsed.isValid || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local))
    throw appError("INVALID_INPUT", "Enter a date and time like 2026-12-01T17:00.");
  if (parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== local) {
    throw appError(
      "INVALID_INPUT",
      `${local.replace("T", " ")} does not exist in ${zone} (the clocks change then). Pick another time.`,
    );
  }
  return parsed.toMillis();
}

export function instantToLocal(ms: number, zone: string) {
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

const STEP: Record<RecurrenceFrequency, { weeks?: number; months?: number }> = {
  weekly: { weeks: 1 },
  biweekly: { weeks: 2 },
  monthly: { months: 1 },
};

/**
 * The start instants of a series: `count` occurrences, or every occurrence up
 * to and including the local date `until`. Each step adds calendar weeks or
 * months to the first local date-time (never fixed milliseconds).
 */
export function expandRecurrence(options: {
  firstLocal: string;
  zone: string;
  frequency: RecurrenceFrequency;
  count?: number;
  until?: string;
}) {
  const first = DateTime.fromMillis(localToInstant(options.firstLocal, options.zone), { zone: options.zone });
  if (options.count === undefined && options.until === undefined)
    throw appError("INVALID_INPUT", "Say how many sessions, or until which date.");
  if (
    options.count !== undefined &&
    (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_OCCURRENCES)
  ) {
    throw appError("INVALID_INPUT", `A series has 1 to ${MAX_OCCURRENCES} sessions.`);
  }
  const until =
    options.until === undefined ? null : DateTime.fromISO(options.until, { zone: options.zone }).endOf("day");
  if (until !== null && (!until.isValid || until < first))
    throw appError("INVALID_INPUT", "The end date must be a date on or after the first session.");
  const instants: number[] = [];
  for (let i = 0; i < MAX_OCCURRENCES; i++) {
    const step = STEP[options.frequency];
    const next = first.plus({ weeks: (step.weeks ?? 0) * i, months: (step.months ?? 0) * i });
    if (options.count !== undefined && i >= options.count) break;
    if (until !== null && next > until) break;
    instants.push(next.toMillis());
  }
  if (until !== null && options.count === undefined && instants.length === MAX_OCCURRENCES) {
    const after = first.plus({
      weeks: (STEP[options.frequency].weeks ?? 0) * MAX_OCCURRENCES,
      months: (STEP[options.frequency].months ?? 0) * MAX_OCCURRENCES,
    });
    if (after <= until)
      throw appError("INVALID_INPUT", `A series has at most ${MAX_OCCURRENCES} sessions; choose an earlier end date.`);
  }
  return instants;
}
