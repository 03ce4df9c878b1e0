import { describe, expect, test, vi } from "vitest";
import * as adminModule from "../../convex/admin";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, deliver, runScheduled, seedCohort, useStripeTestEnvironment } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";

const stripe = useStripeTestEnvironment();

async function admin(t: ReturnType<typeof newTest>) {
  return await t.run(async (ctx) =>
    ctx.db.insert("users", { email: "ops@academy.test", name: "Ops", role: "platform_admin", emailNotifications: true, smsNotifications: false, createdAt: 1, updatedAt: 1 }),
  );
}

async function paidEnrollment(t: ReturnType<typeof newTest>, cohortId: Id<"cohorts">, buyer: Id<"users">) {
  const enrollmentId = await as(t, buyer).mutation(api.checkout.reserve, { cohortId });
  await runScheduled(t);
  const sessionId = (await as(t, buyer).query(api.checkout.status, { enrollmentId }))!.checkoutUrl!.split("/").pop()!;
  await deliver(t, "checkout.session.completed", {
    id: sessionId,
    object: "checkout.session",
    client_reference_id: enrollmentId,
    payment_status: "paid",
    payment_intent: `pi_${enrollmentId}`,
    amount_total: 149_700,
    currency: "usd",
  });
  return enrollmentId;
}

