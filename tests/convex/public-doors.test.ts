/** Anonymous forms are limited by what the caller cannot choose, and stored free text is bounded. */
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import { networkOf, rateLimiter } from "../../convex/rateLimits";
import { as, seedCohort, useStripeTestEnvironment, type T } from "./checkout-helpers";
import { cohortSessionRow, outlineSessionRow, platformAdminRow } from "./fixtures";
import { authEnv, expectAppError, newTest } from "./helpers";

useStripeTestEnvironment();
const HOUR = 3_600_000;

const teamRequest = (i: number) => ({
  name: "Dana Buyer",
  email: `buyer${i}@corp${i}.example`,
  company: "Corp Inc.",
  teamSize: "25",
});
const requests = (t: T) => t.run(async (ctx) => ctx.db.query("contactSubmissions").collect());

describe("'Buy for my team' requests", () => {
  test("#15.14 are limited per client network, whatever email is typed, and all together under a global ceiling", async () => {
    const t = newTest();
    const from = (ip: string) => t.withRequestMetadata({ ip });
    for (let i = 0; i < 3; i++)
      await from("203.0.113.7").mutation(api.organizations.teamRequests.submit, teamRequest(i));
    // A fresh email address does not buy a fresh allowance.
    const message = await expectAppError(
      from("203.0.113.7").mutation(api.organizations.teamRequests.submit, teamRequest(99)),
      "RATE_LIMITED",
    );
    expect(message).toMatch(/^Too many requests from your network\. Try again in \d+ minutes?\.$/);

    // Addresses of one IPv6 /64 are one network.
    for (let i = 1; i <= 3; i++)
      await from(`2001:db8:1:2::${i}`).mutation(api.organizations.teamRequests.submit, teamRequest(10 + i));
    await expectAppError(
      from("2001:db8:1:2:ffff::9").mutation(api.organizations.teamRequests.submit, teamRequest(20)),
      "RATE_LIMITED",
    );

    // Other networks are not affected, up to the global ceiling of 30 an hour.
    for (let i = 0; i < 24; i++)
      await from(`198.51.100.${i + 1}`).mutation(api.organizations.teamRequests.submit, teamRequest(100 + i));
    expect(await requests(t)).toHaveLength(30);
    const ceiling = await expectAppError(
      from("192.0.2.200").mutation(api.organizations.teamRequests.submit, teamRequest(200)),
      "RATE_LIMITED",
    );
    expect(ceiling).toMatch(/team requests right now/);
    expect(await requests(t)).toHaveLength(30);

    // The limits refill with time.
    vi.setSystemTime(Date.now() + 2 * HOUR);
    await from("203.0.113.7").mutation(api.organizations.teamRequests.submit, teamRequest(300));
    expect(await requests(t)).toHaveLength(31);
  });

  test("#15.14 every field is bounded and stored trimmed; nothing is stored from a refused request", async () => {
    const t = newTest();
    const send = (fields: Partial<ReturnType<typeof teamRequest>> & { message?: string }) =>
      t
        .withRequestMetadata({ ip: "203.0.113.50" })
        .mutation(api.organizations.teamRequests.submit, { ...teamRequest(1), ...fields });
    expect(await expectAppError(send({ name: "N".repeat(121) }), "INVALID_INPUT")).toBe(
      "Your name is too long: at most 120 characters.",
    );
    expect(await expectAppError(send({ company: "C".repeat(121) }), "INVALID_INPUT")).toMatch(
      /company's name is too long/,
    );
    expect(await expectAppError(send({ teamSize: "9".repeat(501) }), "INVALID_INPUT")).toMatch(
      /number of seats is too long/,
    );
    expect(await expectAppError(send({ message: "m".repeat(5_001) }), "INVALID_INPUT")).toBe(
      "Your message is too long: at most 5,000 characters.",
    );
    expect(await expectAppError(send({ email: `${"e".repeat(250)}@corp.example` }), "INVALID_INPUT")).toMatch(
      /email address is too long/,
    );
    await expectAppError(send({ name: " D " }), "INVALID_INPUT");
    expect(await requests(t)).toEqual([]);

    await send({ name: "  Dana Buyer ", company: " Corp Inc. ", teamSize: "  ", message: " We are 25.  " });
    const [stored] = await requests(t);
    expect(stored).toMatchObject({
      name: "Dana Buyer",
      company: "Corp Inc.",
      message: "We are 25.",
      email: "buyer1@corp1.example",
      status: "pending",
    });
    expect(stored.teamSize).toBeUndefined();
  });

  test("rate-limit networks: IPv4 as is, IPv6 by /64, IPv4-mapped IPv6 as IPv4", () => {
    expect(networkOf("203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(networkOf("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(networkOf("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(networkOf("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(networkOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});

describe("free text in schedules, recaps, organizations and the catalogue", () => {
  async function seed(t: T) {
    const { courseId, cohortId } = await seedCohort(t, { buyers: 0, startsInDays: 7 });
    return await t.run(async (ctx) => {
      const now = Date.now();
      const adminId = await ctx.db.insert("users", platformAdminRow());
      const session = (startsAt: number, endsAt: number) =>
        ctx.db.insert("cohortSessions", cohortSessionRow(cohortId, "Clinic", startsAt, endsAt));
      const upcoming = await session(now + 7 * 24 * HOUR, now + 7 * 24 * HOUR + HOUR);
      const past = await session(now - 2 * HOUR, now - HOUR);
      const sessionId = await ctx.db.insert("sessions", outlineSessionRow(courseId));
      return { adminId, courseId, cohortId, upcoming, past, sessionId };
    });
  }

  test("#15.14 an overlong field is refused with INVALID_INPUT naming it, and nothing changes", async () => {
    const t = newTest();
    const { adminId, courseId, cohortId, upcoming, past, sessionId } = await seed(t);
    const admin = as(t, adminId);
    const long = (n: number) => "x".repeat(n + 1);
    const https = (n: number) => `https://example.com/${"p".repeat(n)}`;
    const inOneWeek = new Date(Date.now() + 8 * 24 * HOUR).toISOString().slice(0, 16);
    const course = {
      title: "AI Enablement Intensive",
      slug: "intensive",
      description: "Two days",
      format: "cohort" as const,
      level: "fundamentals" as const,
      impact: "L1" as const,
      priceB2C: 149_700,
      priceB2B: 119_700,
      maxParticipants: 24,
      status: "published" as const,
      outcomes: [],
    };
    const cohort = {
      courseId,
      name: "December cohort",
      startDate: Date.now() + 7 * 24 * HOUR,
      endDate: Date.now() + 9 * 24 * HOUR,
      timezone: "Europe/Berlin",
      maxCapacity: 20,
      status: "open" as const,
    };
    const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
      [
        "session title",
        () =>
          admin.mutation(api.liveSessions.schedule.update, {
            cohortSessionId: upcoming,
            title: long(200),
            startsAtLocal: inOneWeek,
            durationMinutes: 60,
          }),
        /session's title is too long/,
      ],
      [
        "session location",
        () =>
          admin.mutation(api.liveSessions.schedule.update, {
            cohortSessionId: upcoming,
            title: "Clinic",
            startsAtLocal: inOneWeek,
            durationMinutes: 60,
            location: long(500),
          }),
        /location is too long/,
      ],
      [
        "session link",
        () =>
          admin.mutation(api.liveSessions.schedule.add, {
            cohortId,
            title: "Extra",
            type: "W",
            startsAtLocal: inOneWeek,
            durationMinutes: 60,
            meetingUrl: https(2_048),
          }),
        /meeting link is too long/,
      ],
      [
        "cancel reason",
        () => admin.mutation(api.liveSessions.schedule.cancel, { cohortSessionId: upcoming, reason: long(500) }),
        /reason is too long/,
      ],
      [
        "recap summary",
        () =>
          admin.mutation(api.liveSessions.recaps.saveRecap, {
            cohortSessionId: past,
            summary: long(5_000),
            actionItems: [],
          }),
        /summary is too long/,
      ],
      [
        "recap action item",
        () => admin.mutation(api.liveSessions.recaps.saveRecap, { cohortSessionId: past, actionItems: [long(500)] }),
        /action item is too long/,
      ],
      [
        "recording link",
        () =>
          admin.mutation(api.liveSessions.recaps.saveRecap, {
            cohortSessionId: past,
            recordingUrl: https(2_048),
            actionItems: [],
          }),
        /recording link is too long/,
      ],
      [
        "organization name",
        () =>
          admin.mutation(api.organizations.directory.create, {
            name: long(120),
            domain: "corp.example",
            contactName: "Dana",
            contactEmail: "dana@corp.example",
            courseId,
            seats: 5,
          }),
        /organization's name is too long/,
      ],
      [
        "contact name",
        () =>
          admin.mutation(api.organizations.directory.create, {
            name: "Corp",
            domain: "corp.example",
            contactName: long(120),
            contactEmail: "dana@corp.example",
            courseId,
            seats: 5,
          }),
        /contact's name is too long/,
      ],
      [
        "course description",
        () => admin.mutation(api.catalog.courses.save, { courseId, ...course, description: long(5_000) }),
        /description is too long/,
      ],
      [
        "course outcome",
        () => admin.mutation(api.catalog.courses.save, { courseId, ...course, outcomes: [long(500)] }),
        /outcome is too long/,
      ],
      [
        "course tagline",
        () => admin.mutation(api.catalog.courses.save, { courseId, ...course, tagline: long(500) }),
        /tagline is too long/,
      ],
      [
        "course session",
        () =>
          admin.mutation(api.catalog.courses.saveOutlineSession, {
            courseId,
            outlineSessionId: sessionId,
            title: "Opening",
            type: "S",
            dayNumber: 1,
            orderInDay: 1,
            durationMinutes: 30,
            description: long(5_000),
          }),
        /description is too long/,
      ],
      [
        "cohort name",
        () => admin.mutation(api.catalog.cohorts.save, { ...cohort, cohortId, name: long(120) }),
        /cohort's name is too long/,
      ],
      [
        "cohort link",
        () => admin.mutation(api.catalog.cohorts.save, { ...cohort, cohortId, zoomLink: https(2_048) }),
        /meeting link is too long/,
      ],
      [
        "kit item",
        () =>
          admin.mutation(api.catalog.kit.add, {
            courseId,
            title: long(200),
            type: "slides",
            externalUrl: "https://example.com/deck",
          }),
        /item's title is too long/,
      ],
    ];
    // Everything the refused calls could have written.
    const written = () =>
      t.run(async (ctx) => ({
        sessions: await ctx.db.query("cohortSessions").collect(),
        courses: await ctx.db.query("courses").collect(),
        cohorts: await ctx.db.query("cohorts").collect(),
        organizations: await ctx.db.query("organizations").collect(),
        kit: await ctx.db.query("enablementKitItems").collect(),
        courseSessions: await ctx.db.query("sessions").collect(),
      }));
    const before = await written();
    for (const [field, call, message] of cases) {
      expect(await expectAppError(call(), "INVALID_INPUT"), field).toMatch(message);
    }
    const after = await written();
    expect(after).toEqual(before);
  });

  test("#15.14 sign-in links have a ceiling across all addresses, besides the one per address", async () => {
    const t = newTest();
    // 998 links to other addresses this hour already…
    await t.run(async (ctx) => {
      await rateLimiter.limit(ctx, "magicLinkGlobal", { key: "all", count: 998 });
    });
    for (let i = 0; i < 2; i++)
      await t.mutation(internal.users.account.limitSignInLink, { email: `person${i}@example.com` });
    const message = await expectAppError(
      t.mutation(internal.users.account.limitSignInLink, { email: "one.more@example.com" }),
      "RATE_LIMITED",
    );
    expect(message).toMatch(/sign-in links requested right now/);
  });

  test("a sign-in link for an overlong address is refused before anything is stored", async () => {
    for (const [name, value] of Object.entries(await authEnv())) vi.stubEnv(name, value);
    const t = newTest();
    await expectAppError(
      t.action(api.auth.signIn, {
        provider: "resend",
        params: { email: `${"a".repeat(300)}@example.com`, redirectTo: "/learn" },
      }),
      "INVALID_EMAIL",
    );
    expect(
      await t.run(async (ctx) => ({
        codes: (await ctx.db.query("authVerificationCodes").collect()).length,
        users: (await ctx.db.query("users").collect()).length,
      })),
    ).toEqual({ codes: 0, users: 0 });
  });
});
