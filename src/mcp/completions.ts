/**
 * Completion values leave the server like any result: upstream names are data from another
 * system, so they are cleaned (control, bidi and format characters) and scrubbed of
 * credentials before a host shows them, and the list is bounded as MCP requires (100 at most).
 */

import { clip } from "../format/fields.js";
import { scrubText } from "../text/secrets.js";

const MAX_VALUES = 100;

export function completionValues(values: readonly string[], secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (out.size >= MAX_VALUES) break;
    const safe = scrubText(clip("name", value), secrets);
    if (safe) out.add(safe);
  }
  return [...out];
}
