/**
 * `npm run codegen`: regenerates convex/_generated offline.
 *
 * `convex codegen` needs a deployment; its `--system-udfs` mode runs the local
 * code generator, which writes the same api/server/dataModel files as a
 * deployment's codegen except for the `components` export. This script adds
 * that export as the deployment codegen shapes it (`components = {}` for an
 * app without components) and formats nothing else.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const generated = path.join(root, "convex", "_generated");

if (fs.existsSync(path.join(root, "convex", "convex.config.ts"))) {
  console.error(
    "convex/convex.config.ts exists: this project's offline codegen does not emit component types yet. " +
      "Extend scripts/codegen.ts to write each component's `ComponentApi` type before adding components.",
  );
  process.exit(1);
}

execFileSync(process.execPath, [path.join(root, "node_modules", "convex", "bin", "main.js"), "codegen", "--system-udfs", "--typecheck", "disable"], {
  stdio: "inherit",
  env: { ...process.env, CONVEX_DEPLOYMENT: "" },
});

const apiJs = path.join(generated, "api.js");
let js = fs.readFileSync(apiJs, "utf8");
if (!js.includes("componentsGeneric")) {
  js = js.replace('import { anyApi } from "convex/server";', 'import { anyApi, componentsGeneric } from "convex/server";');
  js = js.trimEnd() + "\nexport const components = componentsGeneric();\n";
  fs.writeFileSync(apiJs, js);
}
const apiDts = path.join(generated, "api.d.ts");
let dts = fs.readFileSync(apiDts, "utf8");
if (!dts.includes("export declare const components")) {
  dts = dts.trimEnd() + "\n\nexport declare const components: {};\n";
  fs.writeFileSync(apiDts, dts);
}
console.log("convex/_generated is up to date.");
