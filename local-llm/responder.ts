/**
 * What the local LLM stand-in answers, as plain functions (the server in
 * server.ts wraps them; tests call them directly). Deterministic: the same
 * request always gets the same answer.
 *
 * Grading requests (recognized by lib/ai/grading.ts's instruction) are graded
 * against the rubric and sample answer: the key terms of the rubric and sample
 * answer that the learner's answer uses decide the score, and how clear-cut the
 * case is decides the confidence — an answer covering half the key terms or more
 * earns full marks, one covering none earns nothing, both with high confidence;
 * answers in between get lower confidence, and very short answers the lowest. So
 * every band of the grading rule (auto, review, manual) is reachable offline.
 */
import { GRADING_INSTRUCTION, PROMPT_SECTIONS, type GradingResult } from "../lib/ai/grading";

export type ChatMessage = { role: string; content: string | Array<{ type: string; text?: string }> };
export type ChatRequest = {
  model?: string;
  messages?: ChatMessage[];
  response_format?: { type: string };
  stream?: boolean;
};

/** Share of the reference's key terms that earns full marks. */
export const FULL_MARKS_COVERAGE = 0.5;
/** Answers shorter than this many words are too short to judge with confidence. */
export const MIN_JUDGEABLE_WORDS = 8;

const STOPWORDS = new Set(
  (
    "about above after again against also because been before being below between both could does doing " +
    "down during each example from further have having here into itself just more most must once only " +
    "other over same should some such than that their them then there these they this those through under " +
    "until very were what when where which while will with " +
    "would your yours answer learner question sample rubric points mention mentions explains explain good clear"
  ).split(" "),
);

/**
 * Lower-case words of four letters or more, stop words out, plural and -ing/-ed endings folded, in first-seen order.
 */
export function keyTerms(text: string) {
  const seen = new Set<string>();
  for (const raw of text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .match(/[a-z][a-z0-9-]{3,}/g) ?? []) {
    const word = stem(raw);
    if (word.length >= 4 && !STOPWORDS.has(word)) seen.add(word);
  }
  return [...seen];
}

function stem(word: string) {
  let w = word;
  if (w.endsWith("ies") && w.length > 5) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ing") && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && w.length > 4) w = w.slice(0, -1);
  // "route", "routes", "routed" and "routing" all become "rout".
  return w.endsWith("e") && w.length > 4 ? w.slice(0, -1) : w;
}

/** The deterministic grade of an answer against a rubric and sample answer. */
export function gradeLocally(input: {
  question: string;
  rubric?: string;
  sampleAnswer?: string;
  response: string;
}): GradingResult {
  const reference = keyTerms([input.rubric ?? "", input.sampleAnswer ?? ""].join("\n"));
  const words = input.response.trim().split(/\s+/).filter(Boolean).length;
  if (reference.length === 0) {
    return {
      score: 0,
      confidence: 0.3,
      explanation: "There is no rubric or sample answer to grade against; an instructor should grade this answer.",
    };
  }
  const used = new Set(keyTerms(input.response));
  const covered = reference.filter((term) => used.has(term));
  const missing = reference.filter((term) => !used.has(term));
  const coverage = covered.length / reference.length;
  const score = round2(Math.min(1, coverage / FULL_MARKS_COVERAGE));
  const clearCut = Math.abs(score - 0.5) * 2;
  const confidence = words < MIN_JUDGEABLE_WORDS ? 0.4 : round2(0.6 + 0.38 * clearCut);
  const list = (terms: string[]) => terms.slice(0, 6).join(", ");
  const explanation =
    words < MIN_JUDGEABLE_WORDS
      ? `The answer has ${words} word${words === 1 ? "" : "s"}, too short to judge against the rubric.`
      : `Covers ${covered.length} of ${reference.length} key points of the rubric` +
        `${covered.length ? ` (${list(covered)})` : ""}${missing.length ? `; missing ${list(missing)}` : ""}.`;
  return { score, confidence, explanation };
}

/** Splits the grading prompt (lib/ai/grading.ts's `gradingPrompt`) back into its sections. */
export function parseGradingPrompt(prompt: string) {
  const headings = Object.entries(PROMPT_SECTIONS) as Array<[keyof typeof PROMPT_SECTIONS, string]>;
  const found: Partial<Record<keyof typeof PROMPT_SECTIONS, string>> = {};
  const positions = headings
    .map(([key, heading]) => ({ key, heading, at: prompt.indexOf(`${heading}\n`) }))
    .filter((p) => p.at >= 0)
    .sort((a, b) => a.at - b.at);
  for (const [i, p] of positions.entries()) {
    const end = i + 1 < positions.length ? positions[i + 1].at : prompt.length;
    found[p.key] = prompt.slice(p.at + p.heading.length + 1, end).trim();
  }
  const response = (found.response ?? "").replace(/^<<<ANSWER\n?/, "").replace(/\n?ANSWER>>>$/, "");
  return { question: found.question ?? "", rubric: found.rubric, sampleAnswer: found.sampleAnswer, response };
}

function text(message: ChatMessage | undefined) {
  if (!message) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => part.text ?? "").join("");
}

/** The assistant's reply to a chat-completions request. */
export function respond(request: ChatRequest): string {
  const messages = request.messages ?? [];
  const system = messages
    .filter((m) => m.role === "system")
    .map(text)
    .join("\n");
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  if (system.startsWith(GRADING_INSTRUCTION)) return JSON.stringify(gradeLocally(parseGradingPrompt(text(lastUser))));
  const asked = text(lastUser).trim().replace(/\s+/g, " ");
  const reply =
    `This is the academy's local AI stand-in (no model runs here). ` +
    `You asked: "${asked.slice(0, 200)}${asked.length > 200 ? "…" : ""}". ` +
    "Connect a real model with AI_BASE_URL, AI_API_KEY and AI_MODEL for real answers.";
  return request.response_format && request.response_format.type !== "text" ? JSON.stringify({ reply }) : reply;
}

function round2(value: number) {
  return Math.round(value * 100) / 100;
}
