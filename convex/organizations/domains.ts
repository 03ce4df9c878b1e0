/**
 * Joining an organization by email domain: the org admin declares it, a platform admin approves it, colleagues join.
 */
import { v } from "convex/values";
import { appError } from "../errors";
import { platformAdminMutation, orgMutation, userMutation, userQuery } from "../functions";
import { boundedText } from "../limits";
import { audit, normalizeDomain, emailDomain, joinOrganization } from "./model/membership";
import type { QueryCtx } from "../_generated/server";

export const decideDomain = platformAdminMutation({
  args: { organizationId: v.id("organizations"), approve: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { organizationId, approve }) => {
    const organization = await ctx.db.get("organizations", organizationId);
    if (organization === null) throw appError("NOT_FOUND", "This organization does not exist.");
    await ctx.db.patch("organizations", organizationId, {
      domainStatus: approve ? "approved" : "rejected",
      ...(approve ? {} : { domainJoinEnabled: false }),
      updatedAt: Date.now(),
    });
    await audit(ctx, organizationId, approve ? "domain_approved" : "domain_rejected", {
      actorId: ctx.viewer._id,
      details: organization.domain,
    });
    return null;
  },
});

/** The longest DNS name. */
const DOMAIN_MAX = 253;

/** Declares (or changes) the email domain; a platform admin approves it before anyone can join by it. */
export const requestDomain = orgMutation({
  args: { domain: v.string() },
  adminOnly: true,
  returns: v.null(),
  handler: async (ctx, { domain: raw }) => {
    const { organization, viewer } = ctx.access;
    const domain = normalizeDomain(boundedText(raw, "the domain", DOMAIN_MAX));
    if (PUBLIC_EMAIL_DOMAINS.has(domain)) {
      throw appError(
        "INVALID_INPUT",
        `${domain} is a public email provider; anyone could join with it. Use your company's own domain.`,
      );
    }
    const taken = await ctx.db
      .query("organizations")
      .withIndex("by_domain", (q) => q.eq("domain", domain))
      .take(2);
    if (taken.some((o) => o._id !== organization._id))
      throw appError("INVALID_INPUT", `${domain} is already registered by another organization.`);
    if (domain === organization.domain && organization.domainStatus === "approved") return null;
    await ctx.db.patch("organizations", organization._id, {
      domain,
      domainStatus: "requested",
      domainJoinEnabled: false,
      updatedAt: Date.now(),
    });
    await audit(ctx, organization._id, "domain_requested", { actorId: viewer._id, details: domain });
    return null;
  },
});

export const setDomainJoin = orgMutation({
  args: { enabled: v.boolean() },
  adminOnly: true,
  returns: v.null(),
  handler: async (ctx, { enabled }) => {
    const { organization, viewer } = ctx.access;
    if (enabled && organization.domainStatus !== "approved") {
      throw appError("NOT_AVAILABLE", "Domain sign-up can be switched on once the academy has approved your domain.");
    }
    await ctx.db.patch("organizations", organization._id, { domainJoinEnabled: enabled, updatedAt: Date.now() });
    await audit(ctx, organization._id, "domain_join_toggled", { actorId: viewer._id, details: enabled ? "on" : "off" });
    return null;
  },
});

/** The organization the signed-in person may join by their email domain, if any. */
export const domainOffer = userQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({ organizationId: v.id("organizations"), name: v.string(), seatsLeft: v.number() }),
  ),
  handler: async (ctx) => {
    const viewer = ctx.viewer;
    if (viewer === null || viewer.organizationId) return null;
    const organization = await domainOrganization(ctx, viewer.email);
    if (organization === null) return null;
    return {
      organizationId: organization._id,
      name: organization.name,
      seatsLeft: Math.max(0, organization.seatsPurchased - organization.seatsUsed),
    };
  },
});

export const joinByDomain = userMutation({
  args: { organizationId: v.id("organizations") },
  returns: v.null(),
  handler: async (ctx, { organizationId }) => {
    const organization = await domainOrganization(ctx, ctx.viewer.email);
    if (organization === null || organization._id !== organizationId) {
      throw appError(
        "FORBIDDEN",
        "Your email address does not let you join this organization. Ask its administrator for an invitation.",
      );
    }
    await joinOrganization(ctx, organizationId, ctx.viewer);
    await audit(ctx, organizationId, "member_joined", {
      actorId: ctx.viewer._id,
      subjectUserId: ctx.viewer._id,
      subjectEmail: ctx.viewer.email,
      details: "Joined by email domain",
    });
    return null;
  },
});

async function domainOrganization(ctx: QueryCtx, email: string) {
  const domain = emailDomain(email);
  const organization = await ctx.db
    .query("organizations")
    .withIndex("by_domain", (q) => q.eq("domain", domain))
    .first();
  if (
    organization === null ||
    organization.domainStatus !== "approved" ||
    !organization.domainJoinEnabled ||
    organization.status !== "active"
  )
    return null;
  return organization;
}

const PUBLIC_EMAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.com",
  "zoho.com",
]);
