/**
 * A small local stand-in for the parts of Cal.com the academy uses, so office
 * hours work offline with the real `@calcom/embed-react` component:
 * - `/embed/embed.js`: Cal.com's own embed script (from `@calcom/embed-core`);
 * - `/<user>/<event>/embed`: a booking page that speaks the embed's iframe
 *   protocol (`__iframeReady`, `linkReady`, `__dimensionChanged`,
 *   `bookingSuccessfulV2`) and prefills name, email and metadata from the URL
 *   (`metadata[key]=value`, held to Cal.com's limits: 50 keys, keys of 40 and
 *   values of 500 characters);
 * - API v2: `GET /v2/bookings/:uid`, `POST /v2/bookings`, `POST
 *   /v2/bookings/:uid/cancel`, `POST /v2/bookings/:uid/reschedule` (Bearer key);
 * - webhooks `BOOKING_CREATED` / `BOOKING_RESCHEDULED` / `BOOKING_CANCELLED`
 *   signed as Cal.com signs them (`X-Cal-Signature-256`: hex HMAC-SHA256 of the
 *   raw body), shaped like Cal.com's (`attendees`, `responses`, the booking's
 *   `metadata` on every trigger), delivered to the app with retries.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export type Booking = {
  uid: string;
  id: number;
  title: string;
  status: "accepted" | "cancelled";
  start: string;
  end: string;
  eventTypeId: number;
  attendees: Array<{ name: string; email: string; timeZone: string }>;
  metadata: Record<string, string>;
  cancellationReason?: string;
  rescheduledToUid?: string;
};

export type LocalCalcomOptions = {
  port: number;
  host?: string;
  apiKey: string;
  webhookSecret: string;
  webhookUrl: string;
  /** Where `@calcom/embed-core` is installed (its dist/embed/embed.js is served). */
  embedCoreDir?: string;
  log?: (line: string) => void;
};

export const EVENT_TYPE = { id: 4242, slug: "office-hours", title: "Office hours", lengthInMinutes: 30 };
const SLOT_HOURS_UTC = [9, 11, 14, 16];

/** Bookable starts: the next 10 weekdays at fixed UTC hours, minus taken ones. */
export function availableSlots(bookings: Booking[], now = Date.now()) {
  const taken = new Set(bookings.filter((b) => b.status === "accepted").map((b) => b.start));
  const slots: string[] = [];
  const day = new Date(now);
  day.setUTCHours(0, 0, 0, 0);
  while (slots.length < 10 * SLOT_HOURS_UTC.length) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    for (const hour of SLOT_HOURS_UTC) {
      const start = new Date(day);
      start.setUTCHours(hour);
      slots.push(start.toISOString());
    }
  }
  return slots.filter((s) => !taken.has(s));
}

/** Cal.com's limits on booking metadata. */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

