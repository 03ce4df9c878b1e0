/**
 * #15.8: a learner who hides their certificates is, to managers, indistinguishable
 * from one who did not complete. #15.9: aggregates of consent-gated figures need
 * view_scores and at least 5 consenting learners.
 */
import ExcelJS from "exceljs";
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { parseCsv } from "../../convex/organizations/model/csv";
import { as, type T } from "./checkout-helpers";
import { giveLearningGain } from "./fixtures";
import { newTest, settleReports } from "./helpers";
import { addTeamLearner, addUser, makeManager, seedOrg } from "./org-helpers";

const settle = settleReports;

const HIDE_CERTIFICATES = {
  allowManagerViewScores: false,
  allowManagerViewActivity: true,
  allowManagerViewCertificates: false,
  allowLeaderboardDisplay: false,
};

/**
 * Acme's team Sales: ada and bob both took the (now finished) cohort; only ada earned its certificate and the skill
 * badge.
 */
async function completionFixture() {
  const t = newTest();
  const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 10 });
  const admin = as(t, adminId);
  const sales = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Sales" });
  const people: Record<string, Id<"users">> = {};
  const enrollments: Record<string, Id<"enrollments">> = {};
  for (const name of ["ada", "bob"]) {
    const learner = await addTeamLearner(t, admin, `${name}@acme.com`, {
      organizationId,
      teamId: sales,
      cohortId,
      courseId,
    });
    people[name] = learner.userId;
    enrollments[name] = learner.enrollmentId;
  }
  await t.run(async (ctx) => {
    await ctx.db.patch("cohorts", cohortId, { status: "completed" });
    const now = Date.now();
    await ctx.db.insert("certificates", {
      enrollmentId: enrollments.ada,
      userId: people.ada,
      courseId,
      cohortId,
      issuedAt: now,
      badgeData: {
        credentialId: "urn:uuid:00000000-0000-4000-8000-000000000001",
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        issuerId: "did:key:z6Mk-test",
        issuerName: "AI Enablement Academy",
        achievementId: "https://academy.test/courses/intensive",
        name: "AI Enablement Intensive",
        description: "Completed the course.",
        criteriaNarrative: "Attend 75% of sessions.",
        validFrom: new Date(now).toISOString(),
      },
      verificationUrl: "https://academy.test/verify/00000000-0000-4000-8000-000000000001",
      linkedInShareUrl: "https://www.linkedin.com/profile/add",
      publicId: "00000000-0000-4000-8000-000000000001",
      kind: "course",
      issueStatus: "issued",
      createdAt: now,
    });
    const skillId = await ctx.db.insert("skills", {
      name: "Prompting",
      slug: "prompting",
      description: "",
      category: "technical",
      level: "practitioner",
      isActive: true,
      sortOrder: 1,
      createdAt: 1,
      updatedAt: 1,
    });
    // The skill badge that came with the certificate raised ada's level.
    await ctx.db.insert("userSkillProgress", {
      userId: people.ada,
      skillId,
      currentLevel: "practitioner",
      progressPercent: 100,
      evidenceCount: 1,
      verifiedByInstructor: false,
      createdAt: now,
      updatedAt: now,
    });
  });
  await settle(t);
  return { t, organizationId, admin, sales, people };
}

async function reportFile(
  t: T,
  admin: ReturnType<typeof as>,
  organizationId: Id<"organizations">,
  reportType: "individual_detail" | "compliance",
) {
  const reportId = await admin.mutation(api.dashboards.reports.create, {
    organizationId,
    name: `Check ${reportType}`,
    reportType,
  });
  await settle(t);
  return await t.run(async (ctx) => {
    const run = (await ctx.db
      .query("reportRuns")
      .withIndex("by_reportId", (q) => q.eq("reportId", reportId))
      .first())!;
    expect(run.status, run.error).toBe("done");
    return await (await ctx.storage.get(run.fileId!))!.arrayBuffer();
  });
}

