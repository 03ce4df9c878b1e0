/**
 * `npm run codegen`: regenerates convex/_generated offline.
 *
 * `convex codegen` needs a deployment; its `--system-udfs` mode runs the local
 * code generator, which writes the same api/server/dataModel files as a
 * deployment's codegen except for the `components` export. This script adds
 * that export as the deployment codegen shapes it: one `ComponentApi` per
 * component `convex/convex.config.ts` installs, read with the local backend's
 * config loader (`components = {}` without one).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadComponents } from "../local-backend/components.js";

const root = process.cwd();
const generated = path.join(root, "convex", "_generated");

execFileSync(
  process.execPath,
  [path.join(root, "node_modules", "convex", "bin", "main.js"), "codegen", "--system-udfs", "--typecheck", "disable"],
  {
    stdio: "inherit",
    env: { ...process.env, CONVEX_DEPLOYMENT: "" },
  },
);

const apiJs = path.join(generated, "api.js");
let js = fs.readFileSync(apiJs, "utf8");
if (!js.includes("componentsGeneric")) {
  js = js.replace(
    'import { anyApi } from "convex/server";',
    'import { anyApi, componentsGeneric } from "convex/server";',
  );
  js = js.trimEnd() + "\nexport const components = componentsGeneric();\n";
  fs.writeFileSync(apiJs, js);
}
const apiDts = path.join(generated, "api.d.ts");
const installed = (await loadComponents(path.join(root, "convex"))).filter((c) => !c.path.includes("/"));
const componentLines = installed.map((component) => {
  const base = component.importSpecifier.startsWith(".")
    ? path.relative(generated, component.dir).split(path.sep).join("/")
    : component.importSpecifier.replace(/\/convex\.config(\.js|\.ts)?$/, "");
  return `  ${component.name}: import("${base}/_generated/component.js").ComponentApi<"${component.name}">;`;
});
const componentsDecl =
  componentLines.length === 0
    ? "export declare const components: {};\n"
    : `export declare const components: {\n${componentLines.join("\n")}\n};\n`;
let dts = fs.readFileSync(apiDts, "utf8");
const marker = "export declare const components";
if (dts.includes(marker)) dts = dts.slice(0, dts.indexOf(marker));
fs.writeFileSync(apiDts, dts.trimEnd() + "\n\n" + componentsDecl);
console.log("convex/_generated is up to date.");
