/** A person's own profile: name, work details, timezone, and the address they sign in with. */
import { pick } from "convex-helpers";
import { v } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { siteUrl } from "../env";
import { userMutation, userQuery } from "../functions";
import { queueEmail } from "../integrations/email";
import { enforceLimit } from "../rateLimits";
import { hashToken, newToken } from "../tokens";
import { MAGIC_LINK_PROVIDER, normalizeEmail } from "./model/accounts";
import { confirmEmailChangeEmail, emailChangedEmail } from "./model/emails";
import { checkedProfile } from "./model/profile";
import { usersTables } from "./tables";

/** How long a confirmation link for a new address works. */
export const EMAIL_CHANGE_HOURS = 24;
const HOUR = 60 * 60 * 1000;

/** What a person edits about themselves, as the users table stores it. */
const profileFields = pick(usersTables.users.validator.fields, [
  "name",
  "company",
  "title",
  "linkedInUrl",
  "phoneNumber",
  "timezone",
]);

const vProfile = v.object({
  ...profileFields,
  email: v.string(),
  /** The address waiting for confirmation, if any. */
  pendingEmail: v.optional(v.object({ email: v.string(), expiresAt: v.number() })),
});

async function pendingChange(ctx: Pick<QueryCtx, "db">, user: Doc<"users">) {
  return await ctx.db
    .query("emailChanges")
    .withIndex("by_userId_and_status", (q) => q.eq("userId", user._id).eq("status", "pending"))
    .first();
}

/** The signed-in person's profile, or null when signed out. */
export const mine = userQuery({
  args: {},
  returns: v.union(v.null(), vProfile),
  handler: async (ctx) => {
    const { viewer } = ctx;
    if (viewer === null) return null;
    const pending = await pendingChange(ctx, viewer);
    return {
      name: viewer.name,
      email: viewer.email,
      ...(viewer.company ? { company: viewer.company } : {}),
      ...(viewer.title ? { title: viewer.title } : {}),
      ...(viewer.linkedInUrl ? { linkedInUrl: viewer.linkedInUrl } : {}),
      ...(viewer.phoneNumber ? { phoneNumber: viewer.phoneNumber } : {}),
      ...(viewer.timezone ? { timezone: viewer.timezone } : {}),
      ...(pending && pending.expiresAt > Date.now()
        ? { pendingEmail: { email: pending.newEmail, expiresAt: pending.expiresAt } }
        : {}),
    };
  },
});

/** Saves the profile form; a blank field is cleared. */
export const update = userMutation({
  args: profileFields,
  returns: v.null(),
  handler: async (ctx, args) => {
    await ctx.db.patch("users", ctx.viewer._id, { ...checkedProfile(args), updatedAt: Date.now() });
    return null;
  },
});

/** Whether another account has `email` or signs in with it by magic link. */
async function takenByAnother(ctx: Pick<QueryCtx, "db">, user: Doc<"users">, email: string) {
  const owner = await ctx.db
    .query("users")
    .withIndex("by_email", (q) => q.eq("email", email))
    .first();
  if (owner !== null && owner._id !== user._id) return true;
  const account = await ctx.db
    .query("authAccounts")
    .withIndex("providerAndAccountId", (q) => q.eq("provider", MAGIC_LINK_PROVIDER).eq("providerAccountId", email))
    .first();
  return account !== null && account.userId !== user._id;
}

/**
 * Asks to sign in with another address: a link goes to that address, and nothing changes until it is opened by
 * this account. A new request replaces an earlier one.
 */
export const requestEmailChange = userMutation({
  args: { newEmail: v.string() },
  returns: v.object({ expiresAt: v.number() }),
  handler: async (ctx, { newEmail: raw }) => {
    const { viewer } = ctx;
    const newEmail = normalizeEmail(raw);
    if (newEmail === viewer.email) throw appError("INVALID_INPUT", "That is already the address you sign in with.");
    await enforceLimit(ctx, "emailChanges", viewer._id, "requests to change your email address");
    if (await takenByAnother(ctx, viewer, newEmail))
      throw appError("EMAIL_TAKEN", `Another account signs in with ${newEmail}. Use a different address.`);
    const earlier = await pendingChange(ctx, viewer);
    if (earlier) await ctx.db.patch("emailChanges", earlier._id, { status: "cancelled" });
    const token = newToken();
    const now = Date.now();
    const expiresAt = now + EMAIL_CHANGE_HOURS * HOUR;
    await ctx.db.insert("emailChanges", {
      userId: viewer._id,
      newEmail,
      tokenHash: await hashToken(token),
      status: "pending",
      expiresAt,
      createdAt: now,
    });
    const url = `${siteUrl()}/account/confirm-email/${token}`;
    await queueEmail(ctx, {
      to: newEmail,
      ...(await confirmEmailChangeEmail({ name: viewer.name, newEmail, url, expiresInHours: EMAIL_CHANGE_HOURS })),
      actionUrl: url,
    });
    return { expiresAt };
  },
});

/** Withdraws the pending request: its link stops working. */
export const cancelEmailChange = userMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx) => {
    const pending = await pendingChange(ctx, ctx.viewer);
    if (pending) await ctx.db.patch("emailChanges", pending._id, { status: "cancelled" });
    return null;
  },
});

/**
 * Opens the link sent to the new address. Only the account that asked can use it (a forwarded link does nothing
 * for anyone else); the account then signs in with the new address and the old one is told.
 */
export const confirmEmailChange = userMutation({
  args: { token: v.string() },
  returns: v.object({ email: v.string() }),
  handler: async (ctx, { token }) => {
    const { viewer } = ctx;
    if (token.length > 100) throw appError("LINK_INVALID", "This confirmation link is not valid.");
    const tokenHash = await hashToken(token);
    const change = await ctx.db
      .query("emailChanges")
      .withIndex("by_tokenHash", (q) => q.eq("tokenHash", tokenHash))
      .unique();
    if (change === null || change.userId !== viewer._id) {
      throw appError("LINK_INVALID", "This confirmation link is not valid for the account you are signed in with.");
    }
    if (change.status === "confirmed") return { email: change.newEmail };
    if (change.status === "cancelled")
      throw appError(
        "LINK_INVALID",
        "This request was replaced or withdrawn. Ask for a new link from your account page.",
      );
    if (change.expiresAt <= Date.now())
      throw appError("LINK_EXPIRED", "This confirmation link has expired. Ask for a new one from your account page.");
    if (await takenByAnother(ctx, viewer, change.newEmail))
      throw appError("EMAIL_TAKEN", `Another account signs in with ${change.newEmail} now. Use a different address.`);

    const now = Date.now();
    const oldEmail = viewer.email;
    await ctx.db.patch("users", viewer._id, { email: change.newEmail, emailVerificationTime: now, updatedAt: now });
    // The magic-link account is keyed by the address it sends to; Google accounts by Google's own id.
    const accounts = await ctx.db
      .query("authAccounts")
      .withIndex("userIdAndProvider", (q) => q.eq("userId", viewer._id).eq("provider", MAGIC_LINK_PROVIDER))
      .take(10);
    for (const account of accounts)
      await ctx.db.patch("authAccounts", account._id, {
        providerAccountId: change.newEmail,
        emailVerified: change.newEmail,
      });
    await ctx.db.patch("emailChanges", change._id, { status: "confirmed", confirmedAt: now });
    await queueEmail(ctx, {
      to: oldEmail,
      ...(await emailChangedEmail({ name: viewer.name, newEmail: change.newEmail })),
    });
    return { email: change.newEmail };
  },
});
