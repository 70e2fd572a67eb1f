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
  let answer: ToolAnswer<S> | undefined;
  for (const length of plan.lengths) {
    const shown = rowsWithinBudget(
      plan.rows,
      (i) => plan.rowCost(i, length),
      (n) => plan.build(n, length),
      budget,
    );
    answer = plan.build(shown, length);
    // Every row fits, and so does the rest: texts outside the rows (a summary's newest
    // failures, a job's own reason) are cut at the same length, so an answer with no rows to
    // leave out can still be too long at this one.
    if (shown === plan.rows && jsonLength(answer) < budget) break;
  }
  if (!answer) throw new Error("fitToBudget needs at least one length");
  return answer;
}

/**
 * How many of `count` rows fit: measures the answer without rows, adds each row's marginal
 * cost, then verifies by measuring the real answer (and drops rows while it is still too
 * large). Rows past the budget are never asked for, so callers can build them lazily.
 */
export function rowsWithinBudget(
  count: number,
  rowCost: (index: number) => number,
  build: (shown: number) => unknown,
  budget = ANSWER_BUDGET,
): number {
  let used = jsonLength(build(0));
  let shown = 0;
  while (shown < count) {
    const cost = rowCost(shown);
    if (used + cost > budget - SAFETY_MARGIN) break;
    used += cost;
    shown++;
  }
  while (shown > 0 && jsonLength(build(shown)) >= budget) shown--;
  return shown;
}

/** Rows built on first use, once per length: the budget loop asks only for the rows that fit. */
export function lazyRows<R>(make: (index: number, length: number) => R) {
  const cache = new Map<number, R[]>();
  return (index: number, length: number): R => {
    const list = cache.get(length) ?? [];
    cache.set(length, list);
    list[index] ??= make(index, length);
    return list[index] as R;
  };
}

/** Characters a value adds inside JSON (escapes included). */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}
