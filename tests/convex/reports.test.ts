import type { WorkId } from "@convex-dev/workpool";
import ExcelJS from "exceljs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, test } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { nextSendAt } from "../../convex/dashboards/reports";
import { parseCsv } from "../../convex/organizations/model/csv";
import { as, type T } from "./checkout-helpers";
import { expectAppError, newTest, settleReports } from "./helpers";
import { addTeamLearner, addUser, makeManager, seedOrg } from "./org-helpers";

const settle = settleReports;

async function pdfText(bytes: ArrayBuffer) {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const lines = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    lines.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return lines.join("\n");
}

/** An org with team Sales (Łukasz Żółć, ada) and team Ops (bob); ada shares scores, bob hides activity. */
async function fixture() {
  const t = newTest();
  const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 10, name: "Acme" });
  const admin = as(t, adminId);
  const sales = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Sales" });
  const ops = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Ops" });
  const people: Record<string, Id<"users">> = {};
  for (const [key, email, teamId] of [
    ["lukasz", "lukasz@acme.com", sales],
    ["ada", "ada@acme.com", sales],
    ["bob", "bob@acme.com", ops],
  ] as const) {
    people[key] = (await addTeamLearner(t, admin, email, { organizationId, teamId, cohortId, courseId })).userId;
  }
  await t.run(async (ctx) => {
    await ctx.db.patch("users", people.lukasz, { name: "Łukasz Żółć", lastActiveAt: Date.now() - 60_000 });
    await ctx.db.patch("users", people.ada, { name: '=HYPERLINK("x")', lastActiveAt: Date.now() - 60_000 });
  });
  await as(t, people.bob).mutation(api.privacy.controls.update, {
    allowManagerViewScores: false,
    allowManagerViewActivity: false,
    allowManagerViewCertificates: true,
    allowLeaderboardDisplay: false,
  });
  await settle(t);
  return { t, organizationId, admin, adminId, sales, ops, people };
}

async function latestFile(t: T, organizationId: Id<"organizations">, admin: ReturnType<typeof as>) {
  await settle(t);
  const reports = await admin.query(api.dashboards.reports.list, { organizationId });
  const run = reports[0].latestRun!;
  expect(run.status, run.error ?? "").toBe("done");
  expect(run.url).toBeTruthy();
  const bytes = await t.run(async (ctx) => {
    const stored = await ctx.db.get("reportRuns", run._id);
    return await (await ctx.storage.get(stored!.fileId!))!.arrayBuffer();
  });
  return { run, bytes };
}

