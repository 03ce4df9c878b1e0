/** Platform admins: organizations, "Buy for my team" requests, domain approvals. */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { appError } from "./errors";
import { mutation, platformAdminMutation, platformAdminQuery } from "./functions";
import { boundedText, optionalText, TEXT_LIMITS } from "./model/limits";
import { audit, normalizeDomain } from "./model/organizations";
import { clientNetworkKey, enforceLimit } from "./model/rateLimits";
import { nameFromEmail, normalizeEmail } from "./model/users";
import { vDomainStatus, vOrganizationStatus, MANAGER_PERMISSIONS } from "./validators";

export const list = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("organizations"),
      name: v.string(),
      domain: v.string(),
      domainStatus: v.union(vDomainStatus, v.null()),
      status: vOrganizationStatus,
      seatsPurchased: v.number(),
      seatsUsed: v.number(),
      contactEmail: v.string(),
    }),
  ),
  handler: async (ctx) => {
    const organizations = await ctx.db.query("organizations").order("desc").take(200);
    return organizations.map((o) => ({
      _id: o._id,
      name: o.name,
      domain: o.domain,
      domainStatus: o.domainStatus ?? null,
      status: o.status,
      seatsPurchased: o.seatsPurchased,
      seatsUsed: o.seatsUsed,
      contactEmail: o.contactEmail,
    }));
  },
});

export const teamRequests = platformAdminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("contactSubmissions"),
      name: v.string(),
      email: v.string(),
      company: v.union(v.string(), v.null()),
      teamSize: v.union(v.string(), v.null()),
      message: v.string(),
      createdAt: v.number(),
    }),
  ),
  handler: async (ctx) => {
    const pending = await ctx.db
      .query("contactSubmissions")
      .withIndex("by_status", (q) => q.eq("status", "pending"))
      .order("desc")
      .take(100);
    return pending.map((s) => ({
      _id: s._id,
      name: s.name,
      email: s.email,
      company: s.company ?? null,
      teamSize: s.teamSize ?? null,
      message: s.message,
      createdAt: s.createdAt,
    }));
  },
});

/**
 * "Buy for my team": anyone may ask, signed in or not; a platform admin turns
 * the request into an organization. Limited per client network (an address
 * the caller cannot choose, unlike the email they type) and overall.
 */
export const requestForTeam = mutation({
  args: { name: v.string(), email: v.string(), company: v.string(), teamSize: v.string(), message: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    const name = boundedText(args.name, "your name", TEXT_LIMITS.name, { min: 2 });
    const email = normalizeEmail(boundedText(args.email, "your email address", TEXT_LIMITS.email));
    const company = boundedText(args.company, "your company's name", TEXT_LIMITS.name, { min: 2 });
    const teamSize = optionalText(args.teamSize, "the number of seats", TEXT_LIMITS.line);
    const message = optionalText(args.message, "your message", TEXT_LIMITS.paragraph) ?? "";
    await enforceLimit(ctx, "teamRequests", await clientNetworkKey(ctx), "requests from your network");
    await enforceLimit(ctx, "teamRequestsGlobal", "all", "team requests right now");
    const now = Date.now();
    await ctx.db.insert("contactSubmissions", {
      name,
      email,
      company,
      teamSize,
      message,
      status: "pending",
      createdAt: now,
      updatedAt: now,
    });
    return null;
  },
});

/**
 * Creates an organization (optionally from a team request): the contact
 * becomes its administrator and Stripe sends the first seat invoice.
 */
export const create = platformAdminMutation({
  args: {
    name: v.string(),
    domain: v.string(),
    contactName: v.string(),
    contactEmail: v.string(),
    courseId: v.id("courses"),
    seats: v.number(),
    requestId: v.optional(v.id("contactSubmissions")),
  },
  returns: v.id("organizations"),
  handler: async (ctx, args) => {
    const name = boundedText(args.name, "the organization's name", TEXT_LIMITS.name, { min: 2 });
    const domain = normalizeDomain(boundedText(args.domain, "the domain", TEXT_LIMITS.email));
    const contactEmail = normalizeEmail(boundedText(args.contactEmail, "the contact's email address", TEXT_LIMITS.email));
    const contactName = optionalText(args.contactName, "the contact's name", TEXT_LIMITS.name) ?? nameFromEmail(contactEmail);
    if (!Number.isInteger(args.seats) || args.seats < 1 || args.seats > 1000) throw appError("INVALID_INPUT", "Order between 1 and 1000 seats.");
    const course = await ctx.db.get("courses", args.courseId);
    if (course === null || course.status !== "published") throw appError("NOT_FOUND", "This course is not on sale.");
    if ((await ctx.db.query("organizations").withIndex("by_domain", (q) => q.eq("domain", domain)).first()) !== null) {
      throw appError("INVALID_INPUT", `${domain} already belongs to an organization.`);
    }
    const now = Date.now();
    const organizationId = await ctx.db.insert("organizations", {
      name,
      domain,
      domainStatus: "approved",
      domainJoinEnabled: false,
      contactEmail,
      contactName,
      status: "pending_payment",
      seatsPurchased: 0,
      seatsUsed: 0,
      createdAt: now,
      updatedAt: now,
    });
    // The contact administers the organization (a user record is created for them if new).
    const existing = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", contactEmail)).unique();
    if (existing?.organizationId) throw appError("INVALID_INPUT", `${contactEmail} already belongs to another organization.`);
    const contactId =
      existing?._id ??
      (await ctx.db.insert("users", {
        email: contactEmail,
        name: contactName,
        role: "org_admin",
        emailNotifications: true,
        smsNotifications: false,
        createdAt: now,
        updatedAt: now,
      }));
    await ctx.db.patch("users", contactId, {
      organizationId,
      company: name,
      ...(existing && existing.role === "individual" ? { role: "org_admin" as const } : {}),
    });
    await ctx.db.insert("organizationManagers", {
      userId: contactId,
      organizationId,
      role: "admin",
      permissions: [...MANAGER_PERMISSIONS],
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    const purchaseId = await ctx.db.insert("seatPurchases", {
      organizationId,
      courseId: course._id,
      seats: args.seats,
      unitAmountCents: course.priceB2B,
      amountCents: course.priceB2B * args.seats,
      status: "creating",
      requestedById: ctx.viewer._id,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.scheduler.runAfter(0, internal.billing.createSeatInvoice, { purchaseId });
    if (args.requestId) {
      await ctx.db.patch("contactSubmissions", args.requestId, { status: "converted", organizationId, updatedAt: now });
    }
    await audit(ctx, organizationId, "organization_created", { actorId: ctx.viewer._id, details: `${args.seats} seats · ${course.title}` });
    return organizationId;
  },
});

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
    await audit(ctx, organizationId, approve ? "domain_approved" : "domain_rejected", { actorId: ctx.viewer._id, details: organization.domain });
    return null;
  },
});

export const dismissRequest = platformAdminMutation({
  args: { requestId: v.id("contactSubmissions"), spam: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { requestId, spam }) => {
    await ctx.db.patch("contactSubmissions", requestId, { status: spam ? "spam" : "contacted", updatedAt: Date.now() });
    return null;
  },
});
