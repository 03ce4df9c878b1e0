"use client";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import { formatMonthDay } from "@/lib/format";

const BRAND = "#4f46e5";
const TEAL = "#0f766e";

type TrendPoint = { day: number; avgProgress: number; completionRate: number; lessonsCompleted: number; certificates: number; live: boolean };

function dayLabel(ms: number) {
  return formatMonthDay(ms, "UTC");
}

/** A titled chart card; the chart is described for screen readers by its title and summary. */
function ChartCard({ title, summary, children, testId, legend }: { title: string; summary: string; children: React.ReactNode; testId?: string; legend?: Array<{ label: string; color: string; dashed?: boolean }> }) {
  return (
    <Card className="p-4" data-testid={testId}>
      <figure role="group" aria-label={title}>
        <figcaption>
          <h3 className="text-sm font-semibold text-gray-900">{title}</h3>
          <p className="text-xs text-gray-600" data-testid={testId ? `${testId}-summary` : undefined}>
            {summary}
          </p>
        </figcaption>
        <div className="mt-3 h-48" aria-hidden>
          {children}
        </div>
        {legend && (
          <p className="mt-2 flex flex-wrap gap-4 text-xs text-gray-700" aria-hidden>
            {legend.map((item) => (
              <span key={item.label} className="inline-flex items-center gap-1.5">
                <span className="inline-block h-0 w-5 border-t-2" style={{ borderColor: item.color, borderStyle: item.dashed ? "dashed" : "solid" }} />
                {item.label}
              </span>
            ))}
          </p>
        )}
      </figure>
    </Card>
  );
}

/** Average progress and completion rate per day (snapshots), with today's live value last. */
export function ProgressTrend({ points, testId }: { points: TrendPoint[]; testId?: string }) {
  const today = points.at(-1);
  const data = points.map((p) => ({ ...p, label: p.live ? "Today" : dayLabel(p.day) }));
  return (
    <ChartCard
      title="Progress over the last four weeks"
      summary={today ? `Today: average progress ${today.avgProgress}%, completion rate ${today.completionRate}%.` : "No data yet."}
      testId={testId}
      legend={[
        { label: "Average progress", color: BRAND },
        { label: "Completion rate", color: TEAL, dashed: true },
      ]}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#4b5563" }} interval="preserveStartEnd" minTickGap={24} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11, fill: "#4b5563" }} unit="%" />
          <Tooltip formatter={(value, name) => [`${String(value)}%`, name === "avgProgress" ? "Average progress" : "Completion rate"]} />
          <Line type="monotone" dataKey="avgProgress" stroke={BRAND} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="completionRate" stroke={TEAL} strokeWidth={2} dot={false} strokeDasharray="4 3" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Lessons completed per day, as a running total. */
export function LessonsTrend({ points, testId }: { points: TrendPoint[]; testId?: string }) {
  const today = points.at(-1);
  const data = points.map((p) => ({ ...p, label: p.live ? "Today" : dayLabel(p.day) }));
  return (
    <ChartCard title="Lessons completed" summary={today ? `${today.lessonsCompleted} lessons completed so far.` : "No data yet."} testId={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#4b5563" }} interval="preserveStartEnd" minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#4b5563" }} />
          <Tooltip formatter={(value) => [String(value), "Lessons completed"]} />
          <Bar dataKey="lessonsCompleted" fill={BRAND} radius={[2, 2, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** How many members are at each progress band. */
export function ProgressDistribution({ values, testId }: { values: number[]; testId?: string }) {
  const bands = ["0–24%", "25–49%", "50–74%", "75–99%", "100%"];
  const counts = bands.map(() => 0);
  for (const value of values) counts[value >= 100 ? 4 : Math.floor(value / 25)] += 1;
  const data = bands.map((band, i) => ({ band, members: counts[i] }));
  return (
    <ChartCard
      title="Members by progress"
      summary={data.map((d) => `${d.members} at ${d.band}`).join(", ") + "."}
      testId={testId}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="band" tick={{ fontSize: 11, fill: "#4b5563" }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#4b5563" }} />
          <Tooltip formatter={(value) => [String(value), "Members"]} />
          <Bar dataKey="members" fill={TEAL} radius={[2, 2, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
