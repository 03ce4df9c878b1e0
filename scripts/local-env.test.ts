import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { ensureLocalEnv } from "./local-env";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-env-"));
  dirs.push(dir);
  return path.join(dir, "env.json");
}

describe("the local deployment's environment", () => {
  test("#15.13 a new local env file switches local mode on explicitly", async () => {
    const file = tempFile();
    const env = await ensureLocalEnv(os.tmpdir(), { file });
    expect(env.ACADEMY_LOCAL_MODE).toBe("1");
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ ACADEMY_LOCAL_MODE: "1" });
  });

  test("#15.13 an env file from before the flag existed gets it, keeping its keys and secrets", async () => {
    const file = tempFile();
    const older = await ensureLocalEnv(os.tmpdir(), { file });
    delete older.ACADEMY_LOCAL_MODE;
    fs.writeFileSync(file, JSON.stringify(older));
    const upgraded = await ensureLocalEnv(os.tmpdir(), { file });
    expect(upgraded).toEqual({ ...older, ACADEMY_LOCAL_MODE: "1" });
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(upgraded);
  });
});
