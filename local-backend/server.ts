/**
 * The local deployment's two origins:
 *  - the client URL (default :3210): WebSocket sync, the HTTP function API, storage;
 *  - the site URL (default :3211): HTTP actions from convex/http.ts.
 */
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { WebSocketServer } from "ws";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { AuthFailure, AuthVerifier, type AuthProviderConfig } from "./auth.js";
import { CronRunner, type CronSpec } from "./crons.js";
import { Engine, FunctionNotFoundError, type CallAuth, type ClientInfo, type FunctionKind } from "./engine.js";
import {
  adminKeyMatcher,
  DEFAULT_BODY_LIMITS,
  originPolicy,
  PayloadTooLargeError,
  readBody,
  refuseTooLarge,
  type BodyLimits,
} from "./guard.js";
import type { Logger } from "./logger.js";
import { SyncHub, failure } from "./sync.js";

export type ServerOptions = {
  projectRoot: string;
  convexDir: string;
  dataDir: string;
  host: string;
  port: number;
  sitePort: number;
  log: Logger;
  /** The web app's URL (SITE_URL); its origin may call the backend from a browser, as may localhost pages. */
  appUrl?: string;
  bodyLimits?: Partial<BodyLimits>;
};

export type LocalBackend = {
  cloudUrl: string;
  siteUrl: string;
  engine: Engine;
  close(): Promise<void>;
};

const STATUS_UDF_FAILED = 560;

export async function startLocalBackend(options: ServerOptions): Promise<LocalBackend> {
  const cloudUrl = `http://${options.host}:${options.port}`;
  const siteUrl = `http://${options.host}:${options.sitePort}`;
  process.env.CONVEX_CLOUD_URL = cloudUrl;
  process.env.CONVEX_SITE_URL = siteUrl;

  const engine = await Engine.create({
    projectRoot: options.projectRoot,
    convexDir: options.convexDir,
    dataDir: options.dataDir,
    cloudUrl,
    log: options.log,
  });
  const authVerifier = new AuthVerifier(await loadAuthProviders(options.convexDir));
  const hub = new SyncHub(engine, authVerifier, options.log);
  const crons = new CronRunner((udfPath, args) => engine.runSystem(udfPath, args), options.log);
  crons.start(await loadCrons(options.convexDir));

  const isAdmin = adminKeyMatcher(process.env.CONVEX_LOCAL_ADMIN_KEY);
  const originAllowed = originPolicy(options.appUrl ?? process.env.SITE_URL);
  const limits: BodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits };
  const httpAuth = async (header: string | undefined): Promise<CallAuth> => {
    if (!header || isAdmin(header)) return { identity: null, token: null };
    const match = /^Bearer (.+)$/.exec(header);
    if (!match)
      throw new AuthFailure("Invalid Authorization header: expected a Bearer token or the deployment's admin key");
    const { identity } = await authVerifier.verify(match[1]);
    return { identity, token: match[1] };
  };

  const api = http.createServer((req, res) => {
    // A web page from another site gets nothing: no CORS grant, no call, no upload, no file.
    if (!originAllowed(req.headers.origin))
      return json(res, 403, { code: "ForbiddenOrigin", message: "This origin may not call the local backend." });
    cors(req, res);
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    handleApi(req, res).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError) return refuseTooLarge(req, res, error);
      options.log.error(`api ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end((error as Error).message);
    });
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", cloudUrl);
    if (url.pathname === "/_local/health" || url.pathname === "/version") {
      return json(res, 200, { status: "ok", ts: engine.lastCommitTs.toString(), connections: hub.connectionCount });
    }
    if (url.pathname === "/api/storage/upload" && req.method === "POST") {
      if (!engine.checkUploadToken(url.searchParams.get("expires"), url.searchParams.get("signature"))) {
        return json(res, 401, { code: "InvalidUploadUrl", message: "This upload URL is invalid or has expired." });
      }
      const body = await readBody(req, limits.upload);
      const blob = new Blob([new Uint8Array(body)], { type: req.headers["content-type"] ?? "" });
      const storageId = await engine.storeBlob(blob);
      return json(res, 200, { storageId });
    }
    if (url.pathname.startsWith("/api/storage/") && (req.method === "GET" || req.method === "HEAD")) {
      const stored = engine.readStorage(decodeURIComponent(url.pathname.slice("/api/storage/".length)));
      if (!stored) return json(res, 404, { code: "FileNotFound", message: "File not found" });
      res.writeHead(200, {
        "content-type": stored.contentType ?? "application/octet-stream",
        "content-length": stored.bytes.length,
        "cache-control": "private, max-age=2592000, immutable",
      });
      res.end(req.method === "HEAD" ? undefined : stored.bytes);
      return;
    }
    if (req.method !== "POST") return json(res, 404, { code: "NotFound", message: `No route for ${url.pathname}` });
    if (url.pathname === "/api/query_ts") return json(res, 200, { ts: engine.lastCommitTs.toString() });

    const body = JSON.parse((await readBody(req, limits.functionCall)).toString("utf8") || "{}") as Record<
      string,
      unknown
    >;
    let auth: CallAuth;
    try {
      auth = await httpAuth(req.headers.authorization);
    } catch (error) {
      return json(res, 401, { code: "Unauthenticated", message: (error as Error).message });
    }
    let kind: FunctionKind | "any";
    let udfPath: string;
    let args: Record<string, Value>;
    const decode = (value: unknown) =>
      (body.format === "json" ? value : jsonToConvex((value ?? {}) as JSONValue)) as Record<string, Value>;
    const runMatch = /^\/api\/run\/(.+)$/.exec(url.pathname);
    if (url.pathname === "/api/query" || url.pathname === "/api/query_at_ts") {
      kind = "query";
      udfPath = body.path as string;
      args = decode((body.args as unknown[])?.[0]);
    } else if (url.pathname === "/api/mutation" || url.pathname === "/api/action") {
      kind = url.pathname === "/api/mutation" ? "mutation" : "action";
      udfPath = body.path as string;
      args = decode((body.args as unknown[])?.[0]);
    } else if (url.pathname === "/api/function") {
      kind = "any";
      udfPath = body.path as string;
      args = decode(body.args);
    } else if (runMatch) {
      kind = "any";
      const segments = runMatch[1].split("/");
      udfPath = `${segments.slice(0, -1).join("/")}:${segments[segments.length - 1]}`;
      args = decode(body.args);
    } else {
      return json(res, 404, { code: "NotFound", message: `No route for ${url.pathname}` });
    }
    const started = performance.now();
    // Like a deployment's admin key, the local admin key may call internal functions.
    const requirePublic = !isAdmin(req.headers.authorization);
    try {
      const resolvedKind = kind === "any" ? (await engine.resolveFunction(udfPath, "any", requirePublic)).kind : kind;
      const { value } = await engine.call(resolvedKind, udfPath, args, auth, {
        requirePublic,
        client: clientInfo(req),
      });
      options.log.call(resolvedKind, udfPath, performance.now() - started, "ok (http)");
      return json(res, 200, {
        status: "success",
        value: convexToJson(value),
        logLines: [],
      });
    } catch (error) {
      options.log.call(
        String(kind),
        udfPath,
        performance.now() - started,
        `error: ${(error as Error).message.slice(0, 200)}`,
      );
      if (error instanceof FunctionNotFoundError) {
        return json(res, 404, { code: "FunctionNotFound", message: error.message });
      }
      const { result, errorData, logLines } = failure(error);
      return json(res, STATUS_UDF_FAILED, {
        status: "error",
        errorMessage: result,
        ...(errorData !== undefined ? { errorData } : {}),
        logLines,
      });
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  api.on("upgrade", (req, socket, head) => {
    const { pathname } = new URL(req.url ?? "/", cloudUrl);
    if (!/^\/api\/[^/]+\/sync$/.test(pathname)) {
      socket.destroy();
      return;
    }
    // Browsers do not apply CORS to WebSockets, so the origin is checked here too.
    if (!originAllowed(req.headers.origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws, clientInfo(req)));
  });

  const site = http.createServer((req, res) => {
    handleSite(req, res).catch((error: unknown) => {
      if (error instanceof PayloadTooLargeError) return refuseTooLarge(req, res, error);
      options.log.error(`site ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
  });

  async function handleSite(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", siteUrl);
    if (url.pathname === "/_local/health") return json(res, 200, { status: "ok" });
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req, limits.httpAction);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    let auth: CallAuth = { identity: null, token: null };
    try {
      auth = await httpAuth(req.headers.authorization);
    } catch {
      // An HTTP action decides for itself what an invalid token means.
    }
    const request = new Request(url, { method: req.method, headers, body: body ? new Uint8Array(body) : undefined });
    const started = performance.now();
    const response = await engine.httpAction(request, auth, req.socket.remoteAddress ?? null);
    options.log.call("http", `${req.method} ${url.pathname}`, performance.now() - started, String(response.status));
    const responseHeaders: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name === "set-cookie") return;
      responseHeaders[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) responseHeaders["set-cookie"] = cookies;
    res.writeHead(response.status, responseHeaders);
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  await listen(api, options.port, options.host);
  await listen(site, options.sitePort, options.host);
  options.log.info(
    `client URL ${cloudUrl}, site URL ${siteUrl}, data in ${path.relative(options.projectRoot, options.dataDir)}`,
  );

  return {
    cloudUrl,
    siteUrl,
    engine,
    async close() {
      crons.stop();
      hub.closeAll();
      wss.close();
      await Promise.all([closeServer(api), closeServer(site)]);
      engine.close();
    },
  };
}

