import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("advance cohort statuses", { minutes: 10 }, internal.cohorts.advanceStatuses, {});

crons.daily("certificate expiry reminders", { hourUTC: 8, minuteUTC: 17 }, internal.certificates.remindExpiring, {});

export default crons;
