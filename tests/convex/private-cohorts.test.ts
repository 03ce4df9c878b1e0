/**
 * #18 Private company cohorts: a platform admin plans a cohort for one organization (from its admin page or when
 * converting a "Buy for my team" request). The public never sees it; only that organization's console lists it and
 * places members in it, each taking a cohort seat with the organization seat they hold.
 */
import { describe, expect, test } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { PrivateCohortPlan } from "../../convex/validators";
import { as, cohortState, useStripeTestEnvironment } from "./checkout-helpers";
import { addPlatformAdmin, insertFirstDaySession } from "./fixtures";
import { expectAppError, newTest } from "./helpers";
import { mailTo } from "./inbox";
import { addUser, inviteToken, seatInvariant, seedOrg } from "./org-helpers";

useStripeTestEnvironment();

const DAY = 86_400_000;

function plan(courseId: Id<"courses">, overrides: Partial<PrivateCohortPlan> = {}): PrivateCohortPlan {
  return {
    courseId,
    name: "Acme · spring cohort",
    startDate: Date.now() + 30 * DAY,
    endDate: Date.now() + 32 * DAY,
    timezone: "Europe/Berlin",
    maxCapacity: 2,
    ...overrides,
  };
}

/**
 * Acme (3 seats; ada and bob hold one, cy does not) with a private cohort planned by a platform admin, and Globex
 * (its own admin) next to it. The course also has the public December cohort seedOrg creates.
 */
export async function privateWorld() {
  const t = newTest();
  const acme = await seedOrg(t, { seats: 3 });
  const opsId = await addPlatformAdmin(t);
  const ops = as(t, opsId);
  const globex = await t.run(async (ctx) =>
    ctx.db.insert("organizations", {
      name: "Globex",
      domain: "globex.com",
      contactEmail: "admin@globex.com",
      contactName: "Hank",
      status: "active",
      seatsPurchased: 5,
      seatsUsed: 0,
      createdAt: 1,
      updatedAt: 1,
    }),
  );
  const globexAdminId = await addUser(t, "admin@globex.com", { organizationId: globex });
  await t.run(async (ctx) =>
    ctx.db.insert("organizationManagers", {
      userId: globexAdminId,
      organizationId: globex,
      role: "admin",
      permissions: ["view_progress", "manage_team", "manage_enrollments", "send_reminders"],
      isActive: true,
      createdAt: 1,
      updatedAt: 1,
    }),
  );
  const ada = await addUser(t, "ada@acme.com", { organizationId: acme.organizationId, holdsOrgSeat: true });
  const bob = await addUser(t, "bob@acme.com", { organizationId: acme.organizationId, holdsOrgSeat: true });
  const cy = await addUser(t, "cy@acme.com", { organizationId: acme.organizationId });
  await t.run(async (ctx) => ctx.db.patch("organizations", acme.organizationId, { seatsUsed: 2 }));
  const privateCohortId = await ops.mutation(api.organizations.privateCohorts.create, {
    organizationId: acme.organizationId,
    plan: plan(acme.courseId),
  });
  // One live session each, so the calendar files have something to add and cancel.
  await t.run(async (ctx) => {
    await insertFirstDaySession(ctx, acme.cohortId, "Public day 1");
    await insertFirstDaySession(ctx, privateCohortId, "Private day 1");
  });
  return {
    t,
    ops,
    ...acme,
    publicCohortId: acme.cohortId,
    privateCohortId,
    admin: as(t, acme.adminId),
    globex,
    globexAdmin: as(t, globexAdminId),
    people: { ada, bob, cy },
  };
}

