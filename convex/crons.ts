import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("advance cohort statuses", { minutes: 10 }, internal.catalog.cohorts.advanceStatuses, {});

crons.interval("open path steps that came due", { minutes: 15 }, internal.paths.unlocks.sweep, {});

crons.daily(
  "certificate expiry reminders",
  { hourUTC: 8, minuteUTC: 17 },
  internal.certificates.holders.remindExpiring,
  {},
);

crons.daily("dashboard snapshots", { hourUTC: 0, minuteUTC: 15 }, internal.dashboards.snapshots.snapshotAll, {});

crons.weekly(
  "weekly manager summary",
  { dayOfWeek: "monday", hourUTC: 7, minuteUTC: 12 },
  internal.dashboards.reminders.forEachOrganization,
  { job: "weeklySummary" },
);

// Before the alerts that read it: a team goal's pace moves with the calendar.
crons.daily("team goal pace", { hourUTC: 8, minuteUTC: 45 }, internal.dashboards.reminders.forEachOrganization, {
  job: "goalPace",
});

crons.daily("at-risk alerts", { hourUTC: 9, minuteUTC: 5 }, internal.dashboards.reminders.forEachOrganization, {
  job: "atRiskAlert",
});

crons.daily("deadline reminders", { hourUTC: 9, minuteUTC: 35 }, internal.dashboards.reminders.forEachOrganization, {
  job: "deadlineReminder",
});

crons.hourly("scheduled manager reports", { minuteUTC: 2 }, internal.dashboards.reports.sendDue, {});

crons.hourly("assessment reminders", { minuteUTC: 24 }, internal.assessments.reminders.sendDue, {});

crons.hourly("overdue assessment attempts", { minuteUTC: 41 }, internal.assessments.grading.expireOverdue, {});

crons.daily("forget sent emails", { hourUTC: 3, minuteUTC: 48 }, internal.integrations.email.cleanup, {});

export default crons;
