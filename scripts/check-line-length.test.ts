import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";

const SCRIPT = path.join(import.meta.dirname, "check-line-length.mjs");

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A git checkout holding `files` (path → text), all tracked. */
function checkout(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-lines-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  spawnSync("git", ["init", "-q"], { cwd: dir });
  spawnSync("git", ["add", "-A"], { cwd: dir });
  return dir;
}

function check(dir: string) {
  const run = spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

const line = (length: number) => `// ${"x".repeat(length - 3)}\n`;

describe("npm run lint:lines", () => {
  test("fails on a product line over 120 characters, at any depth, and names it", () => {
    const dir = checkout({
      "convex/schema.ts": line(121),
      "convex/catalog/browse.ts": line(120),
      "lib/format.ts": line(122),
      "components/ui/deep/button.tsx": `${line(10)}${line(150)}`,
      "local-stripe/server.ts": line(130),
      "scripts/seed.ts": line(125),
    });
    const { status, output } = check(dir);
    expect(status).toBe(1);
    expect(output).toContain("5 line(s) over 120 characters");
    expect(output).toContain("convex/schema.ts:1: 121 characters");
    expect(output).toContain("lib/format.ts:1: 122 characters");
    expect(output).toContain("components/ui/deep/button.tsx:2: 150 characters");
    expect(output).toContain("local-stripe/server.ts:1: 130 characters");
    expect(output).toContain("scripts/seed.ts:1: 125 characters");
    expect(output).not.toContain("convex/catalog/browse.ts");
  });

  test("counts characters, not bytes, and passes when every line fits", () => {
    const dir = checkout({ "app/page.tsx": `// ${"—".repeat(117)}\n`, "scripts/dev.ts": line(120) });
    expect(check(dir)).toEqual({ status: 0, output: "No line over 120 characters in 2 files.\n" });
  });

  test("leaves out generated code, data files named with a reason, and files outside the product", () => {
    const dir = checkout({
      "convex/_generated/api.d.ts": line(300),
      "convex/certificates/model/fonts.ts": line(300),
      "tests/convex/long.test.ts": line(300),
      "e2e/long.spec.ts": line(300),
      "README.md": line(300),
    });
    expect(check(dir).status).toBe(0);
  });

  test("an untracked file is not checked until it is added", () => {
    const dir = checkout({ "convex/schema.ts": line(10) });
    fs.writeFileSync(path.join(dir, "convex/new.ts"), line(130));
    expect(check(dir).status).toBe(0);
    spawnSync("git", ["add", "convex/new.ts"], { cwd: dir });
    expect(check(dir)).toMatchObject({ status: 1, output: expect.stringContaining("convex/new.ts:1") });
  });
});
