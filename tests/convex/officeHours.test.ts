import crypto from "node:crypto";
import { signBookingToken } from "../../convex/officeHours/model/bookingTokens";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, enrollConfirmed, runScheduled, seedCohort, type T } from "./checkout-helpers";
import { expectAppError, newTest, restoreFakes } from "./helpers";

const SECRET = "cal_whsec_test";
const TOKEN_SECRET = "booking-token-secret-for-tests-0123456789";
const DAY = 86_400_000;
let calls: Array<{ url: string; method: string; headers: Headers; body: string }> = [];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-20T10:00:00Z"));
  vi.stubEnv("CALCOM_WEBHOOK_SECRET", SECRET);
  vi.stubEnv("CALCOM_API_KEY", "cal_test_key");
  vi.stubEnv("CALCOM_API_BASE", "https://api.cal.test");
  vi.stubEnv("CALCOM_BOOKING_LINK", "academy/office-hours");
  vi.stubEnv("CALCOM_BOOKING_TOKEN_SECRET", TOKEN_SECRET);
  vi.stubEnv("RESEND_API_KEY", "");
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({
        url: String(input),
        method: init?.method ?? "GET",
        headers: new Headers(init?.headers),
        body: String(init?.body ?? ""),
      });
      return new Response(JSON.stringify({ status: "success" }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }),
  );
});
afterEach(restoreFakes);

/** A learner whose office hours run until 30 days from now. */
async function seedLearner(t: T) {
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 2, startsInDays: -5 });
  const enrollmentIds: Array<Id<"enrollments">> = [];
  for (const userId of buyers) enrollmentIds.push(await enrollConfirmed(t, { userId, cohortId, courseId }, 30));
  return { learner: buyers[0], other: buyers[1], enrollmentId: enrollmentIds[0], otherEnrollmentId: enrollmentIds[1] };
}

function webhookBody(triggerEvent: string, payload: Record<string, unknown>, bookingToken?: string) {
  return JSON.stringify({
    triggerEvent,
    createdAt: new Date().toISOString(),
    payload: {
      eventTypeId: 4242,
      attendees: [{ email: "Buyer0@Example.com ", name: "Buyer 0" }],
      responses: {
        name: { label: "your_name", value: "Buyer 0" },
        email: { label: "email_address", value: "Buyer0@Example.com " },
      },
      metadata: bookingToken ? { bookingToken } : {},
      ...payload,
    },
  });
}

/** What /learn gets for the embed: a booking token for one of the learner's enrollments. */
async function tokenFor(t: T, learner: Id<"users">, enrollmentId: Id<"enrollments">) {
  return (await as(t, learner).action(api.officeHours.bookings.bookingToken, { enrollmentId })).token;
}

async function deliver(t: T, body: string, secret = SECRET) {
  const signature = crypto.createHmac("sha256", secret).update(body).digest("hex");
  return await t.fetch("/calcom/webhook", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "X-Cal-Signature-256": signature },
  });
}

const bookings = (t: T) => t.run(async (ctx) => ctx.db.query("officeHoursBookings").collect());

