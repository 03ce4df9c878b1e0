/**
 * A small local stand-in for an OpenAI-compatible chat-completions API, so the
 * real Vercel AI SDK (`ai` + `@ai-sdk/openai-compatible`) grades open answers
 * offline: `POST /v1/chat/completions` (plain and streamed), `GET /v1/models`
 * and `/_health`. Requests need `Authorization: Bearer <AI_API_KEY>`. Answers
 * are deterministic and rubric-aware (responder.ts).
 */
import crypto from "node:crypto";
import http from "node:http";
import { type ChatRequest, respond } from "./responder";

export type LocalLlmOptions = {
  port: number;
  host?: string;
  apiKey: string;
  model: string;
  log?: (line: string) => void;
};

/** Bodies above this are refused with 413 (a grading prompt is a few kilobytes). */
const MAX_BODY_BYTES = 1_000_000;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

async function readBody(req: http.IncomingMessage) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Roughly four characters a token, as OpenAI's usage counts are for English. */
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export function startLocalLlm(options: LocalLlmOptions) {
  const log = options.log ?? ((line: string) => console.log(`[llm-local] ${line}`));
  const expected = Buffer.from(`Bearer ${options.apiKey}`);

  const authorized = (req: http.IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? "");
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  };

  const server = http.createServer((req, res) => {
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://localhost");
        if (req.method === "GET" && url.pathname === "/_health") return json(200, { ok: true });
        if (!authorized(req)) throw new HttpError(401, "Incorrect API key provided.", "invalid_api_key");
        if (req.method === "GET" && url.pathname === "/v1/models") {
          return json(200, {
            object: "list",
            data: [{ id: options.model, object: "model", created: 0, owned_by: "academy-local" }],
          });
        }
        if (req.method !== "POST" || url.pathname !== "/v1/chat/completions")
          throw new HttpError(404, `Unknown endpoint ${req.method} ${url.pathname}.`);
        let request: ChatRequest;
        try {
          request = JSON.parse(await readBody(req)) as ChatRequest;
        } catch (error) {
          if (error instanceof HttpError) throw error;
          throw new HttpError(400, "The body is not valid JSON.");
        }
        if (!Array.isArray(request.messages) || request.messages.length === 0)
          throw new HttpError(400, "'messages' must be a non-empty array.");
        const content = respond(request);
        const digest = crypto.createHash("sha256").update(JSON.stringify(request.messages)).digest("hex");
        const id = `chatcmpl-local-${digest.slice(0, 24)}`;
        const created = Math.floor(Date.now() / 1000);
        const model = request.model ?? options.model;
        const promptTokens = tokens(JSON.stringify(request.messages));
        const usage = {
          prompt_tokens: promptTokens,
          completion_tokens: tokens(content),
          total_tokens: promptTokens + tokens(content),
        };
        log(`${model}: ${content.slice(0, 100)}`);
        if (request.stream) {
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
            res.write(
              `data: ${JSON.stringify({
                id,
                object: "chat.completion.chunk",
                created,
                model,
                choices: [{ index: 0, delta, finish_reason: finish }],
                ...extra,
              })}\n\n`,
            );
          chunk({ role: "assistant", content }, null);
          chunk({}, "stop", { usage });
          res.end("data: [DONE]\n\n");
          return;
        }
        return json(200, {
          id,
          object: "chat.completion",
          created,
          model,
          choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
          usage,
        });
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        const type = error instanceof HttpError ? error.type : "server_error";
        json(status, { error: { message: (error as Error).message, type, code: type } });
      }
    })();
  });
  server.listen(options.port, options.host ?? "127.0.0.1", () =>
    log(`listening on http://${options.host ?? "127.0.0.1"}:${options.port}/v1 (model ${options.model})`),
  );
  return {
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