async function loadAuthProviders(convexDir: string): Promise<AuthProviderConfig[]> {
  const file = ["auth.config.ts", "auth.config.js"].map((f) => path.join(convexDir, f)).find(fs.existsSync);
  if (!file) return [];
  const config = ((await import(pathToFileURL(file).href)) as { default: { providers?: AuthProviderConfig[] } })
    .default;
  return config.providers ?? [];
}

async function loadCrons(convexDir: string): Promise<Record<string, CronSpec>> {
  const file = ["crons.ts", "crons.js"].map((f) => path.join(convexDir, f)).find(fs.existsSync);
  if (!file) return {};
  const mod = (await import(pathToFileURL(file).href)) as { default?: { crons?: Record<string, CronSpec> } };
  return mod.default?.crons ?? {};
}

/** The caller's address and user agent, as a deployment passes them to `ctx.meta.getRequestMetadata()`. */
function clientInfo(req: http.IncomingMessage): ClientInfo {
  return { ip: req.socket.remoteAddress ?? null, userAgent: req.headers["user-agent"] ?? null };
}

/** CORS headers for an origin already allowed (see originPolicy); requests without an Origin need none. */
function cors(req: http.IncomingMessage, res: http.ServerResponse) {
  res.setHeader("vary", "origin");
  if (!req.headers.origin) return;
  res.setHeader("access-control-allow-origin", req.headers.origin);
  res.setHeader("access-control-allow-credentials", "true");
  res.setHeader("access-control-allow-methods", "GET, POST, HEAD, OPTIONS");
  res.setHeader(
    "access-control-allow-headers",
    req.headers["access-control-request-headers"] ?? "content-type, authorization, convex-client",
  );
  res.setHeader("access-control-max-age", "86400");
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function listen(server: http.Server, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server) {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