describe("Cal.com webhook", () => {
  test("a signed booking is recorded once; tampered bodies, wrong secrets and replays change nothing", async () => {
    const t = newTest();
    const { learner, enrollmentId } = await seedLearner(t);
    const body = webhookBody(
      "BOOKING_CREATED",
      { uid: "bk_1", startTime: "2026-11-23T09:00:00.000Z", endTime: "2026-11-23T09:30:00.000Z" },
      await tokenFor(t, learner, enrollmentId),
    );

    expect((await deliver(t, body, "wrong-secret")).status).toBe(401);
    const signature = crypto.createHmac("sha256", SECRET).update(body).digest("hex");
    const tampered = await t.fetch("/calcom/webhook", {
      method: "POST",
      body: body.replace("09:00:00", "10:00:00"),
      headers: { "X-Cal-Signature-256": signature },
    });
    expect(tampered.status).toBe(401);
    expect((await t.fetch("/calcom/webhook", { method: "POST", body })).status).toBe(401);
    expect(await bookings(t)).toHaveLength(0);

    const first = await deliver(t, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "booked" });
    const replay = await deliver(t, body);
    expect(await replay.json()).toMatchObject({ outcome: "duplicate" });
    const rows = await bookings(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: learner,
      enrollmentId,
      calcomBookingUid: "bk_1",
      status: "scheduled",
      scheduledAt: Date.parse("2026-11-23T09:00:00Z"),
      calcomEventId: "4242",
    });

    const mine = await as(t, learner).query(api.officeHours.bookings.mine, {});
    expect(mine!.bookings).toHaveLength(1);
    expect(mine!.calcom).toMatchObject({ calLink: "academy/office-hours" });
    expect(mine!.eligibility[0].enrollmentId).toBe(enrollmentId);
  });

  test("a booking after the learner's window is refused and cancelled in Cal.com", async () => {
    const t = newTest();
    const { learner, enrollmentId } = await seedLearner(t);
    const late = new Date(Date.now() + 45 * DAY).toISOString();
    const response = await deliver(
      t,
      webhookBody("BOOKING_CREATED", { uid: "bk_late", startTime: late }, await tokenFor(t, learner, enrollmentId)),
    );
    expect(await response.json()).toMatchObject({ outcome: "refused" });
    await runScheduled(t);
    expect(await bookings(t)).toHaveLength(0);
    const cancel = calls.find((c) => c.url === "https://api.cal.test/v2/bookings/bk_late/cancel")!;
    expect(cancel.method).toBe("POST");
    expect(cancel.headers.get("authorization")).toBe("Bearer cal_test_key");
    expect(cancel.headers.get("cal-api-version")).toBe("2024-08-13");
    const notes = await t.run(async (ctx) =>
      ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", learner))
        .collect(),
    );
    expect(notes.map((n) => n.title)).toEqual(["We could not keep your office-hours booking"]);

    // Someone booking without a token from /learn is refused too.
    const stranger = await deliver(
      t,
      webhookBody("BOOKING_CREATED", {
        uid: "bk_x",
        startTime: "2026-11-23T09:00:00Z",
        attendees: [{ email: "nobody@example.com" }],
      }),
    );
    expect(await stranger.json()).toMatchObject({ outcome: "refused: no valid booking token" });
  });

  test("a reschedule moves the same booking; a cancellation ends it", async () => {
    const t = newTest();
    const { learner, enrollmentId } = await seedLearner(t);
    await deliver(
      t,
      webhookBody(
        "BOOKING_CREATED",
        { uid: "bk_1", startTime: "2026-11-23T09:00:00Z" },
        await tokenFor(t, learner, enrollmentId),
      ),
    );
    const moved = await deliver(
      t,
      webhookBody("BOOKING_RESCHEDULED", { uid: "bk_2", rescheduleUid: "bk_1", startTime: "2026-11-24T14:00:00Z" }),
    );
    expect(await moved.json()).toMatchObject({ outcome: "rescheduled" });
    let rows = await bookings(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      calcomBookingUid: "bk_2",
      scheduledAt: Date.parse("2026-11-24T14:00:00Z"),
      status: "scheduled",
    });

    const cancelled = await deliver(
      t,
      webhookBody("BOOKING_CANCELLED", { uid: "bk_2", cancellationReason: "Host unavailable" }),
    );
    expect(await cancelled.json()).toMatchObject({ outcome: "cancelled" });
    rows = await bookings(t);
    expect(rows[0]).toMatchObject({ status: "cancelled", cancelReason: "Host unavailable" });
  });

  test("a learner cancels their own upcoming booking through Cal.com; nobody else can", async () => {
    const t = newTest();
    const { learner, other, enrollmentId } = await seedLearner(t);
    await deliver(
      t,
      webhookBody(
        "BOOKING_CREATED",
        { uid: "bk_1", startTime: "2026-11-23T09:00:00Z" },
        await tokenFor(t, learner, enrollmentId),
      ),
    );
    const [booking] = await bookings(t);
    await expectAppError(as(t, other).action(api.officeHours.bookings.cancel, { bookingId: booking._id }), "NOT_FOUND");
    await as(t, learner).action(api.officeHours.bookings.cancel, { bookingId: booking._id });
    expect(calls.some((c) => c.url === "https://api.cal.test/v2/bookings/bk_1/cancel")).toBe(true);
    expect((await bookings(t))[0]).toMatchObject({ status: "cancelled" });
    // Cal.com's own webhook for that cancellation then changes nothing and tells nobody twice.
    const echo = await deliver(t, webhookBody("BOOKING_CANCELLED", { uid: "bk_1" }));
    expect(await echo.json()).toMatchObject({ outcome: "already cancelled" });
    await expectAppError(
      as(t, learner).action(api.officeHours.bookings.cancel, { bookingId: booking._id }),
      "NOT_AVAILABLE",
    );
  });
});

