/**
 * Reading an upstream JSON body against its schema, with its shape checked on the text first. Text
 * that is cheap to send can be dear to read: a body of `{}` repeated by the hundred thousand
 * (a few bytes each) costs seconds of schema validation, and deep nesting costs seconds of
 * parsing, while the event loop, the tool deadline and every other call wait. A page holds at
 * most 1000 records, so bodies far beyond these bounds are broken or hostile, never real answers.
 * The shape check is one pass over the characters, constant work for each (string contents are
 * skipped by indexOf), stopping at the first bound passed.
 */
import type { z } from "zod";

/** Array items in one body, all arrays together: 1000 records with their lists, many times over. */
export const MAX_ARRAY_ITEMS = 50_000;
/** Nesting depth; SDRS and IAM bodies nest about five levels. */
export const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * What is wrong with the shape of `text` (as a phrase), or undefined when it is within the
 * bounds. Items are counted as every `[` plus every comma directly inside an array, so an empty
 * array counts as one: it costs as much to check as a small item.
 */
export function shapeProblem(text: string): string | undefined {
  const inArray = new Uint8Array(MAX_DEPTH + 1);
  let depth = 0;
  let items = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > MAX_DEPTH) return `it nests deeper than ${MAX_DEPTH} levels`;
      inArray[depth] = c === OPEN_ARRAY ? 1 : 0;
      if (c === OPEN_ARRAY) items++;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      if (depth > 0) depth--;
    } else if (c === COMMA && inArray[depth] === 1) {
      items++;
    } else {
      continue;
    }
    if (items > MAX_ARRAY_ITEMS) return `it holds more than ${MAX_ARRAY_ITEMS} array items`;
  }
  return undefined;
}

/**
 * Index of the quote closing the string that opens at `start` (or the end of the text). The
 * string's characters are skipped by indexOf, not looked at one by one (they are most of a
 * body); a quote is escaped when an odd number of backslashes stands before it. Each run of
 * backslashes is counted once, for the quote that ends it: linear in the string's length.
 */
function closingQuote(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}

/**
 * The body as the schema reads it, or why it cannot be read (a phrase for an error message).
 * `prepare` sees the parsed JSON first (the HTTP layer redacts credentials there).
 */
export function readJson<T>(
  text: string,
  schema: z.ZodType<T>,
  prepare: (json: unknown) => unknown = (json) => json,
): { data: T } | { problem: string } {
  const shape = shapeProblem(text);
  if (shape) return { problem: `the response is not a plausible answer: ${shape}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: "the response body is not JSON" };
  }
  let result: ReturnType<typeof schema.safeParse>;
  try {
    result = schema.safeParse(prepare(json));
  } catch {
    // Validation itself broke down (zod can overflow the stack collecting a large body's issues).
    return { problem: "the response does not match the documented shape" };
  }
  if (result.success) return { data: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  return {
    problem: `the response does not match the documented shape${where}: ${issue?.message ?? "invalid"}`,
  };
}
