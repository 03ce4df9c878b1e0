/** Recaps of past live sessions: recording (link or uploaded file), summary and action items. */
import { v } from "convex/values";
import { appError } from "../errors";
import { userMutation } from "../functions";
import { cohortLearners } from "../enrollments/model/learners";
import { notifyUsers } from "../notifications/model/notify";
import { isSessionStaff, sessionContext, requireSession } from "./model/lifecycle";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";
import { claimRecordingUpload, recordRecordingUpload, releaseRecordingUpload } from "./model/recordingUploads";

/**
 * The recap of a past session: recording (link or uploaded file), summary and
 * action items. Staff only; a new file must be one the caller uploaded for this
 * session (generateRecordingUploadUrl), and it replaces (deletes) the previous
 * recording file only if that one was uploaded for this session too.
 */
export const saveRecap = userMutation({
  args: {
    cohortSessionId: v.id("cohortSessions"),
    recordingUrl: v.optional(v.string()),
    recordingFileId: v.optional(v.id("_storage")),
    summary: v.optional(v.string()),
    actionItems: v.array(v.string()),
  },
  returns: v.null(),
  handler: async (ctx, { cohortSessionId, recordingUrl, recordingFileId, summary, actionItems }) => {
    const session = await requireSession(ctx, cohortSessionId);
    const { cohort, course } = await sessionContext(ctx, session);
    if (!isSessionStaff(ctx.viewer, cohort, session))
      throw appError("FORBIDDEN", "Only this session's instructor or an admin can add its recap.");
    if (session.status === "cancelled") throw appError("NOT_AVAILABLE", "This session was cancelled.");
    if (session.startsAt > Date.now())
      throw appError("NOT_AVAILABLE", "Recaps can be added once the session has started.");
    const url = optionalText(recordingUrl, "the recording link", TEXT_LIMITS.url);
    if (url && !/^https:\/\/\S+$/.test(url))
      throw appError("INVALID_INPUT", "The recording link must start with https://.");
    const items = actionItems.map((item) => boundedText(item, "an action item", TEXT_LIMITS.line)).filter(Boolean);
    if (items.length > 20) throw appError("INVALID_INPUT", "Keep it to 20 action items.");
    const recapSummary = optionalText(summary, "the summary", TEXT_LIMITS.paragraph);
    const hadRecording = Boolean(session.recordingUrl || session.recordingFileId);
    if (recordingFileId && recordingFileId !== session.recordingFileId) {
      await claimRecordingUpload(ctx, session, ctx.viewer._id, recordingFileId);
      if (session.recordingFileId) await releaseRecordingUpload(ctx, session, session.recordingFileId);
    }
    await ctx.db.patch("cohortSessions", cohortSessionId, {
      recordingUrl: url,
      recordingFileId: recordingFileId ?? session.recordingFileId,
      summary: recapSummary,
      actionItems: items,
      updatedAt: Date.now(),
    });
    if (!hadRecording && (url || recordingFileId)) {
      const learners = await cohortLearners(ctx, cohort._id);
      await notifyUsers(
        ctx,
        learners.map((l) => l.user),
        {
          category: "recordings",
          title: `Recording ready: ${session.title}`,
          body: `${course.title}: the recording and recap are on your learning page.`,
          url: "/learn",
        },
        {
          subject: `Recording ready: ${session.title}`,
          heading: "The recording is ready",
          lines: [`${course.title} — ${session.title}`],
          actionLabel: "Watch the recording",
        },
      );
    }
    return null;
  },
});

/**
 * An upload URL for the session's recording, for the file with this SHA-256
 * (base64) and size; recorded, so that only that file can be attached (see saveRecap).
 */
export const generateRecordingUploadUrl = userMutation({
  args: { cohortSessionId: v.id("cohortSessions"), sha256: v.string(), size: v.number() },
  returns: v.string(),
  handler: async (ctx, { cohortSessionId, sha256, size }) => {
    const session = await requireSession(ctx, cohortSessionId);
    const { cohort } = await sessionContext(ctx, session);
    if (!isSessionStaff(ctx.viewer, cohort, session))
      throw appError("FORBIDDEN", "Only this session's instructor or an admin can upload its recording.");
    await recordRecordingUpload(ctx, cohortSessionId, ctx.viewer._id, { sha256, size });
    return await ctx.storage.generateUploadUrl();
  },
});
