/** Session recordings: a recap attaches (and replaces) only files uploaded for that session by its caller. */
import { describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, seedCohort, useStripeTestEnvironment, type T } from "./checkout-helpers";
import { cohortSessionRow, platformAdminRow, userRow } from "./fixtures";
import { expectAppError, newTest } from "./helpers";

useStripeTestEnvironment();
const HOUR = 3_600_000;

/** Two past sessions of one cohort, its instructor, a platform admin and an instructor of another cohort. */
async function seed(t: T) {
  const { cohortId } = await seedCohort(t, { buyers: 0, startsInDays: -1 });
  const other = await seedCohort(t, { buyers: 0, startsInDays: -1 });
  return await t.run(async (ctx) => {
    const now = Date.now();
    const instructorId = await ctx.db.insert("users", userRow("maya@academy.test"));
    const otherInstructorId = await ctx.db.insert("users", userRow("otto@academy.test"));
    const adminId = await ctx.db.insert("users", platformAdminRow());
    await ctx.db.patch("cohorts", cohortId, { instructorId });
    await ctx.db.patch("cohorts", other.cohortId, { instructorId: otherInstructorId });
    const session = (cohort: Id<"cohorts">, title: string) =>
      ctx.db.insert("cohortSessions", cohortSessionRow(cohort, title, now - 2 * HOUR, now - HOUR));
    return {
      instructorId,
      otherInstructorId,
      adminId,
      sessionA: await session(cohortId, "Clinic A"),
      sessionB: await session(cohortId, "Clinic B"),
      otherSession: await session(other.cohortId, "Elsewhere"),
    };
  });
}

/** A file that lands in storage now, as an upload (or any other stored file) does. */
const store = (t: T, type: string, body: string) => t.run(async (ctx) => ctx.storage.store(new Blob([body], { type })));
const fileExists = (t: T, id: Id<"_storage">) =>
  t.run(async (ctx) => (await ctx.db.system.get("_storage", id)) !== null);
const sessionOf = (t: T, id: Id<"cohortSessions">) => t.run(async (ctx) => ctx.db.get("cohortSessions", id));

/** What the recap dialog announces before uploading: base64 SHA-256 and size. */
async function announce(body: string) {
  const bytes = new TextEncoder().encode(body);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return { sha256: btoa(String.fromCharCode(...digest)), size: bytes.length };
}

let uploads = 0;
/** Asks for an upload URL for a new recording, then the file arrives. */
async function upload(t: T, who: Id<"users">, cohortSessionId: Id<"cohortSessions">, body = `recording ${++uploads}`) {
  await as(t, who).mutation(api.liveSessions.recaps.generateRecordingUploadUrl, {
    cohortSessionId,
    ...(await announce(body)),
  });
  vi.advanceTimersByTime(1_000);
  return await store(t, "video/mp4", body);
}

