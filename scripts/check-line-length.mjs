/**
 * `npm run lint:lines`: lists every line over 120 characters in the product's tracked source (convex/, components/,
 * app/, lib/, local-*, scripts/) and exits 1 if there is one. Prettier breaks code at 120 but not long strings,
 * class lists or comments; this keeps those within the same width.
 *
 * Characters are Unicode code points, so "—" counts as one (awk's `length` counts it as three bytes).
 */
import { execFileSync } from "node:child_process";
import console from "node:console";
import { existsSync, readFileSync } from "node:fs";
import process from "node:process";

const MAX_LENGTH = 120;

/** Tracked files below these folders, at any depth. */
const SOURCE_PATTERNS = [
  ...["convex", "components", "app", "lib", "local-*"].flatMap((dir) =>
    ["ts", "tsx", "mts", "cts", "js", "mjs", "cjs"].map((ext) => `${dir}/*.${ext}`),
  ),
  "scripts/*",
];

/** Files written by tools, not by people: regenerate them instead of editing. */
const GENERATED_PREFIXES = ["convex/_generated/"];

/** Files that hold data rather than code, each with why its long lines are data. */
const DATA_FILES = new Map([
  ["convex/certificates/model/fonts.ts", "the certificate PDF's fonts, embedded as base64 (scripts/build-fonts.ts)"],
  [
    "convex/certificates/model/badgeArt.ts",
    "the badge image: its PNG as base64 and the SVG credentials are baked into, whose bytes are what learners receive",
  ],
  [
    "convex/certificates/shared/achievementCredentialValidator.ts",
    "the credential JSON schema compiled by Ajv into one line (npm run codegen:credential-schema)",
  ],
]);

const files = execFileSync("git", ["ls-files", "-z", "--", ...SOURCE_PATTERNS], { encoding: "utf8" })
  .split("\0")
  .filter((file) => file && existsSync(file))
  .filter((file) => !GENERATED_PREFIXES.some((prefix) => file.startsWith(prefix)) && !DATA_FILES.has(file));

const long = [];
for (const file of files) {
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, index) => {
      const length = [...line].length;
      if (length > MAX_LENGTH) long.push(`${file}:${index + 1}: ${length} characters`);
    });
}

if (long.length > 0) {
  console.error(`${long.length} line(s) over ${MAX_LENGTH} characters (break them; do not change what they do):`);
  for (const entry of long) console.error(`  ${entry}`);
  process.exit(1);
}
console.log(`No line over ${MAX_LENGTH} characters in ${files.length} files.`);
