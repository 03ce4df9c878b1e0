/**
 * The local backend's doors: only the app's own origins may use it from a
 * browser (HTTP and WebSocket), the admin key must match exactly, and request
 * bodies are capped.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import WebSocket from "ws";
import { freePort } from "../../tests/support/free-port";
import { startBackend, stopBackend, tempDataDir, type RunningBackend } from "./harness";

const ADMIN_KEY = "0123456789abcdef0123456789abcdef";
const APP = "https://academy.example.com";
const listMessages = makeFunctionReference<"query", Record<string, never>, string[]>("messages:list");
const generateUploadUrl = makeFunctionReference<"mutation", Record<string, never>, string>("files:generateUploadUrl");
const caller = makeFunctionReference<
  "mutation",
  Record<string, never>,
  { ip: string | null; userAgent: string | null }
>("meta:caller");
const callerFromAction = makeFunctionReference<
  "action",
  Record<string, never>,
  { ip: string | null; userAgent: string | null }
>("meta:callerFromAction");

/** Opens a sync WebSocket as a browser page at `origin` would; resolves with the HTTP status of the upgrade. */
function openSync(url: string, origin: string | undefined) {
  return new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/api/1.48.0/sync`, origin ? { origin } : {});
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("error", reject);
  });
}

function callQuery(url: string, headers: Record<string, string>) {
  return fetch(`${url}/api/query`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ path: "messages:list", args: [{}], format: "json" }),
  });
}

describe("local backend doors", () => {
  let backend: RunningBackend;

  beforeAll(async () => {
    const port = await freePort();
    backend = await startBackend({
      dataDir: tempDataDir(),
      port,
      sitePort: await freePort(),
      env: { CONVEX_LOCAL_ADMIN_KEY: ADMIN_KEY, SITE_URL: APP },
      args: ["--max-upload-mb", "1"],
    });
  });

  afterAll(async () => {
    await stopBackend(backend);
  });

  test(
    "#15.18 a web page from another site can neither read nor call the local backend (HTTP or WebSocket); " +
      "the app's own origins can",
    async () => {
      const preflight = await fetch(`${backend.url}/api/query`, {
        method: "OPTIONS",
        headers: {
          origin: "https://evil.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      for (const origin of [
        "https://evil.example",
        "http://localhost.evil.example",
        "null",
        "http://127.0.0.1.nip.io:3000",
      ]) {
        const response = await callQuery(backend.url, { origin });
        expect(response.status, origin).toBe(403);
        expect(response.headers.get("access-control-allow-origin"), origin).toBeNull();
      }
      expect(await openSync(backend.url, "https://evil.example")).toBe(403);

      for (const origin of [APP, "http://localhost:3000", "http://127.0.0.1:3140"]) {
        const response = await callQuery(backend.url, { origin });
        expect(response.status, origin).toBe(200);
        expect(response.headers.get("access-control-allow-origin"), origin).toBe(origin);
        expect(await openSync(backend.url, origin), origin).toBe(101);
      }
      // Programs (Node clients, the Next.js server) send no Origin and are not web pages.
      expect(await new ConvexHttpClient(backend.url).query(listMessages, {})).toEqual([]);
      expect(await openSync(backend.url, undefined)).toBe(101);
    },
  );

  test("#15.18 only the exact admin key may call internal functions", async () => {
    const insertInternal = (authorization: string) =>
      fetch(`${backend.url}/api/mutation`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization },
        body: JSON.stringify({ path: "messages:insertInternal", args: [{ body: "from admin" }], format: "json" }),
      });
    for (const near of [
      `Convex ${ADMIN_KEY.slice(0, -1)}`,
      `Convex ${ADMIN_KEY}0`,
      `Convex ${ADMIN_KEY.toUpperCase()}`,
      `Bearer ${ADMIN_KEY}`,
      "Convex ",
    ]) {
      expect((await insertInternal(near)).status, near).not.toBe(200);
    }
    expect(await new ConvexHttpClient(backend.url).query(listMessages, {})).toEqual([]);
    const admitted = await insertInternal(`Convex ${ADMIN_KEY}`);
    expect(admitted.status).toBe(200);
    expect(await new ConvexHttpClient(backend.url).query(listMessages, {})).toEqual(["from admin"]);
  });

  test("#15.18 request bodies are capped with 413: function calls, HTTP actions and uploads", async () => {
    const call = await fetch(`${backend.url}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array(16 * 1024 * 1024 + 1).fill(32),
    });
    expect(call.status).toBe(413);
    expect(await call.json()).toMatchObject({ code: "PayloadTooLarge" });

    const httpAction = await fetch(`${backend.siteUrl}/hello`, {
      method: "POST",
      body: new Uint8Array(20 * 1024 * 1024 + 1),
    });
    expect(httpAction.status).toBe(413);
    const small = await fetch(`${backend.siteUrl}/hello`, { method: "POST", body: "hi" });
    expect(await small.json()).toMatchObject({ body: "hi" });

    const client = new ConvexHttpClient(backend.url);
    const tooBig = await fetch(await client.mutation(generateUploadUrl, {}), {
      method: "POST",
      headers: { "content-type": "video/mp4" },
      body: new Uint8Array(1024 * 1024 + 1),
    });
    expect(tooBig.status).toBe(413);
    const fits = await fetch(await client.mutation(generateUploadUrl, {}), {
      method: "POST",
      headers: { "content-type": "video/mp4" },
      body: new Uint8Array(1024),
    });
    expect(fits.status).toBe(200);
    expect(await fits.json()).toMatchObject({ storageId: expect.any(String) });
  });

  test("a function sees the caller's address and user agent, as on a deployment (WebSocket and HTTP)", async () => {
    const http = new ConvexHttpClient(backend.url);
    expect(await http.mutation(caller, {})).toMatchObject({ ip: "127.0.0.1" });
    expect(await http.action(callerFromAction, {})).toMatchObject({ ip: "127.0.0.1" });

    const ws = new WebSocket(`${backend.url.replace(/^http/, "ws")}/api/1.48.0/sync`, {
      headers: { "user-agent": "academy-test-agent" },
    });
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    const response = new Promise<Record<string, unknown>>((resolve) => {
      ws.on("message", (data) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>;
        if (message.type === "MutationResponse") resolve(message);
      });
    });
    ws.send(
      JSON.stringify({
        type: "Connect",
        sessionId: "s1",
        connectionCount: 0,
        lastCloseReason: null,
        clientTs: Date.now(),
      }),
    );
    ws.send(JSON.stringify({ type: "Mutation", requestId: 1, udfPath: "meta:caller", args: [{}] }));
    expect(await response).toMatchObject({
      success: true,
      result: { ip: "127.0.0.1", userAgent: "academy-test-agent" },
    });
    ws.close();
  });
});
