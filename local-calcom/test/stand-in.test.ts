import http from "node:http";
import type { AddressInfo } from "node:net";
import { freePort } from "../../tests/support/free-port";
import { afterAll, beforeAll, expect, test } from "vitest";
import { verifyCalSignature } from "../../convex/integrations/calcom";
import { availableSlots, startLocalCalcom } from "../server";

const received: Array<{ body: string; signature: string | undefined }> = [];
let sink: http.Server;
let calcom: ReturnType<typeof startLocalCalcom>;
let port: number;
let base: string;

beforeAll(async () => {
  sink = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ body, signature: req.headers["x-cal-signature-256"] as string | undefined });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  calcom = startLocalCalcom({
    port,
    apiKey: "cal_key",
    webhookSecret: "secret",
    webhookUrl: `http://127.0.0.1:${(sink.address() as AddressInfo).port}/`,
    log: () => {},
  });
  await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await calcom.close();
  sink.close();
});

async function nextWebhook(count: number) {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return received[count - 1];
}

test("serves Cal.com's embed script and a prefilled booking page that speaks the embed protocol", async () => {
  const script = await fetch(`${base}/embed/embed.js`);
  expect(script.headers.get("content-type")).toContain("javascript");
  expect(await script.text()).toContain("__iframeReady");
  const page = await (
    await fetch(`${base}/academy/office-hours/embed?embed=oh&email=ada%40example.com&metadata%5BenrollmentId%5D=e1`)
  ).text();
  expect(page).toContain('value="ada@example.com"');
  expect(page).toContain('{"enrollmentId":"e1"}');
  expect(page).toContain("bookingSuccessfulV2");
});

test("bookings, moves and cancellations are announced with signatures the app's verifier accepts", async () => {
  const [slot, other] = availableSlots([]);
  const booked = await fetch(`${base}/_local/book`, {
    method: "POST",
    body: JSON.stringify({ start: slot, name: "Ada", email: "ada@example.com", metadata: { enrollmentId: "e1" } }),
  });
  const { data } = (await booked.json()) as { data: { uid: string } };
  const created = await nextWebhook(1);
  expect(await verifyCalSignature(created.body, created.signature ?? null, "secret")).toBe(true);
  expect(await verifyCalSignature(created.body, created.signature ?? null, "other")).toBe(false);
  expect(JSON.parse(created.body)).toMatchObject({
    triggerEvent: "BOOKING_CREATED",
    payload: { uid: data.uid, startTime: slot, metadata: { enrollmentId: "e1" } },
  });

  // The slot is taken now.
  expect(
    (
      await fetch(`${base}/_local/book`, {
        method: "POST",
        body: JSON.stringify({ start: slot, name: "Bo", email: "bo@example.com" }),
      })
    ).status,
  ).toBe(409);

  const headers = {
    Authorization: "Bearer cal_key",
    "cal-api-version": "2024-08-13",
    "content-type": "application/json",
  };
  expect(
    (
      await fetch(`${base}/v2/bookings/${data.uid}/cancel`, {
        method: "POST",
        headers: { Authorization: "Bearer wrong" },
      })
    ).status,
  ).toBe(401);
  const moved = (await (
    await fetch(`${base}/v2/bookings/${data.uid}/reschedule`, {
      method: "POST",
      headers,
      body: JSON.stringify({ start: other }),
    })
  ).json()) as { data: { uid: string } };
  const rescheduled = await nextWebhook(2);
  expect(JSON.parse(rescheduled.body)).toMatchObject({
    triggerEvent: "BOOKING_RESCHEDULED",
    payload: { uid: moved.data.uid, rescheduleUid: data.uid, startTime: other },
  });

  await fetch(`${base}/v2/bookings/${moved.data.uid}/cancel`, {
    method: "POST",
    headers,
    body: JSON.stringify({ cancellationReason: "Sick" }),
  });
  const cancelled = await nextWebhook(3);
  expect(JSON.parse(cancelled.body)).toMatchObject({
    triggerEvent: "BOOKING_CANCELLED",
    payload: { uid: moved.data.uid, cancellationReason: "Sick" },
  });
  expect((await (await fetch(`${base}/v2/bookings/${moved.data.uid}`, { headers })).json()) as unknown).toMatchObject({
    data: { status: "cancelled" },
  });
});

test(
  "#15.15 the booking's metadata (the academy's booking token) reaches every webhook, with Cal.com's responses; " +
    "metadata past Cal.com's limits is refused",
  async () => {
    const before = received.length;
    const slots = availableSlots([...calcom.bookings.values()]);
    const token = `oh1.${"c".repeat(200)}.${"s".repeat(43)}`;
    const booked = await fetch(`${base}/_local/book`, {
      method: "POST",
      body: JSON.stringify({
        start: slots[0],
        name: "Ada",
        email: "ada@example.com",
        metadata: { bookingToken: token },
      }),
    });
    const { data } = (await booked.json()) as { data: { uid: string } };
    const headers = {
      Authorization: "Bearer cal_key",
      "cal-api-version": "2024-08-13",
      "content-type": "application/json",
    };
    const moved = (await (
      await fetch(`${base}/v2/bookings/${data.uid}/reschedule`, {
        method: "POST",
        headers,
        body: JSON.stringify({ start: slots[1] }),
      })
    ).json()) as { data: { uid: string } };
    await fetch(`${base}/v2/bookings/${moved.data.uid}/cancel`, {
      method: "POST",
      headers,
      body: JSON.stringify({ cancellationReason: "Sick" }),
    });
    const bodies = [];
    for (let i = 1; i <= 3; i++)
      bodies.push(
        JSON.parse((await nextWebhook(before + i)).body) as { triggerEvent: string; payload: Record<string, unknown> },
      );
    expect(bodies.map((b) => b.triggerEvent)).toEqual(["BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED"]);
    for (const body of bodies) {
      expect(body.payload.metadata).toEqual({ bookingToken: token });
      expect(body.payload.responses).toEqual({
        name: { label: "your_name", value: "Ada" },
        email: { label: "email_address", value: "ada@example.com" },
      });
    }

    const book = (metadata: unknown) =>
      fetch(`${base}/_local/book`, {
        method: "POST",
        body: JSON.stringify({ start: slots[2], name: "Bo", email: "bo@example.com", metadata }),
      });
    expect((await book({ bookingToken: "x".repeat(501) })).status).toBe(400);
    expect((await book({ ["k".repeat(41)]: "v" })).status).toBe(400);
    expect((await book(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])))).status).toBe(400);
    expect((await book({ bookingToken: 42 })).status).toBe(400);
    expect(received.length).toBe(before + 3);

    // Metadata from the URL is data in the page, never markup.
    const hostile = encodeURIComponent("</script><script>alert(1)</script>");
    const page = await (await fetch(`${base}/academy/office-hours/embed?metadata%5Bx%5D=${hostile}`)).text();
    expect(page).not.toContain("<script>alert(1)");
    expect(page).toContain("\\u003c/script>\\u003cscript>alert(1)\\u003c/script>");
  },
);
