import { DateTime } from "luxon";
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { expandRecurrence } from "../../convex/liveSessions/model/recurrence";
import { as, enrollConfirmed, runScheduled, seedCohort, useStripeTestEnvironment, type T } from "./checkout-helpers";
import { addLiveSession } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { addUser } from "./org-helpers";

useStripeTestEnvironment();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A cohort (Europe/Berlin) with confirmed learners, a platform admin and an instructor. */
async function seedLive(t: T, learners = 2) {
  const { courseId, cohortId, buyers } = await seedCohort(t, { buyers: learners, startsInDays: 3 });
  const adminId = await addUser(t, "admin@academy.test");
  const instructorId = await addUser(t, "maya@academy.test");
  await t.run(async (ctx) => {
    await ctx.db.patch("users", adminId, { role: "platform_admin" });
    await ctx.db.patch("cohorts", cohortId, { instructorId, zoomLink: "https://zoom.us/j/1" });
  });
  const enrollmentIds: Array<Id<"enrollments">> = [];
  for (const userId of buyers) enrollmentIds.push(await enrollConfirmed(t, { userId, cohortId, courseId }));
  return { courseId, cohortId, learners: buyers, enrollmentIds, adminId, instructorId };
}

const local = (ms: number, zone = "Europe/Berlin") => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

async function notificationsOf(t: T, userId: Id<"users">) {
  return await t.run(async (ctx) =>
    ctx.db
      .query("notifications")
      .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", userId))
      .collect(),
  );
}

describe("recurring sessions", () => {
  test("Tuesdays 17:00 Europe/Berlin from early October for 8 weeks keep 17:00 local across the DST change", () => {
    const starts = expandRecurrence({
      firstLocal: "2026-10-06T17:00",
      zone: "Europe/Berlin",
      frequency: "weekly",
      count: 8,
    });
    expect(starts.map((ms) => new Date(ms).toISOString())).toEqual([
      "2026-10-06T15:00:00.000Z",
      "2026-10-13T15:00:00.000Z",
      "2026-10-20T15:00:00.000Z",
      // Summer time ends on Sunday 25 October: 17:00 is now 16:00 UTC.
      "2026-10-27T16:00:00.000Z",
      "2026-11-03T16:00:00.000Z",
      "2026-11-10T16:00:00.000Z",
      "2026-11-17T16:00:00.000Z",
      "2026-11-24T16:00:00.000Z",
    ]);
    expect(
      expandRecurrence({
        firstLocal: "2026-10-06T17:00",
        zone: "Europe/Berlin",
        frequency: "biweekly",
        until: "2026-11-03",
      }),
    ).toHaveLength(3);
    const monthly = expandRecurrence({
      firstLocal: "2027-01-31T09:30",
      zone: "America/New_York",
      frequency: "monthly",
      count: 3,
    });
    expect(monthly.map((ms) => local(ms, "America/New_York"))).toEqual([
      "2027-01-31T09:30",
      "2027-02-28T09:30",
      "2027-03-31T09:30",
    ]);
  });

  test("an admin adds the series to a cohort; the calendar file places every session at 17:00 Berlin time", async () => {
    vi.setSystemTime(new Date("2026-09-20T10:00:00Z"));
    const t = newTest();
    const { cohortId, adminId, learners } = await seedLive(t);
    const ids = await as(t, adminId).mutation(api.liveSessions.schedule.add, {
      cohortId,
      title: "Hackathon check-in",
      type: "IO",
      startsAtLocal: "2026-10-06T17:00",
      durationMinutes: 45,
      recurrence: { frequency: "weekly", count: 8 },
    });
    expect(ids).toHaveLength(8);
    const calendar = await as(t, learners[0]).query(api.learning.cohorts.calendarFile, { cohortId });
    const series = calendar!.content.split("BEGIN:VEVENT").filter((block) => block.includes("Hackathon check-in"));
    expect(series).toHaveLength(8);
    for (const block of series) expect(block).toMatch(/DTSTART;TZID=Europe\/Berlin:2026\d{4}T170000/);
    expect(calendar!.content).toContain("BEGIN:VTIMEZONE");
    expect(calendar!.content).toContain("TZID:Europe/Berlin");
    // One "new session" notice for the series, not eight.
    expect((await notificationsOf(t, learners[0])).filter((n) => n.title.startsWith("New session"))).toHaveLength(1);
  });

  test("a time that does not exist in the cohort's zone is refused with a clear message", async () => {
    vi.setSystemTime(new Date("2027-03-01T10:00:00Z"));
    const t = newTest();
    const { cohortId, adminId } = await seedLive(t);
    const message = await expectAppError(
      as(t, adminId).mutation(api.liveSessions.schedule.add, {
        cohortId,
        title: "Office hours",
        type: "IO",
        startsAtLocal: "2027-03-28T02:30",
        durationMinutes: 30,
      }),
      "INVALID_INPUT",
    );
    expect(message).toContain("does not exist in Europe/Berlin");
    await expectAppError(
      as(t, adminId).mutation(api.liveSessions.schedule.add, {
        cohortId,
        title: "Office hours",
        type: "IO",
        startsAtLocal: "2027-04-01T10:00",
        durationMinutes: 30,
        recurrence: { frequency: "weekly", count: 60 },
      }),
      "INVALID_INPUT",
    );
  });
});