describe("admin functions", () => {
  test("every admin function refuses signed-out callers and non-admins", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t);
    const enrollmentId = await paidEnrollment(t, cohortId, buyers[0]);
    const sessionId = await t.run(async (ctx) =>
      ctx.db.insert("sessions", { courseId, title: "Opening", type: "S", dayNumber: 1, orderInDay: 1, durationMinutes: 30, description: "", outcomes: [], createdAt: 1 }),
    );
    const itemId = await t.run(async (ctx) => ctx.db.insert("enablementKitItems", { courseId, title: "Deck", type: "slides", externalUrl: "https://x.test/d", order: 0, createdAt: 1 }));
    const reviewId = await t.run(async (ctx) =>
      ctx.db.insert("paymentReviews", { reason: "unknown_session", status: "open", stripeEventId: "evt_x", stripePaymentIntentId: "pi_x", createdAt: 1, updatedAt: 1 }),
    );
    const cases: Array<[string, (caller: ReturnType<typeof as> | ReturnType<typeof newTest>) => Promise<unknown>]> = [
      ["cohorts", (c) => c.query(api.admin.cohorts, {})],
      ["courses", (c) => c.query(api.admin.courses, {})],
      ["course", (c) => c.query(api.admin.course, { courseId })],
      ["cohortEnrollments", (c) => c.query(api.admin.cohortEnrollments, { cohortId })],
      ["cohort", (c) => c.query(api.admin.cohort, { cohortId })],
      ["saveCourse", (c) => c.mutation(api.admin.saveCourse, { title: "X course", slug: "x-course", description: "d", format: "cohort", level: "fundamentals", impact: "L1", priceB2C: 100, priceB2B: 100, maxParticipants: 10, status: "draft", outcomes: [] })],
      ["saveSession", (c) => c.mutation(api.admin.saveSession, { courseId, title: "Session", type: "W", dayNumber: 1, orderInDay: 1, durationMinutes: 60, description: "" })],
      ["deleteSession", (c) => c.mutation(api.admin.deleteSession, { sessionId })],
      ["saveCohort", (c) => c.mutation(api.admin.saveCohort, { courseId, name: "New cohort", startDate: Date.now() + 86400000, endDate: Date.now() + 2 * 86400000, timezone: "Europe/Berlin", maxCapacity: 10, status: "open" })],
      ["generateKitUploadUrl", (c) => c.mutation(api.admin.generateKitUploadUrl, {})],
      ["addKitItem", (c) => c.mutation(api.admin.addKitItem, { courseId, title: "Link", type: "template", externalUrl: "https://x.test" })],
      ["removeKitItem", (c) => c.mutation(api.admin.removeKitItem, { itemId })],
      ["refundEnrollment", (c) => c.action(api.admin.refundEnrollment, { enrollmentId })],
      ["paymentReviews", (c) => c.query(api.admin.paymentReviews, {})],
      ["resolvePaymentReview", (c) => c.mutation(api.admin.resolvePaymentReview, { reviewId, note: "Settled" })],
      ["refundPaymentReview", (c) => c.action(api.admin.refundPaymentReview, { reviewId })],
    ];
    // Every public admin function has a case here.
    const publicAdminFunctions = Object.entries(adminModule).filter(([, fn]) => (fn as { isPublic?: boolean }).isPublic).map(([name]) => name);
    expect(cases.map(([name]) => name).sort()).toEqual(publicAdminFunctions.sort());
    for (const [, call] of cases) {
      await expectAppError(call(t), "NOT_SIGNED_IN");
      await expectAppError(call(as(t, buyers[0])), "NOT_PLATFORM_ADMIN");
    }
  }, 20_000); // calls every admin function twice, loading each module on first use

  test("courses are validated; cohorts get a schedule that moves in place when dates change", async () => {
    const t = newTest();
    const { courseId } = await seedCohort(t);
    const ops = as(t, await admin(t));
    await expectAppError(
      ops.mutation(api.admin.saveCourse, { title: "Bad", slug: "Bad Slug!", description: "", format: "cohort", level: "fundamentals", impact: "L1", priceB2C: 1, priceB2B: 1, maxParticipants: 1, status: "draft", outcomes: [] }),
      "INVALID_INPUT",
    );
    await expectAppError(
      ops.mutation(api.admin.saveCourse, { title: "Dup", slug: "intensive", description: "", format: "cohort", level: "fundamentals", impact: "L1", priceB2C: 1, priceB2B: 1, maxParticipants: 1, status: "draft", outcomes: [] }),
      "INVALID_INPUT",
    );
    for (const [order, type] of [[1, "S"], [2, "W"]] as const) {
      await ops.mutation(api.admin.saveSession, { courseId, title: `Session ${order}`, type, dayNumber: 1, orderInDay: order, durationMinutes: 60, description: "" });
    }
    const start = Date.UTC(2027, 2, 26, 8); // a Friday; Berlin moves to summer time on the 28th
    const cohortId = await ops.mutation(api.admin.saveCohort, {
      courseId,
      name: "Spring cohort",
      startDate: start,
      endDate: start + 86400000,
      timezone: "Europe/Berlin",
      maxCapacity: 12,
      zoomLink: "https://zoom.us/j/1",
      status: "open",
    });
    const before = await t.run(async (ctx) => ctx.db.query("cohortSessions").withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId)).collect());
    expect(before.map((s) => new Date(s.startsAt).toISOString())).toEqual(["2027-03-26T08:00:00.000Z", "2027-03-26T09:15:00.000Z"]);
    // Move it after the DST change: 09:00 Berlin is now 07:00 UTC; the same events get SEQUENCE 1.
    await ops.mutation(api.admin.saveCohort, {
      cohortId,
      courseId,
      name: "Spring cohort",
      startDate: start + 3 * 86400000,
      endDate: start + 4 * 86400000,
      timezone: "Europe/Berlin",
      maxCapacity: 12,
      zoomLink: "https://zoom.us/j/1",
      status: "open",
    });
    const after = await t.run(async (ctx) => ctx.db.query("cohortSessions").withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId)).collect());
    expect(after.map((s) => s._id)).toEqual(before.map((s) => s._id));
    expect(after.map((s) => [new Date(s.startsAt).toISOString(), s.sequence])).toEqual([
      ["2027-03-29T07:00:00.000Z", 1],
      ["2027-03-29T08:15:00.000Z", 1],
    ]);
    await expectAppError(ops.mutation(api.admin.saveCohort, { cohortId, courseId, name: "x", startDate: start, endDate: start - 1, timezone: "Europe/Berlin", maxCapacity: 12, status: "open" }), "INVALID_INPUT");
    await expectAppError(ops.mutation(api.admin.saveCohort, { cohortId, courseId, name: "Spring", startDate: start, endDate: start + 1, timezone: "Mars/Olympus", maxCapacity: 12, status: "open" }), "INVALID_INPUT");
  });

  test("capacity cannot drop below seats taken", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t, { capacity: 5 });
    await paidEnrollment(t, cohortId, buyers[0]);
    await paidEnrollment(t, cohortId, buyers[1]);
    const ops = as(t, await admin(t));
    const cohort = (await t.run(async (ctx) => ctx.db.get("cohorts", cohortId)))!;
    const message = await expectAppError(
      ops.mutation(api.admin.saveCohort, { cohortId, courseId, name: cohort.name, startDate: cohort.startDate, endDate: cohort.endDate, timezone: "Europe/Berlin", maxCapacity: 1, status: "open" }),
      "INVALID_INPUT",
    );
    expect(message).toContain("2 seats are taken");
  });

  test("a refund goes to Stripe once; the webhook then frees the seat", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const enrollmentId = await paidEnrollment(t, cohortId, buyers[0]);
    const ops = as(t, await admin(t));
    stripe.calls.length = 0;
    const result = await ops.action(api.admin.refundEnrollment, { enrollmentId });
    expect(result.status).toBe("succeeded");
    const refund = stripe.calls.find((c) => c.path === "/v1/refunds")!;
    expect(refund.params.get("payment_intent")).toBe(`pi_${enrollmentId}`);
    expect(refund.idempotencyKey).toBe(`refund-${enrollmentId}`);
    const rows = await ops.query(api.admin.cohortEnrollments, { cohortId });
    expect(rows[0]).toMatchObject({ paymentStatus: "completed", refundRequested: true, refundable: false });
    await deliver(t, "charge.refunded", { id: "ch_x", object: "charge", payment_intent: `pi_${enrollmentId}`, refunded: true });
    expect((await ops.query(api.admin.cohortEnrollments, { cohortId }))[0]).toMatchObject({ paymentStatus: "refunded", seatHeld: false });
    await expectAppError(ops.action(api.admin.refundEnrollment, { enrollmentId }), "INVALID_INPUT");
  });
});

