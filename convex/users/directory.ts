/**
 * People, for platform admins: find anyone by name or email, see what they hold, and make or unmake platform admins.
 */
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { rescheduleCohort } from "../liveSessions/model/schedule";
import { notifyUsers } from "../notifications/model/notify";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { boundedText } from "../limits";
import { vManagerRole, vPaymentStatus, vPlatformAuditAction, vUserRole } from "../validators";

const RESULTS = 25;

const vPersonRow = v.object({
  _id: v.id("users"),
  name: v.string(),
  email: v.string(),
  role: vUserRole,
  organizationName: v.optional(v.string()),
});

async function row(ctx: QueryCtx, user: Doc<"users">) {
  const organization = user.organizationId ? await ctx.db.get("organizations", user.organizationId) : null;
  return {
    _id: user._id,
    name: user.name,
    email: user.email,
    role: user.role,
    ...(organization ? { organizationName: organization.name } : {}),
  };
}

/**
 * Up to 25 people whose name matches the words, or whose email starts with the text (anything with an @ or a dot); the
 * newest without a query.
 */
export const search = platformAdminQuery({
  args: { query: v.string() },
  returns: v.array(vPersonRow),
  handler: async (ctx, { query: raw }) => {
    const text = boundedText(raw, "the search", 100).toLowerCase();
    let users: Doc<"users">[];
    if (text === "") {
      users = await ctx.db.query("users").order("desc").take(RESULTS);
    } else {
      const byEmail = await ctx.db
        .query("users")
        .withIndex("by_email", (q) => q.gte("email", text).lt("email", `${text}\uffff`))
        .take(RESULTS);
      const byName = /[@.]/.test(text)
        ? []
        : await ctx.db
            .query("users")
            .withSearchIndex("search_name", (q) => q.search("name", text))
            .take(RESULTS);
      const seen = new Set<Id<"users">>();
      users = [...byName, ...byEmail].filter((u) => !seen.has(u._id) && seen.add(u._id)).slice(0, RESULTS);
    }
    return await Promise.all(users.map((user) => row(ctx, user)));
  },
});

/**
 * One person as platform admins see them: account, organization roles, seats, certificates, cohorts taught and role
 * changes.
 */
export const person = platformAdminQuery({
  // From a URL: a malformed id is "no such person".
  args: { personId: v.string() },
  returns: v.union(
    v.null(),
    v.object({
      person: vPersonRow,
      company: v.optional(v.string()),
      title: v.optional(v.string()),
      createdAt: v.number(),
      lastActiveAt: v.optional(v.number()),
      isLastPlatformAdmin: v.boolean(),
      managerRoles: v.array(v.object({ organizationName: v.string(), role: vManagerRole, isActive: v.boolean() })),
      enrollments: v.array(
        v.object({
          _id: v.id("enrollments"),
          cohortId: v.id("cohorts"),
          cohortName: v.string(),
          courseTitle: v.string(),
          paymentStatus: vPaymentStatus,
          purchaseDate: v.number(),
        }),
      ),
      certificates: v.array(
        v.object({ name: v.string(), issuedAt: v.number(), publicId: v.optional(v.string()), revoked: v.boolean() }),
      ),
      teaching: v.array(v.object({ cohortId: v.id("cohorts"), name: v.string(), startDate: v.number() })),
      assignableCohorts: v.array(
        v.object({
          cohortId: v.id("cohorts"),
          name: v.string(),
          startDate: v.number(),
          instructorName: v.optional(v.string()),
        }),
      ),
      history: v.array(
        v.object({
          action: vPlatformAuditAction,
          actorName: v.string(),
          cohortName: v.optional(v.string()),
          createdAt: v.number(),
        }),
      ),
    }),
  ),
  handler: async (ctx, args) => {
    const userId = ctx.db.normalizeId("users", args.personId);
    const user = userId ? await ctx.db.get("users", userId) : null;
    if (userId === null || user === null) return null;
    const managerRows = await ctx.db
      .query("organizationManagers")
      .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", userId))
      .take(20);
    const managerRoles = [];
    for (const m of managerRows) {
      const organization = await ctx.db.get("organizations", m.organizationId);
      if (organization) managerRoles.push({ organizationName: organization.name, role: m.role, isActive: m.isActive });
    }
    const enrollmentRows = await ctx.db
      .query("enrollments")
      .withIndex("by_userId_and_courseId", (q) => q.eq("userId", userId))
      .take(100);
    const enrollments = [];
    for (const e of enrollmentRows) {
      const cohort = await ctx.db.get("cohorts", e.cohortId);
      const course = await ctx.db.get("courses", e.courseId);
      if (cohort && course)
        enrollments.push({
          _id: e._id,
          cohortId: cohort._id,
          cohortName: cohort.name,
          courseTitle: course.title,
          paymentStatus: e.paymentStatus,
          purchaseDate: e.purchaseDate,
        });
    }
    const certificates = (
      await ctx.db
        .query("certificates")
        .withIndex("by_userId", (q) => q.eq("userId", userId))
        .take(100)
    ).map((c) => ({
      name: c.badgeData.name,
      issuedAt: c.issuedAt,
      ...(c.publicId ? { publicId: c.publicId } : {}),
      revoked: c.revokedAt !== undefined,
    }));
    const teaching = (
      await ctx.db
        .query("cohorts")
        .withIndex("by_instructorId", (q) => q.eq("instructorId", userId))
        .take(50)
    ).map((c) => ({ cohortId: c._id, name: c.name, startDate: c.startDate }));
    const logRows = await ctx.db
      .query("platformAuditLog")
      .withIndex("by_subjectUserId", (q) => q.eq("subjectUserId", userId))
      .order("desc")
      .take(20);
    const history = [];
    for (const entry of logRows) {
      const actor = await ctx.db.get("users", entry.actorId);
      const cohort = entry.cohortId ? await ctx.db.get("cohorts", entry.cohortId) : null;
      history.push({
        action: entry.action,
        actorName: actor?.name ?? "Deleted user",
        ...(cohort ? { cohortName: cohort.name } : {}),
        createdAt: entry.createdAt,
      });
    }
    return {
      person: await row(ctx, user),
      ...(user.company ? { company: user.company } : {}),
      ...(user.title ? { title: user.title } : {}),
      createdAt: user.createdAt,
      ...(user.lastActiveAt ? { lastActiveAt: user.lastActiveAt } : {}),
      isLastPlatformAdmin: user.role === "platform_admin" && (await platformAdminCount(ctx)) === 1,
      managerRoles,
      enrollments: enrollments.sort((a, b) => b.purchaseDate - a.purchaseDate),
      certificates,
      teaching,
      assignableCohorts: await assignableCohorts(ctx, userId),
      history,
    };
  },
});

