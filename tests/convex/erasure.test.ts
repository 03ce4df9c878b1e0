/**
 * #18 Erasure carried out: a seeded organization member with certificates, graded answers, reports, invitations,
 * sign-in accounts and notifications asks for erasure; a platform admin carries it out; afterwards their email address
 * is found in no table but the one documented exception, and no stored file names them.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Doc, Id, TableNames } from "../../convex/_generated/dataModel";
import { ERASED_NAME, ERASURE_BY_TABLE, ERASURE_STEPS, REPORT_WITHDRAWN } from "../../convex/privacy/model/erasure";
import schema from "../../convex/schema";
import { newIssuerKeys, type IssuerKeys } from "./certificate-helpers";
import { as, runScheduled, type T } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";
import { addUser } from "./org-helpers";

const NOW = Date.UTC(2026, 10, 22, 10);

/** Runs the erasure's steps until the request completes (each step schedules the next; fake timers hold them). */
async function runErasure(t: T, requestId: Id<"erasureRequests">) {
  for (let i = 0; i < 200; i++) {
    const request = await t.run(async (ctx) => await ctx.db.get("erasureRequests", requestId));
    if (request?.status === "completed") return;
    await t.mutation(internal.privacy.erasure.runStep, { requestId });
  }
  throw new Error("the erasure did not finish in 200 batches");
}

/** Every table whose documents mention `text`, with how many do. */
async function tablesMentioning(t: T, text: string) {
  return await t.run(async (ctx) => {
    const found: Record<string, number> = {};
    for (const table of Object.keys(schema.tables) as TableNames[]) {
      const rows = await ctx.db.query(table).collect();
      const hits = rows.filter((row) => JSON.stringify(row).toLowerCase().includes(text.toLowerCase())).length;
      if (hits > 0) found[table] = hits;
    }
    return found;
  });
}

/** Stored files whose bytes mention `text`. */
async function filesMentioning(t: T, text: string) {
  return await t.run(async (ctx) => {
    const found: string[] = [];
    for (const file of await ctx.db.system.query("_storage").collect()) {
      const blob = await ctx.storage.get(file._id);
      if (blob && (await blob.text()).includes(text)) found.push(file._id);
    }
    return found;
  });
}

/**
 * The demo academy with its scheduled work done (certificates signed, answers graded); then time is frozen so the
 * erasure's steps run only when the test runs them.
 */
async function seededAcademy() {
  const t = newTest();
  await t.mutation(internal.dev.seed.run, { now: NOW });
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.finishInProgressScheduledFunctions();
  }
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  return t;
}

/** A seeded Acme member who holds an issued certificate and wrote graded answers. */
async function seededLearner(t: T) {
  return await t.run(async (ctx) => {
    const acme = (await ctx.db
      .query("organizations")
      .withIndex("by_domain", (q) => q.eq("domain", "acme.com"))
      .unique())!;
    for (const member of await ctx.db
      .query("users")
      .withIndex("by_organizationId", (q) => q.eq("organizationId", acme._id))
      .collect()) {
      if (member.role !== "org_member") continue;
      const certificates = await ctx.db
        .query("certificates")
        .withIndex("by_userId", (q) => q.eq("userId", member._id))
        .collect();
      const attempts = await ctx.db
        .query("assessmentAttempts")
        .withIndex("by_userId_and_assessmentId", (q) => q.eq("userId", member._id))
        .collect();
      if (certificates.some((c) => c.issueStatus === "issued" && !c.revokedAt) && attempts.length > 0)
        return { user: member, acme };
    }
    throw new Error("the seed has no Acme member with a certificate and assessment attempts");
  });
}