describe("#18 private cohorts: planning", () => {
  test("#18 private cohorts are created open, private to their organization, audited, and listed on its admin page", async () => {
    const w = await privateWorld();
    const cohort = await w.t.run(async (ctx) => (await ctx.db.get("cohorts", w.privateCohortId))!);
    expect(cohort).toMatchObject({
      isB2B: true,
      organizationId: w.organizationId,
      status: "open",
      maxCapacity: 2,
      currentEnrollment: 0,
      timezone: "Europe/Berlin",
      name: "Acme · spring cohort",
    });
    const page = await w.ops.query(api.organizations.privateCohorts.forOrganization, {
      organizationId: w.organizationId,
    });
    expect(page?.cohorts.map((c) => c._id)).toEqual([w.privateCohortId]);
    expect(
      (await w.ops.query(api.organizations.privateCohorts.forOrganization, { organizationId: w.globex }))?.cohorts,
    ).toEqual([]);
    // The admin cohort page names (and links) the organization.
    expect(await w.ops.query(api.catalog.cohorts.get, { cohortId: w.privateCohortId })).toMatchObject({
      isB2B: true,
      organization: { _id: w.organizationId, name: "Acme" },
    });
    expect((await w.ops.query(api.catalog.cohorts.get, { cohortId: w.publicCohortId }))?.organization).toBeNull();
    const log = await w.t.run(async (ctx) => ctx.db.query("organizationAuditLog").collect());
    expect(log).toContainEqual(
      expect.objectContaining({ action: "private_cohort_created", cohortId: w.privateCohortId }),
    );
  });

  test("#18 private cohorts refuse a plan that cannot run: past start, end before start, unknown zone, capacity 0, unknown instructor", async () => {
    const w = await privateWorld();
    const create = (overrides: Partial<PrivateCohortPlan>) =>
      w.ops.mutation(api.organizations.privateCohorts.create, {
        organizationId: w.organizationId,
        plan: plan(w.courseId, overrides),
      });
    expect(await expectAppError(create({ startDate: Date.now() - DAY }), "INVALID_INPUT")).toMatch(/future/);
    expect(await expectAppError(create({ endDate: Date.now() + DAY }), "INVALID_INPUT")).toMatch(/end after/);
    expect(await expectAppError(create({ timezone: "Mars/Olympus" }), "INVALID_INPUT")).toMatch(/timezone/);
    expect(await expectAppError(create({ maxCapacity: 0 }), "INVALID_INPUT")).toMatch(/Capacity/);
    await expectAppError(create({ instructorEmail: "nobody@nowhere.test" }), "NOT_FOUND");
  });

  test("#18 private cohorts: converting a team request creates the organization with its cohort and links both to the request", async () => {
    const w = await privateWorld();
    const requestId = await w.t.run(async (ctx) =>
      ctx.db.insert("contactSubmissions", {
        name: "Dana",
        email: "dana@initech.test",
        company: "Initech",
        teamSize: "12",
        message: "Twelve analysts",
        status: "pending",
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    const organizationId = await w.ops.mutation(api.organizations.directory.create, {
      name: "Initech",
      domain: "initech.test",
      contactName: "Dana",
      contactEmail: "dana@initech.test",
      courseId: w.courseId,
      seats: 12,
      requestId,
      privateCohort: plan(w.courseId, { name: "Initech · analysts", maxCapacity: 12 }),
    });
    const request = await w.t.run(async (ctx) => (await ctx.db.get("contactSubmissions", requestId))!);
    expect(request).toMatchObject({ status: "converted", organizationId });
    const cohort = await w.t.run(async (ctx) => (await ctx.db.get("cohorts", request.cohortId!))!);
    expect(cohort).toMatchObject({ isB2B: true, organizationId, name: "Initech · analysts", maxCapacity: 12 });
    expect(await w.ops.query(api.organizations.teamRequests.list, {})).toEqual([]);
    // A handled request cannot be converted a second time.
    await expectAppError(
      w.ops.mutation(api.organizations.directory.create, {
        name: "Initech 2",
        domain: "initech2.test",
        contactName: "Dana",
        contactEmail: "dana2@initech.test",
        courseId: w.courseId,
        seats: 1,
        requestId,
      }),
      "INVALID_INPUT",
    );
  });
});

describe("#18 private cohorts: invisible to the public", () => {
  test("#18 private cohorts are invisible in the catalog, course page, cohort page and sitemap (the public cohort is there)", async () => {
    const w = await privateWorld();
    const slug = await w.t.run(async (ctx) => (await ctx.db.get("courses", w.courseId))!.slug);
    const anonymous = w.t;
    const surfaces = {
      catalog: await anonymous.query(api.catalog.browse.listCourses, {}),
      coursePage: await anonymous.query(api.catalog.browse.getCourse, { slug }),
      sitemap: await anonymous.query(api.catalog.browse.sitemap, {}),
    };
    for (const [surface, answer] of Object.entries(surfaces)) {
      const text = JSON.stringify(answer);
      expect(text, surface).not.toContain(w.privateCohortId);
      expect(text, surface).not.toContain("Acme · spring cohort");
    }
    expect(JSON.stringify(surfaces.coursePage)).toContain(w.publicCohortId);
    expect(JSON.stringify(surfaces.sitemap)).toContain(w.publicCohortId);
    expect(await anonymous.query(api.catalog.browse.getCohort, { cohortId: w.privateCohortId })).toBeNull();
    expect(await anonymous.query(api.catalog.browse.getCohort, { cohortId: w.publicCohortId })).not.toBeNull();
  });

  test("#18 private cohorts refuse reserve and the waitlist, even for the organization's members", async () => {
    const w = await privateWorld();
    for (const person of [w.people.ada, await addUser(w.t, "someone@example.com")]) {
      const caller = as(w.t, person);
      await expectAppError(
        caller.mutation(api.payments.checkout.reserve, { cohortId: w.privateCohortId }),
        "FORBIDDEN",
      );
      await expectAppError(caller.mutation(api.waitlist.places.join, { cohortId: w.privateCohortId }), "FORBIDDEN");
    }
    expect((await cohortState(w.t, w.privateCohortId)).cohort.currentEnrollment).toBe(0);
  });
});

describe("#18 private cohorts: the organization's console", () => {
  test("#18 private cohorts are visible only in their organization's assignable cohorts", async () => {
    const w = await privateWorld();
    const acme = await w.admin.query(api.organizations.members.assignableCohorts, {
      organizationId: w.organizationId,
    });
    expect(acme).toContainEqual(expect.objectContaining({ _id: w.privateCohortId, isPrivate: true, seatsLeft: 2 }));
    expect(acme).toContainEqual(expect.objectContaining({ _id: w.publicCohortId, isPrivate: false }));
    const globex = await w.globexAdmin.query(api.organizations.members.assignableCohorts, {
      organizationId: w.globex,
    });
    expect(globex.map((c) => c._id)).toContain(w.publicCohortId);
    expect(globex.map((c) => c._id)).not.toContain(w.privateCohortId);
  });

  test("#18 private cohorts: an org admin of another organization cannot see or assign it", async () => {
    const w = await privateWorld();
    const globexMember = await addUser(w.t, "eve@globex.com", { organizationId: w.globex, holdsOrgSeat: true });
    await expectAppError(
      w.globexAdmin.mutation(api.organizations.members.assignCohort, {
        organizationId: w.globex,
        memberId: globexMember,
        cohortId: w.privateCohortId,
      }),
      "NOT_AVAILABLE",
    );
    // Nor through Acme's console: Globex's admin is not one of Acme's managers.
    await expectAppError(
      w.globexAdmin.mutation(api.organizations.members.assignCohort, {
        organizationId: w.organizationId,
        memberId: w.people.ada,
        cohortId: w.privateCohortId,
      }),
      "FORBIDDEN",
    );
    await expectAppError(
      w.globexAdmin.query(api.organizations.members.assignableCohorts, { organizationId: w.organizationId }),
      "FORBIDDEN",
    );
    expect((await cohortState(w.t, w.privateCohortId)).enrollments).toEqual([]);
  });

  test("#18 private cohorts: seats come from the pool — a member needs an org seat, each assignment takes a cohort seat, a full cohort refuses", async () => {
    const w = await privateWorld();
    const assign = (memberId: Id<"users">) =>
      w.admin.mutation(api.organizations.members.assignCohort, {
        organizationId: w.organizationId,
        memberId,
        cohortId: w.privateCohortId,
      });
    expect(await expectAppError(assign(w.people.cy), "INVALID_INPUT")).toMatch(/no seat/);
    const adaEnrollment = await assign(w.people.ada);
    await assign(w.people.bob);
    const state = await cohortState(w.t, w.privateCohortId);
    expect(state.cohort.currentEnrollment).toBe(2);
    expect(state.seatsHeld).toBe(2);
    expect(state.enrollments.find((e) => e._id === adaEnrollment)).toMatchObject({
      paymentType: "b2b",
      paymentStatus: "completed",
      seatHeld: true,
    });
    // cy gets the last org seat, but the private cohort's two places are taken.
    await w.admin.mutation(api.organizations.members.grantSeat, {
      organizationId: w.organizationId,
      memberId: w.people.cy,
    });
    await expectAppError(assign(w.people.cy), "COHORT_FULL");
    const { organization } = await seatInvariant(w.t, w.organizationId);
    expect(organization.seatsUsed).toBe(3);
    expect((await cohortState(w.t, w.privateCohortId)).cohort.currentEnrollment).toBe(2);
  });
});

describe("#18 private cohorts: members are told, with the calendar file", () => {
  test("#18 private cohorts: a member assigned from the console gets “You're enrolled” with the cohort's calendar, no amount", async () => {
    const w = await privateWorld();
    await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.ada,
      cohortId: w.privateCohortId,
    });
    const mail = await mailTo(w.t, "ada@acme.com");
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("You're enrolled in AI Enablement Intensive");
    expect(mail[0].text).toContain("Acme placed you in AI Enablement Intensive — Acme · spring cohort");
    expect(mail[0].text).not.toMatch(/\$|€|receipt/i);
    expect(mail[0].attachments?.[0].filename).toBe("intensive.ics");
    const ics = mail[0].attachments![0].content;
    expect(ics).toContain("SUMMARY:AI Enablement Intensive: Private day 1");
    expect(ics).not.toContain("STATUS:CANCELLED");
    const notes = await w.t.run(async (ctx) => ctx.db.query("notifications").collect());
    expect(notes.filter((n) => n.userId === w.people.ada).map((n) => n.title)).toEqual([
      "You're enrolled in AI Enablement Intensive",
    ]);
  });

  test("#18 private cohorts: a member moved from the console gets new dates whose calendar cancels the old sessions and adds the new", async () => {
    const w = await privateWorld();
    const enrollmentId = await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.bob,
      cohortId: w.publicCohortId,
    });
    await w.admin.mutation(api.organizations.members.moveCohort, {
      organizationId: w.organizationId,
      enrollmentId,
      toCohortId: w.privateCohortId,
    });
    const mail = await mailTo(w.t, "bob@acme.com");
    expect(mail.map((m) => m.subject)).toEqual([
      "You're enrolled in AI Enablement Intensive",
      "New dates for AI Enablement Intensive",
    ]);
    const ics = mail[1].attachments![0].content;
    expect(ics).toMatch(/STATUS:CANCELLED[\s\S]*Public day 1|Public day 1[\s\S]*STATUS:CANCELLED/);
    expect(ics.match(/STATUS:CANCELLED/g)).toHaveLength(1);
    expect(ics.match(/STATUS:CONFIRMED/g)).toHaveLength(1);
    expect(ics).toContain("Private day 1");
    expect((await cohortState(w.t, w.publicCohortId)).cohort.currentEnrollment).toBe(0);
    expect((await cohortState(w.t, w.privateCohortId)).cohort.currentEnrollment).toBe(1);
  });
});

