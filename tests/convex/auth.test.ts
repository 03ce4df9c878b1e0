import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { decodeJwt } from "jose";
import { api } from "../../convex/_generated/api";
import { authEnv, expectAppError, newTest } from "./helpers";

async function requestLink(t: ReturnType<typeof newTest>, email: string) {
  await t.action(api.auth.signIn, { provider: "resend", params: { email, redirectTo: "/learn" } });
  const emails = await t.run(
    async (ctx) =>
      await ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", email))
        .collect(),
  );
  const link = emails.at(-1)?.actionUrl;
  expect(link).toBeDefined();
  return new URL(link!);
}

describe("sign-in by magic link (local mode)", () => {
  beforeEach(async () => {
    for (const [name, value] of Object.entries(await authEnv())) vi.stubEnv(name, value);
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubEnv("AUTH_RESEND_KEY", "");
  });
  afterEach(() => vi.unstubAllEnvs());

  test("a new person gets a link in the dev mailbox, redeems it once, and becomes an individual learner", async () => {
    const t = newTest();
    const link = await requestLink(t, "new.person@example.com");
    expect(link.origin + link.pathname).toBe("http://localhost:3000/learn");
    const code = link.searchParams.get("code")!;

    const result = await t.action(api.auth.signIn, { params: { code } });
    const token = (result as { tokens: { token: string } }).tokens.token;
    const claims = decodeJwt(token);
    expect(claims.iss).toBe("https://academy-test.convex.site");
    expect(claims.aud).toBe("convex");

    const viewer = await t
      .withIdentity({ subject: claims.sub!, issuer: claims.iss })
      .query(api.users.account.viewer, {});
    expect(viewer).toMatchObject({
      email: "new.person@example.com",
      role: "individual",
      name: "New Person",
      organizations: [],
    });

    // The code works once: a second redemption signs nobody in.
    expect(await t.action(api.auth.signIn, { params: { code } })).toEqual({ tokens: null });
  });

  test("signing in again with the same email reuses the same user", async () => {
    const t = newTest();
    const existingId = await t.run(async (ctx) =>
      ctx.db.insert("users", {
        email: "returning@example.com",
        name: "Returning Learner",
        role: "org_member",
        emailNotifications: true,
        smsNotifications: false,
        createdAt: 1,
        updatedAt: 1,
      }),
    );
    const link = await requestLink(t, "returning@example.com");
    const result = await t.action(api.auth.signIn, { params: { code: link.searchParams.get("code")! } });
    const subject = decodeJwt((result as { tokens: { token: string } }).tokens.token).sub!;
    expect(subject.split("|")[0]).toBe(existingId);
    const users = await t.run(
      async (ctx) =>
        await ctx.db
          .query("users")
          .withIndex("by_email", (q) => q.eq("email", "returning@example.com"))
          .collect(),
    );
    expect(users).toHaveLength(1);
    expect(users[0].role).toBe("org_member");
  });

  test("sign-in links are rate limited per address, whatever its case or spacing", async () => {
    const t = newTest();
    for (let i = 0; i < 5; i++) await requestLink(t, "busy@example.com");
    const message = await expectAppError(
      t.action(api.auth.signIn, { provider: "resend", params: { email: " Busy@Example.com ", redirectTo: "/learn" } }),
      "RATE_LIMITED",
    );
    expect(message).toMatch(/Too many sign-in links requested for this address\. Try again in \d+ minutes?\./);
    const sent = await t.run(async (ctx) => await ctx.db.query("devEmails").collect());
    expect(sent).toHaveLength(5);
    // Other people are not affected.
    await requestLink(t, "someone.else@example.com");
    // Local mode's one-click demo people are never throttled (their links stay in the dev mailbox).
    for (let i = 0; i < 7; i++) await requestLink(t, "admin@aienablement.academy");
  });

  test("sign-in options reflect Google configuration", async () => {
    vi.stubEnv("AUTH_GOOGLE_ID", "id");
    vi.stubEnv("AUTH_GOOGLE_SECRET", "secret");
    expect(await newTest().query(api.users.account.signInOptions, {})).toEqual({ google: true, localMode: true });
  });
});
