/** Every organization on the academy, and creating one (platform admins). */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { appError } from "../errors";
import { platformAdminMutation, platformAdminQuery } from "../functions";
import { boundedText, optionalText, TEXT_LIMITS } from "../limits";
import { audit, normalizeDomain } from "./model/membership";
import { createPrivateCohort } from "./model/privateCohorts";
import { nameFromEmail, normalizeEmail } from "../users/model/accounts";
import { vDomainStatus, vOrganizationStatus, vPrivateCohortPlan, MANAGER_PERMISSIONS } from "../validators";

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

/**
 * Creates an organization (optionally from a team request, and with a private
 * cohort): the contact becomes its administrator and Stripe sends the first
 * seat invoice. A converted request is marked converted and linked to both.
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
    /** A private cohort planned for the organization at once (e.g. when converting a "Buy for my team" request). */
    privateCohort: v.optional(vPrivateCohortPlan),
  },
  returns: v.id("organizations"),
  handler: async (ctx, args) => {
    const name = boundedText(args.name, "the organization's name", TEXT_LIMITS.name, { min: 2 });
    const domain = normalizeDomain(boundedText(args.domain, "the domain", TEXT_LIMITS.email));
    const contactEmail = normalizeEmail(
      boundedText(args.contactEmail, "the contact's email address", TEXT_LIMITS.email),
    );
    const contactName =
      optionalText(args.contactName, "the contact's name", TEXT_LIMITS.name) ?? nameFromEmail(contactEmail);
    if (!Number.isInteger(args.seats) || args.seats < 1 || args.seats > 1000)
      throw appError("INVALID_INPUT", "Order between 1 and 1000 seats.");
    if (args.requestId) {
      const request = await ctx.db.get("contactSubmissions", args.requestId);
      if (request === null || request.status !== "pending") {
        throw appError("INVALID_INPUT", "This request was already handled: refresh the page.");
      }
    }
    const course = await ctx.db.get("courses", args.courseId);
    if (course === null || course.status !== "published") throw appError("NOT_FOUND", "This course is not on sale.");
    if (
      (await ctx.db
        .query("organizations")
        .withIndex("by_domain", (q) => q.eq("domain", domain))
        .first()) !== null
    ) {
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
    const existing = await ctx.db
      .query("users")
      .withIndex("by_email", (q) => q.eq("email", contactEmail))
      .unique();
    if (existing?.organizationId)
      throw appError("INVALID_INPUT", `${contactEmail} already belongs to another organization.`);
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
    await ctx.scheduler.runAfter(0, internal.payments.seatInvoices.createSeatInvoice, { purchaseId });
    await audit(ctx, organizationId, "organization_created", {
      actorId: ctx.viewer._id,
      details: `${args.seats} seats · ${course.title}`,
    });
    const cohortId = args.privateCohort
      ? await createPrivateCohort(
          ctx,
          ctx.viewer,
          (await ctx.db.get("organizations", organizationId))!,
          args.privateCohort,
        )
      : undefined;
    if (args.requestId) {
      await ctx.db.patch("contactSubmissions", args.requestId, {
        status: "converted",
        organizationId,
        ...(cohortId ? { cohortId } : {}),
        updatedAt: now,
      });
    }
    return organizationId;
  },
});
