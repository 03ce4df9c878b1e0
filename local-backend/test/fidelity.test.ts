/**
 * The unmodified `convex` clients against the local backend: live updates,
 * concurrency, auth, HTTP actions, storage, scheduling, restarts and crashes.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { generateKeyPair } from "jose";
import WebSocket from "ws";
import {
  createIssuer,
  nextPorts,
  startBackend,
  stopBackend,
  tempDataDir,
  waitFor,
  type RunningBackend,
} from "./harness";

const getCounter = makeFunctionReference<"query", { name: string }, number>("counters:get");
const increment = makeFunctionReference<"mutation", { name: string }, number>("counters:increment");
const listMessages = makeFunctionReference<"query", Record<string, never>, string[]>("messages:list");
const sendMessage = makeFunctionReference<"mutation", { body: string }, string>("messages:send");
const sendLater = makeFunctionReference<"mutation", { body: string; delayMs: number }, null>("messages:sendLater");
const whoami = makeFunctionReference<
  "query",
  Record<string, never>,
  { subject: string; tokenIdentifier: string } | null
>("messages:whoami");
const mineAndCount = makeFunctionReference<"query", Record<string, never>, { subject: string | null; count: number }>(
  "messages:mineAndCount",
);
const viaAction = makeFunctionReference<"action", { body: string }, string>("messages:viaAction");
const generateUploadUrl = makeFunctionReference<"mutation", Record<string, never>, string>("files:generateUploadUrl");
const fileUrl = makeFunctionReference<"query", { storageId: string }, string | null>("files:url");
const fileMetadata = makeFunctionReference<
  "query",
  { storageId: string },
  { size: number; contentType?: string } | null
>("files:metadata");
const tickCount = makeFunctionReference<"query", Record<string, never>, number>("ticks:count");
const attemptLimited = makeFunctionReference<"mutation", { key: string }, boolean>("limits:attempt");
const limitAllows = makeFunctionReference<"query", { key: string }, boolean>("limits:allowed");
const startMigration = makeFunctionReference<"mutation", Record<string, never>, null>("migrations:start");
const migrationStatus = makeFunctionReference<
  "query",
  Record<string, never>,
  { isDone: boolean; processed: number } | null
>("migrations:status");
const insertInternal = makeFunctionReference<"mutation", { body: string }, null>("messages:insertInternal");

function client(url: string) {
  return new ConvexClient(url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
  });
}

function watch<T>(c: ConvexClient, query: Parameters<ConvexClient["onUpdate"]>[0], args: Record<string, unknown>) {
  const state: { value: T | undefined; updates: number } = { value: undefined, updates: 0 };
  c.onUpdate(query, args as never, (value: unknown) => {
    state.value = value as T;
    state.updates += 1;
  });
  return state;
}

describe("local backend fidelity", () => {
  let backend: RunningBackend;
  let issuer: Awaited<ReturnType<typeof createIssuer>>;
  const clients: ConvexClient[] = [];
  const open = (url = backend.url) => {
    const c = client(url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    issuer = await createIssuer();
    backend = await startBackend({ dataDir: tempDataDir(), ...nextPorts(), env: issuer.env });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await stopBackend(backend);
  });

  test("a second client sees a mutation live, and mutation results resolve", async () => {
    const watcher = open();
    const writer = open();
    const counter = watch<number>(watcher, getCounter, { name: "live" });
    await waitFor(
      () => counter.value,
      (v) => v === 0,
    );
    expect(await writer.mutation(increment, { name: "live" })).toBe(1);
    await waitFor(
      () => counter.value,
      (v) => v === 1,
      2000,
    );
    // Read-your-writes: the writer's own subscription reflects its mutation once it resolves.
    const own = watch<number>(writer, getCounter, { name: "live" });
    await writer.mutation(increment, { name: "live" });
    await waitFor(
      () => own.value,
      (v) => v === 2,
      2000,
    );
  });

  test("no lost update under 200 concurrent increments from 10 clients", async () => {
    const writers = Array.from({ length: 10 }, () => open());
    const results = await Promise.all(
      writers.flatMap((c) => Array.from({ length: 20 }, () => c.mutation(increment, { name: "race" }))),
    );
    expect(new Set(results).size).toBe(200);
    const http = new ConvexHttpClient(backend.url);
    expect(await http.query(getCounter, { name: "race" })).toBe(200);
  });

  test("ConvexError data reaches the client", async () => {
    const c = open();
    const error = await c.mutation(sendMessage, { body: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvexError);
    expect((error as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "EMPTY",
      message: "Say something",
    });
  });

  test("internal functions cannot be called from clients", async () => {
    const http = new ConvexHttpClient(backend.url);
    await expect(http.mutation(insertInternal, { body: "x" })).rejects.toThrow(/Could not find public function/);
  });

  test("auth: a valid token gives the identity Convex would build", async () => {
    const c = open();
    const token = await issuer.sign("user-1");
    const changes: boolean[] = [];
    c.setAuth(
      async () => token,
      (isAuthenticated) => changes.push(isAuthenticated),
    );
    const me = watch<{ subject: string; tokenIdentifier: string } | null>(c, whoami, {});
    await waitFor(
      () => me.value,
      (v) => v !== null,
      3000,
    );
    expect(me.value).toMatchObject({ subject: "user-1", tokenIdentifier: "https://fixture-issuer.test|user-1" });
    expect(changes).toContain(true);
    const http = new ConvexHttpClient(backend.url);
    http.setAuth(token);
    expect(await http.query(whoami, {})).toMatchObject({ subject: "user-1" });
  });

  test("auth: a token signed by another key or already expired is rejected", async () => {
    const { privateKey: otherKey } = await generateKeyPair("RS256");
    for (const token of [
      await issuer.sign("intruder", { key: otherKey as CryptoKey }),
      await issuer.sign("late", { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      await issuer.sign("wrong-audience", { audience: "someone-else" }),
    ]) {
      const c = open();
      const changes: boolean[] = [];
      c.setAuth(
        async () => token,
        (isAuthenticated) => changes.push(isAuthenticated),
      );
      await waitFor(
        () => changes,
        (list) => list.includes(false),
        5000,
      );
      expect(changes).not.toContain(true);
      const http = new ConvexHttpClient(backend.url);
      http.setAuth(token);
      await expect(http.query(whoami, {})).rejects.toThrow(/verify|expired|provider/i);
    }
  });

  test("an HTTP action sees its real URL, body and caller", async () => {
    const token = await issuer.sign("http-user");
    const response = await fetch(`${backend.siteUrl}/hello?x=1`, {
      method: "POST",
      body: "ping",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      url: `${backend.siteUrl}/hello?x=1`,
      body: "ping",
      subject: "http-user",
    });
  });

  test("storage upload and download round trip", async () => {
    const c = open();
    const uploadUrl = await c.mutation(generateUploadUrl, {});
    expect(uploadUrl.startsWith(backend.url)).toBe(true);
    const bytes = new Uint8Array(Array.from({ length: 3000 }, (_, i) => i % 251));
    const upload = await fetch(uploadUrl, { method: "POST", body: bytes, headers: { "content-type": "image/png" } });
    const { storageId } = (await upload.json()) as { storageId: string };
    const url = await c.query(fileUrl, { storageId });
    const download = await fetch(url!);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    expect(await c.query(fileMetadata, { storageId })).toMatchObject({ size: 3000, contentType: "image/png" });
    expect((await fetch(url!.replace(/\.[^.]+$/, ".forged"))).status).toBe(404);
  });

  test("a scheduled function fires on time and pushes an update", async () => {
    const watcher = open();
    const messages = watch<string[]>(watcher, listMessages, {});
    await waitFor(() => messages.value);
    const started = Date.now();
    await open().mutation(sendLater, { body: "scheduled hello", delayMs: 300 });
    await waitFor(
      () => messages.value,
      (list) => list.includes("scheduled hello"),
      3000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test("crons from convex/crons.ts run on real time and push updates", async () => {
    const watcher = open();
    const ticks = watch<number>(watcher, tickCount, {});
    const start = await waitFor(() => ticks.value);
    await waitFor(
      () => ticks.value,
      (count) => count >= start + 2,
      4000,
    );
  });

  test("an action's runMutation reaches subscribers", async () => {
    const watcher = open();
    const messages = watch<string[]>(watcher, listMessages, {});
    await waitFor(() => messages.value);
    expect(await open().action(viaAction, { body: "from action" })).toBe("done");
    await waitFor(
      () => messages.value,
      (list) => list.includes("from action"),
      2000,
    );
  });
});

describe("local backend components", () => {
  test("a component tree from convex.config.ts runs, and a query reading its tables updates live", async () => {
    const dataDir = tempDataDir();
    const ports = nextPorts();
    let backend = await startBackend({ dataDir, ...ports });
    const c = client(backend.url);
    try {
      const allowed = watch<boolean>(c, limitAllows, { key: "a" });
      await waitFor(
        () => allowed.value,
        (v) => v === true,
      );
      expect(await c.mutation(attemptLimited, { key: "a" })).toBe(true);
      expect(await c.mutation(attemptLimited, { key: "a" })).toBe(true);
      await waitFor(
        () => allowed.value,
        (v) => v === false,
        2000,
      );
      expect(await c.mutation(attemptLimited, { key: "a" })).toBe(false);
      expect(await c.mutation(attemptLimited, { key: "b" })).toBe(true);
    } finally {
      await c.close();
      await stopBackend(backend);
    }
    // The component's own tables are persisted with the app's.
    backend = await startBackend({ dataDir, ...ports });
    const again = new ConvexHttpClient(backend.url);
    expect(await again.query(limitAllows, { key: "a" })).toBe(false);
    expect(await again.mutation(attemptLimited, { key: "b" })).toBe(true);
    expect(await again.mutation(attemptLimited, { key: "b" })).toBe(false);
    await stopBackend(backend);
  });
});

describe("local backend component callbacks", () => {
  test("@convex-dev/migrations walks a table in batches, calling back into the app via function handles", async () => {
    const backend = await startBackend({ dataDir: tempDataDir(), ...nextPorts() });
    const c = client(backend.url);
    try {
      for (const body of ["one", "two", "three", "four", "five"]) await c.mutation(sendMessage, { body });
      const status = watch<{ isDone: boolean; processed: number } | null>(c, migrationStatus, {});
      await c.mutation(startMigration, {});
      await waitFor(
        () => status.value,
        (v) => v?.isDone === true,
        5000,
      );
      expect(status.value).toEqual({ isDone: true, processed: 5 });
      expect((await c.query(listMessages, {})).sort()).toEqual(["FIVE", "FOUR", "ONE", "THREE", "TWO"]);
    } finally {
      await c.close();
      await stopBackend(backend);
    }
  });

  test("a subscription re-run by a component's own scheduled mutation keeps the subscriber's identity", async () => {
    // The migration's batches are the migrations component's scheduled mutations; their commits (which write the
    // app's messages through a callback) re-run the signed-in subscriber's query. It must still see its caller, not
    // an anonymous call from inside the component.
    const issuer = await createIssuer();
    const backend = await startBackend({ dataDir: tempDataDir(), ...nextPorts(), env: issuer.env });
    const c = client(backend.url);
    try {
      const token = await issuer.sign("user-2");
      c.setAuth(async () => token);
      for (const body of ["one", "two", "three", "four", "five", "six"]) await c.mutation(sendMessage, { body });
      const seen: Array<string | null> = [];
      const stop = c.onUpdate(mineAndCount, {}, (value) => seen.push(value.subject));
      await waitFor(
        () => seen.length,
        (n) => n > 0,
        3000,
      );
      const status = watch<{ isDone: boolean; processed: number } | null>(c, migrationStatus, {});
      await c.mutation(startMigration, {});
      await waitFor(
        () => status.value,
        (v) => v?.isDone === true,
        5000,
      );
      stop();
      expect(seen.length, "the subscription re-ran while the migration wrote").toBeGreaterThan(1);
      expect(new Set(seen)).toEqual(new Set(["user-2"]));
    } finally {
      await c.close();
      await stopBackend(backend);
    }
  });
});

describe("local backend durability", () => {
  test("a restart keeps data and ids, and a pending scheduled job still fires", async () => {
    const dataDir = tempDataDir();
    const ports = nextPorts();
    let backend = await startBackend({ dataDir, ...ports });
    const http = new ConvexHttpClient(backend.url);
    const id = await http.mutation(sendMessage, { body: "before restart" });
    await http.mutation(sendLater, { body: "after restart", delayMs: 1500 });
    await stopBackend(backend);
    backend = await startBackend({ dataDir, ...ports });
    const again = new ConvexHttpClient(backend.url);
    expect(await again.query(listMessages, {})).toContain("before restart");
    const next = await again.mutation(sendMessage, { body: "new" });
    expect(next).not.toBe(id);
    const deadline = Date.now() + 5000;
    let list: string[] = [];
    while (Date.now() < deadline) {
      list = await again.query(listMessages, {});
      if (list.includes("after restart")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(list).toContain("after restart");
    await stopBackend(backend);
  });

  test("kill -9 during a burst loses no acknowledged mutation", async () => {
    const dataDir = tempDataDir();
    const ports = nextPorts();
    let backend = await startBackend({ dataDir, ...ports });
    const writers = Array.from({ length: 5 }, () => client(backend.url));
    const acknowledged: number[] = [];
    let stop = false;
    const bursts = writers.map(async (c) => {
      while (!stop) {
        try {
          acknowledged.push(await c.mutation(increment, { name: "burst" }));
        } catch {
          return;
        }
      }
    });
    await waitFor(
      () => acknowledged.length,
      (n) => n >= 150,
      10_000,
    );
    await stopBackend(backend, "SIGKILL");
    stop = true;
    await Promise.all(writers.map((c) => c.close()));
    await Promise.race([Promise.all(bursts), new Promise((r) => setTimeout(r, 500))]);
    const highestAcknowledged = Math.max(...acknowledged);
    backend = await startBackend({ dataDir, ...ports });
    const http = new ConvexHttpClient(backend.url);
    const stored = await http.query(getCounter, { name: "burst" });
    expect(stored).toBeGreaterThanOrEqual(highestAcknowledged);
    expect(stored).toBeGreaterThanOrEqual(acknowledged.length);
    await stopBackend(backend);
  });

  test("a torn last record is dropped on restart instead of crashing", async () => {
    const dataDir = tempDataDir();
    const ports = nextPorts();
    let backend = await startBackend({ dataDir, ...ports });
    const http = new ConvexHttpClient(backend.url);
    await http.mutation(increment, { name: "torn" });
    await stopBackend(backend, "SIGKILL");
    const fs = await import("node:fs");
    fs.appendFileSync(`${dataDir}/log.jsonl`, '{"ts":"99999999999999999","writes":{"":[["0');
    backend = await startBackend({ dataDir, ...ports });
    expect(await new ConvexHttpClient(backend.url).query(getCounter, { name: "torn" })).toBe(1);
    await stopBackend(backend);
  });
});
