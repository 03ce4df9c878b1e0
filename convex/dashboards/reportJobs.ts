"use node";
/**
 * Generates one report run: pages through the scope's members (500 at a
 * time, reporting progress), applies the learners' privacy choices and the
 * owner's permissions, renders the file and hands it to `dashboards/reports.finish`. Run by the report pool, which
 * retries a failed attempt and then marks the run failed (`dashboards/reports.generated`).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { internalAction } from "../functions";
import {
  type ReportMember,
  type ReportSummary,
  renderComplianceXlsx,
  renderDetailCsv,
  renderProgressPdf,
} from "./model/reportFiles";
import { REPORT_KINDS, type ReportKind } from "./model/reportKinds";

/** A failure the manager can act on; anything else is reported generically (and logged). */
class ReportError extends Error {}

type Context = {
  report: Doc<"managerReports">;
  organizationName: string;
  scopeLabel: string;
  /** Why the owner's current role no longer covers the report, or null. */
  refusal: string | null;
  canSeeScores: boolean;
  canSeeCertificates: boolean;
  summaries: Array<{ totals: Doc<"dashboardTotals"> | null; activeMembers: number; atRisk: number }>;
  teams: ReportSummary["teams"];
};

export const generate = internalAction({
  args: { runId: v.id("reportRuns"), email: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { runId, email }) => {
    try {
      await generateRun(ctx, runId, email);
    } catch (error) {
      // What the manager can act on ends the run now; anything else goes back to the pool, which retries it.
      if (!(error instanceof ReportError)) throw error;
      await ctx.runMutation(internal.dashboards.reports.fail, { runId, error: error.message });
    }
    return null;
  },
});

async function generateRun(ctx: ActionCtx, runId: Id<"reportRuns">, email: boolean) {
  const context = (await ctx.runQuery(internal.dashboards.reports.runContext, { runId })) as Context | null;
  if (!context) return;
  const { report } = context;
  if (context.refusal) {
    await ctx.runMutation(internal.dashboards.reports.refuse, { runId, reason: context.refusal });
    return;
  }
  const kind = report.reportType as ReportKind;
  if (!(kind in REPORT_KINDS)) throw new ReportError("This report type cannot be generated.");
  const summary = summarize(context);
  await ctx.runMutation(internal.dashboards.reports.setProgress, { runId, progress: 5 });

  const members: ReportMember[] = [];
  if (kind !== "progress_summary") {
    const scopes: Array<Id<"teams"> | null> = report.teamIds && report.teamIds.length > 0 ? report.teamIds : [null];
    const expected = Math.max(1, summary.figures.members);
    const seen = new Set<string>();
    for (const teamId of scopes) {
      let cursor: string | null = null;
      for (;;) {
        const page: {
          page: Array<{ row: Doc<"memberStats">; email: string; teams: string }>;
          continueCursor: string;
          isDone: boolean;
        } = await ctx.runQuery(internal.dashboards.reports.memberPage, {
          organizationId: report.organizationId,
          teamId,
          cursor,
        });
        for (const { row, email: address, teams } of page.page) {
          if (seen.has(row.userId)) continue;
          seen.add(row.userId);
          members.push(reportMember(context, row, address, teams));
        }
        await ctx.runMutation(internal.dashboards.reports.setProgress, {
          runId,
          progress: 5 + (members.length / expected) * 85,
        });
        if (page.isDone) break;
        cursor = page.continueCursor;
      }
    }
    members.sort((a, b) => a.name.localeCompare(b.name));
  }

  const bytes =
    kind === "progress_summary"
      ? await renderProgressPdf(summary)
      : kind === "individual_detail"
        ? renderDetailCsv(members)
        : await renderComplianceXlsx(summary, members);
  const info = REPORT_KINDS[kind];
  const fileId = await ctx.storage.store(new Blob([bytes as BlobPart], { type: info.contentType }));
  const stamp = new Date().toISOString().slice(0, 10);
  const fileName = `${
    report.name
      .replace(/[^\w-]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "report"
  }-${stamp}.${info.extension}`;
  const linkToken = Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");
  try {
    await ctx.runMutation(internal.dashboards.reports.finish, {
      runId,
      fileId,
      fileName,
      rows: kind === "progress_summary" ? summary.teams.length : members.length,
      email,
      linkToken,
    });
  } catch (error) {
    await ctx.storage.delete(fileId);
    throw error;
  }
}

function summarize(context: Context): ReportSummary {
  const sum = (pick: (t: Doc<"dashboardTotals">) => number) =>
    context.summaries.reduce((s, x) => s + (x.totals ? pick(x.totals) : 0), 0);
  const members = sum((t) => t.members);
  const total = sum((t) => t.enrollmentsTotal);
  return {
    organizationName: context.organizationName,
    scopeLabel: context.scopeLabel,
    generatedAt: Date.now(),
    figures: {
      members,
      activeMembers: context.summaries.reduce((s, x) => s + x.activeMembers, 0),
      atRisk: context.summaries.reduce((s, x) => s + x.atRisk, 0),
      avgProgress: members === 0 ? 0 : Math.round(sum((t) => t.progressSum) / members),
      lessonsCompleted: sum((t) => t.lessonsCompleted),
      completionRate: total === 0 ? 0 : Math.round((sum((t) => t.enrollmentsCompleted) / total) * 100),
      certificates: sum((t) => t.certificates),
      enrollmentsInProgress: sum((t) => t.enrollmentsInProgress),
      enrollmentsCompleted: sum((t) => t.enrollmentsCompleted),
    },
    pace: {
      not_started: sum((t) => t.pace.not_started),
      on_track: sum((t) => t.pace.on_track),
      behind: sum((t) => t.pace.behind),
      completed: sum((t) => t.pace.completed),
    },
    teams: context.teams,
  };
}

function reportMember(context: Context, row: Doc<"memberStats">, email: string, teams: string): ReportMember {
  return {
    name: row.name,
    email,
    teams,
    progressPercent: row.progressPercent,
    lessonsCompleted: row.lessonsCompleted,
    sessionsAttended: row.sessionsAttended,
    enrollmentsInProgress: row.enrollmentsInProgress,
    enrollmentsCompleted: row.privacy.certificates ? row.enrollmentsCompleted : null,
    pace: row.pace,
    lastActiveAt: row.privacy.activity ? row.lastActiveAt : null,
    certificates: row.privacy.certificates && context.canSeeCertificates ? row.certificates : null,
    latestScore: row.privacy.scores && context.canSeeScores ? (row.latestScore ?? null) : null,
    nextDeadline: row.nextDeadline ?? null,
    goal: row.goal
      ? row.privacy.certificates
        ? { progressPercent: row.goal.progressPercent, met: row.goal.met, deadline: row.goal.deadline ?? null }
        : "private"
      : null,
  };
}
