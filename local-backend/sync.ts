/**
 * Convex's sync protocol over WebSocket (`/api/<version>/sync`), as the
 * `convex` client's `protocol.ts` defines it.
 *
 * After every commit the hub re-runs, inside one engine snapshot, the
 * subscriptions whose read set touches a written table, and sends each
 * connection one Transition with only the results that changed. Mutation
 * responses always go out before the Transition that reaches their commit ts.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { WebSocket } from "ws";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { AuthFailure, type AuthVerifier } from "./auth.js";
import { FunctionError, FunctionNotFoundError, type CallAuth, type ClientInfo, type Engine } from "./engine.js";
import type { Logger } from "./logger.js";

type StateVersion = { querySet: number; identity: number; ts: bigint };

type Subscription = {
  udfPath: string;
  args: Record<string, Value>;
  journal: string | null;
  lastJson: string | null;
  tables: Set<string>;
  dirty: boolean;
};

type Modification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      queryId: number;
      errorMessage: string;
      errorData?: JSONValue;
      logLines: string[];
      journal: string | null;
    }
  | { type: "QueryRemoved"; queryId: number };

type PendingResponse = { ts: bigint; message: Record<string, unknown> };

export function encodeTs(ts: bigint) {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(ts);
  return buffer.toString("base64");
}

const PING_INTERVAL_MS = 15_000;

class Connection {
  sessionId = "";
  sent: StateVersion = { querySet: 0, identity: 0, ts: 0n };
  querySetVersion = 0;
  identityVersion = 0;
  auth: CallAuth = { identity: null, token: null };
  authExpiresAt: number | null = null;
  authErrorSent = false;
  subscriptions = new Map<number, Subscription>();
  modifications: Modification[] = [];
  responses: PendingResponse[] = [];
  private queue: Promise<void> = Promise.resolve();
  private ping: NodeJS.Timeout;
  closed = false;

  constructor(
    readonly ws: WebSocket,
    private readonly hub: SyncHub,
    /** The address and user agent of the WebSocket's upgrade request. */
    readonly client: ClientInfo,
  ) {
    this.ping = setInterval(() => this.send({ type: "Ping" }), PING_INTERVAL_MS);
    ws.on("message", (data) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        this.send({ type: "FatalError", error: "Invalid JSON message" });
        ws.close();
        return;
      }
      // Messages are handled in order; actions run without blocking the queue.
      this.queue = this.queue
        .then(() => this.hub.handle(this, message))
        .catch((error: unknown) => {
          this.hub.log.error(`sync: ${(error as Error).stack ?? String(error)}`);
          this.send({ type: "FatalError", error: (error as Error).message });
          ws.close();
        });
    });
    ws.on("close", () => {
      this.closed = true;
      clearInterval(this.ping);
      this.hub.remove(this);
    });
  }

  send(message: Record<string, unknown>) {
    if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  authExpired() {
    return this.authExpiresAt !== null && Date.now() >= this.authExpiresAt;
  }
}

export class SyncHub {
  private connections = new Set<Connection>();
  private dirtyTables = new Set<string>();
  private flushing = false;
  private flushAgain = false;
  private inflight = new Map<string, Promise<void>>();

  /** Runs a callback in the async context the hub was created in, outside any function's (see scheduleFlush). */
  private readonly inHubContext = AsyncLocalStorage.snapshot();

  constructor(
    private readonly engine: Engine,
    private readonly auth: AuthVerifier,
    readonly log: Logger,
  ) {
    engine.onCommit(({ tables }) => {
      for (const table of tables) this.dirtyTables.add(table);
      this.scheduleFlush();
    });
  }

  accept(ws: WebSocket, client: ClientInfo) {
    this.connections.add(new Connection(ws, this, client));
  }

  remove(connection: Connection) {
    this.connections.delete(connection);
  }

  get connectionCount() {
    return this.connections.size;
  }

  closeAll() {
    for (const connection of this.connections) connection.ws.close(1001, "server shutting down");
  }

  async handle(connection: Connection, message: Record<string, unknown>) {
    switch (message.type) {
      case "Connect":
        connection.sessionId = String(message.sessionId);
        return;
      case "ModifyQuerySet":
        return this.modifyQuerySet(connection, message);
      case "Authenticate":
        return this.authenticate(connection, message);
      case "Mutation":
        return this.mutation(connection, message);
      case "Action":
        void this.action(connection, message);
        return;
      case "Event":
        return;
      default:
        connection.send({ type: "FatalError", error: `Unknown message type ${String(message.type)}` });
        connection.ws.close();
    }
  }

