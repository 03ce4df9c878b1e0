import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, enrollConfirmed, runScheduled, seedCohort, type T } from "./checkout-helpers";
import { expectAppError, newTest } from "./helpers";

const SECRET = "cal_whsec_test";
const DAY = 86_400_000;
let calls: Array<{ url: string; method: string; headers: Headers; body: string }> = [];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-20T10:00:00Z"));
  vi.stubEnv("CALCOM_WEBHOOK_SECRET", SECRET);
  vi.stubEnv("CALCOM_API_KEY", "cal_test_key");
  vi.stubEnv("CALCOM_API_BASE", "https://api.cal.test");
  vi.stubEnv("CALCOM_BOOKING_LINK", "academy/office-hours");
  vi.stubEnv("RESEND_API_KEY", "");
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: String(init?.body ?? "") });
      return new Response(JSON.stringify({ status: "success" }), { status: 200, headers: { "content-type": "application/json" } });
    }),
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

/** A learner whose office hours run until 30 days from now. */
async function seedLearner(t: T) {
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: 2, startsInDays: -5 });
  const enrollmentIds: Array<Id<"enrollments">> = [];
  for (const userId of buyers) enrollmentIds.push(await enrollConfirmed(t, { userId, cohortId, courseId }, 30));
  return { learner: buyers[0], other: buyers[1], enrollmentId: enrollmentIds[0] };
}

function webhookBody(triggerEvent: string, payload: Record<string, unknown>) {
  return JSON.stringify({ triggerEvent, createdAt: new Date().toISOString(), payload: { eventTypeId: 4242, attendees: [{ email: "Buyer0@Example.com ", name: "Buyer 0" }], ...payload } });
}

async function deliver(t: T, body: string, secret = SECRET) {
  const signature = crypto.createHmac("sha256", secret).update(body).digest("hex");
  return await t.fetch("/calcom/webhook", { method: "POST", body, headers: { "content-type": "application/json", "X-Cal-Signature-256": signature } });
}

const bookings = (t: T) => t.run(async (ctx) => ctx.db.query("officeHoursBookings").collect());

describe("Cal.com webhook", () => {
  test("a signed booking is recorded once; tampered bodies, wrong secrets and replays change nothing", async () => {
    const t = newTest();
    const { learner, enrollmentId } = await seedLearner(t);
    const body = webhookBody("BOOKING_CREATED", { uid: "bk_1", startTime: "2026-11-23T09:00:00.000Z", endTime: "2026-11-23T09:30:00.000Z" });

    expect((await deliver(t, body, "wrong-secret")).status).toBe(401);
    const signature = crypto.createHmac("sha256", SECRET).update(body).digest("hex");
    const tampered = await t.fetch("/calcom/webhook", { method: "POST", body: body.replace("09:00:00", "10:00:00"), headers: { "X-Cal-Signature-256": signature } });
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
    expect(rows[0]).toMatchObject({ userId: learner, enrollmentId, calcomBookingUid: "bk_1", status: "scheduled", scheduledAt: Date.parse("2026-11-23T09:00:00Z"), calcomEventId: "4242" });

    const mine = await as(t, learner).query(api.officeHours.mine, {});
    expect(mine!.bookings).toHaveLength(1);
    expect(mine!.calcom).toMatchObject({ calLink: "academy/office-hours" });
    expect(mine!.eligibility[0].enrollmentId).toBe(enrollmentId);
  });

  test("a booking after the learner's window is refused and cancelled in Cal.com", async () => {
    const t = newTest();
    const { learner } = await seedLearner(t);
    const late = new Date(Date.now() + 45 * DAY).toISOString();
    const response = await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_late", startTime: late }));
    expect(await response.json()).toMatchObject({ outcome: "refused" });
    await runScheduled(t);
    expect(await bookings(t)).toHaveLength(0);
    const cancel = calls.find((c) => c.url === "https://api.cal.test/v2/bookings/bk_late/cancel")!;
    expect(cancel.method).toBe("POST");
    expect(cancel.headers.get("authorization")).toBe("Bearer cal_test_key");
    expect(cancel.headers.get("cal-api-version")).toBe("2024-08-13");
    const notes = await t.run(async (ctx) => ctx.db.query("notifications").withIndex("by_userId_and_createdAt", (q) => q.eq("userId", learner)).collect());
    expect(notes.map((n) => n.title)).toEqual(["We could not keep your office-hours booking"]);

    // Someone without an account is refused the same way.
    const stranger = await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_x", startTime: "2026-11-23T09:00:00Z", attendees: [{ email: "nobody@example.com" }] }));
    expect(await stranger.json()).toMatchObject({ outcome: "refused" });
  });

  test("a reschedule moves the same booking; a cancellation ends it", async () => {
    const t = newTest();
    await seedLearner(t);
    await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_1", startTime: "2026-11-23T09:00:00Z" }));
    const moved = await deliver(t, webhookBody("BOOKING_RESCHEDULED", { uid: "bk_2", rescheduleUid: "bk_1", startTime: "2026-11-24T14:00:00Z" }));
    expect(await moved.json()).toMatchObject({ outcome: "rescheduled" });
    let rows = await bookings(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ calcomBookingUid: "bk_2", scheduledAt: Date.parse("2026-11-24T14:00:00Z"), status: "scheduled" });

    const cancelled = await deliver(t, webhookBody("BOOKING_CANCELLED", { uid: "bk_2", cancellationReason: "Host unavailable" }));
    expect(await cancelled.json()).toMatchObject({ outcome: "cancelled" });
    rows = await bookings(t);
    expect(rows[0]).toMatchObject({ status: "cancelled", cancelReason: "Host unavailable" });
  });

  test("a learner cancels their own upcoming booking through Cal.com; nobody else can", async () => {
    const t = newTest();
    const { learner, other } = await seedLearner(t);
    await deliver(t, webhookBody("BOOKING_CREATED", { uid: "bk_1", startTime: "2026-11-23T09:00:00Z" }));
    const [booking] = await bookings(t);
    await expectAppError(as(t, other).action(api.officeHours.cancel, { bookingId: booking._id }), "NOT_FOUND");
    await as(t, learner).action(api.officeHours.cancel, { bookingId: booking._id });
    expect(calls.some((c) => c.url === "https://api.cal.test/v2/bookings/bk_1/cancel")).toBe(true);
    expect((await bookings(t))[0]).toMatchObject({ status: "cancelled" });
    // Cal.com's own webhook for that cancellation then changes nothing and tells nobody twice.
    const echo = await deliver(t, webhookBody("BOOKING_CANCELLED", { uid: "bk_1" }));
    expect(await echo.json()).toMatchObject({ outcome: "already cancelled" });
    await expectAppError(as(t, learner).action(api.officeHours.cancel, { bookingId: booking._id }), "NOT_AVAILABLE");
  });
});
