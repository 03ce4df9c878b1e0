/**
 * Manager report files, rendered from `memberStats` rows and scope totals:
 * progress summary (PDF), individual detail (CSV) and compliance (XLSX).
 * Imported only by the Node action in reportJobs.ts (exceljs needs Node).
 */
import ExcelJS from "exceljs";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import type { Doc } from "../../_generated/dataModel";
import {
  INTER_LATIN_400,
  INTER_LATIN_600,
  INTER_LATIN_EXT_400,
  INTER_LATIN_EXT_600,
} from "../../certificates/model/fonts";
import { base64ToBytes } from "../../certificates/shared/baking";
import { cachingFontkit, runs } from "../../certificates/model/pdf";

/** One member as a report shows them, already filtered by privacy and the report owner's permissions. */
export type ReportMember = {
  name: string;
  email: string;
  teams: string;
  progressPercent: number;
  lessonsCompleted: number;
  sessionsAttended: number;
  enrollmentsInProgress: number;
  /** null: the learner keeps certificates, and so completions, private. */
  enrollmentsCompleted: number | null;
  pace: Doc<"memberStats">["pace"];
  lastActiveAt: number | null;
  certificates: number | null;
  latestScore: number | null;
  nextDeadline: number | null;
  /** The team goal (or the member's teams' goals together); null without one; "private" when completions are. */
  goal: { progressPercent: number; met: boolean; deadline: number | null } | "private" | null;
};

export type ReportSummary = {
  organizationName: string;
  scopeLabel: string;
  generatedAt: number;
  figures: {
    members: number;
    activeMembers: number;
    atRisk: number;
    avgProgress: number;
    lessonsCompleted: number;
    completionRate: number;
    certificates: number;
    enrollmentsInProgress: number;
    enrollmentsCompleted: number;
  };
  pace: { not_started: number; on_track: number; behind: number; completed: number };
  teams: Array<{ name: string; members: number; avgProgress: number; completionRate: number; behind: number }>;
};

export const PACE_LABEL = {
  not_started: "Not started",
  on_track: "On track",
  behind: "Behind",
  completed: "Completed",
} as const;

const day = (ms: number | null) => (ms === null || ms === 0 ? "" : new Date(ms).toISOString().slice(0, 10));

function csvCell(value: string | number) {
  const text = String(value);
  // Quote when needed; neutralise spreadsheet formulas in names (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const DETAIL_COLUMNS = [
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
];

