/**
 * Erasure of personal data: a person asks (choosing what happens to their certificates), a platform admin carries it
 * out from the queue, and the steps of model/erasure.ts run one bounded batch per transaction until the request
 * shows `completed` and the person is told at the address they had.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { internalMutation, platformAdminMutation, platformAdminQuery, userMutation } from "../functions";
import { notifyUsers } from "../notifications/model/notify";
import { vErasureCertificateChoice, vErasureStatus } from "../validators";
import { ERASURE_STEPS } from "./model/erasure";

/** Asks for the caller's personal data to be erased; platform admins are told in-app and by email. */
export const request = userMutation({
  args: { certificates: vErasureCertificateChoice },
  returns: v.null(),
  handler: async (ctx, { certificates }) => {
    const viewer = ctx.viewer;
    const open = await ctx.db
      .query("erasureRequests")
      .withIndex("by_userId", (q) => q.eq("userId", viewer._id))
      .order("desc")
      .first();
    if (open?.status === "requested" || open?.status === "in_progress")
      throw appError("NOT_AVAILABLE", "You already asked for erasure; we will confirm by email.");
    await ctx.db.insert("erasureRequests", {
      userId: viewer._id,
      ...(viewer.organizationId ? { organizationId: viewer.organizationId } : {}),
      status: "requested",
      certificates,
      requestedAt: Date.now(),
    });
    const admins = await ctx.db
      .query("users")
      .withIndex("by_role", (q) => q.eq("role", "platform_admin"))
      .take(20);
    // The notice names nobody: the queue shows who asked, and stops showing it once the erasure is done.
    await notifyUsers(
      ctx,
      admins,
      {
        category: "account",
        title: "A learner asked for their data to be erased",
        body: "Carry out the request from the erasure queue within 30 days.",
        url: "/admin/people",
      },
      {
        subject: "A data erasure request is waiting",
        heading: "A learner asked for erasure",
        lines: ["Someone asked for their personal data to be erased.", "Carry it out within 30 days."],
        actionLabel: "Open the erasure queue",
      },
    );
    return null;
  },
});

const vQueueRow = v.object({
  _id: v.id("erasureRequests"),
  userId: v.id("users"),
  name: v.string(),
  email: v.string(),
  status: vErasureStatus,
  certificates: vErasureCertificateChoice,
  requestedAt: v.number(),
  startedAt: v.optional(v.number()),
  completedAt: v.optional(v.number()),
  carriedOutByName: v.optional(v.string()),
  stepsDone: v.number(),
  stepsTotal: v.number(),
});

async function queueRow(ctx: QueryCtx, r: Doc<"erasureRequests">) {
  const [user, admin] = await Promise.all([
    ctx.db.get("users", r.userId),
    r.carriedOutBy ? ctx.db.get("users", r.carriedOutBy) : null,
  ]);
  return {
    _id: r._id,
    userId: r.userId,
    name: user?.name ?? "",
    email: user?.email ?? "",
    status: r.status,
    certificates: r.certificates ?? "keep",
    requestedAt: r.requestedAt,
    ...(r.startedAt ? { startedAt: r.startedAt } : {}),
    ...(r.completedAt ? { completedAt: r.completedAt } : {}),
    ...(admin ? { carriedOutByName: admin.name } : {}),
    stepsDone: r.status === "completed" ? ERASURE_STEPS.length : (r.step ?? 0),
    stepsTotal: ERASURE_STEPS.length,
  };
}

/** The erasure queue: open and running requests first (oldest first), then the last ten completed. */
export const queue = platformAdminQuery({
  args: {},
  returns: v.object({ open: v.array(vQueueRow), completed: v.array(vQueueRow) }),
  handler: async (ctx) => {
    const [requested, running, completed] = await Promise.all(
      (["requested", "in_progress", "completed"] as const).map((status) =>
        ctx.db
          .query("erasureRequests")
          .withIndex("by_status_and_requestedAt", (q) => q.eq("status", status))
          .order(status === "completed" ? "desc" : "asc")
          .take(status === "completed" ? 10 : 50),
      ),
    );
    return {
      open: await Promise.all([...running, ...requested].map((r) => queueRow(ctx, r))),
      completed: await Promise.all(completed.map((r) => queueRow(ctx, r))),
    };
  },
});

/** Starts erasing a person's data; the steps run in the background and the queue shows their progress. */
export const carryOut = platformAdminMutation({
  args: { requestId: v.id("erasureRequests") },
  returns: v.null(),
  handler: async (ctx, { requestId }) => {
    const request = await ctx.db.get("erasureRequests", requestId);
    if (request === null) throw appError("NOT_FOUND", "This request no longer exists.");
    if (request.status !== "requested") throw appError("INVALID_INPUT", "This request is already being carried out.");
    const user = await ctx.db.get("users", request.userId);
    if (user === null) throw appError("NOT_FOUND", "This person no longer exists.");
    if (user.role === "platform_admin")
      throw appError("INVALID_INPUT", "Remove this person's platform admin role before erasing their data.");
    const now = Date.now();
    await ctx.db.patch("erasureRequests", requestId, {
      status: "in_progress",
      startedAt: now,
      carriedOutBy: ctx.viewer._id,
      step: 0,
      confirmTo: user.email,
    });
    await ctx.db.insert("platformAuditLog", {
      actorId: ctx.viewer._id,
      action: "erasure_carried_out",
      subjectUserId: user._id,
      createdAt: now,
    });
    await ctx.scheduler.runAfter(0, internal.privacy.erasure.runStep, { requestId });
    return null;
  },
});

/** Runs one batch of the current step; schedules itself until every step is done, then tells the person. */
export const runStep = internalMutation({
  args: { requestId: v.id("erasureRequests") },
  returns: v.null(),
  handler: async (ctx, { requestId }) => {
    const request = await ctx.db.get("erasureRequests", requestId);
    if (request === null || request.status !== "in_progress" || request.confirmTo === undefined) return null;
    const user = await ctx.db.get("users", request.userId);
    const index = request.step ?? 0;
    if (user !== null && index < ERASURE_STEPS.length) {
      const finished = await ERASURE_STEPS[index].run(ctx, { request, user, email: request.confirmTo });
      if (finished) await ctx.db.patch("erasureRequests", requestId, { step: index + 1 });
      await ctx.scheduler.runAfter(0, internal.privacy.erasure.runStep, { requestId });
      return null;
    }
    await ctx.db.patch("erasureRequests", requestId, {
      status: "completed",
      completedAt: Date.now(),
      confirmTo: undefined,
      organizationId: undefined,
    });
    await ctx.scheduler.runAfter(0, internal.notifications.delivery.email, {
      recipients: [request.confirmTo],
      url: "/",
      subject: "Your personal data has been erased",
      heading: "Your data has been erased",
      lines: [
        "As you asked, we erased your name, email address and contact details from the academy, " +
          "signed you out everywhere and removed you from your organization.",
        request.certificates === "revoke"
          ? "Your certificates were revoked and their files deleted."
          : "Your certificates stay valid under your name, as you chose.",
        "We keep the records of what you paid, without your contact details, for as long as tax law requires. " +
          "This is the last email we send you.",
      ],
      actionLabel: "Visit the academy",
    });
    return null;
  },
});