// Rendering PDF and XLSX files takes seconds on a busy machine.
describe("manager reports", { timeout: 30_000 }, () => {
  test("individual detail CSV: one row per member, privacy applied, formulas neutralised", async () => {
    const { t, organizationId, admin } = await fixture();
    await admin.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Everyone, detail",
      reportType: "individual_detail",
    });
    const { run, bytes } = await latestFile(t, organizationId, admin);
    expect(run.rows).toBe(3);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([
      "Name",
      "Email",
      "Teams",
      "Progress %",
      "Lessons completed",
      "Sessions attended",
      "Courses in progress",
      "Courses completed",
      "Status",
      "Last active",
      "Certificates",
      "Latest score %",
    ]);
    const byEmail = new Map(
      rows
        .slice(1)
        .filter((r) => r.length > 1)
        .map((r) => [r[1], r]),
    );
    expect([...byEmail.keys()].sort()).toEqual(["ada@acme.com", "bob@acme.com", "lukasz@acme.com"]);
    expect(byEmail.get("lukasz@acme.com")!.slice(0, 3)).toEqual(["Łukasz Żółć", "lukasz@acme.com", "Sales"]);
    expect(byEmail.get("bob@acme.com")![9]).toBe("private");
    expect(byEmail.get("ada@acme.com")![0]).toBe('\'=HYPERLINK("x")');
  });

  test("compliance XLSX for one team: cells parse back", async () => {
    const { t, organizationId, admin, sales } = await fixture();
    await admin.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Sales compliance",
      reportType: "compliance",
      teamIds: [sales],
    });
    const { bytes } = await latestFile(t, organizationId, admin);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes);
    const sheet = workbook.getWorksheet("Compliance")!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      "Name",
      "Email",
      "Teams",
      "Status",
      "Courses completed",
      "Courses in progress",
      "Certificates",
      "Next deadline",
      "Goal progress %",
      "Goal due",
      "Compliant",
    ]);
    expect(sheet.rowCount).toBe(3); // header + the two Sales members
    const names = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
    expect(names).toContain("Łukasz Żółć");
    expect(sheet.getRow(2).getCell(6).value).toBe(1);
    expect(sheet.getRow(2).getCell(11).value).toBe("No");
    expect(workbook.getWorksheet("About")!.getRow(4).getCell(2).value).toBe(2);
  });

  test("progress summary PDF: the figures and teams as text", async () => {
    const { t, organizationId, admin } = await fixture();
    await admin.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Monthly summary",
      reportType: "progress_summary",
    });
    const { bytes } = await latestFile(t, organizationId, admin);
    const text = await pdfText(bytes);
    expect(text).toContain("Acme");
    expect(text).toMatch(/Members\s+3/);
    expect(text).toMatch(/Active in the last 7 days\s+2/);
    expect(text).toMatch(/Sales\s+2/);
    expect(text).toMatch(/Ops\s+1/);
  });

  test("a scheduled report is sent when due with a link that works, then expires; next send moves on", async () => {
    const { t, organizationId, admin } = await fixture();
    const reportId = await admin.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Weekly detail",
      reportType: "individual_detail",
      schedule: { frequency: "weekly", recipients: ["ceo@acme.com", "CEO@acme.com "] },
    });
    const before = await t.run(async (ctx) => ctx.db.get("managerReports", reportId));
    expect(before!.recipients).toEqual(["ceo@acme.com"]);
    expect(new Date(before!.nextSendAt!).getUTCDay()).toBe(1);
    await t.run(async (ctx) => ctx.db.patch("managerReports", reportId, { nextSendAt: Date.now() - 1 }));
    expect(await t.mutation(internal.dashboards.reports.sendDue, {})).toBe(1);
    await settle(t);
    const after = (await t.run(async (ctx) => ctx.db.get("managerReports", reportId)))!;
    expect(after.lastSentAt).toBeGreaterThan(0);
    expect(after.nextSendAt).toBeGreaterThan(Date.now());
    const mail = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "ceo@acme.com"))
        .collect(),
    );
    const link = mail.at(-1)!.actionUrl!;
    const path = new URL(link).pathname;
    const ok = await t.fetch(path);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(/weekly-detail-.*\.csv/);
    expect(await t.fetch("/reports/not-a-real-token-at-all-xyz")).toMatchObject({ status: 404 });
    await t.run(async (ctx) => {
      for (const l of await ctx.db.query("reportLinks").collect())
        await ctx.db.patch("reportLinks", l._id, { expiresAt: Date.now() - 1 });
    });
    expect((await t.fetch(path)).status).toBe(410);
  });

  test("who may create reports, and bad input", async () => {
    const { t, organizationId, admin, sales, ops } = await fixture();
    const scoped = await addUser(t, "sam@acme.com", { organizationId });
    await makeManager(t, scoped, organizationId, "manager", ["view_progress", "export_reports"], [sales]);
    const sam = as(t, scoped);
    await expectAppError(
      sam.mutation(api.dashboards.reports.create, { organizationId, name: "All", reportType: "compliance" }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.dashboards.reports.create, {
        organizationId,
        name: "Ops",
        reportType: "compliance",
        teamIds: [ops],
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await sam.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Sales only",
      reportType: "compliance",
      teamIds: [sales],
    });
    const viewer = await addUser(t, "vi@acme.com", { organizationId });
    await makeManager(t, viewer, organizationId, "viewer", ["view_progress"]);
    await expectAppError(
      as(t, viewer).mutation(api.dashboards.reports.create, { organizationId, name: "Mine", reportType: "compliance" }),
      "MISSING_PERMISSION",
    );
    await expectAppError(
      admin.mutation(api.dashboards.reports.create, { organizationId, name: "x", reportType: "compliance" }),
      "INVALID_INPUT",
    );
    await expectAppError(
      admin.mutation(api.dashboards.reports.create, {
        organizationId,
        name: "Weekly",
        reportType: "compliance",
        schedule: { frequency: "weekly", recipients: ["not-an-email"] },
      }),
      "INVALID_EMAIL",
    );
    await settle(t);
    // The scoped manager sees only their own reports; the admin sees all.
    expect((await sam.query(api.dashboards.reports.list, { organizationId })).map((r) => r.name)).toEqual([
      "Sales only",
    ]);
  });

  test("#15.6 a scheduled report re-checks its owner's current scope on each run, and stops (telling the owner) when it no longer covers it", async () => {
    const { t, organizationId, sales } = await fixture();
    const olgaId = await addUser(t, "olga@acme.com", { organizationId });
    await makeManager(t, olgaId, organizationId, "manager", ["view_progress", "export_reports"]);
    const olga = as(t, olgaId);
    const reportId = await olga.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Everyone, weekly",
      reportType: "individual_detail",
      schedule: { frequency: "weekly", recipients: ["ceo@acme.com"] },
    });
    // Olga is narrowed to Sales; the report still covers the whole organization.
    await t.run(async (ctx) => {
      const row = await ctx.db
        .query("organizationManagers")
        .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", olgaId).eq("organizationId", organizationId))
        .unique();
      await ctx.db.patch("organizationManagers", row!._id, { teamIds: [sales] });
      await ctx.db.patch("managerReports", reportId, { nextSendAt: Date.now() - 1 });
    });
    await t.mutation(internal.dashboards.reports.sendDue, {});
    await settle(t);

    const after = await t.run(async (ctx) => ({
      report: (await ctx.db.get("managerReports", reportId))!,
      runs: await ctx.db
        .query("reportRuns")
        .withIndex("by_reportId", (q) => q.eq("reportId", reportId))
        .collect(),
      ceoMail: await ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "ceo@acme.com"))
        .collect(),
      olgaMail: await ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "olga@acme.com"))
        .collect(),
      olgaNotes: await ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", olgaId))
        .collect(),
    }));
    expect(after.ceoMail).toEqual([]); // nobody received everyone's details
    expect(after.runs.map((r) => [r.status, r.fileId])).toEqual([["failed", undefined]]);
    expect(after.runs[0].error).toMatch(/whole organization/);
    expect(after.report).toMatchObject({ isScheduled: false, isActive: true });
    expect(after.report.nextSendAt).toBeUndefined();
    expect(after.olgaNotes.map((n) => n.title)).toEqual(["Scheduled report stopped: Everyone, weekly"]);
    expect(after.olgaNotes[0].body).toMatch(/whole organization/);
    expect(after.olgaMail.map((m) => m.subject)).toEqual(["Scheduled report stopped: Everyone, weekly"]);
    // The list shows why, and the next hourly run sends nothing.
    const listed = (await as(t, olgaId).query(api.dashboards.reports.list, { organizationId })).find(
      (r) => r._id === reportId,
    )!;
    expect(listed).toMatchObject({ isScheduled: false, latestRun: expect.objectContaining({ status: "failed" }) });
    expect(await t.mutation(internal.dashboards.reports.sendDue, {})).toBe(0);
  });

  test("#15.6 a run already queued is refused when the owner loses the permission or the team before it is generated", async () => {
    const { t, organizationId, sales, ops } = await fixture();
    const samId = await addUser(t, "sam@acme.com", { organizationId });
    await makeManager(t, samId, organizationId, "manager", ["view_progress", "export_reports"]);
    const managerId = await t.run(
      async (ctx) =>
        (await ctx.db
          .query("organizationManagers")
          .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", samId).eq("organizationId", organizationId))
          .unique())!._id,
    );
    const changeRole = (fields: { teamIds?: Id<"teams">[]; permissions?: Array<"view_progress" | "export_reports"> }) =>
      t.run(async (ctx) => ctx.db.patch("organizationManagers", managerId, fields));
    await changeRole({ teamIds: [sales] });
    const sam = as(t, samId);
    const reportId = await sam.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Sales weekly",
      reportType: "compliance",
      teamIds: [sales],
      schedule: { frequency: "weekly", recipients: ["lead@acme.com"] },
    });

    // Moved to Ops between queueing and generating: no file, the schedule stops.
    await sam.mutation(api.dashboards.reports.runNow, { organizationId, reportId });
    await changeRole({ teamIds: [ops] });
    await settle(t);
    const stopped = await t.run(async (ctx) => ({
      report: (await ctx.db.get("managerReports", reportId))!,
      runs: await ctx.db
        .query("reportRuns")
        .withIndex("by_reportId", (q) => q.eq("reportId", reportId))
        .collect(),
    }));
    expect(stopped.runs.map((r) => r.status)).toEqual(["failed"]);
    expect(stopped.runs[0].error).toMatch(/Sales/);
    expect(stopped.report.isScheduled).toBe(false);

    // Without export_reports, even a report on a team still in scope is refused.
    await changeRole({ teamIds: [sales, ops], permissions: ["view_progress"] });
    await t.run(async (ctx) =>
      ctx.db.patch("managerReports", reportId, { isScheduled: true, nextSendAt: Date.now() - 1 }),
    );
    await t.mutation(internal.dashboards.reports.sendDue, {});
    await settle(t);
    const runs = await t.run(async (ctx) =>
      ctx.db
        .query("reportRuns")
        .withIndex("by_reportId", (q) => q.eq("reportId", reportId))
        .collect(),
    );
    expect(runs.map((r) => r.status)).toEqual(["failed", "failed"]);
    expect(runs[1].error).toMatch(/export/);
    expect(runs.every((r) => r.fileId === undefined)).toBe(true);
  });

  test("a run the report pool gave up on shows as failed; a late word from the pool never undoes a finished file", async () => {
    const { t, organizationId, admin } = await fixture();
    const reportId = await admin.mutation(api.dashboards.reports.create, {
      organizationId,
      name: "Monthly summary",
      reportType: "progress_summary",
    });
    const runs = () =>
      t.run(async (ctx) =>
        ctx.db
          .query("reportRuns")
          .withIndex("by_reportId", (q) => q.eq("reportId", reportId))
          .collect(),
      );
    const gaveUp = (runId: Id<"reportRuns">) =>
      t.mutation(internal.dashboards.reports.generated, {
        workId: "work" as WorkId,
        context: runId,
        result: { kind: "failed", error: "Out of memory" },
      });
    await settle(t);
    const [finished] = await runs();
    expect(finished.status).toBe("done");
    await gaveUp(finished._id);
    expect((await runs())[0]).toMatchObject({ status: "done", fileId: finished.fileId });

    const queued = await admin.mutation(api.dashboards.reports.runNow, { organizationId, reportId });
    await gaveUp(queued);
    const failed = (await runs()).find((r) => r._id === queued)!;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/could not be generated/);
    expect(failed.error).not.toMatch(/memory/);
  });

  test("next send times: daily 07:00 UTC, weekly Mondays, monthly on the 1st", () => {
    const at = Date.UTC(2026, 10, 27, 10); // a Friday
    expect(new Date(nextSendAt("daily", at)).toISOString()).toBe("2026-11-28T07:00:00.000Z");
    expect(new Date(nextSendAt("weekly", at)).toISOString()).toBe("2026-11-30T07:00:00.000Z");
    expect(new Date(nextSendAt("monthly", at)).toISOString()).toBe("2026-12-01T07:00:00.000Z");
    expect(new Date(nextSendAt("weekly", Date.UTC(2026, 10, 30, 6))).toISOString()).toBe("2026-11-30T07:00:00.000Z");
  });
});