describe("reminders", () => {
  test("each learner gets the 24-hour and 1-hour reminders once; a reschedule replans them; edits that keep the time plan nothing new", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const t = newTest();
    const { cohortId, adminId, learners } = await seedLive(t);
    const sessionId = await addLiveSession(as(t, adminId), cohortId, "Deep dive", "2026-11-05T10:00");
    const startsAt = Date.parse("2026-11-05T09:00:00Z");

    // A day later, the admin moves it by two days; the old plans are cancelled before they fire.
    await runScheduled(t, DAY);
    await as(t, adminId).mutation(api.liveSessions.schedule.update, {
      cohortSessionId: sessionId,
      title: "Deep dive",
      startsAtLocal: "2026-11-07T10:00",
      durationMinutes: 60,
    });
    // Changing only the link tells learners but plans no extra reminder.
    await as(t, adminId).mutation(api.liveSessions.schedule.update, {
      cohortSessionId: sessionId,
      title: "Deep dive",
      startsAtLocal: "2026-11-07T10:00",
      durationMinutes: 60,
      meetingUrl: "https://zoom.us/j/2",
    });
    const plans = await t.run(async (ctx) => ctx.db.query("sessionReminders").collect());
    expect(
      plans
        .filter((p) => p.status === "planned")
        .map((p) => p.runAt)
        .sort(),
    ).toEqual([startsAt + 2 * DAY - DAY, startsAt + 2 * DAY - HOUR]);
    expect(plans.filter((p) => p.status === "cancelled")).toHaveLength(2);

    // At the old reminder times nothing goes out.
    await runScheduled(t, startsAt - HOUR - Date.now() + 1000);
    for (const learner of learners)
      expect((await notificationsOf(t, learner)).filter((n) => n.category === "session_reminders")).toHaveLength(0);

    // At the new 24-hour mark only the day-before reminder has gone out.
    await runScheduled(t, startsAt + DAY + 1000 - Date.now());
    for (const learner of learners) {
      expect(
        (await notificationsOf(t, learner)).filter((n) => n.category === "session_reminders").map((n) => n.title),
      ).toEqual(["Tomorrow: Deep dive"]);
    }
    // Through the new session start: exactly one of each.
    await runScheduled(t, 2 * DAY);
    for (const learner of learners) {
      const reminders = (await notificationsOf(t, learner)).filter((n) => n.category === "session_reminders");
      expect(reminders.map((n) => n.title).sort()).toEqual(["In one hour: Deep dive", "Tomorrow: Deep dive"]);
      const changes = (await notificationsOf(t, learner))
        .filter((n) => n.category === "session_changes")
        .map((n) => n.title);
      expect(changes).toEqual(["New session: Deep dive", "Rescheduled: Deep dive", "Updated: Deep dive"]);
    }
    // Emails went out too, with the calendar update carrying a bumped SEQUENCE.
    const mail = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "buyer0@example.com"))
        .collect(),
    );
    expect(mail.map((m) => m.subject)).toEqual(
      expect.arrayContaining(["Rescheduled: Deep dive", "Tomorrow: Deep dive", "In one hour: Deep dive"]),
    );
    expect(mail.find((m) => m.subject === "Rescheduled: Deep dive")!.attachments![0].content).toContain("SEQUENCE:1");
  });

  test("a cancelled session sends no reminder, and learners are told it is cancelled", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const t = newTest();
    const { cohortId, adminId, learners } = await seedLive(t, 1);
    const sessionId = await addLiveSession(as(t, adminId), cohortId, "Deep dive", "2026-11-05T10:00");
    await as(t, adminId).mutation(api.liveSessions.schedule.cancel, {
      cohortSessionId: sessionId,
      reason: "The instructor is ill.",
    });
    await runScheduled(t, 5 * DAY);
    const notes = await notificationsOf(t, learners[0]);
    expect(notes.filter((n) => n.category === "session_reminders")).toHaveLength(0);
    expect(notes.find((n) => n.title === "Cancelled: Deep dive")!.body).toContain("The instructor is ill.");
    const [schedule] = await as(t, learners[0]).query(api.learning.cohorts.myCohorts, {});
    expect(schedule.sessions.find((s) => s._id === sessionId)).toMatchObject({
      status: "cancelled",
      cancelReason: "The instructor is ill.",
    });
    await expectAppError(
      as(t, learners[0]).mutation(api.liveSessions.schedule.cancel, { cohortSessionId: sessionId }),
      "NOT_PLATFORM_ADMIN",
    );
  });

  test("a learner who switched reminders off gets none in the app, but still hears about cancellations", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const t = newTest();
    const { cohortId, adminId, learners } = await seedLive(t, 1);
    await as(t, learners[0]).mutation(api.notifications.preferences.setPreference, {
      category: "session_reminders",
      inApp: false,
      email: false,
    });
    await expectAppError(
      as(t, learners[0]).mutation(api.notifications.preferences.setPreference, {
        category: "session_changes",
        inApp: false,
        email: false,
      }),
      "INVALID_INPUT",
    );
    const sessionId = await addLiveSession(as(t, adminId), cohortId, "Deep dive", "2026-11-05T10:00");
    await runScheduled(t, 3 * DAY - 2 * HOUR);
    await as(t, adminId).mutation(api.liveSessions.schedule.cancel, { cohortSessionId: sessionId });
    await runScheduled(t, 0);
    const notes = await notificationsOf(t, learners[0]);
    expect(notes.map((n) => n.title)).toEqual(["New session: Deep dive", "Cancelled: Deep dive"]);
    const mail = await t.run(async (ctx) =>
      ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", "buyer0@example.com"))
        .collect(),
    );
    expect(mail.map((m) => m.subject)).not.toContain("Tomorrow: Deep dive");

    expect(await as(t, learners[0]).query(api.notifications.inbox.unreadCount, {})).toBe(2);
    await as(t, learners[0]).mutation(api.notifications.inbox.markAllRead, {});
    expect(await as(t, learners[0]).query(api.notifications.inbox.unreadCount, {})).toBe(0);
  });
});