  private modifyQuerySet(connection: Connection, message: Record<string, unknown>) {
    const baseVersion = message.baseVersion as number;
    if (baseVersion !== connection.querySetVersion) {
      connection.send({
        type: "FatalError",
        error: `Invalid base query set version ${baseVersion}, expected ${connection.querySetVersion}`,
      });
      connection.ws.close();
      return;
    }
    connection.querySetVersion = message.newVersion as number;
    for (const modification of message.modifications as Array<Record<string, unknown>>) {
      if (modification.type === "Add") {
        const args = (modification.args as JSONValue[])[0] ?? {};
        connection.subscriptions.set(modification.queryId as number, {
          udfPath: modification.udfPath as string,
          args: jsonToConvex(args) as Record<string, Value>,
          journal: (modification.journal as string | null | undefined) ?? null,
          lastJson: null,
          tables: new Set(),
          dirty: true,
        });
      } else if (modification.type === "Remove") {
        connection.subscriptions.delete(modification.queryId as number);
        connection.modifications.push({ type: "QueryRemoved", queryId: modification.queryId as number });
      }
    }
    this.scheduleFlush();
  }

  private async authenticate(connection: Connection, message: Record<string, unknown>) {
    const baseVersion = message.baseVersion as number;
    if (message.tokenType === "None") {
      connection.auth = { identity: null, token: null };
      connection.authExpiresAt = null;
    } else if (message.tokenType === "User") {
      try {
        const { identity, expiresAt } = await this.auth.verify(message.value as string);
        connection.auth = { identity, token: message.value as string };
        connection.authExpiresAt = expiresAt;
        connection.authErrorSent = false;
      } catch (error) {
        connection.send({
          type: "AuthError",
          error: error instanceof AuthFailure ? error.message : `Authentication failed: ${(error as Error).message}`,
          baseVersion,
          authUpdateAttempted: true,
        });
        return;
      }
    } else {
      connection.send({
        type: "AuthError",
        error: "Admin authentication is not supported by the local backend",
        baseVersion,
        authUpdateAttempted: true,
      });
      return;
    }
    connection.identityVersion = baseVersion + 1;
    for (const subscription of connection.subscriptions.values()) subscription.dirty = true;
    this.scheduleFlush();
  }

  private sendExpiredAuth(connection: Connection) {
    if (connection.authErrorSent) return;
    connection.authErrorSent = true;
    connection.send({
      type: "AuthError",
      error: "Token expired",
      baseVersion: connection.identityVersion,
      authUpdateAttempted: false,
    });
  }

  private async mutation(connection: Connection, message: Record<string, unknown>) {
    const requestId = message.requestId as number;
    const udfPath = message.udfPath as string;
    const key = `${connection.sessionId}:${requestId}`;
    const done = this.engine.requestResults.get(key);
    if (done) {
      this.queueMutationSuccess(connection, requestId, done.result as Value, done.ts);
      return;
    }
    const running = this.inflight.get(key);
    if (running) return running;
    if (connection.authExpired()) {
      this.sendExpiredAuth(connection);
      connection.send({ type: "MutationResponse", requestId, success: false, result: "Token expired", logLines: [] });
      return;
    }
    const started = performance.now();
    const execution = (async () => {
      try {
        const args = jsonToConvex(((message.args as JSONValue[])[0] ?? {}) as JSONValue) as Record<string, Value>;
        const { value, ts } = await this.engine.call("mutation", udfPath, args, connection.auth, {
          requestKey: key,
          client: connection.client,
        });
        this.log.call("mutation", udfPath, performance.now() - started, "ok");
        this.queueMutationSuccess(connection, requestId, value, ts ?? this.engine.lastCommitTs);
      } catch (error) {
        this.log.call(
          "mutation",
          udfPath,
          performance.now() - started,
          `error: ${(error as Error).message.slice(0, 200)}`,
        );
        connection.send({ type: "MutationResponse", requestId, success: false, ...failure(error) });
      }
    })();
    this.inflight.set(key, execution);
    try {
      await execution;
    } finally {
      this.inflight.delete(key);
    }
  }

  private queueMutationSuccess(connection: Connection, requestId: number, value: Value, ts: bigint) {
    connection.responses.push({
      ts,
      message: {
        type: "MutationResponse",
        requestId,
        success: true,
        result: convexToJson(value),
        ts: encodeTs(ts),
        logLines: [],
      },
    });
    this.scheduleFlush();
  }

  private async action(connection: Connection, message: Record<string, unknown>) {
    const requestId = message.requestId as number;
    const udfPath = message.udfPath as string;
    const started = performance.now();
    if (connection.authExpired()) {
      this.sendExpiredAuth(connection);
      connection.send({ type: "ActionResponse", requestId, success: false, result: "Token expired", logLines: [] });
      return;
    }
    try {
      const args = jsonToConvex(((message.args as JSONValue[])[0] ?? {}) as JSONValue) as Record<string, Value>;
      const { value } = await this.engine.call("action", udfPath, args, connection.auth, { client: connection.client });
      this.log.call("action", udfPath, performance.now() - started, "ok");
      connection.send({ type: "ActionResponse", requestId, success: true, result: convexToJson(value), logLines: [] });
    } catch (error) {
      this.log.call("action", udfPath, performance.now() - started, `error: ${(error as Error).message.slice(0, 200)}`);
      connection.send({ type: "ActionResponse", requestId, success: false, ...failure(error) });
    }
  }

