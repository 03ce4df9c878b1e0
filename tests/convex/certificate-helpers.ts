/** Shared setup for credential tests: an issuer key, a finished cohort, and scheduled signing run to the end. */
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { afterEach, beforeAll, beforeEach, vi } from "vitest";
import type { Id } from "../../convex/_generated/dataModel";
import type { signAchievementCredential } from "../../convex/certificates/model/signing";
import { enrollConfirmed, seedCohort, type T } from "./checkout-helpers";
import { cohortSessionRow } from "./fixtures";
import { restoreFakes } from "./helpers";
import { addUser } from "./org-helpers";

export const DAY = 86_400_000;
export const SITE = "https://academy.test";
export const API = "https://api.academy.test";

export type IssuerKeys = { publicKeyMultibase: string; secretKeyMultibase: string };

/** A fresh Ed25519 key pair in multibase, as CREDENTIAL_PUBLIC_KEY / CREDENTIAL_SECRET_KEY hold it. */
export async function newIssuerKeys(): Promise<IssuerKeys> {
  const exported = await (await Ed25519Multikey.generate()).export({ publicKey: true, secretKey: true });
  return {
    publicKeyMultibase: exported.publicKeyMultibase as string,
    secretKeyMultibase: exported.secretKeyMultibase as string,
  };
}

export type CredentialInput = Parameters<typeof signAchievementCredential>[0];

/**
 * What the issuer signs for a course certificate of "Someone" (the intensive, valid from now, slot 7 of our status
 * list), with `fields` on top.
 */
export function credentialInput(fields: Partial<CredentialInput> = {}): CredentialInput {
  return {
    credentialId: "urn:uuid:00000000-0000-4000-8000-000000000001",
    achievementId: `${SITE}/courses/intensive#certificate`,
    name: "AI Enablement Intensive",
    description: "Completed",
    criteria: "Attend",
    imageUrl: `${API}/badge.png`,
    recipient: { email: "someone@example.com", name: "Someone" },
    salt: "s",
    validFrom: Date.now(),
    status: { listUrl: `${API}/status/1`, index: 7 },
    ...fields,
  };
}

/**
 * Registers the hooks every credential test needs: a fixed clock (only Date is fake: the signing and PDF
 * libraries wait on real timers inside actions), the issuer key in the environment, and a fetch that answers
 * the status list from the test deployment (the independent verifier fetches it over HTTP) and refuses the rest.
 */
export function useCredentialEnv() {
  const state: { keys: IssuerKeys; current: T | null } = {
    keys: { publicKeyMultibase: "", secretKeyMultibase: "" },
    current: null,
  };
  beforeAll(async () => {
    state.keys = await newIssuerKeys();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-20T12:00:00Z"));
    vi.stubEnv("CREDENTIAL_PUBLIC_KEY", state.keys.publicKeyMultibase);
    vi.stubEnv("CREDENTIAL_SECRET_KEY", state.keys.secretKeyMultibase);
    vi.stubEnv("SITE_URL", SITE);
    vi.stubEnv("CONVEX_SITE_URL", API);
    vi.stubEnv("RESEND_API_KEY", "");
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: string | URL | Request) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url === `${API}/status/1` && state.current) {
          const row = await state.current.run(async (ctx) => ctx.db.query("credentialStatusLists").first());
          return new Response(row?.signedJson ?? "", {
            status: row?.signedJson ? 200 : 404,
            headers: { "content-type": "application/json" },
          });
        }
        return new Response("offline", { status: 599 });
      }),
    );
  });
  afterEach(() => {
    restoreFakes();
    state.current = null;
  });
  return state;
}

/** A finished cohort (4 sessions held) whose learners attended 4, 2 and 3 sessions; Buyer 0 is "Łukasz Żółć". */
export async function seedFinishedCohort(t: T) {
  const { cohortId, courseId, buyers } = await seedCohort(t, { buyers: 3, startsInDays: -3 });
  const adminId = await addUser(t, "admin@academy.test");
  const sessionIds = await t.run(async (ctx) => {
    await ctx.db.patch("users", adminId, { role: "platform_admin" });
    await ctx.db.patch("users", buyers[0], { name: "Łukasz Żółć" });
    await ctx.db.patch("cohorts", cohortId, { status: "in_progress" });
    const sessions = [];
    for (let i = 0; i < 4; i++) {
      const startsAt = Date.now() - 3 * DAY + i * 3_600_000;
      sessions.push(
        await ctx.db.insert(
          "cohortSessions",
          cohortSessionRow(cohortId, `Session ${i + 1}`, startsAt, startsAt + 3_000_000),
        ),
      );
    }
    return sessions;
  });
  for (const [i, userId] of buyers.entries()) {
    const enrollmentId = await enrollConfirmed(t, { userId, cohortId, courseId });
    const attended = [4, 2, 3][i];
    await t.run(async (ctx) => {
      for (const [n, cohortSessionId] of sessionIds.entries()) {
        await ctx.db.insert("sessionAttendance", {
          cohortSessionId,
          cohortId,
          enrollmentId,
          userId,
          status: n < attended ? "present" : "absent",
          source: "instructor",
          updatedAt: 1,
        });
      }
    });
  }
  return { cohortId, courseId, learners: buyers, adminId };
}

/**
 * Lets scheduled work due now run to the end, on real timers: the issuing pool's work (it runs inside the workpool
 * component, so it is waited for by the certificates it leaves pending) and what it schedules (list re-signing,
 * dashboard refreshes, notifications).
 */
export async function runScheduled(t: T) {
  for (let i = 0; i < 1000; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.finishInProgressScheduledFunctions();
    const [jobs, pending] = await t.run(async (ctx) => [
      await ctx.db.system.query("_scheduled_functions").collect(),
      await ctx.db
        .query("certificates")
        // Any cohort's: a test backend holds a few certificates (the largest, 10,050 issued ones).
        // eslint-disable-next-line @convex-dev/no-filter-in-query
        .filter((q) => q.eq(q.field("issueStatus"), "pending"))
        .first(),
    ]);
    const due = jobs.filter(
      (j) => (j.state.kind === "pending" && j.scheduledTime <= Date.now()) || j.state.kind === "inProgress",
    );
    if (due.length === 0 && pending === null) return;
  }
  throw new Error("Scheduled work did not finish.");
}

export async function certificateOf(t: T, userId: Id<"users">) {
  return await t.run(async (ctx) =>
    ctx.db
      .query("certificates")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .first(),
  );
}
