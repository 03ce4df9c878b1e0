import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseOutboundRoutes, routeOutboundFetch } from "../outbound";

let server: http.Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
    res.end("stand-in");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

test("a routed origin reaches its stand-in with path, query, method, headers, body; undo restores fetch", async () => {
  const original = globalThis.fetch;
  const undo = routeOutboundFetch(parseOutboundRoutes([`https://api.resend.com=${base}/`]));
  try {
    const response = await fetch("https://api.resend.com/emails/batch?x=1", {
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: "[]",
    });
    expect(await response.text()).toBe("stand-in");
    await fetch(new Request("https://api.resend.com/emails/abc", { headers: { authorization: "Bearer r" } }));
    expect(seen).toEqual(["POST /emails/batch?x=1 Bearer k", "GET /emails/abc Bearer r"]);
    // Other origins are not rerouted (this one is unreachable offline, so only the refusal is observed).
    await expect(fetch("http://127.0.0.1:1/")).rejects.toThrow();
  } finally {
    undo();
  }
  expect(globalThis.fetch).toBe(original);
});

test("a route names an origin and a local URL", () => {
  expect([...parseOutboundRoutes(["https://api.resend.com=http://127.0.0.1:12113"])]).toEqual([
    ["https://api.resend.com", "http://127.0.0.1:12113"],
  ]);
  expect(() => parseOutboundRoutes(["https://api.resend.com"])).toThrow(/expected/);
  expect(() => parseOutboundRoutes(["https://api.resend.com/emails=http://127.0.0.1:1"])).toThrow(/origin/);
});