/** Booking metadata as Cal.com accepts it: string values within METADATA_LIMITS. */
export function checkMetadata(metadata: unknown): Record<string, string> {
  if (metadata === undefined || metadata === null) return {};
  if (typeof metadata !== "object" || Array.isArray(metadata)) throw new HttpError(400, "metadata must be an object");
  const entries = Object.entries(metadata as Record<string, unknown>);
  if (entries.length > METADATA_LIMITS.keys)
    throw new HttpError(400, `metadata may have at most ${METADATA_LIMITS.keys} keys`);
  for (const [key, value] of entries) {
    if (key.length > METADATA_LIMITS.keyLength)
      throw new HttpError(400, `metadata keys may be at most ${METADATA_LIMITS.keyLength} characters`);
    if (typeof value !== "string" || value.length > METADATA_LIMITS.valueLength) {
      throw new HttpError(400, `metadata values must be strings of at most ${METADATA_LIMITS.valueLength} characters`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

export function signCalBody(body: string, secret: string) {
  return crypto.createHmac("sha256", secret).update(body).digest("hex");
}

export function startLocalCalcom(options: LocalCalcomOptions) {
  const log = options.log ?? ((line: string) => console.log(`[calcom-local] ${line}`));
  const bookings = new Map<string, Booking>();
  let nextId = 1;
  const embedJs = path.join(
    options.embedCoreDir ?? path.join(process.cwd(), "node_modules", "@calcom", "embed-core"),
    "dist",
    "embed",
    "embed.js",
  );

  async function sendWebhook(triggerEvent: string, booking: Booking, extra: Record<string, unknown> = {}) {
    const body = JSON.stringify({
      triggerEvent,
      createdAt: new Date().toISOString(),
      payload: {
        type: EVENT_TYPE.slug,
        title: booking.title,
        uid: booking.uid,
        bookingId: booking.id,
        eventTypeId: booking.eventTypeId,
        startTime: booking.start,
        endTime: booking.end,
        attendees: booking.attendees,
        responses: {
          name: { label: "your_name", value: booking.attendees[0].name },
          email: { label: "email_address", value: booking.attendees[0].email },
        },
        organizer: { name: "Academy office hours", email: "office-hours@aienablement.academy", timeZone: "UTC" },
        metadata: booking.metadata,
        status: booking.status === "accepted" ? "ACCEPTED" : "CANCELLED",
        ...(booking.cancellationReason ? { cancellationReason: booking.cancellationReason } : {}),
        ...extra,
      },
    });
    for (let attempt = 1; attempt <= 4; attempt++) {
      try {
        const response = await fetch(options.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-cal-signature-256": signCalBody(body, options.webhookSecret),
          },
          body,
        });
        log(`webhook ${triggerEvent} ${booking.uid} → ${response.status}`);
        if (response.ok) return;
      } catch (error) {
        log(`webhook ${triggerEvent} failed: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 300 * 2 ** attempt));
    }
  }

  function create(
    input: { start: string; name: string; email: string; timeZone?: string; metadata?: unknown },
    rescheduleUid?: string,
  ) {
    const metadata = checkMetadata(input.metadata);
    const start = new Date(input.start);
    if (Number.isNaN(start.getTime())) throw new HttpError(400, "start must be an ISO date-time");
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) throw new HttpError(400, "attendee email is invalid");
    if (!availableSlots([...bookings.values()]).includes(start.toISOString()))
      throw new HttpError(409, "This slot is no longer available");
    const booking: Booking = {
      uid: crypto.randomBytes(11).toString("base64url"),
      id: nextId++,
      title: `${EVENT_TYPE.title} with ${input.name || input.email}`,
      status: "accepted",
      start: start.toISOString(),
      end: new Date(start.getTime() + EVENT_TYPE.lengthInMinutes * 60_000).toISOString(),
      eventTypeId: EVENT_TYPE.id,
      attendees: [{ name: input.name || input.email, email: input.email, timeZone: input.timeZone || "UTC" }],
      metadata,
    };
    bookings.set(booking.uid, booking);
    // A move is announced as BOOKING_RESCHEDULED with the new uid and rescheduleUid = the old one, as Cal.com does.
    void (rescheduleUid
      ? sendWebhook("BOOKING_RESCHEDULED", booking, { rescheduleUid })
      : sendWebhook("BOOKING_CREATED", booking));
    return booking;
  }

  function requireBooking(uid: string) {
    const booking = bookings.get(uid);
    if (!booking) throw new HttpError(404, `Booking ${uid} not found`);
    return booking;
  }

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!(error instanceof HttpError)) log(`error: ${(error as Error).stack}`);
      send(res, status, { status: "error", error: { message: (error as Error).message } });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const method = req.method ?? "GET";
    if (url.pathname === "/_health") return send(res, 200, { ok: true });
    if (url.pathname === "/embed/embed.js") {
      res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "access-control-allow-origin": "*" });
      res.end(fs.readFileSync(embedJs));
      return;
    }
    if (url.pathname === "/_local/book" && method === "POST") {
      const body = JSON.parse(await readBody(req)) as {
        start: string;
        name: string;
        email: string;
        timeZone?: string;
        metadata?: unknown;
      };
      return send(res, 200, { status: "success", data: toApi(create(body)) });
    }
    if (url.pathname.startsWith("/v2/")) {
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) throw new HttpError(401, "Invalid API key");
      const json =
        method === "POST" ? ((JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>) ?? {}) : {};
      if (url.pathname === "/v2/bookings" && method === "POST") {
        const attendee = (json.attendee ?? {}) as { name?: string; email?: string; timeZone?: string };
        return send(res, 201, {
          status: "success",
          data: toApi(
            create({
              start: String(json.start),
              name: attendee.name ?? "",
              email: attendee.email ?? "",
              timeZone: attendee.timeZone,
              metadata: json.metadata,
            }),
          ),
        });
      }
      const match = /^\/v2\/bookings\/([^/]+)(?:\/(cancel|reschedule))?$/.exec(url.pathname);
      if (match && method === "GET" && !match[2])
        return send(res, 200, { status: "success", data: toApi(requireBooking(match[1])) });
      if (match && method === "POST" && match[2] === "cancel") {
        const booking = requireBooking(match[1]);
        if (booking.status === "accepted") {
          booking.status = "cancelled";
          booking.cancellationReason =
            typeof json.cancellationReason === "string" ? json.cancellationReason : undefined;
          void sendWebhook("BOOKING_CANCELLED", booking);
        }
        return send(res, 200, { status: "success", data: toApi(booking) });
      }
      if (match && method === "POST" && match[2] === "reschedule") {
        const old = requireBooking(match[1]);
        if (old.status !== "accepted") throw new HttpError(400, "Only accepted bookings can be rescheduled");
        old.status = "cancelled";
        const moved = create(
          {
            start: String(json.start),
            name: old.attendees[0].name,
            email: old.attendees[0].email,
            timeZone: old.attendees[0].timeZone,
            metadata: old.metadata,
          },
          old.uid,
        );
        old.rescheduledToUid = moved.uid;
        return send(res, 201, { status: "success", data: toApi(moved) });
      }
      throw new HttpError(404, `No stand-in for ${method} ${url.pathname}`);
    }
    const page = /^\/([^/]+)\/([^/]+?)(?:\/embed)?$/.exec(url.pathname);
    if (page && method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(bookingPage(url, availableSlots([...bookings.values()])));
      return;
    }
    throw new HttpError(404, "Not found");
  }

  server.listen(options.port, options.host ?? "127.0.0.1");
  log(`Cal.com stand-in on http://${options.host ?? "127.0.0.1"}:${options.port}`);
  return {
    bookings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function toApi(b: Booking) {
  return {
    id: b.id,
    uid: b.uid,
    title: b.title,
    status: b.status,
    start: b.start,
    end: b.end,
    eventTypeId: b.eventTypeId,
    attendees: b.attendees,
    metadata: b.metadata,
    cancellationReason: b.cancellationReason,
  };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage) {
  return new Promise<string>((resolve, reject) => {
    let data = "";
    req.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON for an inline <script>: no "</script>" or "<!--" can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** The booking page's styles: a plain form in Cal.com's greys. */
const BOOKING_PAGE_STYLE = `
body{font-family:Inter,system-ui,sans-serif;margin:0;padding:20px;color:#111827;background:#fff}
h1{font-size:18px;margin:0 0 4px}p{margin:0 0 12px;color:#4b5563;font-size:14px}
fieldset{border:1px solid #e5e7eb;border-radius:8px;margin:0 0 10px;padding:8px 12px;display:flex;flex-wrap:wrap;
gap:8px}
legend{font-size:13px;font-weight:600;padding:0 4px}
.slot{border:1px solid #d1d5db;border-radius:6px;padding:6px 10px;font-size:14px;cursor:pointer}
.slot:has(input:checked){border-color:#111827;background:#f3f4f6}
.row{display:flex;gap:8px;flex-wrap:wrap;margin:12px 0}
label.f{display:flex;flex-direction:column;font-size:13px;font-weight:600;gap:4px;flex:1;min-width:180px}
input[type=text],input[type=email]{border:1px solid #d1d5db;border-radius:6px;padding:8px;font-size:14px}
button{background:#111827;color:#fff;border:0;border-radius:6px;padding:10px 16px;font-size:14px;font-weight:600;
cursor:pointer}
#done{display:none}.error{color:#b91c1c;font-size:14px}
`;

/** The booking page inside the embed's iframe (or opened directly). */
function bookingPage(url: URL, slots: string[]) {
  const namespace = url.searchParams.get("embed") ?? "";
  const metadata: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    const m = /^metadata\[(.+)\]$/.exec(key);
    if (m) metadata[m[1]] = value;
  }
  const byDay = new Map<string, string[]>();
  for (const slot of slots) {
    const day = slot.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  const slotLabel = (s: string) =>
    `<label class="slot"><input type="radio" name="start" value="${s}" required> ${s.slice(11, 16)} UTC</label>`;
  const days = [...byDay]
    .slice(0, 5)
    .map(([day, daySlots]) => {
      const date = new Date(`${day}T12:00:00Z`);
      const legend = date.toLocaleDateString("en-US", {
        weekday: "long",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      });
      return `<fieldset><legend>${escape(legend)}</legend>${daySlots.map(slotLabel).join("")}</fieldset>`;
    })
    .join("");
  const name = escape(url.searchParams.get("name") ?? "");
  const email = escape(url.searchParams.get("email") ?? "");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${EVENT_TYPE.title} · Cal.com (local)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${BOOKING_PAGE_STYLE}</style></head><body>
<main id="form-view"><h1>${EVENT_TYPE.title}</h1>
<p>${EVENT_TYPE.lengthInMinutes} minutes with an academy coach · local Cal.com stand-in</p>
<form id="book">${days}
<div class="row"><label class="f">Your name<input type="text" name="name" required value="${name}"></label>
<label class="f">Email address<input type="email" name="email" required value="${email}"></label></div>
<p class="error" id="error" role="alert"></p><button type="submit">Confirm booking</button></form></main>
<main id="done" role="status"><h1>This meeting is scheduled</h1><p id="done-text"></p></main>
<script>
const ns = ${scriptJson(namespace)}, metadata = ${scriptJson(metadata)};
const post = (type, data) => {
  if (window.parent === window) return;
  window.parent.postMessage({ originator: "CAL", type, namespace: ns, fullType: "CAL:" + ns + ":" + type, data }, "*");
};
const size = () => post("__dimensionChanged", {
  iframeHeight: Math.ceil(document.body.getBoundingClientRect().height) + 40,
  iframeWidth: document.documentElement.scrollWidth,
});
window.addEventListener("message", (e) => {
  if (e.data && e.data.originator === "CAL" && e.data.method === "parentKnowsIframeReady") size();
});
post("__iframeReady", {}); post("linkReady", {}); size(); new ResizeObserver(size).observe(document.body);
document.getElementById("book").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const res = await fetch("/_local/book", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ start: f.get("start"), name: f.get("name"), email: f.get("email"), timeZone, metadata }),
  });
  const json = await res.json();
  if (!res.ok) { document.getElementById("error").textContent = json.error.message; return; }
  document.getElementById("form-view").style.display = "none";
  document.getElementById("done").style.display = "block";
  document.getElementById("done-text").textContent =
    new Date(json.data.start).toUTCString() + " — a confirmation is on its way.";
  const { uid, title, start, end } = json.data;
  post("bookingSuccessfulV2", { uid, title, startTime: start, endTime: end, status: "ACCEPTED" });
  post("bookingSuccessful", { booking: json.data, eventType: ${scriptJson(EVENT_TYPE)} });
});
</script></body></html>`;
}
