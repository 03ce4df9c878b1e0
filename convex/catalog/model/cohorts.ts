import { v } from "convex/values";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { boundedText, optionalText, TEXT_LIMITS } from "../../limits";
import { requireUserByEmail } from "../../users/model/accounts";
import { vCohortStatus } from "../../validators";

const DAY = 86_400_000;

/** Seats a cohort has left (never below zero, even if capacity was lowered under the seats taken). */
export function seatsLeft(cohort: Pick<Doc<"cohorts">, "maxCapacity" | "currentEnrollment">) {
  return Math.max(0, cohort.maxCapacity - cohort.currentEnrollment);
}

/**
 * Checks a cohort's plan as an admin typed it — name, dates (at most 180 days), a known timezone, capacity 1–1000,
 * waitlist offer hours 1–168 — and returns the trimmed name; throws INVALID_INPUT with what to fix.
 */
export function checkCohortPlan(fields: {
  name: string;
  startDate: number;
  endDate: number;
  timezone: string;
  maxCapacity: number;
  waitlistOfferHours?: number;
}) {
  if (
    fields.waitlistOfferHours !== undefined &&
    (!Number.isInteger(fields.waitlistOfferHours) || fields.waitlistOfferHours < 1 || fields.waitlistOfferHours > 168)
  ) {
    throw appError("INVALID_INPUT", "Waitlist offers can last between 1 and 168 hours.");
  }
  const name = boundedText(fields.name, "the cohort's name", TEXT_LIMITS.name, { min: 3 });
  if (!Number.isFinite(fields.startDate) || !Number.isFinite(fields.endDate))
    throw appError("INVALID_INPUT", "Choose the cohort's start and end dates.");
  if (fields.endDate < fields.startDate) throw appError("INVALID_INPUT", "The cohort must end after it starts.");
  if (fields.endDate - fields.startDate > 180 * DAY)
    throw appError("INVALID_INPUT", "A cohort can run for at most 180 days.");
  if (!Intl.supportedValuesOf("timeZone").includes(fields.timezone) && fields.timezone !== "UTC") {
    throw appError("INVALID_INPUT", `"${fields.timezone}" is not a known timezone (use names like Europe/Berlin).`);
  }
  if (!Number.isInteger(fields.maxCapacity) || fields.maxCapacity < 1 || fields.maxCapacity > 1000) {
    throw appError("INVALID_INPUT", "Capacity must be between 1 and 1000.");
  }
  return { name };
}

/** The cohort's meeting link (https only) and instructor (an existing account, found by email). */
export async function cohortStaffing(ctx: QueryCtx, rawZoomLink?: string, rawInstructorEmail?: string) {
  const zoomLink = optionalText(rawZoomLink, "the meeting link", TEXT_LIMITS.url);
  if (zoomLink && !/^https:\/\//.test(zoomLink))
    throw appError("INVALID_INPUT", "The meeting link must start with https://.");
  let instructorId: Id<"users"> | undefined;
  const instructor = optionalText(rawInstructorEmail, "the instructor's email address", TEXT_LIMITS.email);
  if (instructor) instructorId = (await requireUserByEmail(ctx, instructor))._id;
  return { zoomLink, instructorId };
}

/** A cohort as admin and instructor lists show it. */
export const vCohortRow = v.object({
  _id: v.id("cohorts"),
  name: v.string(),
  courseTitle: v.string(),
  startDate: v.number(),
  endDate: v.number(),
  status: vCohortStatus,
  currentEnrollment: v.number(),
  maxCapacity: v.number(),
  isB2B: v.boolean(),
});

/** Rows for a list of cohorts, with their course titles. */
export async function cohortRows(ctx: QueryCtx, cohorts: Doc<"cohorts">[]) {
  const rows = [];
  for (const cohort of cohorts) {
    const course = await ctx.db.get("courses", cohort.courseId);
    rows.push({
      _id: cohort._id,
      name: cohort.name,
      courseTitle: course?.title ?? "Unknown course",
      startDate: cohort.startDate,
      endDate: cohort.endDate,
      status: cohort.status,
      currentEnrollment: cohort.currentEnrollment,
      maxCapacity: cohort.maxCapacity,
      isB2B: cohort.isB2B,
    });
  }
  return rows;
}
