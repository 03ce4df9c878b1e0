import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

crons.interval("advance cohort statuses", { minutes: 10 }, internal.cohorts.advanceStatuses, {});

export default crons;