/** A member's row on the team dashboard, without who they are. */
function anonymous(row: Record<string, unknown>) {
  const { userId: _userId, name: _name, lastActiveAt: _lastActiveAt, ...rest } = row;
  return rest;
}

describe("#15.8 hidden certificates hide completion everywhere it can be derived", { timeout: 30_000 }, () => {
  test("#15.8 a learner who hides certificates looks, to managers, like one who did not complete", async () => {
    const { t, organizationId, admin, sales, people } = await completionFixture();
    // Shared: the completion shows.
    let team = await admin.query(api.dashboards.views.team, { organizationId, teamId: sales });
    const shared = team.members.find((m) => m.userId === people.ada)!;
    expect(shared).toMatchObject({ progressPercent: 100, pace: "completed", certificates: 1 });
    expect(team.figures).toMatchObject({ enrollmentsCompleted: 1, certificates: 1 });

    // Hidden: nothing on the dashboards tells ada (certified) from bob (not certified).
    for (const name of ["ada", "bob"])
      await as(t, people[name]).mutation(api.privacy.controls.update, HIDE_CERTIFICATES);
    await settle(t);
    team = await admin.query(api.dashboards.views.team, { organizationId, teamId: sales });
    const ada = team.members.find((m) => m.userId === people.ada)!;
    const bob = team.members.find((m) => m.userId === people.bob)!;
    expect(anonymous(ada)).toEqual(anonymous(bob));
    expect(ada.progressPercent).not.toBe(100);
    expect(ada.pace).not.toBe("completed");
    expect(ada.certificates).toBeNull();
    expect(ada.skillLevels).toEqual([]);
    for (const figures of [
      team.figures,
      (await admin.query(api.dashboards.views.executive, { organizationId })).figures,
    ]) {
      expect(figures).toMatchObject({ enrollmentsCompleted: 0, certificates: 0, completionRate: 0 });
      expect(figures.pace.completed).toBe(0);
    }
    expect(team.skills).toEqual([]);

    // The person's own page says "private" rather than a count.
    const detail = async (userId: Id<"users">) => {
      await admin.mutation(api.dashboards.views.recordView, {
        organizationId,
        accessType: "view_individual",
        targetUserId: userId,
      });
      return await admin.query(api.dashboards.views.member, { organizationId, memberId: userId });
    };
    const adaDetail = await detail(people.ada);
    const bobDetail = await detail(people.bob);
    expect(adaDetail.enrollmentsCompleted).toBeNull();
    expect(adaDetail.certificates).toBeNull();
    expect({ ...adaDetail, row: anonymous(adaDetail.row), email: "" }).toEqual({
      ...bobDetail,
      row: anonymous(bobDetail.row),
      email: "",
    });
  });

  test("#15.8 reports say 'private' for completion and compliance of learners who hide certificates", async () => {
    const { t, organizationId, admin, people } = await completionFixture();
    await as(t, people.ada).mutation(api.privacy.controls.update, HIDE_CERTIFICATES);
    await settle(t);

    const csv = parseCsv(new TextDecoder().decode(await reportFile(t, admin, organizationId, "individual_detail")));
    const header = csv[0];
    const ada = csv.find((row) => row[1] === "ada@acme.com")!;
    const column = (name: string) => ada[header.indexOf(name)];
    expect(column("Courses completed")).toBe("private");
    expect(column("Certificates")).toBe("private");
    expect(column("Progress %")).not.toBe("100");
    expect(column("Status")).not.toBe("Completed");

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await reportFile(t, admin, organizationId, "compliance"));
    const sheet = workbook.getWorksheet("Compliance")!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const adaRow = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((row) => row.getCell(2).value === "ada@acme.com")!;
    const cell = (name: string) => adaRow.getCell(headers.indexOf(name) + 1).value;
    expect(cell("Courses completed")).toBe("private");
    expect(cell("Compliant")).toBe("private");
    expect(cell("Status")).not.toBe("Completed");
    // "Compliant" on the About sheet counts only completions learners share.
    const about = workbook.getWorksheet("About")!;
    const compliant = [...Array(about.rowCount).keys()]
      .map((i) => about.getRow(i + 1))
      .find((row) => String(row.getCell(1).value).startsWith("Compliant"))!;
    expect(compliant.getCell(2).value).toBe(0);
  });
});

