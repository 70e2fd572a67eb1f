/**
 * Upstream text (fail_reason, error messages, names) is data from another system that reaches a
 * model. cleanText cuts it first (so the work is bounded by the length asked for, never by the
 * input), strips what a person cannot see but a model reads (control, bidi and every format
 * character, the tag block), and shortens it keeping its beginning AND its end: the root cause
 * of a chained Java exception comes last. Every pattern here is linear in its input.
 */

/** Control and format characters (bidi, zero-width, U+00AD, U+061C, U+180E, U+2060, U+FFF9-FFFB, tags). */
const INVISIBLE = /[\p{Cc}\p{Cf}\u{E0000}-\u{E007F}]/gu;
/** Controls and separators that stand between words: they become a space, not nothing. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Printable ASCII words separated by single spaces: nothing to strip, the common case. */
const PLAIN = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;
/** Share of a shortened text given to its beginning; the rest (and the root cause) is its end. */
const HEAD_SHARE = 0.4;
export const ELLIPSIS = "…";

export function cleanText(value: string, maxLength: number): string {
  if (value.length <= maxLength && PLAIN.test(value)) return value;
  const flat = strip(cutFirst(value, maxLength));
  return shortenMiddle(flat, maxLength);
}

/** Huge inputs keep only what can survive: a generous beginning and end, before any pattern runs. */
function cutFirst(value: string, maxLength: number): string {
  const side = 2 * maxLength + 64;
  if (value.length <= 2 * side) return value;
  return `${value.slice(0, side)} ${ELLIPSIS} ${value.slice(-side)}`;
}

function strip(value: string): string {
  return value
    .replace(BREAKS, " ")
    .replace(INVISIBLE, "")
    .replace(LONE_SURROGATE, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Beginning … end, at most maxLength characters, never splitting a surrogate pair. */
export function shortenMiddle(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (maxLength < 2) return ELLIPSIS.slice(0, maxLength);
  const headLength = Math.floor((maxLength - 1) * HEAD_SHARE);
  const head = text.slice(0, headLength).replace(/[\uD800-\uDBFF]$/, "");
  const tail = text
    .slice(text.length - (maxLength - 1 - headLength))
    .replace(/^[\uDC00-\uDFFF]/, "");
  return `${head.trimEnd()}${ELLIPSIS}${tail.trimStart()}`;
}

/** Completion candidates: the values that start with what was typed, case-insensitively. */
export function startsWith(values: readonly string[], prefix: string | undefined): string[] {
  const p = (prefix ?? "").toLowerCase();
  return values.filter((v) => v.toLowerCase().startsWith(p));
}
