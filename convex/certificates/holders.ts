/** A learner's certificates, and reminders before they expire. */
import { v } from "convex/values";
import { internalMutation, userQuery } from "../functions";
import { certificateReminderDays } from "../env";
import { notifyUsers } from "../notifications/model/notify";
import { remindSkillBadge } from "../skills/model/expiry";
import { RENEWAL_WINDOW_DAYS } from "../skills/model/signOff";
import { vCertificateIssueStatus } from "../validators";

/**
 * Daily: reminds learners whose certificates expire within a reminder window, once per window, with the way to renew.
 * Skill badges are reminded once, RENEWAL_WINDOW_DAYS (30) before they expire — unless a newer badge of the same skill
 * and level already renews them — with the course that renews them (or the instructor sign-off, at Advanced and up).
 */
export const remindExpiring = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => {
    const now = Date.now();
    const days = certificateReminderDays();
    const horizon = now + Math.max(days[0] ?? 0, RENEWAL_WINDOW_DAYS) * 86_400_000;
    const expiring = await ctx.db
      .query("certificates")
      .withIndex("by_expiresAt", (q) => q.gt("expiresAt", now).lte("expiresAt", horizon))
      .take(500);
    let sent = 0;
    for (const certificate of expiring) {
      if (certificate.revokedAt || certificate.issueStatus !== "issued") continue;
      const left = Math.ceil((certificate.expiresAt! - now) / 86_400_000);
      const windows = certificate.kind === "skill" ? [RENEWAL_WINDOW_DAYS] : days;
      const due = windows.filter((d) => left <= d && !(certificate.expiryRemindersSent ?? []).includes(d));
      if (due.length === 0) continue;
      const [user, course] = await Promise.all([
        ctx.db.get("users", certificate.userId),
        ctx.db.get("courses", certificate.courseId),
      ]);
      await ctx.db.patch("certificates", certificate._id, {
        expiryRemindersSent: [...(certificate.expiryRemindersSent ?? []), ...due],
      });
      if (!user || !course) continue;
      if (certificate.kind === "skill") {
        if (await remindSkillBadge(ctx, user, certificate, left)) sent += 1;
        continue;
      }
      const title = `Your certificate expires in ${left} days: ${certificate.badgeData.name}`;
      await notifyUsers(
        ctx,
        [user],
        {
          category: "certificates",
          title,
          body: "Renew it by joining a current cohort of the course; your new certificate replaces this one.",
          url: `/courses/${course.slug}`,
        },
        {
          subject: title,
          heading: "Time to renew your certificate",
          lines: [
            `${certificate.badgeData.name} is valid for ${left} more days.`,
            "Join a current cohort to renew it; your new certificate is issued when you complete.",
          ],
          actionLabel: "See upcoming cohorts",
        },
      );
      sent += 1;
    }
    return sent;
  },
});

/** The viewer's certificates. */
export const mine = userQuery({
  args: {},
  returns: v.array(
    v.object({
      publicId: v.string(),
      name: v.string(),
      cohortName: v.string(),
      issuedAt: v.number(),
      expiresAt: v.optional(v.number()),
      revoked: v.boolean(),
      issueStatus: vCertificateIssueStatus,
    }),
  ),
  handler: async (ctx) => {
    if (ctx.viewer === null) return [];
    const viewerId = ctx.viewer._id;
    const rows = await ctx.db
      .query("certificates")
      .withIndex("by_userId", (q) => q.eq("userId", viewerId))
      .take(100);
    const out = [];
    for (const c of rows) {
      const cohort = await ctx.db.get("cohorts", c.cohortId);
      out.push({
        publicId: c.publicId,
        name: c.badgeData.name,
        cohortName: cohort?.name ?? "",
        issuedAt: c.issuedAt,
        ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}),
        revoked: c.revokedAt !== undefined,
        issueStatus: c.issueStatus,
      });
    }
    return out.sort((a, b) => b.issuedAt - a.issuedAt);
  },
});