export function renderDetailCsv(members: ReportMember[]) {
  const lines = [DETAIL_COLUMNS.map(csvCell).join(",")];
  for (const m of members) {
    lines.push(
      [
        m.name,
        m.email,
        m.teams,
        m.progressPercent,
        m.lessonsCompleted,
        m.sessionsAttended,
        m.enrollmentsInProgress,
        m.enrollmentsCompleted ?? "private",
        PACE_LABEL[m.pace],
        m.lastActiveAt === null ? "private" : day(m.lastActiveAt) || "never",
        m.certificates === null ? "private" : m.certificates,
        m.latestScore === null ? "" : m.latestScore,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

export const COMPLIANCE_COLUMNS = [
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
];

/** Whether a member is compliant: met their team goal, or — without one — completed at least one course. */
export function compliant(m: ReportMember) {
  if (m.goal === "private" || m.enrollmentsCompleted === null) return "private";
  if (m.goal !== null) return m.goal.met ? "Yes" : "No";
  return m.enrollmentsCompleted > 0 ? "Yes" : "No";
}

export async function renderComplianceXlsx(summary: ReportSummary, members: ReportMember[]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "AI Enablement Academy";
  workbook.created = new Date(summary.generatedAt);
  const sheet = workbook.addWorksheet("Compliance", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COMPLIANCE_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: i < 3 ? 28 : 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const m of members) {
    sheet.addRow([
      m.name,
      m.email,
      m.teams,
      PACE_LABEL[m.pace],
      m.enrollmentsCompleted ?? "private",
      m.enrollmentsInProgress,
      m.certificates === null ? "private" : m.certificates,
      m.nextDeadline === null ? "" : day(m.nextDeadline),
      m.goal === "private" ? "private" : m.goal === null ? "" : m.goal.progressPercent,
      m.goal === "private" || m.goal === null || m.goal.deadline === null ? "" : day(m.goal.deadline),
      compliant(m),
    ]);
  }
  const about = workbook.addWorksheet("About");
  about.addRows([
    ["Organization", summary.organizationName],
    ["Scope", summary.scopeLabel],
    ["Generated", new Date(summary.generatedAt).toISOString()],
    ["Members", summary.figures.members],
    [
      "Compliant (met their team's goal; without a goal, completed a course)",
      members.filter((m) => compliant(m) === "Yes").length,
    ],
    [
      "Completion private (learner keeps certificates private)",
      members.filter((m) => m.enrollmentsCompleted === null).length,
    ],
  ]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const INK = rgb(0.067, 0.094, 0.153);
const MUTED = rgb(0.294, 0.333, 0.388);
const BRAND = rgb(0.263, 0.22, 0.792);

/** Draws text in runs, each with the first font that has its characters (Latin, then Latin Extended). */
function drawText(page: PDFPage, text: string, x: number, y: number, size: number, fonts: PDFFont[], color = INK) {
  let cursor = x;
  for (const run of runs(text, fonts)) {
    page.drawText(run.text, { x: cursor, y, size, font: run.font, color });
    cursor += run.font.widthOfTextAtSize(run.text, size);
  }
}

export async function renderProgressPdf(summary: ReportSummary) {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachingFontkit);
  pdf.setTitle(`Progress summary — ${summary.organizationName}`);
  const embed = (b64: string) => pdf.embedFont(base64ToBytes(b64), { subset: true });
  const regular = [await embed(INTER_LATIN_400), await embed(INTER_LATIN_EXT_400)];
  const bold = [await embed(INTER_LATIN_600), await embed(INTER_LATIN_EXT_600)];
  let page = pdf.addPage([595.28, 841.89]);
  let y = 780;
  const line = (text: string, size = 11, fonts = regular, color = INK, gap = size + 8) => {
    if (y < 60) {
      page = pdf.addPage([595.28, 841.89]);
      y = 780;
    }
    drawText(page, text, 56, y, size, fonts, color);
    y -= gap;
  };
  line("PROGRESS SUMMARY", 11, bold, BRAND);
  line(summary.organizationName, 22, bold, INK, 30);
  line(
    `${summary.scopeLabel} · generated ` +
      `${new Date(summary.generatedAt).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    10,
    regular,
    MUTED,
    28,
  );
  const f = summary.figures;
  const figures: Array<[string, string]> = [
    ["Members", String(f.members)],
    ["Active in the last 7 days", String(f.activeMembers)],
    ["Average progress", `${f.avgProgress}%`],
    ["Lessons completed", String(f.lessonsCompleted)],
    ["Courses in progress", String(f.enrollmentsInProgress)],
    ["Courses completed", String(f.enrollmentsCompleted)],
    ["Completion rate", `${f.completionRate}%`],
    ["Certificates issued", String(f.certificates)],
    ["At risk (7 days without activity)", String(f.atRisk)],
  ];
  for (const [label, value] of figures) {
    drawText(page, label, 56, y, 11, regular, MUTED);
    drawText(page, value, 330, y, 11, bold);
    y -= 19;
  }
  y -= 10;
  line("Pace", 13, bold, INK, 22);
  line(
    `On track ${summary.pace.on_track} · Behind ${summary.pace.behind} · ` +
      `Not started ${summary.pace.not_started} · Completed ${summary.pace.completed}`,
    11,
  );
  if (summary.teams.length > 0) {
    y -= 10;
    line("Teams", 13, bold, INK, 22);
    drawText(page, "Team", 56, y, 9, bold, MUTED);
    drawText(page, "Members", 280, y, 9, bold, MUTED);
    drawText(page, "Avg progress", 350, y, 9, bold, MUTED);
    drawText(page, "Completion", 430, y, 9, bold, MUTED);
    drawText(page, "Behind", 505, y, 9, bold, MUTED);
    y -= 16;
    for (const team of summary.teams) {
      if (y < 60) {
        page = pdf.addPage([595.28, 841.89]);
        y = 780;
      }
      drawText(page, team.name.slice(0, 40), 56, y, 10, regular);
      drawText(page, String(team.members), 280, y, 10, regular);
      drawText(page, `${team.avgProgress}%`, 350, y, 10, regular);
      drawText(page, `${team.completionRate}%`, 430, y, 10, regular);
      drawText(page, String(team.behind), 505, y, 10, regular);
      y -= 16;
    }
  }
  // objectsPerTick: Infinity — no setTimeout between objects (a few pages; nothing to yield for).
  return await pdf.save({ objectsPerTick: Infinity });
}
