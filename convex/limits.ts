/**
 * Size limits on what callers send. Every public function's arguments pass
 * `assertArgsBounded` in the builders (convex/functions.ts), so no function can
 * forget the outer bound; free text that we store is trimmed and held to a
 * field-specific length with `boundedText`.
 */
import { appError } from "./errors";

/** Field lengths, in characters. */
export const TEXT_LIMITS = {
  /** A person's or an organization's name, a team or cohort name. */
  name: 120,
  email: 254,
  /** Titles and subjects: a course, a session, a report. */
  title: 200,
  /** One line of free text: a job title, a reason, a company size. */
  line: 500,
  /** A paragraph: a message, a recap summary, a description. */
  paragraph: 5_000,
  url: 2_048,
} as const;

/** The outer bound on any public function's arguments, whatever they declare. */
export const ARG_LIMITS = {
  /** Longest string anywhere in the arguments (a CSV of 500 invitations fits). */
  string: 100_000,
  /** Most items in any array. */
  array: 1_000,
  /** Deepest nesting of objects and arrays. */
  depth: 8,
} as const;

/** Throws INVALID_INPUT when any string, array or nesting in `args` is beyond ARG_LIMITS. */
export function assertArgsBounded(args: unknown) {
  walk(args, 0, "arguments");
}

function walk(value: unknown, depth: number, path: string) {
  if (typeof value === "string") {
    if (value.length > ARG_LIMITS.string) throw tooLong(path, ARG_LIMITS.string);
    return;
  }
  if (value === null || typeof value !== "object" || value instanceof ArrayBuffer) return;
  if (depth >= ARG_LIMITS.depth) throw appError("INVALID_INPUT", `The ${path} are nested too deeply.`);
  if (Array.isArray(value)) {
    if (value.length > ARG_LIMITS.array) {
      throw appError(
        "INVALID_INPUT",
        `Too many items in ${path}: at most ${ARG_LIMITS.array.toLocaleString("en-US")}.`,
      );
    }
    for (const item of value) walk(item, depth + 1, path);
    return;
  }
  for (const [key, item] of Object.entries(value)) walk(item, depth + 1, key);
}

/**
 * Trims free text and holds it to `max` characters (and `min`, default 0);
 * throws INVALID_INPUT naming the field otherwise.
 */
export function boundedText(value: string, field: string, max: number, { min = 0 }: { min?: number } = {}) {
  const text = value.trim();
  if (text.length > max) throw tooLong(field, max);
  if (text.length < min) {
    throw appError(
      "INVALID_INPUT",
      min === 1 ? `Please enter ${field}.` : `${capitalize(field)} must be at least ${min} characters.`,
    );
  }
  return text;
}

/** `boundedText` for an optional field: undefined and blank stay undefined. */
export function optionalText(value: string | undefined, field: string, max: number) {
  if (value === undefined) return undefined;
  return boundedText(value, field, max) || undefined;
}

function tooLong(field: string, max: number) {
  return appError(
    "INVALID_INPUT",
    `${capitalize(field)} is too long: at most ${max.toLocaleString("en-US")} characters.`,
  );
}

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
