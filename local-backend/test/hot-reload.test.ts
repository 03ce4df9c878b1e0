/**
 * Editing convex/ under `tsx watch` (as `npm run dev` runs the backend) reloads
 * functions without losing data; a schema that stored data violates is
 * refused with the table and document named, and fixing it recovers.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { FIXTURE_DIR, nextPorts, tempDataDir } from "./harness";

const root = process.cwd();
// Inside the project so the copied modules resolve `convex/*` from node_modules.
// Not in a hidden folder: tsx watch ignores those.
const workDir = fs.mkdtempSync(path.join(root, "local-backend", "test", "tmp-hot-reload-"));
const convexDir = path.join(workDir, "convex");
fs.cpSync(FIXTURE_DIR, convexDir, { recursive: true });

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function call(url: string, kind: "query" | "mutation", fn: string, args: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/api/${kind}`, {
    method: "POST",
    body: JSON.stringify({ path: fn, args: [args], format: "convex_encoded_json" }),
  });
  return (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
}

let lastOutput = () => "";

async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch {
      // server restarting
    }
    if (Date.now() > deadline) throw new Error(`timed out; backend output:\n${lastOutput()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("hot reload keeps data; a violating schema is refused by name and recovers when fixed", async () => {
  const { port, sitePort } = nextPorts();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(
    path.join(root, "node_modules", ".bin", "tsx"),
    [
      "watch",
      "--clear-screen=false",
      "--include",
      `${convexDir}/**/*`,
      "local-backend/main.ts",
      "--convex",
      convexDir,
      "--data",
      tempDataDir(),
      "--port",
      String(port),
      "--site-port",
      String(sitePort),
      "--env",
      path.join(workDir, "none.json"),
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env } },
  );
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  lastOutput = () => output.slice(-2000);
  try {
    await until(async () =>
      (await call(url, "mutation", "counters:increment", { name: "kept" })).status === "success" ? true : undefined,
    );
    await call(url, "mutation", "counters:increment", { name: "kept" });

    // A new function appears after an edit, and the data is still there.
    fs.appendFileSync(
      path.join(convexDir, "counters.ts"),
      "\nexport const doubled = query({ args: { name: v.string() }, handler: async (ctx, { name }) => 2 * " +
        '((await ctx.db.query("counters").withIndex("by_name", (q) => q.eq("name", name)).unique())' +
        "?.value ?? 0) });\n",
    );
    const doubled = await until(async () => {
      const result = await call(url, "query", "counters:doubled", { name: "kept" });
      return result.status === "success" ? result.value : undefined;
    });
    expect(doubled).toBe(4);

    // A schema the stored counters violate is refused, naming the table and a document.
    const schemaFile = path.join(convexDir, "schema.ts");
    const schema = fs.readFileSync(schemaFile, "utf8");
    output = "";
    fs.writeFileSync(schemaFile, schema.replace("value: v.number() }", "value: v.number(), owner: v.string() }"));
    await until(async () => (output.includes("does not match data already stored") ? true : undefined));
    expect(output).toMatch(/table "counters", document \S+counters: .*owner/);

    // Fixing it brings the backend back with the data.
    fs.writeFileSync(schemaFile, schema);
    const value = await until(async () => {
      const result = await call(url, "query", "counters:get", { name: "kept" });
      return result.status === "success" ? result.value : undefined;
    });
    expect(value).toBe(2);
  } finally {
    child.kill("SIGTERM");
  }
}, 90_000);
