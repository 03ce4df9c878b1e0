"use client";
import dynamic from "next/dynamic";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import type { ChartPlotProps } from "./chart-plot";

/** The chart colours of the one visual system: the brand indigo, then a teal that reads apart from it. */
export const CHART_COLORS = { brand: "#4f46e5", teal: "#0f766e" } as const;

export type ChartSeries = { key: string; label: string; color: string; dashed?: boolean };

// recharts is large: it is fetched when a chart is first drawn, so only pages that show charts pay for it.
const ChartPlot = dynamic(() => import("./chart-plot").then((m) => m.ChartPlot), {
  ssr: false,
  loading: () => <Skeleton className="h-full" />,
});

/**
 * A titled chart card. The plot is hidden from screen readers: the title names the chart and the summary says
 * in words what it shows, so write the summary for someone who cannot see the plot.
 */
export function ChartCard({
  title,
  summary,
  testId,
  legend,
  children,
}: {
  title: string;
  summary: string;
  testId?: string;
  legend?: ChartSeries[];
  children: React.ReactNode;
}) {
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
        {legend && legend.length > 1 && (
          <p className="mt-2 flex flex-wrap gap-4 text-xs text-gray-700" aria-hidden>
            {legend.map((item) => (
              <span key={item.key} className="inline-flex items-center gap-1.5">
                <span
                  className="inline-block h-0 w-5 border-t-2"
                  style={{ borderColor: item.color, borderStyle: item.dashed ? "dashed" : "solid" }}
                />
                {item.label}
              </span>
            ))}
          </p>
        )}
      </figure>
    </Card>
  );
}

type ChartProps = Omit<ChartPlotProps, "kind"> & { title: string; summary: string; testId?: string };

/** Lines over a category axis (days), one per series, with a legend when there are several. */
export function LineChartCard({ title, summary, testId, ...plot }: ChartProps) {
  return (
    <ChartCard title={title} summary={summary} testId={testId} legend={plot.series}>
      <ChartPlot kind="line" {...plot} />
    </ChartCard>
  );
}

/** Bars over a category axis, one bar per series and category. */
export function BarChartCard({ title, summary, testId, ...plot }: ChartProps) {
  return (
    <ChartCard title={title} summary={summary} testId={testId} legend={plot.series}>
      <ChartPlot kind="bar" {...plot} />
    </ChartCard>
  );
}
