import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "svix";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Resend } from "resend";
import { freePort } from "../../tests/support/free-port";
import { mainLink } from "../resend";
import { startLocalResend } from "../server";

const KEY = "re_local_stand_in_test";
const SECRET = `whsec_${Buffer.from("stand-in test webhook secret 32b").toString("base64")}`;
const ADMIN = "admin-key";
const webhooks: Array<{ body: string; headers: Record<string, string> }> = [];
const mailbox: Array<{
  authorization: string | undefined;
  body: { path: string; args: Array<Record<string, unknown>> };
}> = [];
let app: http.Server;
let resend: ReturnType<typeof startLocalResend>;
let base: string;

beforeAll(async () => {
  // Plays both the app's site (webhooks) and the local backend (the dev mailbox's mutation).
  app = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.url === "/api/mutation") {
        mailbox.push({ authorization: req.headers.authorization, body: JSON.parse(body) });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ status: "success", value: null }));
        return;
      }
      webhooks.push({ body, headers: req.headers as Record<string, string> });
      res.writeHead(201);
      res.end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  resend = startLocalResend({
    port,
    apiKey: KEY,
    webhookSecret: SECRET,
    webhookUrl: `${appUrl}/resend/webhook`,
    backendUrl: appUrl,
    adminKey: ADMIN,
    log: () => {},
  });
  await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await resend.close();
  app.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

test("the real Resend SDK sends via the stand-in; a copy reaches the dev mailbox, signed events follow", async () => {
  const sdk = new Resend(KEY, { baseUrl: base });
  const { data, error } = await sdk.emails.send({
    from: "Academy <hello@academy.test>",
    to: "ada@example.com",
    subject: "Welcome",
    html: '<p>Hi</p><a href="https://academy.test/learn?a=1&amp;b=2" style="x">Start</a>',
    text: "Hi",
    attachments: [{ filename: "c.ics", content: Buffer.from("BEGIN:VCALENDAR"), contentType: "text/calendar" }],
  });
  expect(error).toBeNull();
  await resend.settled();
  for (let i = 0; i < 100 && webhooks.length < 2; i++) await new Promise((r) => setTimeout(r, 30));
  await resend.settled();
  expect(mailbox).toHaveLength(1);
  expect(mailbox[0].authorization).toBe(`Convex ${ADMIN}`);
  expect(mailbox[0].body.path).toBe("dev/mailbox:deliver");
  expect(mailbox[0].body.args[0]).toMatchObject({
    to: "ada@example.com",
    subject: "Welcome",
    actionUrl: "https://academy.test/learn?a=1&b=2",
    attachments: [{ filename: "c.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR" }],
  });
  const events = webhooks.map(
    (w) => new Webhook(SECRET).verify(w.body, w.headers) as { type: string; data: { email_id: string } },
  );
  expect(events.map((e) => e.type)).toEqual(["email.sent", "email.delivered"]);
  expect(events.every((e) => e.data.email_id === data!.id)).toBe(true);
  expect(() =>
    new Webhook(`whsec_${Buffer.from("another secret of thirty-two b").toString("base64")}`).verify(
      webhooks[0].body,
      webhooks[0].headers,
    ),
  ).toThrow();
  const fetched = await (
    await fetch(`${base}/emails/${data!.id}`, { headers: { authorization: `Bearer ${KEY}` } })
  ).json();
  expect(fetched).toMatchObject({ object: "email", id: data!.id, subject: "Welcome", last_event: "delivered" });
});

test(
  "refuses like Resend: no key 401, another key 403, missing fields 422, " +
    "attachments in a batch 422, over 100 in a batch 422",
  async () => {
    const ok = { from: "hello@academy.test", to: "a@example.com", subject: "s", text: "t" };
    const noKey = await fetch(`${base}/emails`, { method: "POST", body: JSON.stringify(ok) });
    expect([noKey.status, ((await noKey.json()) as { name: string }).name]).toEqual([401, "missing_api_key"]);
    const wrongKey = await post("/emails", ok, { authorization: "Bearer re_other" });
    expect([wrongKey.status, ((await wrongKey.json()) as { name: string }).name]).toEqual([403, "invalid_api_key"]);
    expect((await post("/emails", { ...ok, subject: undefined })).status).toBe(422);
    expect((await post("/emails", { ...ok, to: "not an address" })).status).toBe(422);
    expect((await post("/emails/batch", [{ ...ok, attachments: [{ filename: "a", content: "QQ==" }] }])).status).toBe(
      422,
    );
    expect(
      (
        await post(
          "/emails/batch",
          Array.from({ length: 101 }, () => ok),
        )
      ).status,
    ).toBe(422);
  },
);

test("an idempotency key answers the first response again, and refuses another body under the same key", async () => {
  const batch = [
    { from: "hello@academy.test", to: ["a@example.com"], subject: "1", text: "t" },
    { from: "hello@academy.test", to: ["b@example.com"], subject: "2", text: "t" },
  ];
  const first = (await (await post("/emails/batch", batch, { "idempotency-key": "k1" })).json()) as {
    data: Array<{ id: string }>;
  };
  expect(first.data).toHaveLength(2);
  const again = await post("/emails/batch", batch, { "idempotency-key": "k1" });
  expect(await again.json()).toEqual(first);
  const changed = await post("/emails/batch", [batch[0]], { "idempotency-key": "k1" });
  expect([changed.status, ((await changed.json()) as { name: string }).name]).toEqual([
    409,
    "invalid_idempotent_request",
  ]);
});

test("the main link is the first link of the HTML, else of the text", () => {
  expect(mainLink('<a href="https://x.test/a?b=1&amp;c=2">go</a><a href="https://y.test">', "")).toBe(
    "https://x.test/a?b=1&c=2",
  );
  expect(mainLink(undefined, "Open https://x.test/invite/abc now")).toBe("https://x.test/invite/abc");
  expect(mainLink("<p>no link</p>", "none")).toBeUndefined();
});
