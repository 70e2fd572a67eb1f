/** Sorting and filtering of the view's tables, apart from the DOM so they are tested alone. */

export type SortValue = string | number | null;
export type Direction = "ascending" | "descending";

/**
 * Rows ordered by `key`; unknown values (null) always last, whichever the direction, so a sort
 * never hides what is known behind what is not. Stable: equal rows keep their order.
 */
export function sortRows<T>(
  rows: readonly T[],
  key: (row: T) => SortValue,
  direction: Direction,
): T[] {
  const sign = direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: key(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      }
      const order =
        typeof a.value === "number" && typeof b.value === "number"
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value), undefined, { numeric: true });
      return order * sign || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/** Whether every word of the query occurs in one of the row's texts (case-insensitive). */
export function matchesQuery(haystack: readonly (string | null)[], query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack
    .filter((t) => t !== null)
    .join("\n")
    .toLowerCase();
  return words.every((word) => text.includes(word));
}

/**
 * A timestamp shortened to the minute for a table cell ("2026-11-30T07:36:19.825Z" ->
 * "2026-11-30 07:36"); anything else is returned as given. The cell keeps the full value in
 * its title.
 */
export function shortTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  return match ? `${match[1]} ${match[2]}` : value;
}
