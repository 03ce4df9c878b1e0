/**
 * Email through the @convex-dev/resend component, against the local Resend stand-in: the queue, Resend's API calls,
 * the svix-signed delivery webhook, retries, idempotency, attachments, and where email goes in and out of local mode.
 */
import { Webhook } from "svix";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { components, internal } from "../../convex/_generated/api";
import { newTest, restoreFakes } from "./helpers";
import { drainEmail, LOCAL_RESEND_KEY, RESEND_WEBHOOK_SECRET, useResendStandIn } from "./resend-helpers";

const email = {
  to: "learner@example.com",
  subject: "Your invitation",
  html: '<p>Hello</p><a href="https://academy.test/invite/abc?x=1&amp;y=2">Accept</a>',
  text: "Hello",
};

type T = ReturnType<typeof newTest>;
const statusOf = async (t: T, emailId: string) => await t.query(components.resend.lib.getStatus, { emailId });
const mailbox = async (t: T) => await t.run(async (ctx) => ctx.db.query("devEmails").collect());

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubEnv("RESEND_WEBHOOK_SECRET", RESEND_WEBHOOK_SECRET);
  vi.stubEnv("AUTH_RESEND_KEY", "");
  vi.stubEnv("SITE_URL", "https://academy.test");
});
afterEach(restoreFakes);

describe("local mode with the stand-in's key", () => {
  beforeEach(() => vi.stubEnv("RESEND_API_KEY", LOCAL_RESEND_KEY));

  test("an email is queued on the component, sent to Resend's batch API, lands in the dev mailbox and is marked delivered by the signed webhook", async () => {
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: LOCAL_RESEND_KEY, mailbox: true });
    const emailId = await t.action(internal.integrations.email.send, email);
    expect(emailId).not.toBeNull();
    // Queued, not sent: nothing has called Resend before the queue runs.
    expect(resend.calls).toEqual([]);
    expect((await statusOf(t, emailId!))?.status).toBe("waiting");

    await drainEmail(t, resend.standIn);
    expect(resend.calls).toHaveLength(1);
    const [call] = resend.calls;
    expect(call).toMatchObject({ method: "POST", path: "/emails/batch", authorization: `Bearer ${LOCAL_RESEND_KEY}` });
    expect(call.idempotencyKey).toBeTruthy();
    expect(call.body).toEqual([
      expect.objectContaining({
        to: ["learner@example.com"],
        subject: "Your invitation",
        html: email.html,
        text: "Hello",
        from: expect.stringContaining("@"),
      }),
    ]);

    const [copy] = await mailbox(t);
    expect(copy).toMatchObject({
      to: "learner@example.com",
      subject: "Your invitation",
      actionUrl: "https://academy.test/invite/abc?x=1&y=2",
    });
    expect(resend.webhooks).toEqual([
      { status: 201, type: "email.sent" },
      { status: 201, type: "email.delivered" },
    ]);
    expect(await statusOf(t, emailId!)).toMatchObject({ status: "delivered", bounced: false, failed: false });
  });

  test("a bounce comes back as a bounce: the email is marked bounced with the reason and never reaches the mailbox", async () => {
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: LOCAL_RESEND_KEY, mailbox: true });
    const emailId = await t.action(internal.integrations.email.send, { ...email, to: "bounced@resend.dev" });
    await drainEmail(t, resend.standIn);
    expect(await statusOf(t, emailId!)).toMatchObject({
      status: "bounced",
      bounced: true,
      errorMessage: expect.stringMatching(/rejected/),
    });
    expect(await mailbox(t)).toEqual([]);
  });

  test("Resend failing is retried by the component until it accepts; the email is delivered once, under one idempotency key", async () => {
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: LOCAL_RESEND_KEY, mailbox: true });
    resend.control.failNext = 2;
    const emailId = await t.action(internal.integrations.email.send, email);
    await drainEmail(t, resend.standIn);
    expect(resend.calls.map((c) => c.path)).toEqual(["/emails/batch", "/emails/batch", "/emails/batch"]);
    expect(new Set(resend.calls.map((c) => c.idempotencyKey)).size).toBe(1);
    expect(await mailbox(t)).toHaveLength(1);
    expect((await statusOf(t, emailId!))?.status).toBe("delivered");
  });

  test("the same idempotency key queued twice is sent once", async () => {
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: LOCAL_RESEND_KEY, mailbox: true });
    const first = await t.action(internal.integrations.email.send, { ...email, idempotencyKey: "invite:1" });
    const second = await t.action(internal.integrations.email.send, { ...email, idempotencyKey: "invite:1" });
    expect(second).toBe(first);
    await drainEmail(t, resend.standIn);
    expect(resend.inbox).toHaveLength(1);
  });

  test("a calendar attachment goes to /emails at once (the batch API takes none), base64-encoded with Resend's idempotency key, is sent once per key, and arrives as the calendar", async () => {
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: LOCAL_RESEND_KEY, mailbox: true });
    const calendar = "BEGIN:VCALENDAR\r\nSUMMARY:Atelier — café\r\nEND:VCALENDAR\r\n";
    const receipt = {
      ...email,
      subject: "Your receipt",
      attachments: [{ filename: "course.ics", contentType: "text/calendar", content: calendar }],
      idempotencyKey: "receipt:1",
    };
    const emailId = await t.action(internal.integrations.email.send, receipt);
    // Sent at once; the same receipt again (an action retried) is the same email and does not call Resend again.
    expect(resend.calls.map((c) => [c.path, c.idempotencyKey])).toEqual([["/emails", "receipt:1"]]);
    expect(await t.action(internal.integrations.email.send, receipt)).toBe(emailId);
    await drainEmail(t, resend.standIn);
    expect(resend.calls).toHaveLength(1);
    const sent = resend.calls[0].body as {
      attachments: Array<{ filename: string; content: string; content_type: string }>;
    };
    expect(sent.attachments).toEqual([
      {
        filename: "course.ics",
        content_type: "text/calendar",
        content: btoa(String.fromCharCode(...new TextEncoder().encode(calendar))),
      },
    ]);
    const copies = await mailbox(t);
    expect(copies).toHaveLength(1);
    expect(copies[0].attachments).toEqual([
      { filename: "course.ics", contentType: "text/calendar", content: calendar },
    ]);
    expect((await statusOf(t, emailId!))?.status).toBe("delivered");
  });
});

