/**
 * Completion values leave the server like any result: upstream names are data from another
 * system, so they are cleaned (control, bidi and format characters) and scrubbed of
 * credentials before a host shows them, and the list is bounded as MCP requires (100 at most).
 */

import { clip } from "../format/fields.js";
import { scrubText } from "../text/secrets.js";

const MAX_VALUES = 100;

/**
 * How long a completion waits for SDRS (or IAM): a host asks on every keystroke, and an empty
 * list now serves the user better than a full one after a stalled upstream's 30 s of retries.
 */
export const COMPLETION_WAIT_MS = 3_000;

/**
 * `lookup`'s values, or none once COMPLETION_WAIT_MS has passed (its requests are then
 * aborted) or when it fails: a completion is a convenience, never an error.
 */
export async function lookupBriefly(
  lookup: (signal: AbortSignal) => Promise<string[]>,
): Promise<string[]> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), COMPLETION_WAIT_MS);
  const gaveUp = new Promise<string[]>((resolve) =>
    stop.signal.addEventListener("abort", () => resolve([]), { once: true }),
  );
  try {
    return await Promise.race([lookup(stop.signal), gaveUp]);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
    stop.abort();
  }
}

export function completionValues(values: readonly string[], secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (out.size >= MAX_VALUES) break;
    const safe = scrubText(clip("name", value), secrets);
    if (safe) out.add(safe);
  }
  return [...out];
}
