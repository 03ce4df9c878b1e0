/**
 * Every public function, called by everyone who must be refused and by the caller its rule allows
 * (authorization.table.ts). A public function missing from the table fails the first test.
 */
import { makeFunctionReference } from "convex/server";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { Id } from "../../convex/_generated/dataModel";
import { isAppErrorData, type ErrorCode } from "../../convex/errors";
import { MANAGER_PERMISSIONS, type ManagerPermission } from "../../convex/validators";
import { as, type T } from "./checkout-helpers";
import { authEnv, modules, newTest, restoreFakes } from "./helpers";
import { AUTHORIZATION, type Rule, seedWorld, type World } from "./authorization.table";
import { addUser, makeManager } from "./org-helpers";

type Kind = "query" | "mutation" | "action";
type Registered = { isPublic?: boolean; isQuery?: boolean; isMutation?: boolean; isAction?: boolean };

/** Public functions found by loading every module, as `domain.module.function` (the `api.` path) → kind. */
async function publicFunctions() {
  const found = new Map<string, Kind>();
  for (const [file, load] of Object.entries(modules)) {
    const match = /\/convex\/(.+)\.tsx?$/.exec(file);
    if (!match || match[1].startsWith("_generated/") || match[1].endsWith(".config") || match[1] === "schema") continue;
    const exports = (await load()) as Record<string, Registered>;
    for (const [name, fn] of Object.entries(exports)) {
      if (fn?.isPublic !== true) continue;
      found.set(
        `${match[1].replace(/\//g, ".")}.${name}`,
        fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action",
      );
    }
  }
  return found;
}

const AUTH_CODES: ErrorCode[] = [
  "NOT_SIGNED_IN",
  "FORBIDDEN",
  "NOT_PLATFORM_ADMIN",
  "NOT_ORG_ADMIN",
  "MISSING_PERMISSION",
  "OUTSIDE_TEAM_SCOPE",
];

type Caller =
  | "anonymous"
  | "learner"
  | "otherLearner"
  | "colleague"
  | "manager"
  | "otherOrgAdmin"
  | "instructor"
  | "orgAdmin"
  | "permittedManager"
  | "platformAdmin";
/** What a caller must get: through the check, or refused with one of `codes` (a query may instead return nothing). */
type Expectation =
  { allowed: true; nonEmpty?: boolean; notCodes?: ErrorCode[] } | { allowed: false; codes: ErrorCode[] };

const refused = (...codes: ErrorCode[]): Expectation => ({ allowed: false, codes });
const allowed: Expectation = { allowed: true };

/**
 * The manager of the world lacks exactly what the rule needs; `permittedManager` has only that (for "teamManager", the
 * manager is a viewer with every permission and the permitted one a manager with none).
 */
function managers(rule: Rule): {
  manager: { role: "manager" | "viewer"; permissions: ManagerPermission[] };
  permitted: ManagerPermission | "managerRole" | null;
} {
  const need = typeof rule === "object" ? rule.org : null;
  if (need === "admin") return { manager: { role: "manager", permissions: [...MANAGER_PERMISSIONS] }, permitted: null };
  if (need === "teamManager")
    return { manager: { role: "viewer", permissions: [...MANAGER_PERMISSIONS] }, permitted: "managerRole" };
  if (need !== null && need !== "anyManager")
    return {
      manager: { role: "manager", permissions: MANAGER_PERMISSIONS.filter((p) => p !== need) },
      permitted: need,
    };
  return { manager: { role: "viewer", permissions: [] }, permitted: null };
}

/** Who is called, and what each must get, under a rule. */
function expectations(rule: Rule): Array<[Caller, Expectation]> {
  const outsiders = ["learner", "manager", "otherOrgAdmin"] as const;
  switch (rule) {
    case "anyone":
      return (["anonymous", "learner", "manager", "otherOrgAdmin"] as const).map((c) => [c, allowed]);
    case "signedIn":
      return [["anonymous", refused("NOT_SIGNED_IN")], ...outsiders.map((c): [Caller, Expectation] => [c, allowed])];
    case "owner":
      return [
        ["anonymous", refused("NOT_SIGNED_IN")],
        ["otherLearner", refused("NOT_FOUND")],
        ["manager", refused("NOT_FOUND")],
        ["otherOrgAdmin", refused("NOT_FOUND")],
        ["learner", { allowed: true, nonEmpty: true, notCodes: ["NOT_FOUND"] }],
      ];
    case "domainColleague":
      return [
        ["anonymous", refused("NOT_SIGNED_IN")],
        ["learner", refused("FORBIDDEN")],
        ["otherOrgAdmin", refused("FORBIDDEN")],
        ["colleague", { allowed: true, nonEmpty: true }],
      ];
    case "participant":
      return [
        ["anonymous", refused("NOT_SIGNED_IN")],
        ["otherLearner", refused("FORBIDDEN")],
        ["manager", refused("FORBIDDEN")],
        ["otherOrgAdmin", refused("FORBIDDEN")],
        ["learner", { allowed: true, nonEmpty: true }],
      ];
    case "staff":
      return [
        ["anonymous", refused("NOT_SIGNED_IN")],
        ...outsiders.map((c): [Caller, Expectation] => [c, refused("FORBIDDEN")]),
        ["instructor", { allowed: true, nonEmpty: true }],
        ["platformAdmin", { allowed: true, nonEmpty: true }],
      ];
    case "platformAdmin":
      return [
        ["anonymous", refused("NOT_SIGNED_IN")],
        ...outsiders.map((c): [Caller, Expectation] => [c, refused("NOT_PLATFORM_ADMIN")]),
        ["platformAdmin", allowed],
      ];
    default: {
      const need = rule.org;
      return [
        ["anonymous", refused("NOT_SIGNED_IN")],
        ["learner", refused("FORBIDDEN")],
        ["otherOrgAdmin", refused("FORBIDDEN")],
        [
          "manager",
          need === "anyManager"
            ? allowed
            : refused(need === "admin" ? "NOT_ORG_ADMIN" : need === "teamManager" ? "FORBIDDEN" : "MISSING_PERMISSION"),
        ],
        ...(need === "admin" || need === "anyManager"
          ? []
          : ([["permittedManager", allowed]] as Array<[Caller, Expectation]>)),
        ["orgAdmin", allowed],
        ["platformAdmin", allowed],
      ];
    }
  }
}

