/** People's accounts: email addresses, names, and the account Convex Auth creates at first sign-in. */
import type { GenericMutationCtx } from "convex/server";
import type { DataModel, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import type { NotificationPreferences } from "../../validators";

/** Convex Auth's id of the magic-link provider: its accounts are keyed by the address the links go to. */
export const MAGIC_LINK_PROVIDER = "resend";

/** Trimmed, lower-cased email; throws INVALID_EMAIL when it is not an address. */
export function normalizeEmail(raw: string) {
  const email = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    throw appError("INVALID_EMAIL", `"${raw.trim()}" is not a valid email address.`);
  }
  return email;
}

export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  emailNotifications: true,
  smsNotifications: false,
  community: {
    threadReplies: true,
    instructorReplies: true,
    bestAnswers: true,
    peerConnections: true,
    subscribedThreads: true,
  },
};

type AuthProfile = { email?: string; name?: string; image?: string };

/**
 * Convex Auth's createOrUpdateUser callback: one user per verified email
 * (magic link and Google both prove control of the address); new users are
 * `individual` learners.
 */
export async function createOrUpdateUser(
  ctx: GenericMutationCtx<DataModel>,
  args: { existingUserId: Id<"users"> | null; profile: AuthProfile },
): Promise<Id<"users">> {
  const now = Date.now();
  if (args.existingUserId !== null) {
    const existing = await ctx.db.get("users", args.existingUserId);
    if (existing) {
      await ctx.db.patch("users", existing._id, {
        emailVerificationTime: now,
        ...(existing.image === undefined && args.profile.image ? { image: args.profile.image } : {}),
        updatedAt: now,
      });
      return existing._id;
    }
  }
  if (!args.profile.email) throw appError("INVALID_EMAIL", "This sign-in method did not provide an email address.");
  const email = normalizeEmail(args.profile.email);
  const existing = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .unique();
  if (existing) {
    await ctx.db.patch("users", existing._id, { emailVerificationTime: now, updatedAt: now });
    return existing._id;
  }
  return await ctx.db.insert("users", {
    email,
    name: args.profile.name?.trim() || nameFromEmail(email),
    role: "individual",
    emailNotifications: true,
    smsNotifications: false,
    notificationPreferences: DEFAULT_NOTIFICATION_PREFERENCES,
    emailVerificationTime: now,
    ...(args.profile.image ? { image: args.profile.image } : {}),
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * The account behind an address, created (an `individual` learner, not yet verified) when nobody uses it: a platform
 * admin adding someone by hand. The person proves the address when they first sign in with it (createOrUpdateUser
 * finds this account by email).
 */
export async function ensureAccount(ctx: GenericMutationCtx<DataModel>, rawEmail: string, name?: string) {
  const email = normalizeEmail(rawEmail);
  const existing = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .unique();
  if (existing) return { user: existing, created: false };
  const now = Date.now();
  const userId = await ctx.db.insert("users", {
    email,
    name: name ?? nameFromEmail(email),
    role: "individual",
    emailNotifications: true,
    smsNotifications: false,
    notificationPreferences: DEFAULT_NOTIFICATION_PREFERENCES,
    createdAt: now,
    updatedAt: now,
  });
  return { user: (await ctx.db.get("users", userId))!, created: true };
}

/** "ada.lovelace@x.com" → "Ada Lovelace". */
export function nameFromEmail(email: string) {
  return email
    .split("@")[0]
    .split(/[._-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(" ");
}

/** The account behind an instructor's email; instructors sign in once before they can be assigned. */
export async function requireUserByEmail(ctx: QueryCtx, rawEmail: string) {
  const email = normalizeEmail(rawEmail);
  const user = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .unique();
  if (!user) throw appError("NOT_FOUND", `No account uses ${email}. Ask the instructor to sign in once first.`);
  return user;
}

/**
 * Marks the learner active now: "active in the last 7 days" on their managers' dashboards (the users trigger refreshes
 * them).
 */
export async function markActive(ctx: { db: GenericMutationCtx<DataModel>["db"] }, userId: Id<"users">) {
  await ctx.db.patch("users", userId, { lastActiveAt: Date.now() });
}
