"use client";
import { BarChartCard, CHART_COLORS, LineChartCard } from "@/components/ui/chart";
import { formatMonthDay } from "@/lib/format";

type TrendPoint = {
  day: number;
  avgProgress: number;
  completionRate: number;
  lessonsCompleted: number;
  certificates: number;
  live: boolean;
};

/** Snapshot days are UTC midnights; today's live value is "Today". */
function withDayLabels(points: TrendPoint[]) {
  return points.map((p) => ({ ...p, label: p.live ? "Today" : formatMonthDay(p.day, "UTC") }));
}

/** Average progress and completion rate per day (snapshots), with today's live value last. */
export function ProgressTrend({ points, testId }: { points: TrendPoint[]; testId?: string }) {
  const today = points.at(-1);
  return (
    <LineChartCard
      title="Progress over the last four weeks"
      summary={
        today
          ? `Today: average progress ${today.avgProgress}%, completion rate ${today.completionRate}%.`
          : "No data yet."
      }
      testId={testId}
      data={withDayLabels(points)}
      xKey="label"
      unit="%"
      yDomain={[0, 100]}
      series={[
        { key: "avgProgress", label: "Average progress", color: CHART_COLORS.brand },
        { key: "completionRate", label: "Completion rate", color: CHART_COLORS.teal, dashed: true },
      ]}
    />
  );
}

/** Lessons completed per day, as a running total. */
export function LessonsTrend({ points, testId }: { points: TrendPoint[]; testId?: string }) {
  const today = points.at(-1);
  return (
    <BarChartCard
      title="Lessons completed"
      summary={today ? `${today.lessonsCompleted} lessons completed so far.` : "No data yet."}
      testId={testId}
      data={withDayLabels(points)}
      xKey="label"
      series={[{ key: "lessonsCompleted", label: "Lessons completed", color: CHART_COLORS.brand }]}
    />
  );
}

const BANDS = ["0–24%", "25–49%", "50–74%", "75–99%", "100%"];

/** How many members are at each progress band. */
export function ProgressDistribution({ values, testId }: { values: number[]; testId?: string }) {
  const counts = BANDS.map(() => 0);
  for (const value of values) counts[value >= 100 ? 4 : Math.floor(value / 25)] += 1;
  const data = BANDS.map((band, i) => ({ band, members: counts[i] }));
  return (
    <BarChartCard
      title="Members by progress"
      summary={data.map((d) => `${d.members} at ${d.band}`).join(", ") + "."}
      testId={testId}
      data={data}
      xKey="band"
      everyLabel
      series={[{ key: "members", label: "Members", color: CHART_COLORS.teal }]}
    />
  );
}
