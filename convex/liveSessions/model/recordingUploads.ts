/**
 * Session recordings uploaded by staff. An upload URL says nothing about which
 * file will arrive, so each URL handed out is recorded with who asked, for
 * which session, and the SHA-256 and size of the file they are about to send
 * (hashed in the browser). A recap may then attach only a file with that hash
 * and size that arrived while that URL was open, and no file twice: another
 * person's file, or a file the system stored, cannot be claimed without its
 * exact contents. Only files recorded as a session's recording are ever
 * deleted with it.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { appError } from "../../errors";

/** How long an upload URL may be used (Convex's upload URLs expire within the hour). */
export const RECORDING_UPLOAD_WINDOW_MS = 60 * 60_000;
/** Open upload URLs per person and session. */
export const MAX_OPEN_RECORDING_UPLOADS = 5;
/** Largest recording file (it is hashed in the browser before it is sent). */
export const MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;

/** The file an upload URL is for: base64 SHA-256 (as Convex stores it in `_storage.sha256`) and size in bytes. */
export type ExpectedFile = { sha256: string; size: number };

/** Records an upload URL about to be handed to `uploaderId` for the session; drops their expired, unused ones. */
export async function recordRecordingUpload(
  ctx: MutationCtx,
  cohortSessionId: Id<"cohortSessions">,
  uploaderId: Id<"users">,
  expected: ExpectedFile,
) {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(expected.sha256))
    throw appError("INVALID_INPUT", "The recording's SHA-256 must be given in base64.");
  if (!Number.isInteger(expected.size) || expected.size < 1) throw appError("INVALID_INPUT", "The recording is empty.");
  if (expected.size > MAX_RECORDING_BYTES)
    throw appError("INVALID_INPUT", "A recording may be at most 2 GB; share a link to larger ones.");
  const now = Date.now();
  const mine = await ctx.db
    .query("recordingUploads")
    .withIndex("by_uploaderId_and_cohortSessionId", (q) =>
      q.eq("uploaderId", uploaderId).eq("cohortSessionId", cohortSessionId),
    )
    .take(50);
  let open = 0;
  for (const upload of mine.filter((u) => u.storageId === undefined)) {
    if (upload.expiresAt < now) await ctx.db.delete("recordingUploads", upload._id);
    else open += 1;
  }
  if (open >= MAX_OPEN_RECORDING_UPLOADS) {
    throw appError(
      "RATE_LIMITED",
      "You have several recording uploads under way for this session. Finish one, or try again within the hour.",
    );
  }
  await ctx.db.insert("recordingUploads", {
    cohortSessionId,
    uploaderId,
    issuedAt: now,
    expiresAt: now + RECORDING_UPLOAD_WINDOW_MS,
    ...expected,
  });
}

/**
 * Claims `storageId` as the session's recording: it must be the file one of
 * the caller's upload URLs for this session was for (same SHA-256 and size,
 * arrived while the URL was open), a video or audio file, and not claimed
 * already. Throws FORBIDDEN otherwise.
 */
export async function claimRecordingUpload(
  ctx: MutationCtx,
  session: Doc<"cohortSessions">,
  uploaderId: Id<"users">,
  storageId: Id<"_storage">,
) {
  const file = await ctx.db.system.get("_storage", storageId);
  const notYours = appError(
    "FORBIDDEN",
    "Only a recording you uploaded for this session can be attached. Upload it again.",
  );
  if (file === null) throw notYours;
  const claimed = await ctx.db
    .query("recordingUploads")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .first();
  if (claimed !== null) throw notYours;
  const mine = await ctx.db
    .query("recordingUploads")
    .withIndex("by_uploaderId_and_cohortSessionId", (q) =>
      q.eq("uploaderId", uploaderId).eq("cohortSessionId", session._id),
    )
    .take(50);
  const upload = mine
    .filter(
      (u) =>
        u.storageId === undefined &&
        u.sha256 === file.sha256 &&
        u.size === file.size &&
        u.issuedAt <= file._creationTime &&
        file._creationTime <= u.expiresAt,
    )
    .sort((a, b) => b.issuedAt - a.issuedAt)[0];
  if (upload === undefined) throw notYours;
  if (file.contentType && !/^(video|audio)\//.test(file.contentType))
    throw appError("INVALID_INPUT", "A recording must be a video or audio file.");
  await ctx.db.patch("recordingUploads", upload._id, { storageId });
}

/**
 * Deletes the session's previous recording file, if it was uploaded as this session's recording (never any other file).
 */
export async function releaseRecordingUpload(
  ctx: MutationCtx,
  session: Doc<"cohortSessions">,
  storageId: Id<"_storage">,
) {
  const upload = await ctx.db
    .query("recordingUploads")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .first();
  if (upload === null || upload.cohortSessionId !== session._id) return;
  await ctx.db.delete("recordingUploads", upload._id);
  if ((await ctx.db.system.get("_storage", storageId)) !== null) await ctx.storage.delete(storageId);
}