/** Cohorts that have not finished and that this person does not teach yet: the ones they can be made instructor of. */
async function assignableCohorts(ctx: QueryCtx, userId: Id<"users">) {
  const cohorts = [];
  for (const status of ["in_progress", "open", "scheduled"] as const) {
    for (const cohort of await ctx.db
      .query("cohorts")
      .withIndex("by_status", (q) => q.eq("status", status))
      .take(50)) {
      if (cohort.instructorId === userId) continue;
      const instructor = cohort.instructorId ? await ctx.db.get("users", cohort.instructorId) : null;
      cohorts.push({
        cohortId: cohort._id,
        name: cohort.name,
        startDate: cohort.startDate,
        ...(instructor ? { instructorName: instructor.name } : {}),
      });
    }
  }
  return cohorts.sort((a, b) => a.startDate - b.startDate);
}

/**
 * Makes someone the instructor of a cohort that has not finished (replacing its instructor, if any): its sessions and
 * calendar follow, the person is told, and the change is in their history.
 */
export const makeInstructor = platformAdminMutation({
  args: { personId: v.id("users"), cohortId: v.id("cohorts") },
  returns: v.null(),
  handler: async (ctx, { personId, cohortId }) => {
    const [user, cohort] = await Promise.all([ctx.db.get("users", personId), ctx.db.get("cohorts", cohortId)]);
    if (user === null || user.erasedAt !== undefined) throw appError("NOT_FOUND", "This person no longer exists.");
    if (cohort === null) throw appError("NOT_FOUND", "This cohort no longer exists.");
    if (cohort.status === "completed" || cohort.status === "cancelled")
      throw appError("INVALID_INPUT", "This cohort has ended; choose one that has not.");
    if (cohort.instructorId === personId) return null;
    await ctx.db.patch("cohorts", cohortId, { instructorId: personId, updatedAt: Date.now() });
    await rescheduleCohort(ctx, (await ctx.db.get("cohorts", cohortId))!);
    await ctx.db.insert("platformAuditLog", {
      actorId: ctx.viewer._id,
      action: "instructor_assigned",
      subjectUserId: personId,
      cohortId,
      createdAt: Date.now(),
    });
    await notifyUsers(
      ctx,
      [user],
      {
        category: "account",
        title: `You now teach ${cohort.name}`,
        body: "Its roster, sessions, attendance and reviews are on your teaching page.",
        url: "/teach",
      },
      {
        subject: `You now teach ${cohort.name}`,
        heading: `You teach ${cohort.name}`,
        lines: [
          `${ctx.viewer.name} made you the instructor of ${cohort.name}.`,
          "Your teaching page has its roster and sessions.",
        ],
        actionLabel: "Open your teaching page",
      },
    );
    return null;
  },
});

async function platformAdminCount(ctx: QueryCtx) {
  return (
    await ctx.db
      .query("users")
      .withIndex("by_role", (q) => q.eq("role", "platform_admin"))
      .take(2)
  ).length;
}

/** The role someone has without platform admin: their organization's admin or member, else an individual learner. */
async function roleWithoutPlatformAdmin(ctx: QueryCtx, user: Doc<"users">) {
  if (!user.organizationId) return "individual" as const;
  const organizationId = user.organizationId;
  const manager = await ctx.db
    .query("organizationManagers")
    .withIndex("by_userId_and_organizationId", (q) => q.eq("userId", user._id).eq("organizationId", organizationId))
    .unique();
  return manager?.isActive && manager.role === "admin" ? ("org_admin" as const) : ("org_member" as const);
}

/** Makes someone a platform admin, or takes it away; the academy always keeps at least one. Logged with who did it. */
export const setPlatformAdmin = platformAdminMutation({
  args: { personId: v.id("users"), platformAdmin: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { personId: userId, platformAdmin }) => {
    const user = await ctx.db.get("users", userId);
    if (user === null) throw appError("NOT_FOUND", "This person no longer exists.");
    if ((user.role === "platform_admin") === platformAdmin) return null;
    if (!platformAdmin && (await platformAdminCount(ctx)) === 1) {
      throw appError("INVALID_INPUT", "The academy needs at least one platform admin. Make someone else one first.");
    }
    const role = platformAdmin ? ("platform_admin" as const) : await roleWithoutPlatformAdmin(ctx, user);
    const now = Date.now();
    await ctx.db.patch("users", userId, { role, updatedAt: now });
    await ctx.db.insert("platformAuditLog", {
      actorId: ctx.viewer._id,
      action: platformAdmin ? "platform_admin_granted" : "platform_admin_removed",
      subjectUserId: userId,
      createdAt: now,
    });
    return null;
  },
});
