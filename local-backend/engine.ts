/**
 * Hosts the app's `convex/` functions on convex-test's engine and adds what a
 * long-running server needs: commit hooks (durability + reactivity), read-set
 * tracking per query, a per-table document index, real storage URLs, HTTP
 * actions with real URLs and identities, and restart recovery.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { httpActionGeneric } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { componentFiles, loadComponents } from "./components.js";
import { deriveEngine } from "./derive.js";
import { installLongTimers } from "./long-timers.js";
import { Persistence, FORMAT_VERSION, type CommitRecord, type JsonDoc, type Snapshot } from "./persistence.js";
import type { Logger } from "./logger.js";

installLongTimers();

export type Identity = { subject: string; issuer: string; tokenIdentifier: string; [claim: string]: unknown };
export type CallAuth = { identity: Identity | null; token: string | null };
/** Who sent a request, for `ctx.meta.getRequestMetadata()` (null for scheduled work and crons). */
export type ClientInfo = { ip: string | null; userAgent: string | null };
export type FunctionKind = "query" | "mutation" | "action";
export type CommitEvent = { ts: bigint; tables: Set<string> };

export class FunctionNotFoundError extends Error {}

export type SnapshotResult = { value?: Value; error?: FunctionError; tables: Set<string> };

/** A user-facing function failure: message plus optional ConvexError data. */
export class FunctionError extends Error {
  constructor(
    message: string,
    readonly errorData: JSONValue | undefined,
  ) {
    super(message);
  }
}

export class SchemaMismatchError extends Error {}

type RequestContext = { key: string; result?: unknown; ts?: bigint };

// The derived engine is untyped JavaScript; these are the shapes we rely on.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Internals = any;
type Db = any;

const ROOT = "";

export function canonicalUdfPath(udfPath: string) {
  const [modulePath, exportName] = udfPath.split(":");
  const cleanModule = modulePath.replace(/\.(js|ts)$/, "");
  return `${cleanModule}:${exportName ?? "default"}`;
}

export class Engine {
  lastCommitTs = 0n;
  readonly persistence: Persistence;
  private I!: Internals;
  private g!: any; // convex-test's per-instance global (components, syscalls, transaction manager)
  private listeners = new Set<(event: CommitEvent) => void>();
  private pendingWrites = new Map<string, Map<string, JsonDoc | null>>();
  private readonly requestStorage = new AsyncLocalStorage<RequestContext>();
  private readonly readTracker = new AsyncLocalStorage<Set<string>>();
  /** Results of WebSocket mutations by `${sessionId}:${requestId}`, kept across restarts. */
  readonly requestResults = new Map<string, { result: unknown; ts: bigint }>();
  private moduleCache = new Map<string, Promise<Record<string, any>>>();
  private storageSecret: Buffer;
  private ready = false;

  private constructor(
    private readonly opts: {
      projectRoot: string;
      convexDir: string;
      dataDir: string;
      cloudUrl: string;
      log: Logger;
    },
  ) {
    this.persistence = new Persistence(opts.dataDir);
    this.storageSecret = Buffer.from(process.env.LOCAL_STORAGE_SECRET ?? crypto.randomBytes(32).toString("hex"));
  }

  static async create(opts: {
    projectRoot: string;
    convexDir: string;
    dataDir: string;
    cloudUrl: string;
    log: Logger;
  }) {
    const engine = new Engine(opts);
    await engine.init();
    return engine;
  }

  private async init() {
    const derived = await deriveEngine(
      this.opts.projectRoot,
      path.join(this.opts.projectRoot, "node_modules", ".cache", "local-backend"),
    );
    this.I = await import(pathToFileURL(derived).href);
    this.installHooks();
    const schemaFile = ["schema.ts", "schema.js"].map((f) => path.join(this.opts.convexDir, f)).find(fs.existsSync);
    const schema = schemaFile ? (await this.importFile(schemaFile)).default : undefined;
    const modules = this.moduleMap();
    const t = this.I.convexTest({ schema, modules, transactionLimits: true });
    for (const component of await loadComponents(this.opts.convexDir)) {
      const files = componentFiles(component.dir);
      const componentSchema = files.schema ? (await this.importFile(files.schema)).default : undefined;
      const componentModules = Object.fromEntries(files.modules.map((file) => [file, () => this.importFile(file)]));
      t.registerComponent(component.path, componentSchema, componentModules);
      this.opts.log.info(`component ${component.path} (${component.importSpecifier})`);
    }
    // Capture convex-test's per-instance global through its own context.
    await t.run(async () => {
      this.g = this.I.convexGlobalStorage.getStore();
    });
    this.wrapSyscalls();
    this.restore();
  }

