/**
 * Reminders of pre- and post-course assessments, in the app and by email (the
 * learner's "learning" channel choices apply): once when the window opens and
 * once a day before it closes, each at most once per learner.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalMutation } from "../functions";
import { formatInstant } from "../format";
import { cohortLearners } from "../enrollments/model/learners";
import { notifyUsers } from "../notifications/model/notify";
import { assessmentWindow, windowState } from "./model/access";
import type { AssessmentReminderKind } from "../validators";

const DAY = 24 * 60 * 60 * 1000;

/** Hourly: each cohort whose pre- or post-course window may be open gets a job of its own. */
export const sendDue = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    // Pre-course windows open at most 60 days before the start; post-course ones close at most 60 days after the end
    // (windowDays ≤ 60; cohorts last ≤ 180 days).
    const cohorts = await ctx.db
      .query("cohorts")
      .withIndex("by_startDate", (q) => q.gte("startDate", now - 240 * DAY).lte("startDate", now + 61 * DAY))
      .take(500);
    let scheduled = 0;
    for (const cohort of cohorts) {
      if (cohort.status === "cancelled" || cohort.status === "scheduled") continue;
      await ctx.scheduler.runAfter(0, internal.assessments.reminders.remindCohort, { cohortId: cohort._id });
      scheduled += 1;
    }
    return scheduled;
  },
});

export const remindCohort = internalMutation({
  args: { cohortId: v.id("cohorts") },
  returns: v.number(),
  handler: async (ctx, { cohortId }) => {
    const cohort = await ctx.db.get("cohorts", cohortId);
    const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
    if (!cohort || !course) return 0;
    const now = Date.now();
    let sent = 0;
    for (const type of ["pre_course", "post_course"] as const) {
      const assessment = await ctx.db
        .query("assessments")
        .withIndex("by_courseId_and_type_and_isActive", (q) =>
          q.eq("courseId", course._id).eq("type", type).eq("isActive", true),
        )
        .first();
      if (!assessment) continue;
      const window = await assessmentWindow(ctx, assessment, cohort);
      if (windowState(window, now) !== "open") continue;
      const kind: AssessmentReminderKind =
        window.closesAt !== null && window.closesAt - now <= DAY ? "closing" : "opened";
      const recipients = [];
      for (const { enrollment, user } of await cohortLearners(ctx, cohortId)) {
        const attempts = await ctx.db
          .query("assessmentAttempts")
          .withIndex("by_enrollmentId_and_assessmentId", (q) =>
            q.eq("enrollmentId", enrollment._id).eq("assessmentId", assessment._id),
          )
          .take(10);
        if (attempts.some((a) => a.status !== "in_progress") || (kind === "opened" && attempts.length > 0)) continue;
        const already = await ctx.db
          .query("assessmentReminders")
          .withIndex("by_enrollmentId_and_assessmentId_and_kind", (q) =>
            q.eq("enrollmentId", enrollment._id).eq("assessmentId", assessment._id).eq("kind", kind),
          )
          .first();
        if (already) continue;
        await ctx.db.insert("assessmentReminders", {
          enrollmentId: enrollment._id,
          assessmentId: assessment._id,
          kind,
          sentAt: now,
        });
        recipients.push(user);
      }
      if (recipients.length === 0) continue;
      const what = type === "pre_course" ? "pre-course assessment" : "post-course assessment";
      const until = window.closesAt !== null ? formatInstant(window.closesAt, cohort.timezone ?? "UTC") : null;
      const title =
        kind === "closing" ? `Last day for your ${what}: ${course.title}` : `Your ${what} is open: ${course.title}`;
      const open = until ? ` Open until ${until}.` : "";
      const counts =
        assessment.passingScore > 0 ? ` and counts toward your certificate (${assessment.passingScore}% to pass)` : "";
      const body =
        type === "pre_course"
          ? `It measures where you start, so we can show what you gained.${open}`
          : `It measures what you gained${counts}.${open}`;
      await notifyUsers(
        ctx,
        recipients,
        { category: "learning", title, body, url: `/learn/assessments/${assessment._id}` },
        {
          subject: title,
          heading: title,
          lines: [body, `${course.title} — ${cohort.name}`],
          actionLabel: "Take the assessment",
        },
      );
      sent += recipients.length;
    }
    return sent;
  },
});
