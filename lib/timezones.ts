/** The zones admins plan cohorts in (sessions start at 09:00 there). */
export const TIMEZONES = [
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Singapore",
  "Australia/Sydney",
  "UTC",
];