describe("recap recordings", () => {
  test("#15.16 a recap cannot point at a stored file its caller did not upload for that session", async () => {
    const t = newTest();
    const { instructorId, otherInstructorId, adminId, sessionA, sessionB, otherSession } = await seed(t);
    const attach = (who: Id<"users">, cohortSessionId: Id<"cohortSessions">, recordingFileId: Id<"_storage">) =>
      as(t, who).mutation(api.liveSessions.recaps.saveRecap, { cohortSessionId, recordingFileId, actionItems: [] });

    // Someone else's file (a certificate, a report, another session's recording) stored before any upload URL.
    const foreign = await store(t, "application/pdf", "certificate");
    vi.advanceTimersByTime(1_000);
    await expectAppError(attach(instructorId, sessionA, foreign), "FORBIDDEN");
    // A file already attached elsewhere cannot be attached again.
    const mine = await upload(t, instructorId, sessionB);
    await attach(instructorId, sessionB, mine);
    await as(t, instructorId).mutation(api.liveSessions.recaps.generateRecordingUploadUrl, {
      cohortSessionId: sessionA,
      ...(await announce("recording for A")),
    });
    await expectAppError(attach(instructorId, sessionA, mine), "FORBIDDEN");
    // A file that arrives while the instructor's own upload URL is open, but is not the file announced for it
    // (another person's upload, a certificate the system stores meanwhile), is not theirs either.
    const forOther = await upload(t, otherInstructorId, otherSession);
    const systemFile = await store(t, "application/pdf", "certificate issued meanwhile");
    await expectAppError(attach(instructorId, sessionA, forOther), "FORBIDDEN");
    await expectAppError(attach(instructorId, sessionA, systemFile), "FORBIDDEN");
    // An upload belongs to its uploader and its session.
    await expectAppError(attach(adminId, otherSession, forOther), "FORBIDDEN");
    await expectAppError(attach(otherInstructorId, otherSession, systemFile), "FORBIDDEN");
    // Non-staff get no upload URL at all.
    await expectAppError(
      as(t, otherInstructorId).mutation(api.liveSessions.recaps.generateRecordingUploadUrl, {
        cohortSessionId: sessionA,
        ...(await announce("mine")),
      }),
      "FORBIDDEN",
    );

    expect((await sessionOf(t, sessionA))!.recordingFileId).toBeUndefined();
    expect((await sessionOf(t, otherSession))!.recordingFileId).toBeUndefined();
    for (const id of [foreign, mine, forOther, systemFile]) expect(await fileExists(t, id)).toBe(true);
    // The file the other instructor announced is theirs to attach.
    await attach(otherInstructorId, otherSession, forOther);
    expect((await sessionOf(t, otherSession))!.recordingFileId).toBe(forOther);
  });

  test("#15.16 replacing a recording deletes the previous file only when it was uploaded for that session", async () => {
    const t = newTest();
    const { instructorId, adminId, sessionA } = await seed(t);
    // A session pointing at a file that is not one of its uploads (data from before uploads were recorded).
    const foreign = await store(t, "application/pdf", "report");
    await t.run(async (ctx) => {
      await ctx.db.patch("cohortSessions", sessionA, { recordingFileId: foreign });
    });
    vi.advanceTimersByTime(1_000);
    const first = await upload(t, instructorId, sessionA);
    await as(t, instructorId).mutation(api.liveSessions.recaps.saveRecap, {
      cohortSessionId: sessionA,
      recordingFileId: first,
      actionItems: [],
    });
    expect((await sessionOf(t, sessionA))!.recordingFileId).toBe(first);
    expect(await fileExists(t, foreign)).toBe(true);

    // The admin (staff too) replaces it with their own upload: the session's previous upload is deleted.
    const second = await upload(t, adminId, sessionA);
    await as(t, adminId).mutation(api.liveSessions.recaps.saveRecap, {
      cohortSessionId: sessionA,
      recordingFileId: second,
      actionItems: ["Share the deck"],
    });
    expect((await sessionOf(t, sessionA))!.recordingFileId).toBe(second);
    expect(await fileExists(t, first)).toBe(false);
    expect(await fileExists(t, second)).toBe(true);
    // Saving the recap again with the same file changes nothing about the file.
    await as(t, instructorId).mutation(api.liveSessions.recaps.saveRecap, {
      cohortSessionId: sessionA,
      recordingFileId: second,
      summary: "Thanks all",
      actionItems: [],
    });
    expect(await fileExists(t, second)).toBe(true);
  });

  test("upload URLs: at most 2 GB, a well-formed hash, and at most 5 open per person and session", async () => {
    const t = newTest();
    const { instructorId, sessionA } = await seed(t);
    const ask = async (fields: { sha256: string; size: number }) =>
      await as(t, instructorId).mutation(api.liveSessions.recaps.generateRecordingUploadUrl, {
        cohortSessionId: sessionA,
        ...fields,
      });
    const announced = await announce("a recording");
    await expectAppError(ask({ ...announced, size: 2 * 1024 ** 3 + 1 }), "INVALID_INPUT");
    await expectAppError(ask({ ...announced, sha256: "not-a-hash" }), "INVALID_INPUT");
    await expectAppError(ask({ ...announced, size: 0 }), "INVALID_INPUT");
    for (let i = 0; i < 5; i++) await ask(announced);
    await expectAppError(ask(announced), "RATE_LIMITED");
    // An hour later the unused URLs have expired and new ones are handed out.
    vi.advanceTimersByTime(HOUR + 1_000);
    await ask(announced);
  });
});
