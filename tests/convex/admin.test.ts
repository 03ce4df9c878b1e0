import type { FunctionArgs } from "convex/server";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { AUTHORIZATION } from "./authorization.table";
import { as, buySeat, deliver, seedCohort, useStripeTestEnvironment } from "./checkout-helpers";
import { addPlatformAdmin, cohortForm, outlineSessionRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";

const stripe = useStripeTestEnvironment();

/** What the admin course editor sends for a new draft course ("Applied AI"), with `fields` on top. */
function draftCourse(
  fields: Partial<FunctionArgs<typeof api.catalog.courses.save>> = {},
): FunctionArgs<typeof api.catalog.courses.save> {
  return {
    title: "Applied AI",
    slug: "applied-ai",
    description: "Two days",
    format: "cohort",
    level: "fundamentals",
    impact: "L1",
    priceB2C: 100,
    priceB2B: 100,
    maxParticipants: 10,
    status: "draft",
    outcomes: [],
    ...fields,
  };
}

/** What the course editor sends for a one-hour workshop on day 1 of a course's outline, with `fields` on top. */
function outlineForm(
  courseId: Id<"courses">,
  fields: Partial<FunctionArgs<typeof api.catalog.courses.saveOutlineSession>> = {},
): FunctionArgs<typeof api.catalog.courses.saveOutlineSession> {
  return {
    courseId,
    title: "Session",
    type: "W",
    dayNumber: 1,
    orderInDay: 1,
    durationMinutes: 60,
    description: "",
    ...fields,
  };
}

describe("admin functions", () => {
  test("every admin function refuses signed-out callers and non-admins", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t);
    const enrollmentId = await buySeat(t, buyers[0], cohortId);
    const sessionId = await t.run(async (ctx) => ctx.db.insert("sessions", outlineSessionRow(courseId)));
    const itemId = await t.run(async (ctx) =>
      ctx.db.insert("enablementKitItems", {
        courseId,
        title: "Deck",
        type: "slides",
        externalUrl: "https://x.test/d",
        order: 0,
        createdAt: 1,
      }),
    );
    const reviewId = await t.run(async (ctx) =>
      ctx.db.insert("paymentReviews", {
        reason: "unknown_session",
        status: "open",
        stripeEventId: "evt_x",
        stripePaymentIntentId: "pi_x",
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    const cases: Array<[string, (caller: ReturnType<typeof as> | ReturnType<typeof newTest>) => Promise<unknown>]> = [
      ["catalog.cohorts.list", (c) => c.query(api.catalog.cohorts.list, {})],
      ["catalog.courses.list", (c) => c.query(api.catalog.courses.list, {})],
      ["catalog.courses.get", (c) => c.query(api.catalog.courses.get, { courseId })],
      ["enrollments.roster.forCohort", (c) => c.query(api.enrollments.roster.forCohort, { cohortId })],
      ["catalog.cohorts.get", (c) => c.query(api.catalog.cohorts.get, { cohortId })],
      [
        "catalog.courses.save",
        (c) => c.mutation(api.catalog.courses.save, draftCourse({ title: "X course", slug: "x-course" })),
      ],
      [
        "catalog.courses.saveOutlineSession",
        (c) => c.mutation(api.catalog.courses.saveOutlineSession, outlineForm(courseId)),
      ],
      [
        "catalog.courses.deleteOutlineSession",
        (c) => c.mutation(api.catalog.courses.deleteOutlineSession, { outlineSessionId: sessionId }),
      ],
      [
        "catalog.cohorts.save",
        (c) =>
          c.mutation(api.catalog.cohorts.save, {
            courseId,
            name: "New cohort",
            startDate: Date.now() + 86400000,
            endDate: Date.now() + 2 * 86400000,
            timezone: "Europe/Berlin",
            maxCapacity: 10,
            status: "open",
          }),
      ],
      ["catalog.kit.generateUploadUrl", (c) => c.mutation(api.catalog.kit.generateUploadUrl, {})],
      [
        "catalog.kit.add",
        (c) =>
          c.mutation(api.catalog.kit.add, { courseId, title: "Link", type: "template", externalUrl: "https://x.test" }),
      ],
      ["catalog.kit.remove", (c) => c.mutation(api.catalog.kit.remove, { itemId })],
      ["payments.refunds.refundEnrollment", (c) => c.action(api.payments.refunds.refundEnrollment, { enrollmentId })],
      ["payments.reviews.list", (c) => c.query(api.payments.reviews.list, {})],
      ["payments.reviews.resolve", (c) => c.mutation(api.payments.reviews.resolve, { reviewId, note: "Settled" })],
      ["payments.refunds.refundPaymentReview", (c) => c.action(api.payments.refunds.refundPaymentReview, { reviewId })],
    ];
    // Every platform-admin function of the modules the admin console uses has a case here.
    const ADMIN_MODULES = [
      "catalog.courses.",
      "catalog.cohorts.",
      "catalog.kit.",
      "enrollments.roster.",
      "payments.refunds.",
      "payments.reviews.",
    ];
    const publicAdminFunctions = Object.entries(AUTHORIZATION)
      .filter(([name, { rule }]) => rule === "platformAdmin" && ADMIN_MODULES.some((module) => name.startsWith(module)))
      .map(([name]) => name);
    expect(cases.map(([name]) => name).sort()).toEqual(publicAdminFunctions.sort());
    for (const [, call] of cases) {
      await expectAppError(call(t), "NOT_SIGNED_IN");
      await expectAppError(call(as(t, buyers[0])), "NOT_PLATFORM_ADMIN");
    }
  }, 20_000); // calls every admin function twice, loading each module on first use

  test("courses are validated; cohorts get a schedule that moves in place when dates change", async () => {
    const t = newTest();
    const { courseId } = await seedCohort(t);
    const ops = as(t, await addPlatformAdmin(t));
    await expectAppError(
      ops.mutation(api.catalog.courses.save, draftCourse({ title: "Bad", slug: "Bad Slug!" })),
      "INVALID_INPUT",
    );
    // The slug of the seeded course is taken.
    await expectAppError(
      ops.mutation(api.catalog.courses.save, draftCourse({ title: "Dup", slug: "intensive" })),
      "INVALID_INPUT",
    );
    for (const [order, type] of [
      [1, "S"],
      [2, "W"],
    ] as const) {
      await ops.mutation(
        api.catalog.courses.saveOutlineSession,
        outlineForm(courseId, { title: `Session ${order}`, type, orderInDay: order }),
      );
    }
    const start = Date.UTC(2027, 2, 26, 8); // a Friday; Berlin moves to summer time on the 28th
    const cohortId = await ops.mutation(api.catalog.cohorts.save, {
      courseId,
      name: "Spring cohort",
      startDate: start,
      endDate: start + 86400000,
      timezone: "Europe/Berlin",
      maxCapacity: 12,
      zoomLink: "https://zoom.us/j/1",
      status: "open",
    });
    const before = await t.run(async (ctx) =>
      ctx.db
        .query("cohortSessions")
        .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
        .collect(),
    );
    expect(before.map((s) => new Date(s.startsAt).toISOString())).toEqual([
      "2027-03-26T08:00:00.000Z",
      "2027-03-26T09:15:00.000Z",
    ]);
    // Move it after the DST change: 09:00 Berlin is now 07:00 UTC; the same events get SEQUENCE 1.
    await ops.mutation(api.catalog.cohorts.save, {
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
    const after = await t.run(async (ctx) =>
      ctx.db
        .query("cohortSessions")
        .withIndex("by_cohortId_and_startsAt", (q) => q.eq("cohortId", cohortId))
        .collect(),
    );
    expect(after.map((s) => s._id)).toEqual(before.map((s) => s._id));
    expect(after.map((s) => [new Date(s.startsAt).toISOString(), s.sequence])).toEqual([
      ["2027-03-29T07:00:00.000Z", 1],
      ["2027-03-29T08:15:00.000Z", 1],
    ]);
    await expectAppError(
      ops.mutation(api.catalog.cohorts.save, {
        cohortId,
        courseId,
        name: "x",
        startDate: start,
        endDate: start - 1,
        timezone: "Europe/Berlin",
        maxCapacity: 12,
        status: "open",
      }),
      "INVALID_INPUT",
    );
    await expectAppError(
      ops.mutation(api.catalog.cohorts.save, {
        cohortId,
        courseId,
        name: "Spring",
        startDate: start,
        endDate: start + 1,
        timezone: "Mars/Olympus",
        maxCapacity: 12,
        status: "open",
      }),
      "INVALID_INPUT",
    );
  });

  test("capacity cannot drop below seats taken", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t, { capacity: 5 });
    await buySeat(t, buyers[0], cohortId);
    await buySeat(t, buyers[1], cohortId);
    const ops = as(t, await addPlatformAdmin(t));
    const cohort = (await t.run(async (ctx) => ctx.db.get("cohorts", cohortId)))!;
    const message = await expectAppError(
      ops.mutation(api.catalog.cohorts.save, cohortForm(cohort, { maxCapacity: 1 })),
      "INVALID_INPUT",
    );
    expect(message).toContain("2 seats are taken");
  });

  test("a refund goes to Stripe once; the webhook then frees the seat", async () => {
    const t = newTest();
    const { cohortId, buyers } = await seedCohort(t);
    const enrollmentId = await buySeat(t, buyers[0], cohortId);
    const ops = as(t, await addPlatformAdmin(t));
    stripe.calls.length = 0;
    const result = await ops.action(api.payments.refunds.refundEnrollment, { enrollmentId });
    expect(result.status).toBe("succeeded");
    const refund = stripe.calls.find((c) => c.path === "/v1/refunds")!;
    expect(refund.params.get("payment_intent")).toBe(`pi_${enrollmentId}`);
    expect(refund.idempotencyKey).toBe(`refund-${enrollmentId}`);
    const rows = await ops.query(api.enrollments.roster.forCohort, { cohortId });
    expect(rows[0]).toMatchObject({ paymentStatus: "completed", refundRequested: true, refundable: false });
    await deliver(t, "charge.refunded", {
      id: "ch_x",
      object: "charge",
      payment_intent: `pi_${enrollmentId}`,
      refunded: true,
    });
    expect((await ops.query(api.enrollments.roster.forCohort, { cohortId }))[0]).toMatchObject({
      paymentStatus: "refunded",
      seatHeld: false,
    });
    await expectAppError(ops.action(api.payments.refunds.refundEnrollment, { enrollmentId }), "INVALID_INPUT");
  });
});

describe("free text held to its field's length", () => {
  test("course, session, cohort and kit text is trimmed and bounded (TEXT_LIMITS)", async () => {
    const t = newTest();
    const { courseId, cohortId } = await seedCohort(t);
    const ops = as(t, await addPlatformAdmin(t));
    const long = (n: number) => "x".repeat(n + 1);
    const course = draftCourse();
    for (const [field, value, message] of [
      ["title", long(200), /The course's title is too long: at most 200/],
      ["slug", `a${"-a".repeat(100)}`, /The URL slug is too long: at most 120/],
      ["tagline", long(500), /The tagline is too long: at most 500/],
      ["description", long(5_000), /The description is too long: at most 5,000/],
      ["outcomes", [long(500)], /An outcome is too long: at most 500/],
      ["outcomes", Array.from({ length: 21 }, (_, i) => `Outcome ${i}`), /at most 20 outcomes/],
    ] as const) {
      expect(
        await expectAppError(ops.mutation(api.catalog.courses.save, { ...course, [field]: value }), "INVALID_INPUT"),
      ).toMatch(message);
    }
    const saved = await ops.mutation(api.catalog.courses.save, {
      ...course,
      title: "  Applied AI  ",
      tagline: "  ",
      outcomes: [" Ship it ", " "],
    });
    expect(await t.run(async (ctx) => ctx.db.get("courses", saved))).toMatchObject({
      title: "Applied AI",
      outcomes: ["Ship it"],
    });
    expect((await t.run(async (ctx) => ctx.db.get("courses", saved)))!.tagline).toBeUndefined();

    const session = outlineForm(courseId);
    await expectAppError(
      ops.mutation(api.catalog.courses.saveOutlineSession, { ...session, title: long(200) }),
      "INVALID_INPUT",
    );
    await expectAppError(
      ops.mutation(api.catalog.courses.saveOutlineSession, { ...session, description: long(5_000) }),
      "INVALID_INPUT",
    );

    const cohort = {
      cohortId,
      courseId,
      name: "December cohort",
      startDate: Date.now() + 86400000,
      endDate: Date.now() + 2 * 86400000,
      timezone: "Europe/Berlin",
      maxCapacity: 20,
      status: "open",
    } as const;
    await expectAppError(ops.mutation(api.catalog.cohorts.save, { ...cohort, name: long(120) }), "INVALID_INPUT");
    await expectAppError(
      ops.mutation(api.catalog.cohorts.save, { ...cohort, zoomLink: `https://zoom.us/${long(2_048)}` }),
      "INVALID_INPUT",
    );
    await expectAppError(
      ops.mutation(api.catalog.cohorts.save, { ...cohort, instructorEmail: `${long(254)}@x.test` }),
      "INVALID_INPUT",
    );

    await expectAppError(
      ops.mutation(api.catalog.kit.add, {
        courseId,
        title: long(200),
        type: "template",
        externalUrl: "https://x.test",
      }),
      "INVALID_INPUT",
    );
    await expectAppError(
      ops.mutation(api.catalog.kit.add, {
        courseId,
        title: "Deck",
        type: "template",
        externalUrl: `https://x.test/${long(2_048)}`,
      }),
      "INVALID_INPUT",
    );
  });
});

describe("learner access windows", () => {
  test("kit files open for paid learners until materials access ends; join links only near the start", async () => {
    const t = newTest();
    const { cohortId, courseId, buyers } = await seedCohort(t, { buyers: 2 });
    const enrollmentId = await buySeat(t, buyers[0], cohortId);
    const ops = as(t, await addPlatformAdmin(t));
    const fileId = await t.run(async (ctx) => ctx.storage.store(new Blob(["slides"], { type: "application/pdf" })));
    const itemId = await ops.mutation(api.catalog.kit.add, { courseId, title: "Slides", type: "slides", fileId });
    expect(await as(t, buyers[0]).mutation(api.learning.cohorts.openKitItem, { itemId })).toMatch(/^https?:\/\//);
    await expectAppError(as(t, buyers[1]).mutation(api.learning.cohorts.openKitItem, { itemId }), "FORBIDDEN");
    await t.run(async (ctx) => ctx.db.patch("enrollments", enrollmentId, { materialsAccessUntil: Date.now() - 1 }));
    await expectAppError(as(t, buyers[0]).mutation(api.learning.cohorts.openKitItem, { itemId }), "ACCESS_EXPIRED");

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
    await expectAppError(
      as(t, buyers[0]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: sessionId }),
      "NOT_AVAILABLE",
    );
    await expectAppError(
      as(t, buyers[1]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: sessionId }),
      "FORBIDDEN",
    );
    vi.advanceTimersByTime(50 * 60 * 1000);
    expect(await as(t, buyers[0]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: sessionId })).toBe(
      "https://zoom.us/j/live",
    );
    const calendar = await as(t, buyers[0]).query(api.learning.cohorts.calendarFile, {
      cohortId,
      cohortSessionId: sessionId,
    });
    expect(calendar?.content).toContain("DTSTART;TZID=Europe/Berlin:");
    expect(await as(t, buyers[1]).query(api.learning.cohorts.calendarFile, { cohortId })).toBeNull();
  });
});