const SHARE_SCORES = {
  allowManagerViewScores: true,
  allowManagerViewActivity: true,
  allowManagerViewCertificates: true,
  allowLeaderboardDisplay: false,
};

describe("#15.9 aggregates of scores need view_scores and at least 5 consenting learners", () => {
  test("#15.9 a one-person team's average learning gain is not her score, and managers without view_scores see no average", async () => {
    const t = newTest();
    const { organizationId, adminId, courseId, cohortId } = await seedOrg(t, { seats: 20 });
    const admin = as(t, adminId);
    const solo = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Solo" });
    const many = await admin.mutation(api.organizations.teams.create, { organizationId, name: "Many" });
    const { userId: eve } = await addTeamLearner(t, admin, "eve@acme.com", {
      organizationId,
      teamId: solo,
      cohortId,
      courseId,
    });
    await giveLearningGain(t, eve, 0.8);
    await as(t, eve).mutation(api.privacy.controls.update, SHARE_SCORES);
    // Team Many: five who share (gains 0.1 … 0.5) and one who does not (gain 0.9).
    const many5: Id<"users">[] = [];
    for (let i = 0; i < 6; i++) {
      const { userId } = await addTeamLearner(t, admin, `m${i}@acme.com`, {
        organizationId,
        teamId: many,
        cohortId,
        courseId,
      });
      await giveLearningGain(t, userId, i < 5 ? (i + 1) / 10 : 0.9);
      if (i < 5) {
        await as(t, userId).mutation(api.privacy.controls.update, SHARE_SCORES);
        many5.push(userId);
      }
    }
    const manager = await addUser(t, "mgr@acme.com", { organizationId });
    await makeManager(t, manager, organizationId, "manager", ["view_progress", "view_analytics"]);
    await settle(t);

    // Eve's team of one: suppressed, and said why.
    const soloTeam = await admin.query(api.dashboards.views.team, { organizationId, teamId: solo });
    expect(soloTeam.figures.avgLearningGain).toBeNull();
    expect(soloTeam.figures.learningGainHidden).toBe("too_few");
    // Five who share: their average, without the one who does not share (0.9).
    const manyTeam = await admin.query(api.dashboards.views.team, { organizationId, teamId: many });
    expect(manyTeam.figures.avgLearningGain).toBe(0.3);
    expect(manyTeam.figures.learningGainHidden).toBeNull();
    // The organization: six who share (0.1 … 0.5 and 0.8).
    expect((await admin.query(api.dashboards.views.executive, { organizationId })).figures.avgLearningGain).toBe(0.38);

    // Without view_scores: no average anywhere, whatever the group size.
    const noScores = as(t, manager);
    for (const figures of [
      (await noScores.query(api.dashboards.views.team, { organizationId, teamId: many })).figures,
      (await noScores.query(api.dashboards.views.executive, { organizationId })).figures,
    ]) {
      expect(figures.avgLearningGain).toBeNull();
      expect(figures.learningGainHidden).toBe("permission");
    }

    // One of the five stops sharing: Many drops below five and is suppressed.
    await as(t, many5[0]).mutation(api.privacy.controls.update, { ...SHARE_SCORES, allowManagerViewScores: false });
    await settle(t);
    const fewer = await admin.query(api.dashboards.views.team, { organizationId, teamId: many });
    expect(fewer.figures).toMatchObject({ avgLearningGain: null, learningGainHidden: "too_few" });
  }, 60_000);
});