async function addTeamManager(w: Awaited<ReturnType<typeof privateWorld>>) {
  const teamId = await w.admin.mutation(api.organizations.teams.create, {
    organizationId: w.organizationId,
    name: "Sales",
  });
  await w.admin.mutation(api.organizations.teams.setMember, {
    organizationId: w.organizationId,
    teamId,
    memberId: w.people.ada,
    teamRole: "member",
  });
  const samId = await addUser(w.t, "sam@acme.com", { organizationId: w.organizationId });
  await w.t.run(async (ctx) =>
    ctx.db.insert("organizationManagers", {
      userId: samId,
      organizationId: w.organizationId,
      role: "manager",
      permissions: ["view_progress", "manage_team", "manage_enrollments", "send_reminders"],
      teamIds: [teamId],
      isActive: true,
      createdAt: 1,
      updatedAt: 1,
    }),
  );
  return as(w.t, samId);
}

describe("#18 private cohorts: invitations", () => {
  test("#18 private cohorts: an invitation into the private cohort enrolls on acceptance and emails “You're enrolled” with the calendar", async () => {
    const w = await privateWorld();
    await w.admin.mutation(api.organizations.invites.create, {
      organizationId: w.organizationId,
      email: "newcomer@acme.com",
      cohortId: w.privateCohortId,
    });
    const token = await inviteToken(w.t, "newcomer@acme.com");
    const newcomer = await addUser(w.t, "newcomer@acme.com");
    const accepted = await as(w.t, newcomer).mutation(api.organizations.invites.accept, { token });
    expect(accepted.enrolledCohortId).toBe(w.privateCohortId);
    expect((await cohortState(w.t, w.privateCohortId)).cohort.currentEnrollment).toBe(1);
    const mail = await mailTo(w.t, "newcomer@acme.com");
    const enrolled = mail.filter((m) => m.subject === "You're enrolled in AI Enablement Intensive");
    expect(enrolled).toHaveLength(1);
    expect(enrolled[0].attachments![0].content).toContain("Private day 1");
  });
});

