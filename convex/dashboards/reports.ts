/**
 * Manager reports: progress summary (PDF), individual detail (CSV) and
 * compliance (XLSX), on demand with visible progress or scheduled
 * daily / weekly / monthly. Files are generated in a Node action
 * (reportJobs.ts, run by the report pool: two at a time, retried), kept in storage and emailed with links that expire.
 */
import { vOnCompleteArgs } from "@convex-dev/workpool";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { httpAction, internalMutation, internalQuery, orgMutation, orgQuery } from "../functions";
import { assertTeamInScope, orgAccessOf } from "../access";
import { DAY_MS, INACTIVE_AFTER_MS, activityCounts, getTotals } from "./model/memberStats";
import { convexSiteUrl } from "../env";
import { TEXT_LIMITS, boundedText } from "../limits";
import { REPORT_KINDS, type ReportKind, vReportKind } from "./model/reportKinds";
import { reportPool } from "./model/reportPool";
import { notifyUsers } from "../notifications/model/notify";
import { normalizeEmail } from "../users/model/accounts";
import { vPeriodType, vReportRunStatus } from "../validators";

/** Emailed links work for this long. */
export const LINK_TTL_MS = 7 * DAY_MS;
/** Members read per page while generating. */
export const PAGE_SIZE = 500;

