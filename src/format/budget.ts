/**
 * The output budget every tool result keeps: JSON.stringify({content, structuredContent})
 * under 40,000 characters, so a host never truncates or rejects an answer.
 */
export const OUTPUT_BUDGET = 40_000;
/** Headroom for what the row loop estimates rather than measures. */
const SAFETY_MARGIN = 1_000;

/**
 * How many of `count` rows fit: measures the result without rows, adds each row's marginal
 * cost, then verifies by measuring the real result (and drops rows while it is still too
 * large). Rows past the budget are never asked for, so callers can build them lazily.
 */
export function rowsWithinBudget(
  count: number,
  rowCost: (index: number) => number,
  build: (shown: number) => unknown,
  budget = OUTPUT_BUDGET,
): number {
  let used = JSON.stringify(build(0)).length;
  let shown = 0;
  while (shown < count) {
    const cost = rowCost(shown);
    if (used + cost > budget - SAFETY_MARGIN) break;
    used += cost;
    shown++;
  }
  while (shown > 0 && JSON.stringify(build(shown)).length >= budget) shown--;
  return shown;
}

/** Characters a string adds inside JSON (escapes included, quotes not). */
export function jsonLength(value: unknown): number {
  return JSON.stringify(value).length;
}
