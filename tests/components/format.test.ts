import { describe, expect, test } from "vitest";
import { formatDate, formatDateRange, formatDateTime, formatRelative, formatTime, formatWeekday } from "@/lib/format";
import { formatPrice, initials } from "@/lib/utils";

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
    for (const text of [formatDateRange(at, at + 86400000), formatDateTime(at, "Europe/Berlin"), formatDate(at)]) expect(text).not.toMatch(/[\u2009\u202f]/);
  });

  test("relative times, prices and initials", () => {
    expect(formatRelative(Date.now() + 90 * 60 * 1000)).toBe("in 2 hours");
    expect(formatRelative(Date.now() - 3 * 86400000)).toBe("3 days ago");
    expect(formatPrice(149_700)).toBe("$1,497");
    expect(formatPrice(19_950)).toBe("$199.50");
    expect(initials("Łukasz Żółć")).toBe("ŁŻ");
  });
});
