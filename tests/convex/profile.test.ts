/**
 * #18 Profile: learners edit their own details and timezone, and change the address they sign in with by confirming
 * the new one from the account that asked.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { decodeJwt } from "jose";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { as, type T } from "./checkout-helpers";
import { authEnv, expectAppError, newTest } from "./helpers";
import { addUser } from "./org-helpers";

async function mailTo(t: T, email: string) {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await t.finishInProgressScheduledFunctions();
  }
  return await t.run(
    async (ctx) =>
      await ctx.db
        .query("devEmails")
        .withIndex("by_to", (q) => q.eq("to", email))
        .collect(),
  );
}

/** Signs in by magic link as `email`; the user id the link signs in. */
async function signInByLink(t: T, email: string) {
  await t.action(api.auth.signIn, { provider: "resend", params: { email, redirectTo: "/learn" } });
  const link = new URL((await mailTo(t, email)).at(-1)!.actionUrl!);
  const result = await t.action(api.auth.signIn, { params: { code: link.searchParams.get("code")! } });
  return decodeJwt((result as { tokens: { token: string } }).tokens.token).sub!.split("|")[0] as Id<"users">;
}

/** The token in the newest confirmation link sent to `email`. */
async function confirmationToken(t: T, email: string) {
  const url = (await mailTo(t, email)).at(-1)?.actionUrl;
  expect(url).toMatch(/^http:\/\/localhost:3000\/account\/confirm-email\/[\w-]{43}$/);
  return url!.split("/").at(-1)!;
}

