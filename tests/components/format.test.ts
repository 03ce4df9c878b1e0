import { describe, expect, test } from "vitest";
import {
  amountToCents,
  centsToAmount,
  formatAppointment,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatDecimalAmount,
  formatLongDate,
  formatMonthDay,
  formatPercent,
  formatPrice,
  formatRelative,
  formatShortDateTime,
  formatShortWeekday,
  formatTime,
  formatWeekday,
  formatZoneName,
  isoDateTime,
} from "@/lib/format";
import { initials } from "@/lib/utils";

describe("formatting for people", () => {
  const at = Date.UTC(2026, 9, 27, 16, 0); // 17:00 in Berlin after the DST change

  test("dates and times name their zone", () => {
    expect(formatDateTime(at, "Europe/Berlin")).toBe("Oct 27, 2026, 5:00 PM GMT+1");
    expect(formatDateTime(at, "America/New_York")).toMatch(/Oct 27, 2026, 12:00 PM EDT/);
    expect(formatDate(at, "UTC")).toBe("Oct 27, 2026");
    expect(formatDateRange(at, at + 2 * 86400000, "UTC")).toMatch(/^Oct 27\s–\s29, 2026$/);
  });

  test("#23 dates read the same from the server's ICU as from the browser's (plain spaces), so server-rendered pages hydrate", () => {
    expect(formatDateRange(at, at + 2 * 86400000, "UTC")).toBe("Oct 27 – 29, 2026");
    expect(formatDateRange(at, at + 40 * 86400000, "Europe/Berlin")).toBe("Oct 27 – Dec 6, 2026");
    expect(formatTime(at, "Europe/Berlin")).toBe("5:00 PM");
    expect(formatWeekday(at, "Europe/Berlin")).toBe("Tuesday, October 27");
    for (const text of [formatDateRange(at, at + 86400000), formatDateTime(at, "Europe/Berlin"), formatDate(at)])
      expect(text).not.toMatch(/[\u2009\u202f]/);
  });

  test("#16 the shorter date formats components used to build by hand, each in the zone it is given", () => {
    expect(formatLongDate(at, "UTC")).toBe("October 27, 2026");
    expect(formatMonthDay(at, "UTC")).toBe("Oct 27");
    expect(formatShortWeekday(at, "Europe/Berlin")).toBe("Tue, Oct 27");
    expect(formatShortDateTime(at, "Europe/Berlin")).toBe("Oct 27, 5:00 PM");
    expect(formatAppointment(at, "America/New_York")).toBe("Tue, Oct 27, 12:00 PM");
    // Late in the evening in New York is already the next day in Berlin: the zone decides the day.
    expect(formatShortWeekday(Date.UTC(2026, 9, 28, 2, 0), "America/New_York")).toBe("Tue, Oct 27");
    expect(formatZoneName(at, "Europe/Berlin")).toBe("Central European Standard Time");
    expect(formatZoneName(Date.UTC(2026, 6, 1), "Europe/Berlin")).toBe("Central European Summer Time");
    expect(isoDateTime(at)).toBe("2026-10-27T16:00:00.000Z");
    for (const text of [formatAppointment(at), formatShortDateTime(at), formatTime(at)])
      expect(text).not.toMatch(/[\u2009\u202f]/);
  });

  test("#16 money: cents shown in the currency named (any case), for machines with two decimals, and back from a typed amount", () => {
    expect(formatPrice(149_700, "eur")).toBe("€1,497");
    expect(formatPrice(5, "USD")).toBe("$0.05");
    expect(formatDecimalAmount(149_700)).toBe("1497.00");
    expect(formatDecimalAmount(19_950)).toBe("199.50");
    expect(centsToAmount(19_950)).toBe("199.5");
    expect(amountToCents("199.50")).toBe(19_950);
    // Binary floating point: 1.15 * 100 is 114.99999999999999, which must still be 115 cents.
    expect(amountToCents("1.15")).toBe(115);
    expect(amountToCents(centsToAmount(149_700))).toBe(149_700);
    expect(formatPercent(0.555)).toBe("56%");
    expect(formatPercent(0)).toBe("0%");
  });

  test("relative times, prices and initials", () => {
    expect(formatRelative(Date.now() + 90 * 60 * 1000)).toBe("in 2 hours");
    expect(formatRelative(Date.now() - 3 * 86400000)).toBe("3 days ago");
    expect(formatPrice(149_700)).toBe("$1,497");
    expect(formatPrice(19_950)).toBe("$199.50");
    expect(initials("Łukasz Żółć")).toBe("ŁŻ");
  });
});