/** Nothing for a signed-out or unrelated caller: null, an empty list or page, zero. */
function isEmpty(value: unknown) {
  if (value === null || value === undefined || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  const page = value as { page?: unknown[] };
  return Array.isArray(page.page) && page.page.length === 0;
}

type Outcome = { value: unknown } | { code: ErrorCode } | { crash: string };

async function call(
  t: T,
  world: World & { permittedManager: Id<"users"> | null },
  caller: Caller,
  name: string,
  kind: Kind,
  args: Record<string, unknown>,
): Promise<Outcome> {
  // "waitlist.places.join" → "waitlist/places:join"
  const path = `${name.slice(0, name.lastIndexOf(".")).replace(/\./g, "/")}:${name.slice(name.lastIndexOf(".") + 1)}`;
  const client =
    caller === "anonymous" ? t : as(t, (caller === "permittedManager" ? world.permittedManager : world[caller])!);
  try {
    const value =
      kind === "query"
        ? await client.query(makeFunctionReference<"query", Record<string, unknown>, unknown>(path), args)
        : kind === "mutation"
          ? await client.mutation(makeFunctionReference<"mutation", Record<string, unknown>, unknown>(path), args)
          : await client.action(makeFunctionReference<"action", Record<string, unknown>, unknown>(path), args);
    return { value };
  } catch (error) {
    const data = (error as { data?: unknown }).data;
    return isAppErrorData(data) ? { code: data.code } : { crash: (error as Error).message };
  }
}

function check(outcome: Outcome, expected: Expectation, kind: Kind): string | null {
  if ("crash" in outcome) return `crashed: ${outcome.crash.slice(0, 200)}`;
  if (!expected.allowed) {
    if ("code" in outcome)
      return expected.codes.includes(outcome.code)
        ? null
        : `refused with ${outcome.code}, expected ${expected.codes.join(" or ")}`;
    return kind === "query" && isEmpty(outcome.value)
      ? null
      : `was let through (${JSON.stringify(outcome.value)?.slice(0, 120)})`;
  }
  if ("code" in outcome) {
    return AUTH_CODES.includes(outcome.code) || expected.notCodes?.includes(outcome.code)
      ? `refused with ${outcome.code}`
      : null;
  }
  return expected.nonEmpty && kind === "query" && isEmpty(outcome.value)
    ? `got nothing (${JSON.stringify(outcome.value)})`
    : null;
}

let env: Record<string, string>;
beforeEach(async () => {
  // Scheduled work (emails, Stripe, signing) stays queued: only the checks at the door are under test.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  env ??= await authEnv();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.stubEnv("RESEND_API_KEY", "");
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_authorization");
  vi.stubEnv("STRIPE_API_BASE", "");
  vi.stubEnv("CALCOM_API_KEY", "cal_test_authorization");
  vi.stubEnv("CALCOM_BOOKING_TOKEN_SECRET", "booking-token-secret-for-the-authorization-test");
  // Outside services answer like a success, so an allowed caller gets through them.
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async () =>
        new Response(JSON.stringify({ id: "re_test", object: "refund", status: "succeeded" }), {
          status: 200,
          headers: { "content-type": "application/json" },
        }),
    ),
  );
});
afterEach(restoreFakes);

describe("authorization of every public function", () => {
  test("the table lists every public function, and only those", async () => {
    const functions = await publicFunctions();
    expect(
      [...functions.keys()].filter((name) => !(name in AUTHORIZATION)),
      "public functions missing from authorization.table.ts",
    ).toEqual([]);
    expect(
      Object.keys(AUTHORIZATION).filter((name) => !functions.has(name)),
      "rows for functions that are no longer public",
    ).toEqual([]);
  });

  test.each(Object.keys(AUTHORIZATION).sort())(
    "%s refuses everyone its rule refuses and lets its caller through",
    async (name) => {
      const kind = (await publicFunctions()).get(name);
      expect(kind, `${name} is not a public function`).toBeDefined();
      const { rule, args } = AUTHORIZATION[name];
      const t = newTest();
      const { manager, permitted } = managers(rule);
      const world = await seedWorld(t, manager);
      let permittedManager: Id<"users"> | null = null;
      if (permitted) {
        permittedManager = await addUser(t, "permitted@acme.test", {
          organizationId: world.organizationId,
          holdsOrgSeat: true,
        });
        await makeManager(
          t,
          permittedManager,
          world.organizationId,
          "manager",
          permitted === "managerRole" ? [] : [permitted],
        );
      }
      // Refusals first (they change nothing), then the callers who get through.
      const plan = expectations(rule).sort(([, a], [, b]) => Number(a.allowed) - Number(b.allowed));
      const problems: string[] = [];
      for (const [caller, expected] of plan) {
        const outcome = await call(t, { ...world, permittedManager }, caller, name, kind!, args(world));
        const problem = check(outcome, expected, kind!);
        if (problem) problems.push(`${caller} ${expected.allowed ? "(allowed)" : "(refused)"}: ${problem}`);
      }
      expect(problems, `${name} (${typeof rule === "string" ? rule : `org: ${rule.org}`})`).toEqual([]);
    },
  );
});
