/**
 * Defensive readers for a tool result the view did not build: the shapes change between
 * versions (fields added, made nullable, renamed), so every field is read for what it is, and
 * anything else becomes null ("unknown" on screen), never an exception. Pure: no DOM.
 */

export type Json = Record<string, unknown>;

export function record(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Json)
    : null;
}

export function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** A finite number, or null (a count SDRS could not give, a field missing). */
export function count(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function flag(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function texts(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === "string");
}

export interface Count {
  key: string;
  count: number;
}

/** `{key: n}` as rows, largest first ("(other)" and "(none)" last); non-numbers dropped. */
export function counts(value: unknown): Count[] {
  const rows: Count[] = [];
  for (const [key, n] of Object.entries(record(value) ?? {})) {
    const c = count(n);
    if (c !== null) rows.push({ key, count: c });
  }
  const folded = (key: string) => (key.startsWith("(") ? 1 : 0);
  return rows.sort(
    (a, b) => folded(a.key) - folded(b.key) || b.count - a.count || a.key.localeCompare(b.key),
  );
}

/** `{key: "text"}` as a Map of strings (other values dropped). */
export function textMap(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, v] of Object.entries(record(value) ?? {})) {
    if (typeof v === "string") map.set(key, v);
  }
  return map;
}
