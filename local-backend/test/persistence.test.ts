import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { Persistence } from "../persistence";

describe("persistence", () => {
  test("blob writes keep working when an npm package patches fs process-wide (graceful-fs via exceljs)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "persist-"));
    const persistence = new Persistence(dir);
    const original = { closeSync: fs.closeSync, writeFileSync: fs.writeFileSync };
    // graceful-fs replaces fs.closeSync with one that calls clearTimeout, which is forbidden inside a transaction.
    fs.closeSync = () => {
      throw new Error("patched closeSync called");
    };
    fs.writeFileSync = () => {
      throw new Error("patched writeFileSync called");
    };
    try {
      persistence.writeBlob("blob1", new Uint8Array([1, 2, 3]), "application/pdf");
    } finally {
      Object.assign(fs, original);
    }
    expect(persistence.readBlob("blob1")).toEqual({ bytes: Buffer.from([1, 2, 3]), contentType: "application/pdf" });
  });
});
