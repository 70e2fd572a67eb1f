/**
 * Upstream text (fail_reason, error messages, names) is data from another system: it reaches a
 * model, so it is cut to a sane length and stripped of control and bidi-override characters
 * that could hide or reorder what a person sees.
 */
const UNSAFE = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Printable ASCII words separated by single spaces: nothing to strip, the common case. */
const PLAIN = /^(?:[\x21-\x7e]+(?: [\x21-\x7e]+)*)?$/;

export function cleanText(value: string, maxLength: number): string {
  if (value.length <= maxLength && PLAIN.test(value)) return value;
  // Bound the work on hostile, huge inputs before any regex runs over them.
  const head = value.length > maxLength * 4 + 64 ? value.slice(0, maxLength * 4 + 64) : value;
  const flat = head
    .replace(UNSAFE, (c) => (/\s/.test(c) ? " " : ""))
    .replace(LONE_SURROGATE, "")
    .replace(/\s+/g, " ")
    .trim();
  if (flat.length <= maxLength) return flat;
  return `${flat.slice(0, maxLength - 1).replace(/[\uD800-\uDBFF]$/, "")}…`;
}

/** Completion candidates: the values that start with what was typed, case-insensitively. */
export function startsWith(values: readonly string[], prefix: string | undefined): string[] {
  const p = (prefix ?? "").toLowerCase();
  return values.filter((v) => v.toLowerCase().startsWith(p));
}
