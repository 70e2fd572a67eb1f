/** Counting rows by a key, with the rarest keys folded into "(other)" past a limit. */
import { resourceTypeTerm } from "../sdrs/vocabulary.js";
import { dict } from "../text/records.js";
import { countClipped } from "./fields.js";

export const OTHER_KEY = "(other)";
const NONE_KEY = "(none)";

export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string,
  maxKeys: number,
): Record<string, number> {
  const counts = new Map<string, number>();
  for (const [clean, n] of countClipped(items.map(key), "breakdown_key")) {
    const k = clean || NONE_KEY;
    counts.set(k, (counts.get(k) ?? 0) + n);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  // Keys are upstream strings: a record without a prototype counts "toString" like any other.
  if (sorted.length <= maxKeys) return dict(sorted);
  const kept = sorted.slice(0, maxKeys - 1);
  const folded = sorted.slice(maxKeys - 1).reduce((sum, [, n]) => sum + n, 0);
  const result = dict(kept);
  // A real key spelled "(other)" joins the folded ones instead of being overwritten.
  result[OTHER_KEY] = (result[OTHER_KEY] ?? 0) + folded;
  return result;
}

/**
 * A response's resource_type in the filter vocabulary (the official example's
 * "protectedInstance" is protected_instances); an unknown spelling is kept as it came.
 */
export function resourceTypeOf(raw: string): string {
  return resourceTypeTerm(raw) ?? raw;
}

/** The three breakdowns of failed tasks, over every task given. */
export function failureBreakdown<T extends FailureKeys>(jobs: readonly T[], maxKeys: number) {
  return {
    by_failure_status: countBy(jobs, (j) => j.failure_status, maxKeys),
    by_resource_type: countBy(jobs, (j) => resourceTypeOf(j.resource_type), maxKeys),
    by_error_code: countBy(jobs, (j) => j.error_code, maxKeys),
  };
}

interface FailureKeys {
  failure_status: string;
  resource_type: string;
  error_code: string;
}