  private get db(): Db {
    return this.g.components[ROOT].db;
  }

  onCommit(listener: (event: CommitEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- modules

  private importFile(file: string) {
    let cached = this.moduleCache.get(file);
    if (!cached) {
      cached = import(pathToFileURL(file).href).then((mod) => this.wrapMutations(mod));
      this.moduleCache.set(file, cached);
    }
    return cached;
  }

  /** Every module under convex/ except tests, keyed as convex-test expects. */
  private moduleMap() {
    const map: Record<string, () => Promise<unknown>> = {};
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "node_modules") walk(full);
        } else if (/\.(ts|js|tsx|jsx)$/.test(entry.name) && !/\.(test|spec)\.|\.d\.ts$/.test(entry.name)) {
          map[full] = () => this.importFile(full);
        }
      }
    };
    walk(this.opts.convexDir);
    return map;
  }

  /**
   * Remembers the outermost mutation's return value for the current WebSocket
   * request so it can be persisted with the commit (de-duplication after restart).
   */
  private wrapMutations(mod: Record<string, any>) {
    const requestStorage = this.requestStorage;
    for (const fn of Object.values(mod)) {
      if (fn && typeof fn === "function" && fn.isMutation && typeof fn._handler === "function" && !fn.__localWrapped) {
        const original = fn._handler;
        fn._handler = async (ctx: unknown, args: unknown) => {
          const result = await original(ctx, args);
          const request = requestStorage.getStore();
          if (request) request.result = result;
          return result;
        };
        fn.__localWrapped = true;
      }
    }
    return mod;
  }

  async resolveFunction(udfPath: string, kind: FunctionKind | "any", requirePublic: boolean) {
    const canonical = canonicalUdfPath(udfPath);
    const [modulePath, exportName] = canonical.split(":");
    const file = ["ts", "js", "tsx"]
      .map((ext) => path.join(this.opts.convexDir, `${modulePath}.${ext}`))
      .find(fs.existsSync);
    const notFound = () =>
      new FunctionNotFoundError(
        `Could not find public function for '${canonical}'. Did you forget to run \`npm run codegen\`?`,
      );
    if (!file || modulePath.startsWith("_") || modulePath.includes("..")) throw notFound();
    const mod = await this.importFile(file);
    const fn = mod[exportName];
    if (!fn || (requirePublic && !fn.isPublic)) throw notFound();
    const actualKind: FunctionKind | null = fn.isQuery
      ? "query"
      : fn.isMutation
        ? "mutation"
        : fn.isAction
          ? "action"
          : null;
    if (!actualKind) throw notFound();
    if (kind !== "any" && actualKind !== kind) {
      throw new FunctionError(
        `Trying to execute ${canonical} as ${kind}, but it is defined as ${actualKind}.`,
        undefined,
      );
    }
    return { canonical, kind: actualKind };
  }

  // ------------------------------------------------------------------ hooks

  private installHooks() {
    // The patched prototypes are plain functions whose `this` is the database; they reach the engine here.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    const { DatabaseFake, TransactionManager, tableNameFromId } = this.I;

    // Per-table id sets so a query reads only its own table.
    const originalCommit = DatabaseFake.prototype.commit;
    DatabaseFake.prototype.commit = function (this: Db, commitTs: bigint | null) {
      const topLevel = this._writes.length === 1 ? this._writes[0] : null;
      originalCommit.call(this, commitTs);
      if (topLevel && commitTs !== null) {
        let pending = engine.pendingWrites.get(this._componentPath);
        if (!pending) {
          pending = new Map();
          engine.pendingWrites.set(this._componentPath, pending);
        }
        for (const id of Object.keys(topLevel)) {
          const doc = this._documents[id] ?? null;
          engine.indexDoc(this, id, doc !== null);
          pending.set(id, doc);
        }
      }
    };

    const tracked = (db: Db, tableName: string) =>
      db._componentPath ? `${db._componentPath}/${tableName}` : tableName;

    DatabaseFake.prototype._iterateDocs = function (this: Db, tableName: string, callback: (doc: unknown) => void) {
      engine.readTracker.getStore()?.add(tracked(this, tableName));
      const ids = new Set<string>(this._tableIndex?.get(tableName) ?? []);
      for (const layer of this._writes) {
        for (const id of Object.keys(layer)) {
          if (tableNameFromId(id) === tableName) ids.add(id);
        }
      }
      for (const id of ids) {
        const document = this.get(tableName, id);
        if (document !== null) callback(document);
      }
    };

    const originalGet = DatabaseFake.prototype.get;
    DatabaseFake.prototype.get = function (this: Db, tableName: string | undefined, id: string) {
      const tracker = engine.readTracker.getStore();
      if (tracker) {
        const table = tableName ?? tableNameFromId(id);
        tracker.add(table ? tracked(this, table) : "*");
      }
      return originalGet.call(this, tableName, id);
    };

    // Blobs live on disk, not in memory.
    DatabaseFake.prototype.getFile = function (this: Db, storageId: string) {
      if (this.get("_storage", storageId) === null) return null;
      const stored = engine.persistence.readBlob(storageId);
      return stored ? new Blob([new Uint8Array(stored.bytes)], { type: stored.contentType ?? "" }) : null;
    };

    const originalTmCommit = TransactionManager.prototype.commit;
    TransactionManager.prototype.commit = function (this: unknown, isNested: boolean) {
      const commitTs: bigint | null = originalTmCommit.call(this, isNested);
      if (commitTs !== null) engine.afterCommit(commitTs);
      return commitTs;
    };

    // convex-test never frees finished query cursors; free them when the
    // top-level transaction ends (only one runs at a time).
    const originalEnd = TransactionManager.prototype._endTransaction;
    TransactionManager.prototype._endTransaction = function (this: unknown, isNested: boolean) {
      originalEnd.call(this, isNested);
      if (!isNested && engine.g) {
        for (const component of Object.values(engine.g.components) as Array<{ db: Db }>) {
          component.db._queryResults = {};
        }
      }
    };
  }

  private indexDoc(db: Db, id: string, present: boolean) {
    if (!db._tableIndex) db._tableIndex = new Map<string, Set<string>>();
    const table = this.I.tableNameFromId(id);
    let ids = db._tableIndex.get(table);
    if (!ids) {
      ids = new Set();
      db._tableIndex.set(table, ids);
    }
    if (present) ids.add(id);
    else ids.delete(id);
  }

  private afterCommit(ts: bigint) {
    if (!this.ready) {
      this.pendingWrites.clear();
      return;
    }
    this.lastCommitTs = ts;
    const writes: CommitRecord["writes"] = {};
    const tables = new Set<string>();
    const deletedBlobs: string[] = [];
    for (const [componentPath, docs] of this.pendingWrites) {
      writes[componentPath] = [...docs].map(([id, doc]) => {
        const table = this.I.tableNameFromId(id) as string;
        tables.add(componentPath ? `${componentPath}/${table}` : table);
        if (doc === null && table === "_storage") deletedBlobs.push(id);
        return [id, doc === null ? null : (convexToJson(doc as Value) as JsonDoc)];
      });
    }
    this.pendingWrites.clear();
    const request = this.requestStorage.getStore();
    if (tables.size === 0 && !request) return;
    const record: CommitRecord = { ts: ts.toString(), writes, nextDocIds: this.nextDocIds() };
    if (request) {
      request.ts = ts;
      record.request = { key: request.key, result: convexToJson((request.result ?? null) as Value) };
    }
    this.persistence.append(record);
    for (const id of deletedBlobs) this.persistence.deleteBlob(id);
    if (request) this.rememberRequest(request.key, request.result ?? null, ts);
    for (const listener of this.listeners) listener({ ts, tables });
    if (this.persistence.shouldCompact()) this.compact();
  }

  private rememberRequest(key: string, result: unknown, ts: bigint) {
    this.requestResults.set(key, { result, ts });
    if (this.requestResults.size > 5000) {
      const oldest = this.requestResults.keys().next().value;
      if (oldest !== undefined) this.requestResults.delete(oldest);
    }
  }

  private nextDocIds() {
    const ids: Record<string, number> = {};
    for (const [componentPath, component] of Object.entries(this.g?.components ?? {}) as Array<[string, { db: Db }]>) {
      ids[componentPath] = component.db._nextDocId;
    }
    return ids;
  }

  private wrapSyscalls() {
    const g = this.g;
    const I = this.I;
    const originalAsync = g.asyncSyscall;
    g.asyncSyscall = async (op: string, jsonArgs: string) => {
      if (op === "1.0/storageGetUrl") {
        const { storageId } = JSON.parse(jsonArgs) as { storageId: string };
        const componentPath = I.executionContextStorage.getStore()?.componentPath ?? ROOT;
        const doc = g.components[componentPath].db.get("_storage", storageId);
        return JSON.stringify(doc === null ? null : this.storageUrl(storageId));
      }
      if (op === "1.0/storageGenerateUploadUrl") {
        return JSON.stringify(this.uploadUrl());
      }
      return originalAsync(op, jsonArgs);
    };
    const originalJs = g.jsSyscall;
    g.jsSyscall = async (op: string, args: { blob?: Blob }) => {
      if (op === "storage/storeBlob" && args.blob) {
        return this.storeBlob(args.blob);
      }
      return originalJs(op, args);
    };
  }

  /** Stores a blob: file fsynced first, then its `_storage` row committed. */
  async storeBlob(blob: Blob): Promise<string> {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const sha256 = crypto.createHash("sha256").update(bytes).digest("base64");
    const contentType = blob.type || null;
    const run = () =>
      this.I.writeToDatabase(async (db: Db) => {
        const storageId = db.insert("_storage", {
          size: bytes.byteLength,
          sha256,
          ...(contentType ? { contentType } : {}),
        });
        this.persistence.writeBlob(storageId, bytes, contentType);
        return storageId;
      });
    return this.I.convexGlobalStorage.getStore() ? run() : this.I.convexGlobalStorage.run(this.g, run);
  }

  storageToken(storageId: string) {
    return crypto.createHmac("sha256", this.storageSecret).update(`get:${storageId}`).digest("base64url").slice(0, 22);
  }

  storageUrl(storageId: string) {
    return `${this.opts.cloudUrl}/api/storage/${storageId}.${this.storageToken(storageId)}`;
  }

  private uploadUrl() {
    const expires = Date.now() + 60 * 60 * 1000;
    const signature = crypto.createHmac("sha256", this.storageSecret).update(`upload:${expires}`).digest("base64url");
    return `${this.opts.cloudUrl}/api/storage/upload?expires=${expires}&signature=${signature}`;
  }

  checkUploadToken(expires: string | null, signature: string | null) {
    if (!expires || !signature || Number(expires) < Date.now()) return false;
    const expected = crypto.createHmac("sha256", this.storageSecret).update(`upload:${expires}`).digest("base64url");
    return (
      expected.length === signature.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
    );
  }

  /** Resolves `/api/storage/<id>.<token>` to the stored file. */
  readStorage(urlPart: string) {
    const [storageId, token] = urlPart.split(".");
    if (!storageId || !token || token !== this.storageToken(storageId)) return null;
    if (this.db.get("_storage", storageId) === null) return null;
    return this.persistence.readBlob(storageId);
  }

  // ------------------------------------------------------------ execution

  private accessor(auth: CallAuth, client: ClientInfo = { ip: null, userAgent: null }) {
    return this.I.withAuth(new this.I.AuthFake(auth.identity, auth.token), client);
  }

  private inContext<T>(fn: () => Promise<T>): Promise<T> {
    return this.I.convexGlobalStorage.run(this.g, fn);
  }

  /** Runs a function as the given caller; ConvexErrors and other failures become FunctionError. */
  async call(
    kind: FunctionKind,
    udfPath: string,
    args: Record<string, Value>,
    auth: CallAuth,
    options: { requirePublic?: boolean; requestKey?: string; client?: ClientInfo } = {},
  ): Promise<{ value: Value; ts?: bigint }> {
    const { canonical } = await this.resolveFunction(udfPath, kind, options.requirePublic ?? true);
    const functionPath = { udfPath: canonical, componentPath: ROOT };
    const request: RequestContext | undefined = options.requestKey ? { key: options.requestKey } : undefined;
    try {
      const value = await this.inContext(() => {
        const a = this.accessor(auth, options.client);
        const run = () =>
          kind === "query"
            ? a.queryFromPath(functionPath, args)
            : kind === "mutation"
              ? a.mutationFromPath(functionPath, args)
              : a.actionFromPath(functionPath, args);
        return request ? this.requestStorage.run(request, run) : this.requestStorage.exit(run);
      });
      return { value: value as Value, ts: request?.ts };
    } catch (error) {
      throw toFunctionError(error);
    }
  }

  /**
   * Runs `fn` against one consistent snapshot: the engine's lock is held for the
   * whole call, so no commit lands between the queries it runs.
   */
  async withSnapshot<T>(
    fn: (run: (udfPath: string, args: Record<string, Value>, auth: CallAuth) => Promise<SnapshotResult>) => Promise<T>,
  ): Promise<{ ts: bigint; outcomes: T }> {
    return this.inContext(async () => {
      const tm = this.g.transactionManager;
      await tm.begin(false);
      const ts = this.lastCommitTs;
      const run = async (udfPath: string, args: Record<string, Value>, auth: CallAuth): Promise<SnapshotResult> => {
        const tables = new Set<string>();
        try {
          const { canonical } = await this.resolveFunction(udfPath, "query", true);
          const value = await this.I.nestedTxStorage.run(new this.I.NestedLock(), () =>
            this.readTracker.run(tables, () =>
              this.accessor(auth).queryFromPath({ udfPath: canonical, componentPath: ROOT }, args),
            ),
          );
          return { value: value as Value, tables };
        } catch (error) {
          return { error: toFunctionError(error) as FunctionError, tables };
        }
      };
      try {
        return { ts, outcomes: await fn(run) };
      } finally {
        tm.rollback(false);
      }
    });
  }

  /** Serves an HTTP action from convex/http.ts with the real request URL and caller. */
  async httpAction(request: Request, auth: CallAuth, ip: string | null): Promise<Response> {
    const I = this.I;
    return this.inContext(async () => {
      const httpFile = ["http.ts", "http.js"].map((f) => path.join(this.opts.convexDir, f)).find(fs.existsSync);
      if (!httpFile) return new Response("This deployment has no convex/http.ts", { status: 404 });
      const router = (await this.importFile(httpFile)).default;
      const url = new URL(request.url);
      const found = router.lookup(url.pathname, request.method);
      if (!found) return new Response(`No HttpAction routed for ${url.pathname}`, { status: 404 });
      const [func] = found;
      const a = this.accessor(auth);
      const authFake = new I.AuthFake(auth.identity, auth.token);
      const action = httpActionGeneric((ctx, req) => {
        const fullCtx = { ...ctx, runQuery: a.query, runMutation: a.mutation, runAction: a.action, auth: authFake };
        return I.runWithGlobalOverrides({}, () => I.getHandler(func)(fullCtx, req));
      });
      const httpCtx = { componentPath: ROOT, udfPath: "http", udfType: "http", depth: 0, paginatedQueries: 0 };
      const metadata = {
        ip,
        userAgent: request.headers.get("user-agent"),
        requestId: I.newRequestId(),
        scheduledFunctionId: null,
        authToken: auth.token,
      };
      return I.executionContextStorage.run(httpCtx, () =>
        I.requestMetadataStorage.run(metadata, () => (action as any).invokeHttpAction(request)),
      );
    });
  }

  /** Runs an internal function as the system (crons). */
  async runSystem(udfPath: string, args: Record<string, Value>) {
    const { canonical, kind } = await this.resolveFunction(udfPath, "any", false);
    return this.call(kind, canonical, args, { identity: null, token: null }, { requirePublic: false });
  }

  // --------------------------------------------------------- persistence

  private restore() {
    const { snapshot, commits, droppedTornTail } = this.persistence.load();
    if (droppedTornTail)
      this.opts.log.warn("dropped a torn record at the end of the commit log (crash during a write)");
    const dbs = this.g.components as Record<string, { db: Db }>;
    const apply = (componentPath: string, id: string, doc: JsonDoc | null) => {
      const db = dbs[componentPath]?.db;
      if (!db) return;
      if (doc === null) delete db._documents[id];
      else db._documents[id] = jsonToConvex(doc as JSONValue);
      this.indexDoc(db, id, doc !== null);
    };
    let ts = 0n;
    let nextDocIds: Record<string, number> = {};
    if (snapshot) {
      for (const [componentPath, docs] of Object.entries(snapshot.documents)) {
        for (const doc of docs) apply(componentPath, doc._id as string, doc);
      }
      for (const [key, value] of snapshot.requests)
        this.requestResults.set(key, { result: value.result, ts: BigInt(value.ts) });
      ts = BigInt(snapshot.ts);
      nextDocIds = snapshot.nextDocIds;
    }
    for (const commit of commits) {
      for (const [componentPath, writes] of Object.entries(commit.writes)) {
        for (const [id, doc] of writes) apply(componentPath, id, doc);
      }
      if (commit.request) {
        this.requestResults.set(commit.request.key, {
          result: jsonToConvex(commit.request.result as JSONValue),
          ts: BigInt(commit.ts),
        });
      }
      ts = BigInt(commit.ts);
      nextDocIds = commit.nextDocIds;
    }
    for (const [componentPath, { db }] of Object.entries(dbs)) {
      if (nextDocIds[componentPath] !== undefined) db._nextDocId = Math.max(db._nextDocId, nextDocIds[componentPath]);
      let last = 0;
      for (const doc of Object.values(db._documents) as Array<{ _creationTime: number }>) {
        last = Math.max(last, doc._creationTime);
      }
      db._lastCreationTime = last;
    }
    this.lastCommitTs = ts;
    this.g.transactionManager._lastCommitTs = ts;
    this.checkSchema();
    this.ready = true;
    this.rearmScheduler();
  }

  private get components() {
    return Object.entries(this.g.components) as Array<[string, { db: Db }]>;
  }

  /** Refuses to serve when stored documents violate the current schemas, naming them. */
  private checkSchema() {
    const problems: string[] = [];
    for (const [componentPath, { db }] of this.components) {
      for (const doc of Object.values(db._documents) as Array<Record<string, unknown>>) {
        const table = this.I.tableNameFromId(doc._id as string) as string;
        if (table.startsWith("_")) continue;
        const { _id, _creationTime, ...fields } = doc;
        try {
          db._validate(table, fields);
        } catch (error) {
          const where = componentPath ? `component "${componentPath}", table "${table}"` : `table "${table}"`;
          problems.push(`  ${where}, document ${String(_id)}: ${(error as Error).message.split("\n")[0]}`);
          if (problems.length >= 10) break;
        }
      }
    }
    if (problems.length > 0) {
      throw new SchemaMismatchError(
        `The schema in convex/schema.ts does not match data already stored in ${this.opts.dataDir}:\n` +
          problems.join("\n") +
          "\nChange the schema (e.g. make the field optional) or migrate the data; " +
          "`npm run dev -- --reset` starts over.",
      );
    }
  }

  /** Timers of pending scheduled functions do not survive a restart: arm them again. */
  private rearmScheduler() {
    const I = this.I;
    for (const [componentPath, { db }] of this.components) {
      const jobs = [...(db._tableIndex?.get("_scheduled_functions") ?? [])].map((id) => db._documents[id]);
      const interrupted = jobs.filter((job) => job.state.kind === "inProgress").map((job) => job._id as string);
      if (interrupted.length > 0) {
        void this.inContext(() =>
          I.withAuth().runInComponent(componentPath, async () => {
            for (const id of interrupted) {
              db.patch("_scheduled_functions", id, { state: { kind: "failed" }, completedTime: Date.now() });
            }
          }),
        );
      }
      for (const job of jobs.filter((j) => j.state.kind === "pending")) {
        const delay = Math.max(0, job.scheduledTime - Date.now());
        I.frameworkSetTimeout(() => {
          void this.inContext(() =>
            I.runScheduledFunction({
              db,
              jobId: job._id,
              componentPath,
              functionPath: { udfPath: job.name, componentPath },
              args: job.args[0],
              name: job.name,
            }),
          );
        }, delay);
      }
    }
  }

  private compact() {
    const documents: Snapshot["documents"] = {};
    for (const [componentPath, { db }] of Object.entries(this.g.components) as Array<[string, { db: Db }]>) {
      documents[componentPath] = Object.values(db._documents).map((doc) => convexToJson(doc as Value) as JsonDoc);
    }
    const requests = [...this.requestResults]
      .slice(-1000)
      .map(
        ([key, value]) =>
          [key, { result: convexToJson(value.result as Value), ts: value.ts.toString() }] as [
            string,
            { result: unknown; ts: string },
          ],
      );
    this.persistence.compact({
      version: FORMAT_VERSION,
      ts: this.lastCommitTs.toString(),
      documents,
      nextDocIds: this.nextDocIds(),
      requests,
    });
  }

  close() {
    this.persistence.close();
  }
}

function toFunctionError(error: unknown): Error {
  if (error instanceof FunctionNotFoundError || error instanceof FunctionError) return error;
  const err = error as { name?: string; message?: string; data?: unknown };
  if (err && err.name === "ConvexError" && err.data !== undefined) {
    const data = err.data as Value;
    return new FunctionError(
      `Uncaught ConvexError: ${typeof data === "string" ? data : JSON.stringify(convexToJson(data))}`,
      convexToJson(data),
    );
  }
  const message = err?.message ?? String(error);
  return new FunctionError(`Uncaught Error: ${message}`, undefined);
}
