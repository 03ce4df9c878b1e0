/**
 * The local Resend stand-in as an HTTP server (`npm run dev` and the browser tests start it): the local backend
 * routes Resend's API here (`--outbound https://api.resend.com=…`), each recipient's copy goes into the dev mailbox
 * of the local deployment (`dev/mailbox:deliver`, called with the deployment's admin key), and delivery events go
 * back to the app's `/resend/webhook`, signed as Resend signs them (svix).
 */
import http from "node:http";
import { createResendStandIn, type MailboxEmail } from "./resend";

export type LocalResendOptions = {
  port: number;
  host?: string;
  apiKey: string;
  webhookSecret: string;
  /** The app's webhook endpoint, e.g. http://127.0.0.1:3211/resend/webhook. */
  webhookUrl: string;
  /** The local backend's client URL and admin key: where the dev mailbox is filled. */
  backendUrl: string;
  adminKey: string;
  log?: (line: string) => void;
};

/** Calls `dev/mailbox:deliver` on the local backend, as an admin may call an internal function. */
async function deliverToMailbox(backendUrl: string, adminKey: string, email: MailboxEmail) {
  const response = await fetch(`${backendUrl}/api/mutation`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Convex ${adminKey}` },
    body: JSON.stringify({ path: "dev/mailbox:deliver", format: "convex_encoded_json", args: [email] }),
  });
  const result = (await response.json().catch(() => null)) as { status?: string; errorMessage?: string } | null;
  if (!response.ok || result?.status !== "success") {
    throw new Error(`The dev mailbox refused the email to ${email.to}: ${result?.errorMessage ?? response.status}`);
  }
}

export function startLocalResend(options: LocalResendOptions) {
  const log = options.log ?? ((line: string) => console.log(`[resend-local] ${line}`));
  const standIn = createResendStandIn({
    apiKey: options.apiKey,
    webhookSecret: options.webhookSecret,
    deliver: (email) => deliverToMailbox(options.backendUrl, options.adminKey, email),
    postWebhook: (body, headers) => fetch(options.webhookUrl, { method: "POST", headers, body }),
    log,
  });

  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const method = req.method ?? "GET";
      const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
        method,
        headers,
        ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
      });
      const response = await standIn.handle(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      log(`error: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ statusCode: 500, name: "application_error", message: "Internal server error" }));
    });
  });

  server.listen(options.port, options.host ?? "127.0.0.1");
  log(`Resend stand-in on http://${options.host ?? "127.0.0.1"}:${options.port}`);
  return {
    emails: standIn.emails,
    settled: standIn.settled,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