  private scheduleFlush() {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    // Commits call this from inside the committing function's async context (a component's scheduled mutation, say);
    // the flush must not inherit it, or convex-test would run subscribers' queries as calls from that component
    // (anonymous). It runs in the context the hub was created in.
    setImmediate(() => {
      this.inHubContext(() => void this.flush());
    });
  }

  private async flush() {
    try {
      do {
        this.flushAgain = false;
        await this.flushOnce();
      } while (this.flushAgain);
    } catch (error) {
      this.log.error(`sync flush failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      this.flushing = false;
    }
  }

  private async flushOnce() {
    type Work = { connection: Connection; queryId: number; subscription: Subscription };
    const targets = new Map<Connection, { querySet: number; identity: number }>();
    const { ts, outcomes } = await this.engine.withSnapshot(async (run) => {
      // Decided inside the snapshot so no commit slips between choosing and running.
      const dirty = this.dirtyTables;
      this.dirtyTables = new Set();
      const work: Work[] = [];
      for (const connection of this.connections) {
        targets.set(connection, { querySet: connection.querySetVersion, identity: connection.identityVersion });
        if (connection.authExpired()) continue;
        for (const [queryId, subscription] of connection.subscriptions) {
          if (subscription.dirty || [...subscription.tables].some((table) => dirty.has(table) || table === "*")) {
            subscription.dirty = false;
            work.push({ connection, queryId, subscription });
          }
        }
      }
      const results = [];
      for (const item of work) {
        results.push({
          item,
          result: await run(item.subscription.udfPath, item.subscription.args, item.connection.auth),
        });
      }
      return results;
    });

    for (const { item, result } of outcomes) {
      const { connection, queryId, subscription } = item;
      if (connection.subscriptions.get(queryId) !== subscription) continue; // removed meanwhile
      subscription.tables = result.tables;
      if (result.error) {
        const json = `error:${result.error.message}:${JSON.stringify(errorDataOf(result.error) ?? null)}`;
        if (json === subscription.lastJson) continue;
        subscription.lastJson = json;
        const errorData = errorDataOf(result.error);
        connection.modifications.push({
          type: "QueryFailed",
          queryId,
          errorMessage: result.error.message,
          ...(errorData !== undefined ? { errorData } : {}),
          logLines: [],
          journal: subscription.journal,
        });
      } else {
        const value = convexToJson(result.value as Value);
        const json = JSON.stringify(value);
        if (json === subscription.lastJson) continue;
        subscription.lastJson = json;
        connection.modifications.push({
          type: "QueryUpdated",
          queryId,
          value,
          logLines: [],
          journal: subscription.journal,
        });
      }
    }

    for (const connection of this.connections) {
      const target = targets.get(connection);
      if (!target) continue; // connected during this flush; the next one covers it
      if (connection.authExpired()) this.sendExpiredAuth(connection);
      const ready = connection.responses.filter((response) => response.ts <= ts);
      connection.responses = connection.responses.filter((response) => response.ts > ts);
      const versionChanged =
        target.querySet !== connection.sent.querySet || target.identity !== connection.sent.identity;
      if (ready.length === 0 && connection.modifications.length === 0 && !versionChanged) continue;
      for (const response of ready) connection.send(response.message);
      const endVersion = {
        querySet: target.querySet,
        identity: target.identity,
        ts: ts > connection.sent.ts ? ts : connection.sent.ts,
      };
      connection.send({
        type: "Transition",
        startVersion: { ...connection.sent, ts: encodeTs(connection.sent.ts) },
        endVersion: { ...endVersion, ts: encodeTs(endVersion.ts) },
        modifications: connection.modifications,
      });
      connection.sent = endVersion;
      connection.modifications = [];
      if (connection.responses.length > 0) this.flushAgain = true;
    }
  }
}

function errorDataOf(error: Error): JSONValue | undefined {
  return error instanceof FunctionError ? error.errorData : undefined;
}

export function failure(error: unknown): { result: string; errorData?: JSONValue; logLines: string[] } {
  if (error instanceof FunctionError) {
    return {
      result: error.message,
      ...(error.errorData !== undefined ? { errorData: error.errorData } : {}),
      logLines: [],
    };
  }
  if (error instanceof FunctionNotFoundError) return { result: error.message, logLines: [] };
  return { result: `Server Error: ${(error as Error).message}`, logLines: [] };
}