describe("#18 private cohorts: unassign and grant seat from the console", () => {
  test("#18 private cohorts: unassign frees the cohort seat, the member keeps their org seat and is emailed a calendar that cancels the sessions", async () => {
    const w = await privateWorld();
    const enrollmentId = await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.ada,
      cohortId: w.privateCohortId,
    });
    const listed = await w.admin.query(api.organizations.members.list, {
      organizationId: w.organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    // The console offers "Take out of …" only for what the organization placed.
    expect(listed.page.find((m) => m._id === w.people.ada)?.enrollments).toEqual([
      expect.objectContaining({ enrollmentId, cohortName: "Acme · spring cohort", placedByOrganization: true }),
    ]);
    await w.admin.mutation(api.organizations.members.unassignCohort, {
      organizationId: w.organizationId,
      enrollmentId,
    });
    const state = await cohortState(w.t, w.privateCohortId);
    expect(state.cohort.currentEnrollment).toBe(0);
    expect(state.enrollments[0]).toMatchObject({
      seatHeld: false,
      paymentStatus: "failed",
      failureReason: "cancelled",
    });
    const { organization } = await seatInvariant(w.t, w.organizationId);
    expect(organization.seatsUsed).toBe(2);
    expect(await w.t.run(async (ctx) => (await ctx.db.get("users", w.people.ada))!.holdsOrgSeat)).toBe(true);
    const mail = await mailTo(w.t, "ada@acme.com");
    expect(mail.map((m) => m.subject)).toEqual([
      "You're enrolled in AI Enablement Intensive",
      "Your place in AI Enablement Intensive — Acme · spring cohort",
    ]);
    expect(mail[1].attachments![0].content).toContain("STATUS:CANCELLED");
    // Her seat can go to other dates at once.
    await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.ada,
      cohortId: w.publicCohortId,
    });
    expect((await cohortState(w.t, w.publicCohortId)).cohort.currentEnrollment).toBe(1);
  });

  test("#18 private cohorts: unassigning from a full public cohort offers the seat to its waitlist", async () => {
    const w = await privateWorld();
    const enrollmentId = await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.bob,
      cohortId: w.publicCohortId,
    });
    await w.t.run(async (ctx) => ctx.db.patch("cohorts", w.publicCohortId, { maxCapacity: 1 }));
    const waiting = await addUser(w.t, "wendy@example.com");
    const entryId = await as(w.t, waiting).mutation(api.waitlist.places.join, { cohortId: w.publicCohortId });
    await w.admin.mutation(api.organizations.members.unassignCohort, {
      organizationId: w.organizationId,
      enrollmentId,
    });
    expect(await w.t.run(async (ctx) => (await ctx.db.get("waitlist", entryId))!.status)).toBe("offered");
    // The offer holds the freed seat.
    expect((await cohortState(w.t, w.publicCohortId)).cohort.currentEnrollment).toBe(1);
  });

  test("#18 private cohorts: grant seat gives a free seat from the pool, and says so when none is left", async () => {
    const w = await privateWorld();
    await w.admin.mutation(api.organizations.members.grantSeat, {
      organizationId: w.organizationId,
      memberId: w.people.cy,
    });
    expect(await w.t.run(async (ctx) => (await ctx.db.get("users", w.people.cy))!.holdsOrgSeat)).toBe(true);
    expect((await seatInvariant(w.t, w.organizationId)).organization.seatsUsed).toBe(3);
    const dee = await addUser(w.t, "dee@acme.com", { organizationId: w.organizationId });
    expect(
      await expectAppError(
        w.admin.mutation(api.organizations.members.grantSeat, { organizationId: w.organizationId, memberId: dee }),
        "NO_SEATS_LEFT",
      ),
    ).toMatch(/All 3 of Acme's seats are taken/);
    await seatInvariant(w.t, w.organizationId);
  });

  test("#18 private cohorts: unassign and grant seat refuse people outside the caller's scope (a team manager, another organization's admin)", async () => {
    const w = await privateWorld();
    const sam = await addTeamManager(w);
    const bobEnrollment = await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.bob,
      cohortId: w.privateCohortId,
    });
    const adaEnrollment = await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.ada,
      cohortId: w.privateCohortId,
    });
    // Sam manages Sales (ada), not bob or cy.
    await expectAppError(
      sam.mutation(api.organizations.members.unassignCohort, {
        organizationId: w.organizationId,
        enrollmentId: bobEnrollment,
      }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      sam.mutation(api.organizations.members.grantSeat, { organizationId: w.organizationId, memberId: w.people.cy }),
      "OUTSIDE_TEAM_SCOPE",
    );
    await expectAppError(
      w.globexAdmin.mutation(api.organizations.members.unassignCohort, {
        organizationId: w.organizationId,
        enrollmentId: adaEnrollment,
      }),
      "FORBIDDEN",
    );
    await expectAppError(
      w.globexAdmin.mutation(api.organizations.members.grantSeat, { organizationId: w.globex, memberId: w.people.cy }),
      "NOT_FOUND",
    );
    expect((await cohortState(w.t, w.privateCohortId)).cohort.currentEnrollment).toBe(2);
    expect(await w.t.run(async (ctx) => (await ctx.db.get("users", w.people.cy))!.holdsOrgSeat)).toBeFalsy();
    // Within his team, Sam may.
    await sam.mutation(api.organizations.members.unassignCohort, {
      organizationId: w.organizationId,
      enrollmentId: adaEnrollment,
    });
    expect((await cohortState(w.t, w.privateCohortId)).cohort.currentEnrollment).toBe(1);
  });
});

