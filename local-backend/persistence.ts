/**
 * Durable storage for the local backend.
 *
 * Layout of the data folder:
 *   snapshot.json  full state as of `snapshot.ts` (written to a temp file, fsynced, renamed)
 *   log.jsonl      one line per committed transaction after the snapshot, fsynced before the
 *                  commit is acknowledged; a torn last line is detected and cut off on restart
 *   blobs/<id>     file-storage contents, fsynced before their `_storage` row is committed
 */
import realFs from "node:fs";
import path from "node:path";

/**
 * `fs` as Node ships it, captured before app code loads. Some npm packages
 * (graceful-fs, pulled in by exceljs) patch `fs.closeSync` & co. process-wide
 * to call clearTimeout, which the engine forbids inside a transaction — and
 * blob writes happen inside one.
 */
const fs = { ...realFs, writeFileSync: writeFileSyncNative };
function writeFileSyncNative(file: string, data: string | Uint8Array) {
  const fd = nativeOpenSync(file, "w");
  try {
    nativeWriteSync(fd, typeof data === "string" ? Buffer.from(data) : data);
  } finally {
    nativeCloseSync(fd);
  }
}
const nativeOpenSync = realFs.openSync;
const nativeWriteSync = realFs.writeSync as (fd: number, data: Uint8Array) => number;
const nativeCloseSync = realFs.closeSync;

export const FORMAT_VERSION = 1;

export type JsonDoc = Record<string, unknown>;

/** The writes of one committed transaction, per component path. */
export type CommitRecord = {
  ts: string; // commit timestamp (ns) as a decimal string
  writes: Record<string, Array<[string, JsonDoc | null]>>;
  nextDocIds: Record<string, number>;
  /** The WebSocket mutation that produced this commit, for de-duplication after restarts. */
  request?: { key: string; result: unknown };
};

export type Snapshot = {
  version: number;
  ts: string;
  documents: Record<string, JsonDoc[]>;
  nextDocIds: Record<string, number>;
  requests: Array<[string, { result: unknown; ts: string }]>;
};

export type LoadedState = {
  snapshot: Snapshot | null;
  commits: CommitRecord[];
  droppedTornTail: boolean;
};

export class Persistence {
  readonly dir: string;
  private logFd: number | null = null;
  private logRecords = 0;
  private logBytes = 0;

  constructor(dir: string) {
    this.dir = dir;
    fs.mkdirSync(path.join(dir, "blobs"), { recursive: true });
  }

  private get snapshotPath() {
    return path.join(this.dir, "snapshot.json");
  }
  private get logPath() {
    return path.join(this.dir, "log.jsonl");
  }

  blobPath(storageId: string) {
    if (!/^[A-Za-z0-9_]+$/.test(storageId)) throw new Error(`Bad storage id ${storageId}`);
    return path.join(this.dir, "blobs", storageId);
  }

  /** Reads the snapshot and the log; cuts a torn (partially written) tail off the log. */
  load(): LoadedState {
    let snapshot: Snapshot | null = null;
    if (fs.existsSync(this.snapshotPath)) {
      snapshot = JSON.parse(fs.readFileSync(this.snapshotPath, "utf8")) as Snapshot;
      if (snapshot.version !== FORMAT_VERSION) {
        throw new Error(
          `${this.snapshotPath} has format ${snapshot.version}, this backend reads ${FORMAT_VERSION}. ` +
            `Run \`npm run dev -- --reset\` to start from fresh demo data.`,
        );
      }
    }
    const commits: CommitRecord[] = [];
    let droppedTornTail = false;
    if (fs.existsSync(this.logPath)) {
      const buffer = fs.readFileSync(this.logPath);
      let offset = 0;
      let goodLength = 0;
      while (offset < buffer.length) {
        const newline = buffer.indexOf(0x0a, offset);
        if (newline === -1) {
          droppedTornTail = true;
          break;
        }
        const line = buffer.subarray(offset, newline).toString("utf8");
        let record: CommitRecord;
        try {
          record = JSON.parse(line) as CommitRecord;
        } catch {
          droppedTornTail = true;
          break;
        }
        offset = newline + 1;
        goodLength = offset;
        if (snapshot && BigInt(record.ts) <= BigInt(snapshot.ts)) continue;
        commits.push(record);
      }
      if (droppedTornTail) {
        fs.truncateSync(this.logPath, goodLength);
      }
      this.logBytes = goodLength;
      this.logRecords = commits.length;
    }
    return { snapshot, commits, droppedTornTail };
  }

  /** Appends one commit and fsyncs it. Returns once the record is on disk. */
  append(record: CommitRecord) {
    if (this.logFd === null) {
      this.logFd = fs.openSync(this.logPath, "a");
    }
    const line = Buffer.from(JSON.stringify(record) + "\n", "utf8");
    fs.writeSync(this.logFd, line);
    fs.fsyncSync(this.logFd);
    this.logRecords += 1;
    this.logBytes += line.length;
  }

  shouldCompact() {
    return this.logRecords >= 2000 || this.logBytes >= 32 * 1024 * 1024;
  }

  /** Replaces snapshot + log by a new snapshot of the whole state. */
  compact(snapshot: Snapshot) {
    const tmp = this.snapshotPath + ".tmp";
    const fd = fs.openSync(tmp, "w");
    fs.writeSync(fd, JSON.stringify(snapshot));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, this.snapshotPath);
    this.fsyncDir();
    // Records up to snapshot.ts are skipped on load, so a crash before this
    // truncation is harmless.
    if (this.logFd !== null) {
      fs.closeSync(this.logFd);
      this.logFd = null;
    }
    fs.writeFileSync(this.logPath, "");
    this.logRecords = 0;
    this.logBytes = 0;
  }

  writeBlob(storageId: string, bytes: Uint8Array, contentType: string | null) {
    const file = this.blobPath(storageId);
    const fd = fs.openSync(file, "w");
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.writeFileSync(file + ".meta", JSON.stringify({ contentType }));
  }

  readBlob(storageId: string): { bytes: Buffer; contentType: string | null } | null {
    const file = this.blobPath(storageId);
    if (!fs.existsSync(file)) return null;
    let contentType: string | null = null;
    if (fs.existsSync(file + ".meta")) {
      contentType = (JSON.parse(fs.readFileSync(file + ".meta", "utf8")) as { contentType: string | null }).contentType;
    }
    return { bytes: fs.readFileSync(file), contentType };
  }

  deleteBlob(storageId: string) {
    const file = this.blobPath(storageId);
    fs.rmSync(file, { force: true });
    fs.rmSync(file + ".meta", { force: true });
  }

  close() {
    if (this.logFd !== null) {
      fs.closeSync(this.logFd);
      this.logFd = null;
    }
  }

  private fsyncDir() {
    try {
      const fd = fs.openSync(this.dir, "r");
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    } catch {
      // Directory fsync is not supported on every platform.
    }
  }
}
