import { describe, expect, test } from "vitest";
import { formatDate, formatDateRange, formatDateTime, formatRelative } from "@/lib/format";
import { formatPrice, initials } from "@/lib/utils";

describe("formatting for people", () => {
  const at = Date.UTC(2026, 9, 27, 16, 0); // 17:00 in Berlin after the DST change

  test("dates and times name their zone", () => {
    expect(formatDateTime(at, "Europe/Berlin")).toBe("Oct 27, 2026, 5:00 PM GMT+1");
    expect(formatDateTime(at, "America/New_York")).toMatch(/Oct 27, 2026, 12:00 PM EDT/);
    expect(formatDate(at, "UTC")).toBe("Oct 27, 2026");
    expect(formatDateRange(at, at + 2 * 86400000, "UTC")).toMatch(/^Oct 27\s–\s29, 2026$/);
  });

  test("relative times, prices and initials", () => {
    expect(formatRelative(Date.now() + 90 * 60 * 1000)).toBe("in 2 hours");
    expect(formatRelative(Date.now() - 3 * 86400000)).toBe("3 days ago");
    expect(formatPrice(149_700)).toBe("$1,497");
    expect(formatPrice(19_950)).toBe("$199.50");
    expect(initials("Łukasz Żółć")).toBe("ŁŻ");
  });
});