/** The next send time after `from`: daily 07:00 UTC, weekly Mondays, monthly on the 1st. */
export function nextSendAt(frequency: Doc<"managerReports">["scheduleFrequency"], from: number) {
  const d = new Date(from);
  const at7 = (y: number, m: number, day: number) => Date.UTC(y, m, day, 7);
  if (frequency === "daily") {
    const today = at7(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return today > from ? today : today + DAY_MS;
  }
  if (frequency === "weekly") {
    const daysToMonday = (8 - d.getUTCDay()) % 7;
    const candidate = at7(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + daysToMonday);
    return candidate > from ? candidate : candidate + 7 * DAY_MS;
  }
  const first = at7(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return first > from ? first : at7(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const vRun = v.object({
  _id: v.id("reportRuns"),
  status: vReportRunStatus,
  progress: v.number(),
  rows: v.union(v.null(), v.number()),
  url: v.union(v.null(), v.string()),
  fileName: v.union(v.null(), v.string()),
  error: v.union(v.null(), v.string()),
  createdAt: v.number(),
});

async function runView(ctx: QueryCtx, run: Doc<"reportRuns">) {
  return {
    _id: run._id,
    status: run.status,
    progress: run.progress,
    rows: run.rows ?? null,
    url: run.fileId ? await ctx.storage.getUrl(run.fileId) : null,
    fileName: run.fileName ?? null,
    error: run.error ?? null,
    createdAt: run.createdAt,
  };
}

export const list = orgQuery({
  args: {},
  permission: "export_reports",
  returns: v.array(
    v.object({
      _id: v.id("managerReports"),
      name: v.string(),
      reportType: vReportKind,
      scope: v.string(),
      isScheduled: v.boolean(),
      scheduleFrequency: v.union(v.null(), vPeriodType),
      recipients: v.array(v.string()),
      lastSentAt: v.union(v.null(), v.number()),
      nextSendAt: v.union(v.null(), v.number()),
      latestRun: v.union(v.null(), vRun),
    }),
  ),
  handler: async (ctx, { organizationId }) => {
    const reports = await ctx.db
      .query("managerReports")
      .withIndex("by_organizationId_and_isActive", (q) => q.eq("organizationId", organizationId).eq("isActive", true))
      .order("desc")
      .take(100);
    const mine = ctx.access.teamScope === "all" ? reports : reports.filter((r) => r.createdBy === ctx.viewer._id);
    const out = [];
    for (const report of mine) {
      if (!(report.reportType in REPORT_KINDS)) continue;
      const latest = await ctx.db
        .query("reportRuns")
        .withIndex("by_reportId", (q) => q.eq("reportId", report._id))
        .order("desc")
        .first();
      out.push({
        _id: report._id,
        name: report.name,
        reportType: report.reportType as ReportKind,
        scope: await scopeLabel(ctx, report.teamIds),
        isScheduled: report.isScheduled,
        scheduleFrequency: report.scheduleFrequency ?? null,
        recipients: report.recipients ?? [],
        lastSentAt: report.lastSentAt ?? null,
        nextSendAt: report.nextSendAt ?? null,
        latestRun: latest ? await runView(ctx, latest) : null,
      });
    }
    return out;
  },
});

async function scopeLabel(ctx: QueryCtx, teamIds: Id<"teams">[] | undefined) {
  if (!teamIds || teamIds.length === 0) return "Whole organization";
  const names = [];
  for (const teamId of teamIds) names.push((await ctx.db.get("teams", teamId))?.name ?? "Removed team");
  return names.join(", ");
}

/**
 * Whether the report's owner, with the role they hold NOW, may still have it generated:
 * `refusal` says why not (no access, no export_reports, or a scope that no longer covers
 * the report's teams), else null. Checked when a run is queued, generated and delivered.
 */
async function ownerCoverage(ctx: QueryCtx, report: Doc<"managerReports">) {
  const owner = await ctx.db.get("users", report.createdBy);
  const access = owner ? await orgAccessOf(ctx, owner, report.organizationId) : null;
  const who = owner?.name ?? "Its creator";
  const refuse = (refusal: string) => ({ refusal, access });
  if (access === null) return refuse(`${who} no longer manages this organization.`);
  if (!access.permissions.has("export_reports")) return refuse(`${who}'s role no longer includes exporting reports.`);
  const scope = access.teamScope;
  if (scope !== "all") {
    if (!report.teamIds || report.teamIds.length === 0) {
      return refuse(`This report covers the whole organization, and ${who}'s role now covers particular teams.`);
    }
    for (const teamId of report.teamIds) {
      if (scope.has(teamId)) continue;
      const team = await ctx.db.get("teams", teamId);
      return refuse(`This report covers ${team?.name ?? "a removed team"}, which ${who}'s role no longer covers.`);
    }
  }
  return { refusal: null, access };
}

/**
 * Fails the run (or records a failed one) with the reason; a scheduled report stops and
 * its owner is told in the app and by email. Nobody receives the report.
 */
async function refuseRun(
  ctx: MutationCtx,
  report: Doc<"managerReports">,
  reason: string,
  runId: Id<"reportRuns"> | null,
) {
  const now = Date.now();
  const error = report.isScheduled ? `${reason} The schedule was stopped.` : reason;
  if (runId) {
    await ctx.db.patch("reportRuns", runId, { status: "failed", error, finishedAt: now });
  } else {
    await ctx.db.insert("reportRuns", {
      reportId: report._id,
      organizationId: report.organizationId,
      status: "failed",
      progress: 0,
      error,
      createdAt: now,
      finishedAt: now,
    });
  }
  if (!report.isScheduled) return;
  await ctx.db.patch("managerReports", report._id, { isScheduled: false, nextSendAt: undefined, updatedAt: now });
  const owner = await ctx.db.get("users", report.createdBy);
  if (owner === null) return;
  const title = `Scheduled report stopped: ${report.name}`;
  const next = "Nobody received it, and it will not be sent again. Create a new report for the teams you manage now.";
  await notifyUsers(
    ctx,
    [owner],
    { category: "reports", title, body: `${reason} ${next}`, url: `/org/${report.organizationId}/reports` },
    { subject: title, heading: "A scheduled report was stopped", lines: [reason, next], actionLabel: "Open reports" },
  );
}

export const create = orgMutation({
  args: {
    name: v.string(),
    reportType: vReportKind,
    teamIds: v.optional(v.array(v.id("teams"))),
    schedule: v.optional(v.object({ frequency: vPeriodType, recipients: v.array(v.string()) })),
  },
  permission: "export_reports",
  returns: v.id("managerReports"),
  handler: async (ctx, { organizationId, name, reportType, teamIds, schedule }) => {
    const clean = boundedText(name, "the report name", TEXT_LIMITS.title, { min: 3 });
    const teams = teamIds && teamIds.length > 0 ? teamIds : undefined;
    if (teams) {
      for (const teamId of teams) {
        assertTeamInScope(ctx.access, teamId);
        const team = await ctx.db.get("teams", teamId);
        if (!team || team.organizationId !== organizationId)
          throw appError("NOT_FOUND", "One of these teams does not exist.");
      }
    } else if (ctx.access.teamScope !== "all") {
      throw appError(
        "OUTSIDE_TEAM_SCOPE",
        "Choose the teams this report covers; your role does not cover the whole organization.",
      );
    }
    let recipients: string[] | undefined;
    if (schedule) {
      recipients = [...new Set(schedule.recipients.filter((r) => r.trim()).map(normalizeEmail))];
      if (recipients.length === 0 || recipients.length > 20)
        throw appError("INVALID_INPUT", "Send a scheduled report to 1 to 20 email addresses.");
    }
    const now = Date.now();
    const reportId = await ctx.db.insert("managerReports", {
      organizationId,
      createdBy: ctx.viewer._id,
      name: clean,
      reportType,
      ...(teams ? { teamIds: teams } : {}),
      dateRange: { start: now - 30 * DAY_MS, end: now },
      isScheduled: schedule !== undefined,
      ...(schedule
        ? { scheduleFrequency: schedule.frequency, recipients, nextSendAt: nextSendAt(schedule.frequency, now) }
        : {}),
      format: REPORT_KINDS[reportType].format,
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    if (!schedule) await startRun(ctx, (await ctx.db.get("managerReports", reportId))!, ctx.viewer._id, false);
    return reportId;
  },
});

async function startRun(
  ctx: MutationCtx,
  report: Doc<"managerReports">,
  requestedBy: Id<"users"> | undefined,
  email: boolean,
) {
  const runId = await ctx.db.insert("reportRuns", {
    reportId: report._id,
    organizationId: report.organizationId,
    ...(requestedBy ? { requestedBy } : {}),
    status: "queued",
    progress: 0,
    createdAt: Date.now(),
  });
  if (requestedBy) {
    await ctx.db.insert("managerAccessLogs", {
      managerId: requestedBy,
      organizationId: report.organizationId,
      accessType: "export_report",
      timestamp: Date.now(),
    });
  }
  await reportPool.enqueueAction(
    ctx,
    internal.dashboards.reportJobs.generate,
    { runId, email },
    { onComplete: internal.dashboards.reports.generated, context: runId },
  );
  return runId;
}

/** Marks a run failed unless it already ended (a late word from the pool does not undo a finished file). */
async function failRun(ctx: MutationCtx, runId: Id<"reportRuns">, error: string) {
  const run = await ctx.db.get("reportRuns", runId);
  if (!run || (run.status !== "queued" && run.status !== "running")) return;
  await ctx.db.patch("reportRuns", runId, { status: "failed", error, finishedAt: Date.now() });
}

async function ownReport(
  ctx: QueryCtx & { access: { teamScope: "all" | ReadonlySet<Id<"teams">> }; viewer: Doc<"users"> },
  organizationId: Id<"organizations">,
  reportId: Id<"managerReports">,
) {
  const report = await ctx.db.get("managerReports", reportId);
  if (!report || report.organizationId !== organizationId || !report.isActive)
    throw appError("NOT_FOUND", "This report no longer exists.");
  if (ctx.access.teamScope !== "all" && report.createdBy !== ctx.viewer._id)
    throw appError("FORBIDDEN", "Only the manager who created this report can use it.");
  return report;
}

export const runNow = orgMutation({
  args: { reportId: v.id("managerReports") },
  permission: "export_reports",
  returns: v.id("reportRuns"),
  handler: async (ctx, { organizationId, reportId }) => {
    const report = await ownReport(ctx, organizationId, reportId);
    return await startRun(ctx, report, ctx.viewer._id, false);
  },
});

export const remove = orgMutation({
  args: { reportId: v.id("managerReports") },
  permission: "export_reports",
  returns: v.null(),
  handler: async (ctx, { organizationId, reportId }) => {
    const report = await ownReport(ctx, organizationId, reportId);
    await ctx.db.patch("managerReports", report._id, {
      isActive: false,
      isScheduled: false,
      nextSendAt: undefined,
      updatedAt: Date.now(),
    });
    return null;
  },
});

// ------------------------------------------------------------ generation (internal)

/** Everything the generator needs before paging members: the report, its scope and what its owner may see. */
export const runContext = internalQuery({
  args: { runId: v.id("reportRuns") },
  returns: v.any(),
  handler: async (ctx, { runId }) => {
    const run = await ctx.db.get("reportRuns", runId);
    // A run already finished (or failed) is not generated again, even by a retried attempt.
    if (!run || (run.status !== "queued" && run.status !== "running")) return null;
    const report = await ctx.db.get("managerReports", run.reportId);
    if (!report) return null;
    const organization = await ctx.db.get("organizations", report.organizationId);
    const { refusal, access } = await ownerCoverage(ctx, report);
    const scopes: Array<Id<"teams"> | null> = report.teamIds && report.teamIds.length > 0 ? report.teamIds : [null];
    const now = Date.now();
    const summaries = [];
    for (const teamId of scopes) {
      const totals = await getTotals(ctx, report.organizationId, teamId ?? undefined);
      const counts = await activityCounts(ctx, totals, now - INACTIVE_AFTER_MS);
      summaries.push({ totals, ...counts });
    }
    const teamRows =
      report.teamIds && report.teamIds.length > 0
        ? summaries.map((s) => s.totals).filter((t): t is Doc<"dashboardTotals"> => t !== null)
        : (
            await ctx.db
              .query("dashboardTotals")
              .withIndex("by_organizationId_and_teamId_and_shard", (q) =>
                q.eq("organizationId", report.organizationId).gt("teamId", undefined),
              )
              .take(500)
          ).filter((t) => t.members > 0);
    return {
      report,
      organizationName: organization?.name ?? "Organization",
      scopeLabel: await scopeLabel(ctx, report.teamIds),
      refusal,
      canSeeScores: access?.permissions.has("view_scores") === true,
      canSeeCertificates: access?.permissions.has("view_certificates") === true,
      summaries,
      teams: teamRows.map((t) => ({
        name: t.teamName ?? "Team",
        members: t.members,
        avgProgress: t.members === 0 ? 0 : Math.round(t.progressSum / t.members),
        completionRate: t.enrollmentsTotal > 0 ? Math.round((t.enrollmentsCompleted / t.enrollmentsTotal) * 100) : 0,
        behind: t.pace.behind,
      })),
    };
  },
});

/** One page of member rows of a scope, with each member's email and team names. */
export const memberPage = internalQuery({
  args: {
    organizationId: v.id("organizations"),
    teamId: v.union(v.null(), v.id("teams")),
    cursor: v.union(v.null(), v.string()),
  },
  returns: v.object({ page: v.array(v.any()), continueCursor: v.string(), isDone: v.boolean() }),
  handler: async (ctx, { organizationId, teamId, cursor }) => {
    const result = await ctx.db
      .query("memberStats")
      .withIndex("by_organizationId_and_teamId_and_name", (q) =>
        q.eq("organizationId", organizationId).eq("teamId", teamId ?? undefined),
      )
      .paginate({ cursor, numItems: PAGE_SIZE });
    const page = [];
    const teamNames = new Map<string, string>();
    for (const row of result.page) {
      const user = await ctx.db.get("users", row.userId);
      const memberships = await ctx.db
        .query("teamMembers")
        .withIndex("by_userId", (q) => q.eq("userId", row.userId))
        .take(20);
      const names = [];
      for (const m of memberships) {
        if (!teamNames.has(m.teamId)) teamNames.set(m.teamId, (await ctx.db.get("teams", m.teamId))?.name ?? "");
        if (teamNames.get(m.teamId)) names.push(teamNames.get(m.teamId)!);
      }
      page.push({ row, email: user?.email ?? "", teams: names.join("; ") });
    }
    return { page, continueCursor: result.continueCursor, isDone: result.isDone };
  },
});

/** The generator found the owner's role no longer covers the report: fail the run and stop the schedule. */
export const refuse = internalMutation({
  args: { runId: v.id("reportRuns"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { runId, reason }) => {
    const run = await ctx.db.get("reportRuns", runId);
    const report = run ? await ctx.db.get("managerReports", run.reportId) : null;
    if (run && report) await refuseRun(ctx, report, reason, runId);
    return null;
  },
});

export const setProgress = internalMutation({
  args: { runId: v.id("reportRuns"), progress: v.number() },
  returns: v.null(),
  handler: async (ctx, { runId, progress }) => {
    await ctx.db.patch("reportRuns", runId, {
      status: "running",
      progress: Math.max(0, Math.min(99, Math.round(progress))),
    });
    return null;
  },
});

export const fail = internalMutation({
  args: { runId: v.id("reportRuns"), error: v.string() },
  returns: v.null(),
  handler: async (ctx, { runId, error }) => {
    await failRun(ctx, runId, error);
    return null;
  },
});

/** The pool's word on a run: after its last failed attempt (or a cancel) the manager sees it failed. */
export const generated = internalMutation({
  args: vOnCompleteArgs(v.id("reportRuns")),
  returns: v.null(),
  handler: async (ctx, { context: runId, result }) => {
    if (result.kind === "success") return null;
    await failRun(
      ctx,
      runId,
      "The report could not be generated. Try again in a minute; if it keeps failing, contact support.",
    );
    return null;
  },
});

/** Stores the finished file; a scheduled run also emails its recipients a link that expires. */
export const finish = internalMutation({
  args: {
    runId: v.id("reportRuns"),
    fileId: v.id("_storage"),
    fileName: v.string(),
    rows: v.number(),
    email: v.boolean(),
    linkToken: v.string(),
  },
  returns: v.null(),
  handler: async (ctx, { runId, fileId, fileName, rows, email, linkToken }) => {
    const run = await ctx.db.get("reportRuns", runId);
    if (!run) {
      await ctx.storage.delete(fileId);
      return null;
    }
    const now = Date.now();
    const report = await ctx.db.get("managerReports", run.reportId);
    // The owner's role may have changed while the file was generated: check again before anyone gets it.
    const refusal = report ? (await ownerCoverage(ctx, report)).refusal : "This report no longer exists.";
    if (!report || refusal) {
      await ctx.storage.delete(fileId);
      if (report && refusal) await refuseRun(ctx, report, refusal, runId);
      else
        await ctx.db.patch("reportRuns", runId, {
          status: "failed",
          error: refusal ?? "This report no longer exists.",
          finishedAt: now,
        });
      return null;
    }
    await ctx.db.patch("reportRuns", runId, { status: "done", progress: 100, fileId, fileName, rows, finishedAt: now });
    await ctx.db.patch("managerReports", report._id, { lastGeneratedFileId: fileId, updatedAt: now });
    if (email && report.recipients && report.recipients.length > 0) {
      await ctx.db.insert("reportLinks", { tokenHash: await sha256(linkToken), runId, expiresAt: now + LINK_TTL_MS });
      const organization = await ctx.db.get("organizations", report.organizationId);
      const url = `${convexSiteUrl()}/reports/${linkToken}`;
      const label = REPORT_KINDS[report.reportType as ReportKind]?.label ?? "Report";
      await ctx.scheduler.runAfter(0, internal.notifications.delivery.email, {
        recipients: report.recipients,
        url,
        subject: `${report.name} — ${organization?.name ?? ""}`,
        heading: report.name,
        lines: [
          `Your ${report.scheduleFrequency ?? ""} ${label.toLowerCase()} report ` +
            `for ${organization?.name ?? "your organization"} is ready.`,
          "The download link works for 7 days.",
        ],
        actionLabel: "Download the report",
      });
      await ctx.db.patch("managerReports", report._id, { lastSentAt: now });
    }
    return null;
  },
});

async function sha256(text: string) {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hourly: starts every scheduled report that is due and moves its next send time on. */
export const sendDue = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    const due = await ctx.db
      .query("managerReports")
      .withIndex("by_isScheduled_and_nextSendAt", (q) => q.eq("isScheduled", true).lte("nextSendAt", now))
      .take(50);
    for (const report of due) {
      const { refusal } = await ownerCoverage(ctx, report);
      if (refusal) {
        await refuseRun(ctx, report, refusal, null);
        continue;
      }
      await ctx.db.patch("managerReports", report._id, {
        nextSendAt: nextSendAt(report.scheduleFrequency, now),
        updatedAt: now,
      });
      await startRun(ctx, report, undefined, true);
    }
    return due.length;
  },
});

export const linkTarget = internalQuery({
  args: { tokenHash: v.string() },
  returns: v.union(v.null(), v.object({ fileId: v.id("_storage"), fileName: v.string(), expired: v.boolean() })),
  handler: async (ctx, { tokenHash }) => {
    const link = await ctx.db
      .query("reportLinks")
      .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
      .unique();
    if (!link) return null;
    const run = await ctx.db.get("reportRuns", link.runId);
    if (!run?.fileId) return null;
    return { fileId: run.fileId, fileName: run.fileName ?? "report", expired: link.expiresAt < Date.now() };
  },
});

/** GET /reports/<token>: the emailed download, until the link expires. */
export const download = httpAction(async (ctx, request) => {
  const token = new URL(request.url).pathname.split("/").pop() ?? "";
  const target = /^[A-Za-z0-9_-]{20,}$/.test(token)
    ? await ctx.runQuery(internal.dashboards.reports.linkTarget, { tokenHash: await sha256(token) })
    : null;
  if (!target)
    return new Response("This report link is not valid.", {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  if (target.expired)
    return new Response("This report link has expired. Ask for a new report from the dashboard.", {
      status: 410,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  const blob = await ctx.storage.get(target.fileId);
  if (!blob) return new Response("This report file is no longer available.", { status: 404 });
  return new Response(blob, {
    headers: {
      "content-type": blob.type || "application/octet-stream",
      "content-disposition": `attachment; filename="${target.fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
});