/** Gives the person what a real history leaves behind, each holding their email address or name. */
async function addHistory(t: T, user: Doc<"users">, organizationId: Id<"organizations">) {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const accountId = await ctx.db.insert("authAccounts", {
      userId: user._id,
      provider: "resend",
      providerAccountId: user.email,
    });
    await ctx.db.insert("authVerificationCodes", {
      accountId,
      provider: "resend",
      code: "hashed-code",
      expirationTime: now + 60_000,
    });
    const sessionId = await ctx.db.insert("authSessions", { userId: user._id, expirationTime: now + 86_400_000 });
    await ctx.db.insert("authRefreshTokens", { sessionId, expirationTime: now + 86_400_000 });
    await ctx.db.insert("authRateLimits", { identifier: user.email, lastAttemptTime: now, attemptsLeft: 3 });
    const otherId = await ctx.db.insert("organizations", {
      name: "Globex",
      domain: "globex.test",
      contactEmail: "buyer@globex.test",
      contactName: "Buyer",
      seatsPurchased: 5,
      seatsUsed: 0,
      status: "active",
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("organizationInvites", {
      organizationId: otherId,
      email: user.email,
      inviteToken: "an-invite-hash",
      status: "pending",
      expiresAt: now + 86_400_000,
      createdAt: now,
    });
    await ctx.db.insert("organizationAuditLog", {
      organizationId: otherId,
      action: "invite_sent",
      subjectEmail: user.email,
      createdAt: now,
    });
    await ctx.db.insert("contactSubmissions", {
      name: user.name,
      email: user.email,
      message: "Can my team join?",
      status: "pending",
      createdAt: now,
      updatedAt: now,
    });
    await ctx.db.insert("emailChanges", {
      userId: user._id,
      newEmail: "my.new.address@example.com",
      tokenHash: "a-change-hash",
      status: "pending",
      expiresAt: now + 86_400_000,
      createdAt: now,
    });
    await ctx.db.insert("notifications", {
      userId: user._id,
      category: "learning",
      title: `Welcome, ${user.name}`,
      body: "Your cohort starts soon.",
      createdAt: now,
    });
    // A report generated for the organization: its file lists members with their email addresses.
    const reportId = await ctx.db.insert("managerReports", {
      organizationId,
      createdBy: user._id,
      name: "Weekly progress",
      reportType: "progress_summary",
      format: "csv",
      dateRange: { start: now - 7 * 86_400_000, end: now },
      isScheduled: true,
      scheduleFrequency: "weekly",
      recipients: [user.email, "boss@acme.com"],
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    const fileId = await ctx.storage.store(
      new Blob([`name,email\n${user.name},${user.email}\n`], { type: "text/csv" }),
    );
    const runId = await ctx.db.insert("reportRuns", {
      reportId,
      organizationId,
      status: "done",
      progress: 100,
      rows: 1,
      fileId,
      fileName: "weekly-progress.csv",
      createdAt: now,
      finishedAt: now,
    });
    await ctx.db.insert("devEmails", {
      to: user.email,
      subject: "Welcome",
      html: "<p>Hi</p>",
      text: "Hi",
      createdAt: now,
    });
    return { runId, sessionId };
  });
}

describe("#18 erasure carried out", () => {
  let keys: IssuerKeys;
  beforeAll(async () => {
    keys = await newIssuerKeys();
  });
  beforeEach(() => {
    vi.stubEnv("AI_API_KEY", "");
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubEnv("CREDENTIAL_PUBLIC_KEY", keys.publicKeyMultibase);
    vi.stubEnv("CREDENTIAL_SECRET_KEY", keys.secretKeyMultibase);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  test("every table says what erasure does to it", () => {
    expect(Object.keys(ERASURE_BY_TABLE).sort()).toEqual(Object.keys(schema.tables).sort());
  });

  test("after 'carry out' the email address is nowhere but the confirmation, files are gone, certificates revoked", async () => {
    const t = await seededAcademy();
    const { user, acme } = await seededLearner(t);
    const { runId } = await addHistory(t, user, acme._id);
    const seatsBefore = (await t.run(async (ctx) => await ctx.db.get("organizations", acme._id)))!.seatsUsed;
    expect(Object.keys(await tablesMentioning(t, user.email)).length).toBeGreaterThan(5);

    await as(t, user._id).mutation(api.privacy.erasure.request, { certificates: "revoke" });
    const admin = await addUser(t, "dpo@academy.test");
    await t.run(async (ctx) => await ctx.db.patch("users", admin, { role: "platform_admin" }));
    const queue = await as(t, admin).query(api.privacy.erasure.queue, {});
    const row = queue.open.find((r) => r.userId === user._id)!;
    expect(row).toMatchObject({ status: "requested", email: user.email, certificates: "revoke", stepsDone: 0 });

    await as(t, admin).mutation(api.privacy.erasure.carryOut, { requestId: row._id });
    await expectAppError(as(t, admin).mutation(api.privacy.erasure.carryOut, { requestId: row._id }), "INVALID_INPUT");
    await runErasure(t, row._id);

    // The address survives only in the confirmation queued to it. (Convex keeps the arguments of finished scheduled
    // functions, earlier emails included, for 7 days: docs/security.md names this system retention.)
    expect(await tablesMentioning(t, user.email)).toEqual({});
    expect(await filesMentioning(t, user.email)).toEqual([]);
    const confirmation = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).filter(
        (job) =>
          job.state.kind === "pending" &&
          job.name.includes("notifications/delivery") &&
          JSON.stringify(job.args).includes(user.email),
      ),
    );
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0].args[0]).toMatchObject({ subject: "Your personal data has been erased" });
    // Once the work it queued has run (dashboard refresh, the confirmation sent into local mode's mailbox), the name is
    // gone too, and the address is only in that last email.
    await runScheduled(t);
    expect(await tablesMentioning(t, user.name)).toEqual({});
    const mailbox = await t.run(async (ctx) =>
      (await ctx.db.query("devEmails").collect()).filter((email) => JSON.stringify(email).includes(user.email)),
    );
    expect(mailbox.map((email) => email.subject)).toEqual(["Your personal data has been erased"]);
    expect(await tablesMentioning(t, user.email)).toEqual({ devEmails: 1 });

    const after = await t.run(async (ctx) => ({
      user: (await ctx.db.get("users", user._id))!,
      request: (await ctx.db.get("erasureRequests", row._id))!,
      certificates: await ctx.db
        .query("certificates")
        .withIndex("by_userId", (q) => q.eq("userId", user._id))
        .collect(),
      run: (await ctx.db.get("reportRuns", runId))!,
      organization: (await ctx.db.get("organizations", acme._id))!,
      sessions: await ctx.db
        .query("authSessions")
        .withIndex("userId", (q) => q.eq("userId", user._id))
        .collect(),
      enrollments: await ctx.db
        .query("enrollments")
        .withIndex("by_userId_and_courseId", (q) => q.eq("userId", user._id))
        .collect(),
    }));
    expect(after.user).toMatchObject({ name: ERASED_NAME });
    expect(after.user.erasedAt).toBeGreaterThan(NOW);
    expect(after.user.organizationId).toBeUndefined();
    expect(after.request).toMatchObject({ status: "completed", step: ERASURE_STEPS.length });
    expect(after.request.confirmTo).toBeUndefined();
    expect(after.sessions).toEqual([]);
    // A token issued before the erasure is still signed, but no builder accepts it any more.
    const stale = as(t, user._id);
    expect(await stale.query(api.users.account.viewer, {})).toBeNull();
    await expectAppError(stale.mutation(api.privacy.erasure.request, { certificates: "keep" }), "NOT_SIGNED_IN");
    await expectAppError(
      stale.action(api.officeHours.bookings.bookingToken, { enrollmentId: after.enrollments[0]._id }),
      "NOT_SIGNED_IN",
    );
    expect(after.certificates.length).toBeGreaterThan(0);
    for (const certificate of after.certificates) {
      expect(certificate.revokedAt).toBeDefined();
      expect(certificate.credentialJson).toBeUndefined();
      expect(certificate.pdfId).toBeUndefined();
    }
    expect(after.run).toMatchObject({ status: "failed", error: REPORT_WITHDRAWN });
    expect(after.organization.seatsUsed).toBe(seatsBefore - 1);
    // Payment records stay (the documented legal exception), attached to the anonymous account.
    expect(after.enrollments.length).toBeGreaterThan(0);
    // The queue shows it done, under the anonymous name.
    const done = (await as(t, admin).query(api.privacy.erasure.queue, {})).completed[0];
    expect(done).toMatchObject({
      _id: row._id,
      status: "completed",
      name: ERASED_NAME,
      stepsDone: ERASURE_STEPS.length,
    });
  });

  test("kept certificates stay valid under the holder's name; platform admins are refused until demoted", async () => {
    const t = await seededAcademy();
    const { user } = await seededLearner(t);
    await as(t, user._id).mutation(api.privacy.erasure.request, { certificates: "keep" });
    const admin = await addUser(t, "dpo@academy.test");
    await t.run(async (ctx) => await ctx.db.patch("users", admin, { role: "platform_admin" }));
    const requestId = (await as(t, admin).query(api.privacy.erasure.queue, {})).open.find(
      (r) => r.userId === user._id,
    )!._id;

    await t.run(async (ctx) => await ctx.db.patch("users", user._id, { role: "platform_admin" }));
    await expectAppError(as(t, admin).mutation(api.privacy.erasure.carryOut, { requestId }), "INVALID_INPUT");
    await t.run(async (ctx) => await ctx.db.patch("users", user._id, { role: "org_member" }));

    await as(t, admin).mutation(api.privacy.erasure.carryOut, { requestId });
    await runErasure(t, requestId);
    const certificates = await t.run(
      async (ctx) =>
        await ctx.db
          .query("certificates")
          .withIndex("by_userId", (q) => q.eq("userId", user._id))
          .collect(),
    );
    const issued = certificates.filter((c) => c.issueStatus === "issued");
    expect(issued.length).toBeGreaterThan(0);
    for (const certificate of issued) {
      expect(certificate.revokedAt).toBeUndefined();
      expect(certificate.holderName).toBe(user.name);
      const page = await t.query(api.certificates.verify.publicView, { publicId: certificate.publicId });
      expect(page?.recipientName).toBe(user.name);
    }
  });
});