describe("booking tokens", () => {
  const notificationsOf = (t: T, userId: Id<"users">) =>
    t.run(async (ctx) =>
      ctx.db
        .query("notifications")
        .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
        .collect(),
    );
  const cancelledInCalcom = () => calls.filter((c) => c.url.endsWith("/cancel")).map((c) => c.url.split("/").at(-2));

  test("#15.15 a booking counts only with a valid token from /learn; the email typed on the booking page decides nothing", async () => {
    const t = newTest();
    const { learner, enrollmentId } = await seedLearner(t);
    // Someone types the learner's address on the public booking page: no token, no booking, nothing in the learner's
    // name.
    const typed = await deliver(
      t,
      webhookBody("BOOKING_CREATED", { uid: "bk_typed", startTime: "2026-11-23T09:00:00Z" }),
    );
    expect(await typed.json()).toMatchObject({ outcome: "refused: no valid booking token" });
    // A token signed with another secret, or tampered with, is no token.
    const forged = await signBookingToken(
      { userId: learner, enrollmentId, eligibleUntil: Date.now() + DAY, expiresAt: Date.now() + 60_000, nonce: "n1" },
      "someone-elses-secret-0123456789abcdef",
    );
    expect(
      await (
        await deliver(
          t,
          webhookBody("BOOKING_CREATED", { uid: "bk_forged", startTime: "2026-11-23T11:00:00Z" }, forged),
        )
      ).json(),
    ).toMatchObject({ outcome: "refused: no valid booking token" });
    const real = await tokenFor(t, learner, enrollmentId);
    const tampered = real.slice(0, -2) + (real.endsWith("A") ? "BB" : "AA");
    expect(
      await (
        await deliver(
          t,
          webhookBody("BOOKING_CREATED", { uid: "bk_tampered", startTime: "2026-11-23T14:00:00Z" }, tampered),
        )
      ).json(),
    ).toMatchObject({ outcome: "refused: no valid booking token" });
    await runScheduled(t);
    expect(await bookings(t)).toEqual([]);
    expect(cancelledInCalcom().sort()).toEqual(["bk_forged", "bk_tampered", "bk_typed"]);
    expect(await notificationsOf(t, learner)).toEqual([]);

    // With the learner's token the booking is theirs, whatever address was typed.
    const booked = await deliver(
      t,
      webhookBody(
        "BOOKING_CREATED",
        { uid: "bk_real", startTime: "2026-11-23T16:00:00Z", attendees: [{ email: "typo@example.org" }] },
        real,
      ),
    );
    expect(await booked.json()).toMatchObject({ outcome: "booked" });
    expect(await bookings(t)).toEqual([
      expect.objectContaining({ userId: learner, enrollmentId, calcomBookingUid: "bk_real", status: "scheduled" }),
    ]);
  });

  test("#15.15 tokens are short-lived, single-use and only for the learner's own enrollment with office hours left", async () => {
    const t = newTest();
    const { learner, other, enrollmentId, otherEnrollmentId } = await seedLearner(t);
    await expectAppError(
      as(t, learner).action(api.officeHours.bookings.bookingToken, { enrollmentId: otherEnrollmentId }),
      "NOT_FOUND",
    );
    const token = await tokenFor(t, learner, enrollmentId);

    // One token, one booking.
    expect(
      await (
        await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_1", startTime: "2026-11-23T09:00:00Z" }, token))
      ).json(),
    ).toMatchObject({ outcome: "booked" });
    expect(
      await (
        await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_2", startTime: "2026-11-24T09:00:00Z" }, token))
      ).json(),
    ).toMatchObject({ outcome: "refused: booking token already used" });

    // A token is good for 30 minutes (plus 10 for Cal.com's delivery).
    const stale = await tokenFor(t, other, otherEnrollmentId);
    vi.advanceTimersByTime(41 * 60_000);
    expect(
      await (
        await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_3", startTime: "2026-11-25T09:00:00Z" }, stale))
      ).json(),
    ).toMatchObject({ outcome: "refused: booking token expired" });

    // Once the window has closed no token is issued.
    await t.run(async (ctx) => {
      await ctx.db.patch("enrollments", otherEnrollmentId, { officeHoursEligibleUntil: Date.now() - 1 });
    });
    await expectAppError(
      as(t, other).action(api.officeHours.bookings.bookingToken, { enrollmentId: otherEnrollmentId }),
      "NOT_AVAILABLE",
    );
    expect((await bookings(t)).map((b) => b.calcomBookingUid)).toEqual(["bk_1"]);

    // Without a signing secret (or with a short one) nothing is issued, the embed is not offered, and nothing verifies.
    vi.stubEnv("CALCOM_BOOKING_TOKEN_SECRET", "too-short");
    await expectAppError(
      as(t, learner).action(api.officeHours.bookings.bookingToken, { enrollmentId }),
      "NOT_AVAILABLE",
    );
    expect((await as(t, learner).query(api.officeHours.bookings.mine, {}))!.calcom).toBeNull();
    vi.stubEnv("CALCOM_BOOKING_TOKEN_SECRET", "");
    const signedBefore = await signBookingToken(
      { userId: learner, enrollmentId, eligibleUntil: Date.now() + DAY, expiresAt: Date.now() + 60_000, nonce: "n2" },
      TOKEN_SECRET,
    );
    expect(
      await (
        await deliver(
          t,
          webhookBody("BOOKING_CREATED", { uid: "bk_4", startTime: "2026-11-26T09:00:00Z" }, signedBefore),
        )
      ).json(),
    ).toMatchObject({ outcome: "refused: no valid booking token" });
  });

  test("#15.15 cancellations and moves act only on bookings accepted with a token, never through a token naming someone else", async () => {
    const t = newTest();
    const { learner, other, enrollmentId, otherEnrollmentId } = await seedLearner(t);
    await deliver(
      t,
      webhookBody(
        "BOOKING_CREATED",
        { uid: "bk_1", startTime: "2026-11-23T09:00:00Z" },
        await tokenFor(t, learner, enrollmentId),
      ),
    );
    const othersToken = await tokenFor(t, other, otherEnrollmentId);

    expect(await (await deliver(t, webhookBody("BOOKING_CANCELLED", { uid: "bk_unknown" }))).json()).toMatchObject({
      outcome: "ignored: unknown booking",
    });
    expect(
      await (await deliver(t, webhookBody("BOOKING_CANCELLED", { uid: "bk_1" }, othersToken))).json(),
    ).toMatchObject({ outcome: "ignored: the booking token names someone else" });
    expect(
      await (
        await deliver(
          t,
          webhookBody("BOOKING_RESCHEDULED", {
            uid: "bk_9",
            rescheduleUid: "bk_unknown",
            startTime: "2026-11-24T09:00:00Z",
          }),
        )
      ).json(),
    ).toMatchObject({
      outcome: "refused: moves no booking of ours",
    });
    expect((await bookings(t))[0]).toMatchObject({ calcomBookingUid: "bk_1", status: "scheduled" });

    // The learner's own move keeps the booking theirs (Cal.com repeats the booking's metadata).
    const moved = await deliver(
      t,
      webhookBody("BOOKING_RESCHEDULED", { uid: "bk_2", rescheduleUid: "bk_1", startTime: "2026-11-24T14:00:00Z" }),
    );
    expect(await moved.json()).toMatchObject({ outcome: "rescheduled" });
    expect(await bookings(t)).toEqual([
      expect.objectContaining({ userId: learner, calcomBookingUid: "bk_2", status: "scheduled" }),
    ]);
  });
});
