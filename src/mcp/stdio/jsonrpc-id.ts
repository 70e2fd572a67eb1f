/**
 * The `id` of a JSON-RPC message read from the start of its text, without parsing the rest:
 * for lines that are too large to keep, or not JSON at all, so that the client still gets an
 * error answer it can match to its request. One pass, constant work per character.
 */
import type { RequestId } from "@modelcontextprotocol/sdk/types.js";

const WHITESPACE = new Set([" ", "\t", "\r", "\n"]);
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A readable id: what JSON-RPC allows (a string or a number) and a client can match. */
export function isReadableId(value: unknown): value is RequestId {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

/**
 * The value of the top-level `id` key of the object that `text` starts with, if it appears in
 * `text` and is a string or a number; undefined otherwise (no id, a null or structured id, the
 * text cut before it).
 */
export function leadingId(text: string): RequestId | undefined {
  let i = skipWhitespace(text, 0);
  if (text[i] !== "{") return undefined;
  let depth = 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      if (expectKey && depth === 1 && text.slice(i, end + 1) === '"id"') {
        const colon = skipWhitespace(text, end + 1);
        if (text[colon] !== ":") return undefined;
        return valueAt(text, skipWhitespace(text, colon + 1));
      }
      expectKey = false;
      i = end + 1;
      continue;
    }
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
    if (depth <= 0) return undefined;
    // Keys of the top-level object follow its "{" or a "," at its own level.
    expectKey = depth === 1 && (c === "{" || c === ",") ? true : expectKey && WHITESPACE.has(c);
    i++;
  }
  return undefined;
}

function valueAt(text: string, i: number): RequestId | undefined {
  if (text[i] === '"') {
    const end = stringEnd(text, i);
    if (end < 0) return undefined;
    try {
      return JSON.parse(text.slice(i, end + 1)) as string;
    } catch {
      return undefined;
    }
  }
  NUMBER.lastIndex = i;
  const match = NUMBER.exec(text);
  // A number cut by the end of the text is not the number the client sent.
  if (!match || NUMBER.lastIndex >= text.length) return undefined;
  const value = Number(match[0]);
  return Number.isFinite(value) ? value : undefined;
}

/** Index of the quote that closes the string opening at `start`, or -1 if the text ends first. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i;
  }
  return -1;
}

function skipWhitespace(text: string, start: number): number {
  let i = start;
  while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
  return i;
}