describe("#18 private cohorts: the console leaves finished and cancelled cohorts alone", () => {
  test("a finished cohort's enrollments are the members' record: not taken out, not moved; a cancelled one's neither", async () => {
    const w = await privateWorld();
    const { ada, bob } = w.people;
    const assign = (memberId: Id<"users">) =>
      w.admin.mutation(api.organizations.members.assignCohort, {
        organizationId: w.organizationId,
        memberId,
        cohortId: w.privateCohortId,
      });
    const [adaEnrollment, bobEnrollment] = [await assign(ada), await assign(bob)];
    await w.t.run(async (ctx) => ctx.db.patch("cohorts", w.privateCohortId, { status: "completed" }));
    const message = await expectAppError(
      w.admin.mutation(api.organizations.members.unassignCohort, {
        organizationId: w.organizationId,
        enrollmentId: adaEnrollment,
      }),
      "COHORT_NOT_OPEN",
    );
    expect(message).toMatch(/finished/);
    await expectAppError(
      w.admin.mutation(api.organizations.members.moveCohort, {
        organizationId: w.organizationId,
        enrollmentId: bobEnrollment,
        toCohortId: w.publicCohortId,
      }),
      "COHORT_NOT_OPEN",
    );
    await w.t.run(async (ctx) => ctx.db.patch("cohorts", w.privateCohortId, { status: "cancelled" }));
    await expectAppError(
      w.admin.mutation(api.organizations.members.unassignCohort, {
        organizationId: w.organizationId,
        enrollmentId: adaEnrollment,
      }),
      "COHORT_NOT_OPEN",
    );
    const after = await w.t.run(async (ctx) => ({
      cohort: (await ctx.db.get("cohorts", w.privateCohortId))!.currentEnrollment,
      ada: (await ctx.db.get("enrollments", adaEnrollment))!,
      bob: (await ctx.db.get("enrollments", bobEnrollment))!,
    }));
    expect(after.cohort).toBe(2);
    expect(after.ada.paymentStatus).toBe("completed");
    expect(after.bob.cohortId).toBe(w.privateCohortId);
  });

  test("a suspended organization cannot move its members between cohorts", async () => {
    const w = await privateWorld();
    const enrollmentId = await w.admin.mutation(api.organizations.members.assignCohort, {
      organizationId: w.organizationId,
      memberId: w.people.ada,
      cohortId: w.privateCohortId,
    });
    await w.t.run(async (ctx) => ctx.db.patch("organizations", w.organizationId, { status: "suspended" }));
    await expectAppError(
      w.admin.mutation(api.organizations.members.moveCohort, {
        organizationId: w.organizationId,
        enrollmentId,
        toCohortId: w.publicCohortId,
      }),
      "NOT_AVAILABLE",
    );
  });
});
