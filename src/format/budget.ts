/**
 * The one budgeting step every tool result passes through: JSON.stringify({content,
 * structuredContent}) stays under 40,000 characters, so a host never truncates or rejects an
 * answer. Each tool says which rows may be left out and which long texts may be shortened;
 * the step keeps the longest texts with which every row fits, else the shortest texts and as
 * many rows as fit.
 */
export const OUTPUT_BUDGET = 40_000;
/**
 * Characters every answer leaves free for what the server adds to any result: the demo
 * marking (src/mcp/demo.ts: a first line and `"demo":true`, about 120 characters).
 */
const MARKING_RESERVE = 300;
/** What an answer builder may use. */
const ANSWER_BUDGET = OUTPUT_BUDGET - MARKING_RESERVE;
/** Headroom for what the row loop estimates rather than measures. */
const SAFETY_MARGIN = 1_000;

// Types, not interfaces, so an answer is assignable to the SDK's CallToolResult record.
export type ToolAnswer<S> = {
  content: ({ type: "text"; text: string } | ResourceLink)[];
  structuredContent: S;
};

export type ResourceLink = {
  type: "resource_link";
  uri: string;
  name: string;
  mimeType: string;
  description: string;
};

export interface BudgetPlan<S> {
  /** How many rows the answer could show, in the order they are kept. */
  rows: number;
  /** Lengths to try for the long texts of the rows, most generous first. */
  lengths: readonly number[];
  /** The answer with the first `shown` rows, long texts cut to `length`. */
  build(shown: number, length: number): ToolAnswer<S>;
  /** Characters row `index` adds at `length` (its JSON and its lines of text). */
  rowCost(index: number, length: number): number;
}

export function fitToBudget<S>(plan: BudgetPlan<S>, budget = ANSWER_BUDGET): ToolAnswer<S> {
  const { lengths } = plan;
  for (const [k, length] of lengths.entries()) {
    const build = (n: number) => plan.build(n, length);
    const estimate = rowsByCost(plan.rows, (i) => plan.rowCost(i, length), build, budget);
    if (k === lengths.length - 1) return verified(estimate, build, budget);
    // Before the last length only an answer that shows every row ends the search: while rows
    // are left out, a shorter length is tried. Every row fits, and so does the rest: texts
    // outside the rows (a summary's newest failures, a job's own reason) are cut at the same
    // length, so an answer with no rows to leave out can still be too long at this one.
    if (estimate < plan.rows) continue;
    const answer = build(plan.rows);
    if (jsonLength(answer) < budget) return answer;
  }
  throw new Error("fitToBudget needs at least one length");
}

/** The rows that fit by their estimated costs, after the answer without rows. */
function rowsByCost(
  count: number,
  rowCost: (index: number) => number,
  build: (shown: number) => unknown,
  budget: number,
): number {
  let used = jsonLength(build(0));
  let shown = 0;
  while (shown < count) {
    const cost = rowCost(shown);
    if (used + cost > budget - SAFETY_MARGIN) break;
    used += cost;
    shown++;
  }
  return shown;
}

/** The answer with `estimate` rows, or fewer while it is still too large, built once each. */
function verified<A>(estimate: number, build: (shown: number) => A, budget: number): A {
  let shown = estimate;
  let answer = build(shown);
  while (shown > 0 && jsonLength(answer) >= budget) answer = build(--shown);
  return answer;
}

/**
 * Rows built on first use, for a budget that tries several lengths: `make(index)` does a row's
 * work that does not depend on the length (once per row), the function it returns the rest
 * (once per row and length). The budget loop asks only for the rows that fit.
 */
export function lazyRows<R>(make: (index: number) => (length: number) => R) {
  const rows: ((length: number) => R)[] = [];
  const built = new Map<number, R[]>();
  return (index: number, length: number): R => {
    const list = built.get(length) ?? [];
    built.set(length, list);
    if (list[index] === undefined) {
      rows[index] ??= make(index);
      list[index] = (rows[index] as (length: number) => R)(length);
    }
    return list[index] as R;
  };
}

/** Characters a value adds inside JSON (escapes included). */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}

/**
 * The lengths of JSON.stringify(text) (`once`: the text as a string value) and of
 * JSON.stringify(JSON.stringify(text)) (`twice`: the text quoted inside a line of text that is
 * itself a string value), counted instead of written out twice. Every code unit counts one
 * character, except what JSON escapes: `"` and `\` are two characters (four inside the quoted
 * form), the five short control escapes two (three), other controls and lone surrogates six
 * (seven). A regular expression finds those few; the loop looks at nothing else.
 */
export function quotedLengths(text: string): { once: number; twice: number } {
  // The quotes around the text; inside the line they become \" twice, with quotes around it.
  let once = text.length + 2;
  let twice = text.length + 6;
  const escaped = new RegExp(ESCAPED);
  for (let found = escaped.exec(text); found; found = escaped.exec(text)) {
    const c = text.charCodeAt(found.index);
    if (c === QUOTE || c === BACKSLASH) {
      once += 1;
      twice += 3;
    } else if (SHORT_ESCAPES.includes(c)) {
      once += 1;
      twice += 2;
    } else if (
      c <= 0xdbff &&
      c >= 0xd800 &&
      (text.charCodeAt(found.index + 1) & 0xfc00) === 0xdc00
    ) {
      escaped.lastIndex++; // a pair, written as it is
    } else {
      once += 5;
      twice += 6;
    }
  }
  return { once, twice };
}

/** What JSON.stringify may escape: quote, backslash, controls, surrogates (unless paired). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: counting them is the point
const ESCAPED = /["\\\u0000-\u001f\uD800-\uDFFF]/g;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** \b \t \n \f \r: the control characters JSON writes in two characters. */
const SHORT_ESCAPES = [0x08, 0x09, 0x0a, 0x0c, 0x0d];
