/**
 * Records keyed by strings from outside (error codes, failure statuses, quota types, query
 * keys): without a prototype, so "__proto__", "constructor" or "toString" is an ordinary key,
 * counted and shown like any other, never an inherited function or a prototype swap.
 */

/** A record with no prototype, filled from `entries` (a key given twice keeps the last value). */
export function dict<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** `record[key]` when the record itself holds it; undefined for an inherited name. */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
