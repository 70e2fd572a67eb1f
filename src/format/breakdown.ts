/** Counting tasks by a key, with the rarest keys folded into "(other)" past a limit. */
import { cleanText } from "../text.js";

export const OTHER_KEY = "(other)";

export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  maxKeys: number,
): Record<string, number> {
  // Count the raw keys, then clean each distinct key once (pages repeat a handful of keys).
  const raw = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    raw.set(k, (raw.get(k) ?? 0) + 1);
  }
  const counts = new Map<string, number>();
  for (const [k, n] of raw) {
    const clean = cleanText(k, 64) || "(none)";
    counts.set(clean, (counts.get(clean) ?? 0) + n);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (sorted.length <= maxKeys) return Object.fromEntries(sorted);
  const kept = sorted.slice(0, maxKeys - 1);
  const folded = sorted.slice(maxKeys - 1).reduce((sum, [, n]) => sum + n, 0);
  const result = Object.fromEntries(kept);
  // A real key spelled "(other)" joins the folded ones instead of being overwritten.
  result[OTHER_KEY] = (result[OTHER_KEY] ?? 0) + folded;
  return result;
}

/** "5 failoverFail, 4 createFail and 2 more" */
export function describeCounts(counts: Record<string, number>, shown = 3): string {
  const entries = Object.entries(counts);
  const head = entries.slice(0, shown).map(([k, n]) => `${n} ${k}`);
  const rest = entries.length - shown;
  return rest > 0 ? `${head.join(", ")} and ${rest} more` : head.join(", ");
}
