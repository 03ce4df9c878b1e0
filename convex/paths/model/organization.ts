/**
 * An organization covers a learning path for its members: an administrator (or a manager with "manage_enrollments")
 * enrolls a member or a whole team in scope. Each enrolled member holds one of the organization's seats — a member
 * without one takes one from the pool (refused when none is left, or when the caller may not hand out seats) — and
 * their steps then include a seat in each course, taken as the steps open (b2b, no payment).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { type OrgAccess, memberActionRefusal } from "../../access";
import { appError } from "../../errors";
import { audit, joinOrganization, requireActive } from "../../organizations/model/membership";
import { enrollInPath } from "./enroll";
import { currentPathEnrollment } from "./purchase";

/** A published path an organization can enroll its members in. */
export async function requirePublishedPath(ctx: MutationCtx, pathId: Id<"learningPaths">) {
  const path = await ctx.db.get("learningPaths", pathId);
  if (path === null || !path.isActive) throw appError("NOT_FOUND", "This learning path is not available.");
  return path;
}

/**
 * Enrolls one member the caller may enroll (the person builders checked scope and the "enroll" rule) in the path,
 * paid by the organization; returns the path enrollment.
 */
export async function enrollMemberInPath(
  ctx: MutationCtx,
  access: OrgAccess,
  member: Doc<"users">,
  path: Doc<"learningPaths">,
  isManager: boolean,
) {
  const { organization, viewer } = access;
  requireActive(organization);
  if (await currentPathEnrollment(ctx, member._id, path._id)) {
    throw appError("ALREADY_IN_PATH", `${member.name} already follows the ${path.title}.`);
  }
  if (!member.holdsOrgSeat) {
    // Taking a seat from the pool is the membership rule's to allow.
    const refusal = memberActionRefusal(access, "manage_membership", {
      name: member.name,
      inScope: true,
      isManager,
    });
    if (refusal) {
      throw appError(
        refusal.data.code,
        `${member.name} has no seat, and your role cannot give one. Ask an administrator to give them a seat.`,
      );
    }
    await joinOrganization(ctx, organization._id, member);
  }
  const pathEnrollmentId = await enrollInPath(ctx, member, path, {
    paymentType: "organization",
    organizationId: organization._id,
    enrolledById: viewer._id,
    givenBy: organization.name,
  });
  await audit(ctx, organization._id, "path_enrolled", {
    actorId: viewer._id,
    subjectUserId: member._id,
    details: path.title,
  });
  return pathEnrollmentId;
}