describe("the delivery webhook", () => {
  beforeEach(() => vi.stubEnv("RESEND_API_KEY", LOCAL_RESEND_KEY));

  async function sentEmail() {
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: LOCAL_RESEND_KEY, mailbox: true });
    const emailId = (await t.action(internal.integrations.email.send, { ...email, to: "delivered@resend.dev" }))!;
    await drainEmail(t, resend.standIn);
    const [resendId] = [...resend.standIn.emails.keys()];
    return { t, emailId, resendId };
  }
  const bounce = (resendId: string) =>
    JSON.stringify({
      type: "email.bounced",
      created_at: new Date().toISOString(),
      data: {
        created_at: new Date().toISOString(),
        email_id: resendId,
        from: "a@b.co",
        to: ["delivered@resend.dev"],
        subject: "x",
        bounce: { message: "forged", subType: "General", type: "Permanent" },
      },
    });
  function signed(body: string, secret = RESEND_WEBHOOK_SECRET) {
    const now = new Date();
    return {
      "content-type": "application/json",
      "svix-id": "msg_test",
      "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
      "svix-signature": new Webhook(secret).sign("msg_test", now, body),
    };
  }

  test("a signed event is recorded; a wrong secret, a changed body or no signature is refused with 401 and changes nothing", async () => {
    const { t, emailId, resendId } = await sentEmail();
    expect((await statusOf(t, emailId))?.status).toBe("delivered");
    const body = bounce(resendId);
    const otherSecret = `whsec_${btoa("somebody else's secret, 32 bytes")}`;
    const refused = [
      await t.fetch("/resend/webhook", { method: "POST", headers: signed(body, otherSecret), body }),
      await t.fetch("/resend/webhook", {
        method: "POST",
        headers: signed(body),
        body: body.replace("forged", "forgeD"),
      }),
      await t.fetch("/resend/webhook", { method: "POST", headers: { "content-type": "application/json" }, body }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(await statusOf(t, emailId)).toMatchObject({ status: "delivered", bounced: false });

    const accepted = await t.fetch("/resend/webhook", { method: "POST", headers: signed(body), body });
    expect(accepted.status).toBe(201);
    expect(await statusOf(t, emailId)).toMatchObject({ bounced: true, errorMessage: "forged" });
  });

  test("without RESEND_WEBHOOK_SECRET no event is accepted", async () => {
    const { t, emailId, resendId } = await sentEmail();
    vi.stubEnv("RESEND_WEBHOOK_SECRET", "");
    const body = bounce(resendId);
    const response = await t.fetch("/resend/webhook", { method: "POST", headers: signed(body), body });
    expect(response.status).toBe(503);
    expect(await statusOf(t, emailId)).toMatchObject({ bounced: false });
  });
});

describe("outside local mode", () => {
  beforeEach(() => vi.stubEnv("ACADEMY_LOCAL_MODE", ""));

  test("with a Resend key, email to real addresses goes through the component to Resend, never to the dev mailbox", async () => {
    vi.stubEnv("RESEND_API_KEY", "re_live_key");
    const t = newTest();
    const resend = useResendStandIn(t, { apiKey: "re_live_key", mailbox: false });
    const emailId = await t.action(internal.integrations.email.send, email);
    await drainEmail(t, resend.standIn);
    expect(resend.calls).toEqual([
      expect.objectContaining({ path: "/emails/batch", authorization: "Bearer re_live_key" }),
    ]);
    expect(resend.inbox.map((e) => e.to)).toEqual(["learner@example.com"]);
    expect((await statusOf(t, emailId!))?.status).toBe("delivered");
    expect(await t.run(async (ctx) => ctx.db.query("devEmails").collect())).toEqual([]);
  });
});
