import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { TEXT_LIMITS } from "../../convex/limits";
import { as, deliver, runScheduled, seedCohort, useStripeTestEnvironment } from "./checkout-helpers";
import { addPlatformAdmin, insertAnotherCohort } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser, inviteToken, makeManager, seatInvariant, seedOrg } from "./org-helpers";

const stripe = useStripeTestEnvironment();
const DAY = 86_400_000;

describe("invites", { timeout: 30_000 }, () => {
  test("a CSV is validated row by row; each invited person gets a single-use link", async () => {
    const t = newTest();
    const { organizationId, adminId, cohortId } = await seedOrg(t);
    await addUser(t, "already@acme.com", { organizationId, holdsOrgSeat: true });
    await t.run(async (ctx) => ctx.db.patch("organizations", organizationId, { seatsUsed: 1 }));
    const csv =
      "Email,Name\nada@acme.com,Ada\n  Bob@Acme.com ,Bob\nnot-an-email,X\nada@ACME.com,Ada again\nalready@acme.com,Member\n\n";
    const report = await as(t, adminId).mutation(api.organizations.invites.createFromCsv, {
      organizationId,
      csv,
      cohortId,
    });
    expect(report.invited).toBe(2);
    expect(report.rows.map((r) => [r.line, r.email, r.status])).toEqual([
      [2, "ada@acme.com", "invited"],
      [3, "bob@acme.com", "invited"],
      [4, "not-an-email", "invalid"],
      [5, "ada@acme.com", "duplicate"],
      [6, "already@acme.com", "member"],
    ]);
    // Inviting again while pending is refused, by CSV or one by one.
    const again = await as(t, adminId).mutation(api.organizations.invites.createFromCsv, {
      organizationId,
      csv: "bob@acme.com",
    });
    expect(again.rows[0].status).toBe("pending");
    await expectAppError(
      as(t, adminId).mutation(api.organizations.invites.create, { organizationId, email: "BOB@acme.com" }),
      "INVALID_INPUT",
    );

    const token = await inviteToken(t, "bob@acme.com");
    const stored = await t.run(async (ctx) =>
      ctx.db
        .query("organizationInvites")
        .withIndex("by_email", (q) => q.eq("email", "bob@acme.com"))
        .unique(),
    );
    expect(stored!.inviteToken).not.toBe(token); // only the hash is stored
    expect(token.length).toBeGreaterThanOrEqual(43);

    const bob = await addUser(t, "bob@acme.com");
    expect(await t.query(api.organizations.invites.preview, { token })).toMatchObject({
      state: "valid",
      organizationName: "Acme",
      email: "bob@acme.com",
    });
    const accepted = await as(t, bob).mutation(api.organizations.invites.accept, { token });
    expect(accepted).toMatchObject({ organizationId, enrolledCohortId: cohortId, cohortProblem: null });
    const enrollment = await t.run(async (ctx) =>
      ctx.db
        .query("enrollments")
        .withIndex("by_userId_and_cohortId", (q) => q.eq("userId", bob).eq("cohortId", cohortId))
        .unique(),
    );
    expect(enrollment).toMatchObject({ paymentType: "b2b", paymentStatus: "completed", seatHeld: true });
    expect(await t.run(async (ctx) => (await ctx.db.get("users", bob))!)).toMatchObject({
      organizationId,
      role: "org_member",
      holdsOrgSeat: true,
    });
    expect((await seatInvariant(t, organizationId)).organization.seatsUsed).toBe(2); // the member + bob

    expect(
      await expectAppError(as(t, bob).mutation(api.organizations.invites.accept, { token }), "INVITE_USED"),
    ).toMatch(/already been used/);
    expect(await t.query(api.organizations.invites.preview, { token })).toMatchObject({ state: "used" });
  });

  test("the link only works for the invited address, and expired, revoked or replaced links are refused", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t);
    await as(t, adminId).mutation(api.organizations.invites.create, { organizationId, email: "cara@acme.com" });
    const token = await inviteToken(t, "cara@acme.com");
    const stranger = await addUser(t, "stranger@example.com");
    expect(
      await expectAppError(as(t, stranger).mutation(api.organizations.invites.accept, { token }), "FORBIDDEN"),
    ).toContain("cara@acme.com");
    await expectAppError(
      as(t, stranger).mutation(api.organizations.invites.accept, { token: "x".repeat(43) }),
      "INVITE_INVALID",
    );

    // Resend: a fresh link replaces the old one.
    const invite = (await as(t, adminId).query(api.organizations.invites.listPending, { organizationId }))[0];
    await as(t, adminId).mutation(api.organizations.invites.resend, { organizationId, inviteId: invite._id });
    const fresh = await inviteToken(t, "cara@acme.com");
    expect(fresh).not.toBe(token);
    const cara = await addUser(t, "cara@acme.com");
    await expectAppError(as(t, cara).mutation(api.organizations.invites.accept, { token }), "INVITE_INVALID");

    // Revoked.
    await as(t, adminId).mutation(api.organizations.invites.revoke, { organizationId, inviteId: invite._id });
    expect(
      await expectAppError(as(t, cara).mutation(api.organizations.invites.accept, { token: fresh }), "INVITE_REVOKED"),
    ).toMatch(/withdrawn/);

    // Expired by the scheduled job after 7 days.
    await as(t, adminId).mutation(api.organizations.invites.create, { organizationId, email: "dan@acme.com" });
    const danToken = await inviteToken(t, "dan@acme.com");
    await runScheduled(t, 7 * DAY + 1000);
    const dan = await addUser(t, "dan@acme.com");
    await expectAppError(as(t, dan).mutation(api.organizations.invites.accept, { token: danToken }), "INVITE_EXPIRED");
    const expired = await t.run(async (ctx) =>
      ctx.db
        .query("organizationInvites")
        .withIndex("by_email", (q) => q.eq("email", "dan@acme.com"))
        .unique(),
    );
    expect(expired!.status).toBe("expired");
    await seatInvariant(t, organizationId);
  });

  test("the last seat goes to exactly one of two people accepting at once", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t, { seats: 1 });
    await as(t, adminId).mutation(api.organizations.invites.createFromCsv, {
      organizationId,
      csv: "eve@acme.com\nfay@acme.com",
    });
    const [eveToken, fayToken] = [await inviteToken(t, "eve@acme.com"), await inviteToken(t, "fay@acme.com")];
    const [eve, fay] = [await addUser(t, "eve@acme.com"), await addUser(t, "fay@acme.com")];
    const results = await Promise.allSettled([
      as(t, eve).mutation(api.organizations.invites.accept, { token: eveToken }),
      as(t, fay).mutation(api.organizations.invites.accept, { token: fayToken }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason.data).toMatchObject({ code: "NO_SEATS_LEFT" });
    expect((await seatInvariant(t, organizationId)).holders).toBe(1);
  });

  test("#15.17 a CSV of 500 valid addresses is invited in one upload, and the hourly cap still holds", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t);
    const admin = as(t, adminId);
    const addresses = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}@acme.com`).join("\n");
    const invites = () => t.run(async (ctx) => (await ctx.db.query("organizationInvites").collect()).length);
    expect(
      (await admin.mutation(api.organizations.invites.createFromCsv, { organizationId, csv: addresses("p", 500) }))
        .invited,
    ).toBe(500);
    expect(await invites()).toBe(500);

    // The hour's invitations are spent: one more is refused, by CSV or one by one, and nothing is written.
    await expectAppError(
      admin.mutation(api.organizations.invites.createFromCsv, {
        organizationId,
        csv: "late1@acme.com\nlate2@acme.com",
      }),
      "RATE_LIMITED",
    );
    await expectAppError(
      admin.mutation(api.organizations.invites.create, { organizationId, email: "late3@acme.com" }),
      "RATE_LIMITED",
    );
    expect(await invites()).toBe(500);

    // Tokens come back at 500 an hour: six minutes later, 50 more addresses pass and 51 do not.
    vi.advanceTimersByTime(6 * 60_000);
    await expectAppError(
      admin.mutation(api.organizations.invites.createFromCsv, { organizationId, csv: addresses("q", 51) }),
      "RATE_LIMITED",
    );
    expect(
      (await admin.mutation(api.organizations.invites.createFromCsv, { organizationId, csv: addresses("q", 50) }))
        .invited,
    ).toBe(50);
    await expectAppError(
      admin.mutation(api.organizations.invites.create, { organizationId, email: "late4@acme.com" }),
      "RATE_LIMITED",
    );
    expect(await invites()).toBe(550);
    // More than one upload's worth is refused as too many rows, not as a rate limit that could never clear.
    await expectAppError(
      admin.mutation(api.organizations.invites.createFromCsv, { organizationId, csv: addresses("r", 501) }),
      "INVALID_INPUT",
    );
  }, 120_000); // 550 invitations
});

describe("authorization", () => {
  test("an admin of one organization can neither read nor change another", async () => {
    const t = newTest();
    const acme = await seedOrg(t, { name: "Acme" });
    const globex = await seedOrg(t, { name: "Globex" });
    await expectAppError(
      as(t, acme.adminId).query(api.organizations.overview.get, { organizationId: globex.organizationId }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, acme.adminId).query(api.organizations.members.list, {
        organizationId: globex.organizationId,
        paginationOpts: { numItems: 10, cursor: null },
      }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, acme.adminId).mutation(api.organizations.invites.create, {
        organizationId: globex.organizationId,
        email: "x@globex.com",
      }),
      "FORBIDDEN",
    );
    await expectAppError(
      as(t, acme.adminId).mutation(api.organizations.members.remove, {
        organizationId: globex.organizationId,
        memberId: globex.adminId,
      }),
      "FORBIDDEN",
    );
    // Nor through its own organization id with the other org's member.
    await expectAppError(
      as(t, acme.adminId).mutation(api.organizations.members.remove, {
        organizationId: acme.organizationId,
        memberId: globex.adminId,
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      as(t, acme.adminId).mutation(api.payments.seatInvoices.buySeats, {
        organizationId: globex.organizationId,
        courseId: globex.courseId,
        seats: 3,
      }),
      "FORBIDDEN",
    );
  });

  test("a manager without manage_team cannot invite; a viewer cannot buy seats", async () => {
    const t = newTest();
    const { organizationId, courseId } = await seedOrg(t);
    const manager = await addUser(t, "mgr@acme.com", { organizationId });
    await makeManager(t, manager, organizationId, "manager", ["view_progress", "send_reminders"]);
    await expectAppError(
      as(t, manager).mutation(api.organizations.invites.create, { organizationId, email: "new@acme.com" }),
      "MISSING_PERMISSION",
    );
    await expectAppError(
      as(t, manager).mutation(api.organizations.invites.createFromCsv, { organizationId, csv: "new@acme.com" }),
      "MISSING_PERMISSION",
    );
    await expectAppError(
      as(t, manager).mutation(api.payments.seatInvoices.buySeats, { organizationId, courseId, seats: 2 }),
      "NOT_ORG_ADMIN",
    );
    await expectAppError(
      as(t, manager).mutation(api.organizations.domains.setDomainJoin, { organizationId, enabled: true }),
      "NOT_ORG_ADMIN",
    );
  });
});

describe("#15.14 free text in organization functions is bounded", () => {
  test("#15.14 team names and descriptions, report names, reminder texts and domains are held to TEXT_LIMITS", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t);
    const admin = as(t, adminId);
    const tooLong = async (call: Promise<unknown>) =>
      expect(await expectAppError(call, "INVALID_INPUT")).toMatch(/too long: at most [\d,]+ characters/);
    await tooLong(
      admin.mutation(api.organizations.teams.create, { organizationId, name: "T".repeat(TEXT_LIMITS.name + 1) }),
    );
    await tooLong(
      admin.mutation(api.organizations.teams.create, {
        organizationId,
        name: "Sales",
        description: "d".repeat(TEXT_LIMITS.paragraph + 1),
      }),
    );
    const teamId = await admin.mutation(api.organizations.teams.create, {
      organizationId,
      name: "Sales",
      description: `  ${"d".repeat(TEXT_LIMITS.paragraph)}  `,
    });
    expect((await t.run(async (ctx) => ctx.db.get("teams", teamId)))!.description).toHaveLength(TEXT_LIMITS.paragraph);
    await tooLong(
      admin.mutation(api.dashboards.reports.create, {
        organizationId,
        name: "R".repeat(TEXT_LIMITS.title + 1),
        reportType: "compliance",
      }),
    );
    const member = await addUser(t, "ada@acme.com", { organizationId, holdsOrgSeat: true });
    await t.mutation(internal.dashboards.members.refresh, { userIds: [member] });
    const nudge = {
      organizationId,
      targetType: "individual" as const,
      userIds: [member],
      includeProgress: false,
      channel: "in_app" as const,
    };
    await tooLong(
      admin.mutation(api.dashboards.reminders.send, {
        ...nudge,
        subject: "S".repeat(TEXT_LIMITS.title + 1),
        message: "Keep going.",
      }),
    );
    await tooLong(
      admin.mutation(api.dashboards.reminders.send, {
        ...nudge,
        subject: "Hello",
        message: "M".repeat(TEXT_LIMITS.paragraph + 1),
      }),
    );
    // A domain is at most 253 characters; the refusal does not echo a huge argument back.
    const message = await expectAppError(
      admin.mutation(api.organizations.domains.requestDomain, { organizationId, domain: "a".repeat(50_000) }),
      "INVALID_INPUT",
    );
    expect(message.length).toBeLessThan(300);
  });
});

describe("members, cohorts and domain", () => {
  test("moving a member keeps both cohorts' counts and leaves an audit trail; removing reclaims both seats", async () => {
    const t = newTest();
    const { organizationId, adminId, cohortId } = await seedOrg(t);
    const other = await t.run((ctx) => insertAnotherCohort(ctx, cohortId, { name: "February cohort" }));
    const member = await addUser(t, "gil@acme.com", { organizationId, holdsOrgSeat: true });
    await t.run(async (ctx) => ctx.db.patch("organizations", organizationId, { seatsUsed: 1 }));
    const enrollmentId = await as(t, adminId).mutation(api.organizations.members.assignCohort, {
      organizationId,
      memberId: member,
      cohortId,
    });
    await expectAppError(
      as(t, adminId).mutation(api.organizations.members.assignCohort, {
        organizationId,
        memberId: member,
        cohortId: other,
      }),
      "ALREADY_ENROLLED",
    );
    await as(t, adminId).mutation(api.organizations.members.moveCohort, {
      organizationId,
      enrollmentId,
      toCohortId: other,
    });
    const counts = await t.run(async (ctx) => [
      (await ctx.db.get("cohorts", cohortId))!.currentEnrollment,
      (await ctx.db.get("cohorts", other))!.currentEnrollment,
    ]);
    expect(counts).toEqual([0, 1]);
    const log = await as(t, adminId).query(api.organizations.overview.auditLog, { organizationId });
    expect(log[0]).toMatchObject({
      action: "cohort_moved",
      cohortName: "February cohort",
      fromCohortName: "December cohort",
      subject: "gil",
    });

    await as(t, adminId).mutation(api.organizations.members.remove, { organizationId, memberId: member });
    expect((await seatInvariant(t, organizationId)).organization.seatsUsed).toBe(0);
    expect(await t.run(async (ctx) => (await ctx.db.get("cohorts", other))!.currentEnrollment)).toBe(0);
    const removed = await t.run(async (ctx) => (await ctx.db.get("users", member))!);
    expect(removed.role).toBe("individual");
    expect(removed.organizationId).toBeUndefined();
  });

  test("domain auto-join needs platform approval and the admin's switch, and stops when seats run out", async () => {
    const t = newTest();
    const { organizationId, adminId } = await seedOrg(t, { seats: 2 });
    const platform = await addPlatformAdmin(t);
    await expectAppError(
      as(t, adminId).mutation(api.organizations.domains.requestDomain, { organizationId, domain: "gmail.com" }),
      "INVALID_INPUT",
    );
    await as(t, adminId).mutation(api.organizations.domains.requestDomain, { organizationId, domain: " @ACME.com " });
    expect(
      await expectAppError(
        as(t, adminId).mutation(api.organizations.domains.setDomainJoin, { organizationId, enabled: true }),
        "NOT_AVAILABLE",
      ),
    ).toMatch(/approved/);
    await as(t, platform).mutation(api.organizations.domains.decideDomain, { organizationId, approve: true });
    await as(t, adminId).mutation(api.organizations.domains.setDomainJoin, { organizationId, enabled: true });

    const [hal, ivy, jon] = [
      await addUser(t, "hal@acme.com"),
      await addUser(t, "ivy@acme.com"),
      await addUser(t, "jon@acme.com"),
    ];
    const outsider = await addUser(t, "kim@other.com");
    expect(await as(t, outsider).query(api.organizations.domains.domainOffer, {})).toBeNull();
    expect(await as(t, hal).query(api.organizations.domains.domainOffer, {})).toMatchObject({
      organizationId,
      name: "Acme",
      seatsLeft: 2,
    });
    await as(t, hal).mutation(api.organizations.domains.joinByDomain, { organizationId });
    await as(t, ivy).mutation(api.organizations.domains.joinByDomain, { organizationId });
    await expectAppError(
      as(t, jon).mutation(api.organizations.domains.joinByDomain, { organizationId }),
      "NO_SEATS_LEFT",
    );
    await expectAppError(
      as(t, outsider).mutation(api.organizations.domains.joinByDomain, { organizationId }),
      "FORBIDDEN",
    );
    await as(t, adminId).mutation(api.organizations.domains.setDomainJoin, { organizationId, enabled: false });
    expect(await as(t, jon).query(api.organizations.domains.domainOffer, {})).toBeNull();
    expect((await seatInvariant(t, organizationId)).holders).toBe(2);
  });
});

describe("seat purchases by invoice", () => {
  test("a platform admin creates an organization; the invoice is sent, paid, and seats appear; failure suspends after grace", async () => {
    const t = newTest();
    const { courseId } = await seedCohort(t, { buyers: 0 });
    const platform = await addPlatformAdmin(t);
    await t.mutation(api.organizations.teamRequests.submit, {
      name: "Lia Park",
      email: "lia@initech.com",
      company: "Initech",
      teamSize: "25",
      message: "We want 25 seats",
    });
    const [request] = await as(t, platform).query(api.organizations.teamRequests.list, {});
    const organizationId = await as(t, platform).mutation(api.organizations.directory.create, {
      name: "Initech",
      domain: "initech.com",
      contactName: "Lia Park",
      contactEmail: "lia@initech.com",
      courseId,
      seats: 25,
      requestId: request._id,
    });
    await runScheduled(t);
    const paths = stripe.calls.map((c) => `${c.method} ${c.path}`);
    expect(paths).toEqual([
      "POST /v1/customers",
      "POST /v1/invoices",
      "POST /v1/invoiceitems",
      expect.stringMatching(/finalize$/),
      expect.stringMatching(/send$/),
    ]);
    const invoiceCall = stripe.calls[1];
    expect(invoiceCall.params.get("collection_method")).toBe("send_invoice");
    expect(stripe.calls[2].params.get("quantity")).toBe("25");
    expect(stripe.calls[2].params.get("unit_amount_decimal")).toBe("119700");

    const lia = await t.run(async (ctx) =>
      ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.eq("email", "lia@initech.com"))
        .unique(),
    );
    const [purchase] = await as(t, lia!._id).query(api.payments.seatInvoices.purchases, { organizationId });
    expect(purchase).toMatchObject({ status: "open", seats: 25, amountCents: 25 * 119_700 });
    expect((await as(t, lia!._id).query(api.organizations.overview.get, { organizationId })).status).toBe(
      "pending_payment",
    );
    await expectAppError(
      as(t, lia!._id).mutation(api.organizations.invites.create, { organizationId, email: "x@initech.com" }),
      "NOT_AVAILABLE",
    );

    // The fake API numbered the invoice in_2 (customer was 1).
    await deliver(t, "invoice.paid", {
      id: "in_2",
      object: "invoice",
      metadata: { purchaseId: purchase._id },
      amount_paid: 25 * 119_700,
      currency: "usd",
    });
    expect(await as(t, lia!._id).query(api.organizations.overview.get, { organizationId })).toMatchObject({
      status: "active",
      seatsPurchased: 25,
    });

    // Buying more: the top-up invoice fails, the grace period passes, the org is suspended; paying reactivates it.
    const topUp = await as(t, lia!._id).mutation(api.payments.seatInvoices.buySeats, {
      organizationId,
      courseId,
      seats: 5,
    });
    await runScheduled(t);
    const topUpInvoice = (await t.run(async (ctx) => ctx.db.get("seatPurchases", topUp)))!.stripeInvoiceId!;
    await deliver(t, "invoice.payment_failed", {
      id: topUpInvoice,
      object: "invoice",
      metadata: { purchaseId: topUp },
    });
    const withGrace = await as(t, lia!._id).query(api.organizations.overview.get, { organizationId });
    expect(withGrace.status).toBe("active");
    expect(withGrace.graceEndsAt).toBeGreaterThan(Date.now());
    await runScheduled(t, 7 * DAY + 1000);
    expect((await as(t, lia!._id).query(api.organizations.overview.get, { organizationId })).status).toBe("suspended");
    await deliver(t, "invoice.paid", {
      id: topUpInvoice,
      object: "invoice",
      metadata: { purchaseId: topUp },
      amount_paid: 5 * 119_700,
      currency: "usd",
    });
    expect(await as(t, lia!._id).query(api.organizations.overview.get, { organizationId })).toMatchObject({
      status: "active",
      seatsPurchased: 30,
      graceEndsAt: null,
    });
  });
});