describe("profile", () => {
  beforeEach(async () => {
    for (const [name, value] of Object.entries(await authEnv())) vi.stubEnv(name, value);
    vi.stubEnv("RESEND_API_KEY", "");
  });
  afterEach(() => vi.unstubAllEnvs());

  test("a learner saves their details; blanks clear a field; the LinkedIn address is normalised", async () => {
    const t = newTest();
    const ada = await addUser(t, "ada@example.com");
    await as(t, ada).mutation(api.users.profile.update, {
      name: "  Ada Lovelace ",
      company: "Analytical Engines",
      title: "Engineer",
      linkedInUrl: "linkedin.com/in/ada-lovelace/",
      phoneNumber: "+44 20  7946 0958",
      timezone: "Europe/London",
    });
    expect(await as(t, ada).query(api.users.profile.mine, {})).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      company: "Analytical Engines",
      title: "Engineer",
      linkedInUrl: "https://linkedin.com/in/ada-lovelace",
      phoneNumber: "+44 20 7946 0958",
      timezone: "Europe/London",
    });
    expect(await as(t, ada).query(api.users.account.viewer, {})).toMatchObject({
      name: "Ada Lovelace",
      timezone: "Europe/London",
    });

    await as(t, ada).mutation(api.users.profile.update, { name: "Ada Lovelace", company: " ", timezone: "" });
    const cleared = await as(t, ada).query(api.users.profile.mine, {});
    expect(cleared).toEqual({ name: "Ada Lovelace", email: "ada@example.com" });
  });

  test("bad input is refused with a message naming the field, and nothing is written", async () => {
    const t = newTest();
    const ada = await addUser(t, "ada@example.com");
    const me = as(t, ada);
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ name: " " }, /Please enter your name/],
      [{ name: "x".repeat(121) }, /too long/],
      [{ name: "Ada", linkedInUrl: "https://evil.example/in/ada" }, /LinkedIn URL must look like/],
      [{ name: "Ada", linkedInUrl: "http://www.linkedin.com/in/ada" }, /LinkedIn URL must look like/],
      [{ name: "Ada", linkedInUrl: "https://www.linkedin.com.evil.example/in/ada" }, /LinkedIn URL must look like/],
      [{ name: "Ada", linkedInUrl: "javascript:alert(1)//linkedin.com/in/x" }, /LinkedIn URL must look like/],
      [{ name: "Ada", phoneNumber: "call me" }, /7 to 15 digits/],
      [{ name: "Ada", phoneNumber: "12345" }, /7 to 15 digits/],
      [{ name: "Ada", timezone: "Mars/Olympus_Mons" }, /not a known timezone/],
    ];
    for (const [args, message] of cases) {
      expect(
        await expectAppError(me.mutation(api.users.profile.update, args as { name: string }), "INVALID_INPUT"),
      ).toMatch(message);
    }
    expect((await me.query(api.users.profile.mine, {}))!.name).toBe("ada");
    const stored = await t.run(async (ctx) => await ctx.db.get("users", ada));
    expect(stored).not.toHaveProperty("linkedInUrl");
    expect(stored).not.toHaveProperty("timezone");
  });

  test("changing the sign-in address: the link goes to the new address, works only for the account that asked, and the old address is told", async () => {
    const t = newTest();
    const ada = await signInByLink(t, "ada@old.example");
    const bob = await addUser(t, "bob@example.com");

    const { expiresAt } = await as(t, ada).mutation(api.users.profile.requestEmailChange, {
      newEmail: " Ada@New.Example ",
    });
    expect(await as(t, ada).query(api.users.profile.mine, {})).toMatchObject({
      email: "ada@old.example",
      pendingEmail: { email: "ada@new.example", expiresAt },
    });
    const token = await confirmationToken(t, "ada@new.example");

    // Someone else holding the link cannot take the address, and a made-up token is refused.
    await expectAppError(as(t, bob).mutation(api.users.profile.confirmEmailChange, { token }), "LINK_INVALID");
    await expectAppError(
      as(t, ada).mutation(api.users.profile.confirmEmailChange, { token: "x".repeat(43) }),
      "LINK_INVALID",
    );
    expect((await t.run(async (ctx) => await ctx.db.get("users", ada)))!.email).toBe("ada@old.example");

    expect(await as(t, ada).mutation(api.users.profile.confirmEmailChange, { token })).toEqual({
      email: "ada@new.example",
    });
    expect(await as(t, ada).query(api.users.profile.mine, {})).toMatchObject({ email: "ada@new.example" });
    expect(await as(t, ada).query(api.users.profile.mine, {})).not.toHaveProperty("pendingEmail");
    const told = await mailTo(t, "ada@old.example");
    expect(told.at(-1)!.subject).toBe("Your AI Enablement Academy email address was changed");

    // The new address signs in to the same account; the old one no longer does.
    expect(await signInByLink(t, "ada@new.example")).toBe(ada);
    expect(await signInByLink(t, "ada@old.example")).not.toBe(ada);
  });

  test("a new request replaces the old link; an expired link, an address in use and the same address are refused", async () => {
    const t = newTest();
    const ada = await addUser(t, "ada@example.com");
    await addUser(t, "taken@example.com");
    const me = as(t, ada);

    expect(
      await expectAppError(
        me.mutation(api.users.profile.requestEmailChange, { newEmail: "ADA@example.com" }),
        "INVALID_INPUT",
      ),
    ).toMatch(/already the address/);
    expect(
      await expectAppError(
        me.mutation(api.users.profile.requestEmailChange, { newEmail: "taken@example.com" }),
        "EMAIL_TAKEN",
      ),
    ).toMatch(/Another account/);
    await expectAppError(
      me.mutation(api.users.profile.requestEmailChange, { newEmail: "not an address" }),
      "INVALID_EMAIL",
    );

    await me.mutation(api.users.profile.requestEmailChange, { newEmail: "first@example.com" });
    const first = await confirmationToken(t, "first@example.com");
    await me.mutation(api.users.profile.requestEmailChange, { newEmail: "second@example.com" });
    const second = await confirmationToken(t, "second@example.com");
    expect(
      await expectAppError(me.mutation(api.users.profile.confirmEmailChange, { token: first }), "LINK_INVALID"),
    ).toMatch(/replaced or withdrawn/);

    // A day later.
    await t.run(async (ctx) => {
      for (const change of await ctx.db.query("emailChanges").collect())
        await ctx.db.patch("emailChanges", change._id, { expiresAt: Date.now() - 1 });
    });
    await expectAppError(me.mutation(api.users.profile.confirmEmailChange, { token: second }), "LINK_EXPIRED");
    expect(await me.query(api.users.profile.mine, {})).not.toHaveProperty("pendingEmail");

    // Withdrawn: its link stops working.
    await me.mutation(api.users.profile.requestEmailChange, { newEmail: "third@example.com" });
    const third = await confirmationToken(t, "third@example.com");
    await me.mutation(api.users.profile.cancelEmailChange, {});
    await expectAppError(me.mutation(api.users.profile.confirmEmailChange, { token: third }), "LINK_INVALID");
    expect((await t.run(async (ctx) => await ctx.db.get("users", ada)))!.email).toBe("ada@example.com");
  });

  test("an address taken between the request and the confirmation is refused at confirmation", async () => {
    const t = newTest();
    const ada = await addUser(t, "ada@example.com");
    await as(t, ada).mutation(api.users.profile.requestEmailChange, { newEmail: "wanted@example.com" });
    const token = await confirmationToken(t, "wanted@example.com");
    await addUser(t, "wanted@example.com");
    await expectAppError(as(t, ada).mutation(api.users.profile.confirmEmailChange, { token }), "EMAIL_TAKEN");
  });

  test("requests are rate limited per person", async () => {
    const t = newTest();
    const ada = await addUser(t, "ada@example.com");
    for (let i = 0; i < 5; i++)
      await as(t, ada).mutation(api.users.profile.requestEmailChange, { newEmail: `try${i}@example.com` });
    expect(
      await expectAppError(
        as(t, ada).mutation(api.users.profile.requestEmailChange, { newEmail: "try5@example.com" }),
        "RATE_LIMITED",
      ),
    ).toMatch(/requests to change your email address/);
  });
});
