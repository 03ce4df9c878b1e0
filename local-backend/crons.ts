/** Runs the jobs of convex/crons.ts on real time, as a deployment does. */
import { CronExpressionParser } from "cron-parser";
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Logger } from "./logger.js";

type Schedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

export type CronSpec = { name: string; args: JSONValue[]; schedule: Schedule };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export function toCronExpression(schedule: Exclude<Schedule, { type: "interval" }>): string {
  switch (schedule.type) {
    case "hourly":
      return `${schedule.minuteUTC} * * * *`;
    case "daily":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *`;
    case "weekly":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${DAYS.indexOf(schedule.dayOfWeek)}`;
    case "monthly":
      return `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *`;
    case "cron":
      return schedule.cron;
  }
}

/** Next run time in ms after `from`. Interval jobs first run one interval after start, like Convex. */
export function nextRun(schedule: Schedule, from: number): number {
  if (schedule.type === "interval") {
    const ms = ((schedule.hours ?? 0) * 3600 + (schedule.minutes ?? 0) * 60 + (schedule.seconds ?? 0)) * 1000;
    return from + ms;
  }
  const expression = CronExpressionParser.parse(toCronExpression(schedule), { currentDate: new Date(from), tz: "UTC" });
  return expression.next().getTime();
}

export class CronRunner {
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly run: (udfPath: string, args: Record<string, Value>) => Promise<unknown>,
    private readonly log: Logger,
  ) {}

  start(crons: Record<string, CronSpec>) {
    this.stop();
    for (const [identifier, spec] of Object.entries(crons)) {
      this.arm(identifier, spec, Date.now());
    }
    if (Object.keys(crons).length > 0) this.log.info(`crons: ${Object.keys(crons).join(", ")}`);
  }

  private arm(identifier: string, spec: CronSpec, from: number) {
    const at = nextRun(spec.schedule, from);
    // setTimeout caps at ~24.8 days; re-arm in steps for monthly jobs.
    const delay = Math.min(at - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        if (Date.now() < at - 5) {
          this.arm(identifier, spec, from);
          return;
        }
        this.arm(identifier, spec, at);
        const args = jsonToConvex(spec.args[0] ?? {}) as Record<string, Value>;
        this.run(spec.name, args).catch((error: unknown) => {
          this.log.error(`cron ${identifier} (${spec.name}) failed: ${(error as Error).message}`);
        });
      },
      Math.max(0, delay),
    );
    timer.unref();
    this.timers.set(identifier, timer);
  }

  stop() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
