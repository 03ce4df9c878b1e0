/**
 * What a learner is told when someone else gives them a seat, moves it or takes it back — an organization's console,
 * an enrollment code they redeemed — in the app and by email with the cohort's calendar file (a move's file cancels
 * the old sessions and adds the new ones; a removal's cancels them). No amounts: these seats were not bought by the
 * learner, so receipts stay with payments (payments/checkout.ts).
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { notifyUsers } from "../../notifications/model/notify";
import { dateRange, joinCalendar, leaveCalendar, moveCalendar } from "./operations";

type Placement = { cohort: Doc<"cohorts">; course: Doc<"courses"> };

async function loadPlacement(ctx: MutationCtx, cohortId: Doc<"cohorts">["_id"]): Promise<Placement | null> {
  const cohort = await ctx.db.get("cohorts", cohortId);
  const course = cohort ? await ctx.db.get("courses", cohort.courseId) : null;
  return cohort && course ? { cohort, course } : null;
}

/** "You're enrolled": `placedBy` finishes "… placed you in" (e.g. "Acme Corporation", "Your code WELCOME24"). */
export async function tellEnrolled(
  ctx: MutationCtx,
  user: Doc<"users">,
  cohortId: Doc<"cohorts">["_id"],
  placedBy: string,
) {
  const placement = await loadPlacement(ctx, cohortId);
  if (placement === null) return;
  const { cohort, course } = placement;
  const dates = dateRange(cohort);
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: `You're enrolled in ${course.title}`,
      body: `${placedBy} placed you in ${cohort.name}, ${dates}. Your schedule is on your learning page.`,
      url: "/learn",
    },
    {
      subject: `You're enrolled in ${course.title}`,
      heading: `You're enrolled in ${course.title}`,
      lines: [
        `${placedBy} placed you in ${course.title} — ${cohort.name}, ${dates}. There is nothing to pay.`,
        "The attached calendar file holds every live session; add it to your calendar.",
        "Your schedule and materials are on your learning page.",
      ],
      actionLabel: "Open my schedule",
      calendar: await joinCalendar(ctx, course, cohort),
    },
  );
}

/** New dates: the calendar file cancels the sessions of `fromCohortId` and adds those of `toCohortId`. */
export async function tellMoved(
  ctx: MutationCtx,
  user: Doc<"users">,
  fromCohortId: Doc<"cohorts">["_id"],
  toCohortId: Doc<"cohorts">["_id"],
  movedBy: string,
) {
  const from = await loadPlacement(ctx, fromCohortId);
  const to = await loadPlacement(ctx, toCohortId);
  if (from === null || to === null) return;
  const { cohort: target, course } = to;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "session_changes",
      title: `Your ${course.title} dates changed`,
      body: `${movedBy} moved you from ${from.cohort.name} to ${target.name}, ${dateRange(target)}.`,
      url: "/learn",
    },
    {
      subject: `New dates for ${course.title}`,
      heading: `New dates for ${course.title}`,
      lines: [
        `${movedBy} moved your seat from ${from.cohort.name} to ${target.name}, ${dateRange(target)}.`,
        "The attached calendar file removes the old sessions and adds the new ones.",
      ],
      actionLabel: "Open my schedule",
      calendar: await moveCalendar(ctx, course, from.cohort, target),
    },
  );
}

/** Taken out of a cohort: the calendar file removes its sessions. */
export async function tellUnassigned(
  ctx: MutationCtx,
  user: Doc<"users">,
  cohortId: Doc<"cohorts">["_id"],
  removedBy: string,
) {
  const placement = await loadPlacement(ctx, cohortId);
  if (placement === null) return;
  const { cohort, course } = placement;
  await notifyUsers(
    ctx,
    [user],
    {
      category: "account",
      title: `You are no longer in ${cohort.name}`,
      body: `${removedBy} took you out of ${course.title} — ${cohort.name}.`,
      url: "/learn",
    },
    {
      subject: `Your place in ${course.title} — ${cohort.name}`,
      heading: `You are no longer in ${cohort.name}`,
      lines: [
        `${removedBy} took you out of ${course.title} — ${cohort.name}.`,
        "The attached calendar file removes its sessions from your calendar. Ask your administrator about other dates.",
      ],
      actionLabel: "Open my learning page",
      calendar: await leaveCalendar(ctx, course, cohort),
    },
  );
}
