import { expect, test } from "vitest";
import { installLongTimers } from "../long-timers";

test("a timer a month ahead does not fire at once (Node's 24.8-day limit), and can be cleared", async () => {
  installLongTimers();
  const fired: string[] = [];
  const month = setTimeout(() => fired.push("month"), 30 * 24 * 60 * 60 * 1000);
  const soon = setTimeout(() => fired.push("soon"), 10);
  const cleared = setTimeout(() => fired.push("cleared"), 20);
  clearTimeout(cleared);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(fired).toEqual(["soon"]);
  clearTimeout(month);
  expect(typeof soon).toBe("object");
});