describe("attendance", () => {
  test("joining checks a learner in (late after 10 minutes); the instructor marks the rest; only staff can mark", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const t = newTest();
    const { cohortId, adminId, instructorId, learners, enrollmentIds } = await seedLive(t, 3);
    const sessionId = await addLiveSession(as(t, adminId), cohortId, "Clinic", "2026-11-02T10:00", { type: "IO" });
    await expectAppError(
      as(t, instructorId).mutation(api.liveSessions.attendance.markAllPresent, { cohortSessionId: sessionId }),
      "NOT_AVAILABLE",
    );

    vi.setSystemTime(new Date("2026-11-02T09:05:00Z")); // 5 minutes in
    expect(await as(t, learners[0]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: sessionId })).toBe(
      "https://zoom.us/j/1",
    );
    vi.setSystemTime(new Date("2026-11-02T09:20:00Z")); // 20 minutes in
    await as(t, learners[1]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: sessionId });

    await expectAppError(
      as(t, learners[2]).mutation(api.liveSessions.attendance.markAttendance, {
        cohortSessionId: sessionId,
        enrollmentId: enrollmentIds[2],
        status: "present",
      }),
      "FORBIDDEN",
    );
    await as(t, instructorId).mutation(api.liveSessions.attendance.markAttendance, {
      cohortSessionId: sessionId,
      enrollmentId: enrollmentIds[1],
      status: "excused",
    });
    expect(
      await as(t, instructorId).mutation(api.liveSessions.attendance.markAllPresent, { cohortSessionId: sessionId }),
    ).toBe(1);
    // Joining again does not overwrite the instructor's mark.
    await as(t, learners[1]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: sessionId });

    const roster = await as(t, instructorId).query(api.liveSessions.attendance.roster, { cohortSessionId: sessionId });
    expect(roster!.map((r) => [r.name, r.status])).toEqual([
      ["Buyer 0", "present"],
      ["Buyer 1", "excused"],
      ["Buyer 2", "present"],
    ]);
    expect(
      await as(t, learners[2]).query(api.liveSessions.attendance.roster, { cohortSessionId: sessionId }),
    ).toBeNull();
    const [mine] = await as(t, learners[1]).query(api.learning.cohorts.myCohorts, {});
    expect(mine.sessions.find((s) => s._id === sessionId)!.attendance).toBe("excused");
    const staffView = await as(t, instructorId).query(api.liveSessions.schedule.forCohort, { cohortId });
    expect(staffView!.sessions.find((s) => s._id === sessionId)!.attendance).toEqual({
      present: 2,
      late: 0,
      absent: 0,
      excused: 1,
    });
    // The cohort summary counts only sessions that have taken place; learners cannot read it.
    const summary = await as(t, instructorId).query(api.liveSessions.attendance.attendanceSummary, { cohortId });
    expect(summary!.heldSessions).toBe(1);
    expect(summary!.learners.map((l) => [l.name, l.attended, l.excused, l.unmarked])).toEqual([
      ["Buyer 1", 0, 1, 0],
      ["Buyer 0", 1, 0, 0],
      ["Buyer 2", 1, 0, 0],
    ]);
    expect(await as(t, learners[0]).query(api.liveSessions.attendance.attendanceSummary, { cohortId })).toBeNull();
    expect(
      (await as(t, instructorId).query(api.liveSessions.teaching.upcomingSessions, {})).map((s) => s.title),
    ).toEqual(["Clinic"]);

    // Someone who checked in late is recorded as late.
    const t2 = newTest();
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const other = await seedLive(t2, 1);
    const s2 = await addLiveSession(as(t2, other.adminId), other.cohortId, "Clinic", "2026-11-02T10:00", {
      type: "IO",
    });
    vi.setSystemTime(new Date("2026-11-02T09:11:00Z"));
    await as(t2, other.learners[0]).mutation(api.learning.cohorts.joinSession, { cohortSessionId: s2 });
    const [late] = await as(t2, other.learners[0]).query(api.learning.cohorts.myCohorts, {});
    expect(late.sessions.find((s) => s._id === s2)!.attendance).toBe("late");
  });

  test("an instructor adds a recap after the session; learners see it and are told", async () => {
    vi.setSystemTime(new Date("2026-11-02T08:00:00Z"));
    const t = newTest();
    const { cohortId, adminId, instructorId, learners } = await seedLive(t, 1);
    const sessionId = await addLiveSession(as(t, adminId), cohortId, "Clinic", "2026-11-02T10:00", { type: "IO" });
    await expectAppError(
      as(t, instructorId).mutation(api.liveSessions.recaps.saveRecap, { cohortSessionId: sessionId, actionItems: [] }),
      "NOT_AVAILABLE",
    );
    vi.setSystemTime(new Date("2026-11-02T10:30:00Z"));
    await expectAppError(
      as(t, instructorId).mutation(api.liveSessions.recaps.saveRecap, {
        cohortSessionId: sessionId,
        recordingUrl: "ftp://x",
        actionItems: [],
      }),
      "INVALID_INPUT",
    );
    await as(t, instructorId).mutation(api.liveSessions.recaps.saveRecap, {
      cohortSessionId: sessionId,
      recordingUrl: "https://videos.example.com/clinic",
      summary: "We mapped three use cases.",
      actionItems: ["Draft a prompt library", " ", "Book office hours"],
    });
    const [mine] = await as(t, learners[0]).query(api.learning.cohorts.myCohorts, {});
    expect(mine.sessions.find((s) => s._id === sessionId)!.recap).toEqual({
      recordingUrl: "https://videos.example.com/clinic",
      summary: "We mapped three use cases.",
      actionItems: ["Draft a prompt library", "Book office hours"],
    });
    expect((await notificationsOf(t, learners[0])).map((n) => n.title)).toContain("Recording ready: Clinic");
  });
});
