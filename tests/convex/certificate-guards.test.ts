/**
 * Who may revoke a certificate, and that its holder sees it revoked. Each test
 * here failed a mutant that every other test let through (issue #24).
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id } from "../../convex/_generated/dataModel";
import { API, DAY, type IssuerKeys, newIssuerKeys, runScheduled, SITE } from "./certificate-helpers";
import { as, enrollConfirmed, seedCohort, type T } from "./checkout-helpers";
import { cohortSessionRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser, seedOrg } from "./org-helpers";

let keys: IssuerKeys;

beforeAll(async () => {
  keys = await newIssuerKeys();
});
beforeEach(() => {
  vi.stubEnv("CREDENTIAL_PUBLIC_KEY", keys.publicKeyMultibase);
  vi.stubEnv("CREDENTIAL_SECRET_KEY", keys.secretKeyMultibase);
  vi.stubEnv("SITE_URL", SITE);
  vi.stubEnv("CONVEX_SITE_URL", API);
  vi.stubEnv("RESEND_API_KEY", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/**
 * A learner who attended every session of a finished cohort and holds its signed certificate; plus the people around.
 */
async function certified(t: T) {
  const { cohortId, courseId, buyers } = await seedCohort(t, { buyers: 2, startsInDays: -3 });
  const [holder, otherLearner] = buyers;
  const platformAdminId = await addUser(t, "ops@academy.test");
  const instructorId = await addUser(t, "instructor@academy.test");
  const { adminId: orgAdminId } = await seedOrg(t, { name: "Globex" });
  await t.run(async (ctx) => {
    await ctx.db.patch("users", platformAdminId, { role: "platform_admin" });
    await ctx.db.patch("cohorts", cohortId, { status: "in_progress", instructorId });
  });
  const enrollmentId = await enrollConfirmed(t, { userId: holder, cohortId, courseId });
  await t.run(async (ctx) => {
    for (let i = 0; i < 2; i++) {
      const startsAt = Date.now() - 3 * DAY + i * 3_600_000;
      const cohortSessionId = await ctx.db.insert(
        "cohortSessions",
        cohortSessionRow(cohortId, `Session ${i + 1}`, startsAt, startsAt + 3_000_000),
      );
      await ctx.db.insert("sessionAttendance", {
        cohortSessionId,
        cohortId,
        enrollmentId,
        userId: holder,
        status: "present",
        source: "instructor",
        updatedAt: 1,
      });
    }
  });
  await t.mutation(internal.certificates.plan.planForCohort, { cohortId });
  await runScheduled(t);
  const certificate = await t.run(
    async (ctx) =>
      (await ctx.db
        .query("certificates")
        .withIndex("by_userId", (q) => q.eq("userId", holder))
        .first())!,
  );
  expect(certificate.issueStatus).toBe("issued");
  return { certificate, holder, otherLearner, platformAdminId, instructorId, orgAdminId };
}

const reload = async (t: T, certificate: Doc<"certificates">) =>
  await t.run(async (ctx) => (await ctx.db.get("certificates", certificate._id))!);
const revokedNotices = async (t: T, userId: Id<"users">) =>
  (
    await t.run(async (ctx) =>
      ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
        .collect(),
    )
  ).filter((n) => n.title.startsWith("Certificate revoked"));

describe("revoking certificates", { timeout: 60_000 }, () => {
  test("#24 only a platform admin can revoke a certificate: its holder, other learners, instructors and organization admins cannot", async () => {
    const t = newTest();
    const { certificate, holder, otherLearner, platformAdminId, instructorId, orgAdminId } = await certified(t);
    const revoke = { certificateId: certificate._id, reason: "Attendance records were corrected." };

    await expectAppError(t.mutation(api.certificates.revocation.revoke, revoke), "NOT_SIGNED_IN");
    for (const caller of [holder, otherLearner, instructorId, orgAdminId]) {
      await expectAppError(as(t, caller).mutation(api.certificates.revocation.revoke, revoke), "NOT_PLATFORM_ADMIN");
    }
    expect(await reload(t, certificate)).toEqual(certificate);
    expect(await revokedNotices(t, holder)).toEqual([]);

    await as(t, platformAdminId).mutation(api.certificates.revocation.revoke, revoke);
    await runScheduled(t); // the revocation list is re-signed
    expect(await reload(t, certificate)).toMatchObject({ revocationReason: "Attendance records were corrected." });
    expect((await reload(t, certificate)).revokedAt).toBeDefined();
    expect(await revokedNotices(t, holder)).toHaveLength(1);
  });

  test("#24 the holder's certificate list shows a revoked certificate as revoked, not valid", async () => {
    const t = newTest();
    const { certificate, holder, otherLearner, platformAdminId } = await certified(t);
    const mine = async () => await as(t, holder).query(api.certificates.holders.mine, {});
    expect(await mine()).toEqual([
      expect.objectContaining({ publicId: certificate.publicId, revoked: false, issueStatus: "issued" }),
    ]);
    expect(await as(t, otherLearner).query(api.certificates.holders.mine, {})).toEqual([]);
    expect(await t.query(api.certificates.holders.mine, {})).toEqual([]);

    await as(t, platformAdminId).mutation(api.certificates.revocation.revoke, {
      certificateId: certificate._id,
      reason: "Issued by mistake.",
    });
    await runScheduled(t);
    expect(await mine()).toEqual([expect.objectContaining({ publicId: certificate.publicId, revoked: true })]);
    const view = await t.query(api.certificates.verify.publicView, { publicId: certificate.publicId });
    expect(view).toMatchObject({ revocationReason: "Issued by mistake." });
    expect(view!.revokedAt).toBeDefined();
  });
});
