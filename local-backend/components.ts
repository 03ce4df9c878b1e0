/**
 * Reads `convex/convex.config.ts` the way Convex's bundler would, without the
 * bundler: each `convex.config` a config file imports gets the
 * `componentDefinitionPath` the bundler normally stamps on it, so `app.use()`
 * works in plain Node, and the installed tree is walked into a flat list of
 * component instances (`rateLimiter`, `rateLimiter/batchWorker`, …), each with
 * the folder its compiled functions and schema live in.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type ComponentInstance = {
  /** Component path as Convex names it: child names joined by "/". */
  path: string;
  /** The name the parent gave it (`app.use(x, { name })`). */
  name: string;
  /** Folder holding the component's `convex.config.js`, `schema.js` and functions. */
  dir: string;
  /** How the parent imported the definition, e.g. `@convex-dev/rate-limiter/convex.config`. */
  importSpecifier: string;
};

type Definition = {
  componentDefinitionPath?: string;
  defaultName?: string;
  _name?: string;
  _childComponents?: Array<[string, Definition, ...unknown[]]>;
};

const CONFIG_IMPORT = /import\s+(?:[\w$]+|\{[^}]*\})\s+from\s+["']([^"']*convex\.config(?:\.js|\.ts)?)["']/g;

function configImports(file: string) {
  const source = fs.readFileSync(file, "utf8");
  return [...source.matchAll(CONFIG_IMPORT)].map((match) => match[1]);
}

/** Imports a component's config after stamping every config it imports, depth first. */
async function loadDefinition(
  file: string,
  specifiers: Map<Definition, { dir: string; importSpecifier: string }>,
  importSpecifier: string,
): Promise<Definition> {
  const require = createRequire(file);
  for (const child of configImports(file)) {
    const resolved = require.resolve(child);
    await loadDefinition(resolved, specifiers, child);
  }
  const definition = (await import(pathToFileURL(file).href)).default as Definition;
  // What Convex's bundler stamps on a definition; `use()` reads the name from it.
  definition.componentDefinitionPath ??= path.dirname(file);
  definition.defaultName ??= definition._name;
  specifiers.set(definition, { dir: path.dirname(file), importSpecifier });
  return definition;
}

/** The app's component instances, parents before children; empty without `convex.config.ts`. */
export async function loadComponents(convexDir: string): Promise<ComponentInstance[]> {
  const configFile = ["convex.config.ts", "convex.config.js"].map((f) => path.join(convexDir, f)).find(fs.existsSync);
  if (!configFile) return [];
  const known = new Map<Definition, { dir: string; importSpecifier: string }>();
  const require = createRequire(configFile);
  for (const child of configImports(configFile)) {
    await loadDefinition(require.resolve(child), known, child);
  }
  const app = (await import(pathToFileURL(configFile).href)).default as Definition;
  const instances: ComponentInstance[] = [];
  const walk = (definition: Definition, prefix: string) => {
    for (const [name, child] of definition._childComponents ?? []) {
      const info = known.get(child);
      if (!info) {
        throw new Error(
          `Component "${name}" in ${configFile} was not imported from a \`convex.config\` module ` +
            "this backend can find.",
        );
      }
      const componentPath = prefix ? `${prefix}/${name}` : name;
      instances.push({ path: componentPath, name, ...info });
      walk(child, componentPath);
    }
  };
  walk(app, "");
  return instances;
}

/** A component's schema file and its function modules (compiled JS or TS sources), keyed by absolute path. */
export function componentFiles(dir: string) {
  const schema = ["schema.js", "schema.ts"].map((f) => path.join(dir, f)).find(fs.existsSync);
  const modules: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(full);
      } else if (/\.(js|ts)$/.test(entry.name) && !/\.d\.ts$|\.(test|spec)\.|^convex\.config\./.test(entry.name)) {
        modules.push(full);
      }
    }
  };
  walk(dir);
  return { schema, modules };
}
