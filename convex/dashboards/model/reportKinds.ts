/** The three report kinds managers can generate, each with its file format. */
import { v } from "convex/values";

export const REPORT_KINDS = {
  progress_summary: { format: "pdf", label: "Progress summary", extension: "pdf", contentType: "application/pdf" },
  individual_detail: {
    format: "csv",
    label: "Individual detail",
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
  },
  compliance: {
    format: "xlsx",
    label: "Compliance",
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  },
} as const;
export const vReportKind = v.union(
  v.literal("progress_summary"),
  v.literal("individual_detail"),
  v.literal("compliance"),
);
export type ReportKind = keyof typeof REPORT_KINDS;
