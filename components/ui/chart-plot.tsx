"use client";
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ChartSeries } from "./chart";

const GRID = "#e5e7eb";
const TICK = { fontSize: 11, fill: "#4b5563" };

export type ChartPlotProps = {
  kind: "line" | "bar";
  data: Array<Record<string, string | number | boolean>>;
  /** The field of each datum shown on the x axis. */
  xKey: string;
  series: ChartSeries[];
  /** Appended to values on the y axis and in the tooltip ("%"). */
  unit?: string;
  /** Fixed y range, e.g. [0, 100] for percentages. */
  yDomain?: [number, number];
  /** Label every category (a few named bands); by default labels thin out to fit (many days). */
  everyLabel?: boolean;
};

/** The recharts part of the chart wrappers (loaded on demand by `chart.tsx`). */
export function ChartPlot({ kind, data, xKey, series, unit, yDomain, everyLabel = false }: ChartPlotProps) {
  const labels = new Map(series.map((s) => [s.key, s.label]));
  const axes = (
    <>
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis
        dataKey={xKey}
        tick={TICK}
        interval={everyLabel ? 0 : "preserveStartEnd"}
        minTickGap={everyLabel ? 0 : 24}
      />
      <YAxis domain={yDomain} allowDecimals={false} tick={TICK} unit={unit} />
      <Tooltip
        formatter={(value, name) => [`${String(value)}${unit ?? ""}`, labels.get(String(name)) ?? String(name)]}
      />
    </>
  );
  const margin = { top: 4, right: 8, bottom: 0, left: -16 };
  return (
    <ResponsiveContainer width="100%" height="100%">
      {kind === "line" ? (
        <LineChart accessibilityLayer={false} data={data} margin={margin}>
          {axes}
          {series.map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              strokeDasharray={s.dashed ? "4 3" : undefined}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <BarChart accessibilityLayer={false} data={data} margin={margin}>
          {axes}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} fill={s.color} radius={[2, 2, 0, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