describe("free text held to its field's length", () => {
  test("course, session, cohort and kit text is trimmed and bounded (TEXT_LIMITS)", async () => {
    const t = newTest();
    const { courseId, cohortId } = await seedCohort(t);
    const ops = as(t, await admin(t));
    const long = (n: number) => "x".repeat(n + 1);
    const course = { title: "Applied AI", slug: "applied-ai", description: "Two days", format: "cohort", level: "fundamentals", impact: "L1", priceB2C: 100, priceB2B: 100, maxParticipants: 10, status: "draft", outcomes: [] as string[] } as const;
    for (const [field, value, message] of [
      ["title", long(200), /The course's title is too long: at most 200/],
      ["slug", `a${"-a".repeat(100)}`, /The URL slug is too long: at most 120/],
      ["tagline", long(500), /The tagline is too long: at most 500/],
      ["description", long(5_000), /The description is too long: at most 5,000/],
      ["outcomes", [long(500)], /An outcome is too long: at most 500/],
      ["outcomes", Array.from({ length: 21 }, (_, i) => `Outcome ${i}`), /at most 20 outcomes/],
    ] as const) {
      expect(await expectAppError(ops.mutation(api.admin.saveCourse, { ...course, [field]: value }), "INVALID_INPUT")).toMatch(message);
    }
    const saved = await ops.mutation(api.admin.saveCourse, { ...course, title: "  Applied AI  ", tagline: "  ", outcomes: [" Ship it ", " "] });
    expect(await t.run(async (ctx) => ctx.db.get("courses", saved))).toMatchObject({ title: "Applied AI", outcomes: ["Ship it"] });
    expect((await t.run(async (ctx) => ctx.db.get("courses", saved)))!.tagline).toBeUndefined();

    const session = { courseId, title: "Opening", type: "S", dayNumber: 1, orderInDay: 1, durationMinutes: 30, description: "" } as const;
    await expectAppError(ops.mutation(api.admin.saveSession, { ...session, title: long(200) }), "INVALID_INPUT");
    await expectAppError(ops.mutation(api.admin.saveSession, { ...session, description: long(5_000) }), "INVALID_INPUT");

    const cohort = { cohortId, courseId, name: "December cohort", startDate: Date.now() + 86400000, endDate: Date.now() + 2 * 86400000, timezone: "Europe/Berlin", maxCapacity: 20, status: "open" } as const;
    await expectAppError(ops.mutation(api.admin.saveCohort, { ...cohort, name: long(120) }), "INVALID_INPUT");
    await expectAppError(ops.mutation(api.admin.saveCohort, { ...cohort, zoomLink: `https://zoom.us/${long(2_048)}` }), "INVALID_INPUT");
    await expectAppError(ops.mutation(api.admin.saveCohort, { ...cohort, instructorEmail: `${long(254)}@x.test` }), "INVALID_INPUT");

    await expectAppError(ops.mutation(api.admin.addKitItem, { courseId, title: long(200), type: "template", externalUrl: "https://x.test" }), "INVALID_INPUT");
    await expectAppError(ops.mutation(api.admin.addKitItem, { courseId, title: "Deck", type: "template", externalUrl: `https://x.test/${long(2_048)}` }), "INVALID_INPUT");
  });
});

describe("learner access windows", () => {
  test("kit files open for paid learners until materials access ends; join links only near the start", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t, { buyers: 2 });
    const enrollmentId = await paidEnrollment(t, cohortId, buyers[0]);
    const ops = as(t, await admin(t));
    const fileId = await t.run(async (ctx) => ctx.storage.store(new Blob(["slides"], { type: "application/pdf" })));
    const itemId = await ops.mutation(api.admin.addKitItem, { courseId, title: "Slides", type: "slides", fileId });
    expect(await as(t, buyers[0]).mutation(api.learning.openKitItem, { itemId })).toMatch(/^https?:\/\//);
    await expectAppError(as(t, buyers[1]).mutation(api.learning.openKitItem, { itemId }), "FORBIDDEN");
    await t.run(async (ctx) => ctx.db.patch("enrollments", enrollmentId, { materialsAccessUntil: Date.now() - 1 }));
    await expectAppError(as(t, buyers[0]).mutation(api.learning.openKitItem, { itemId }), "ACCESS_EXPIRED");

    const sessionId = await t.run(async (ctx) =>
      ctx.db.insert("cohortSessions", {
        cohortId,
        title: "Workshop",
        type: "W",
        startsAt: Date.now() + 60 * 60 * 1000,
        endsAt: Date.now() + 2 * 60 * 60 * 1000,
        meetingUrl: "https://zoom.us/j/live",
        status: "scheduled",
        sequence: 0,
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    await expectAppError(as(t, buyers[0]).mutation(api.learning.joinSession, { cohortSessionId: sessionId }), "NOT_AVAILABLE");
    await expectAppError(as(t, buyers[1]).mutation(api.learning.joinSession, { cohortSessionId: sessionId }), "FORBIDDEN");
    vi.advanceTimersByTime(50 * 60 * 1000);
    expect(await as(t, buyers[0]).mutation(api.learning.joinSession, { cohortSessionId: sessionId })).toBe("https://zoom.us/j/live");
    const calendar = await as(t, buyers[0]).query(api.learning.calendarFile, { cohortId, cohortSessionId: sessionId });
    expect(calendar?.content).toContain("DTSTART;TZID=Europe/Berlin:");
    expect(await as(t, buyers[1]).query(api.learning.calendarFile, { cohortId })).toBeNull();
  });
});
