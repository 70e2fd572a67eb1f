/**
 * Keeps the upstream body of recent tool calls so that `resources/read` can serve it unchanged.
 * Bounded by entry count and by total characters: the oldest entries go first.
 */
import { randomBytes } from "node:crypto";

export const RAW_URI_PREFIX = "sdrs://responses/";

export interface RawEntry {
  uri: string;
  body: string;
  description: string;
  storedAt: string;
}

export interface RawStoreLimits {
  maxEntries: number;
  maxChars: number;
}

export const DEFAULT_RAW_LIMITS: RawStoreLimits = { maxEntries: 200, maxChars: 64 * 1024 * 1024 };

export class RawResponseStore {
  private readonly entries = new Map<string, RawEntry>();
  private chars = 0;
  private sequence = 0;
  // A per-process prefix, so a URI from an earlier run is reported as gone, not mixed up.
  private readonly run = randomBytes(4).toString("hex");

  constructor(private readonly limits: RawStoreLimits = DEFAULT_RAW_LIMITS) {}

  put(body: string, description: string): string {
    const uri = `${RAW_URI_PREFIX}${this.run}-${++this.sequence}`;
    if (body.length > this.limits.maxChars) return uri; // too large to keep; reads say so
    this.entries.set(uri, { uri, body, description, storedAt: new Date().toISOString() });
    this.chars += body.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.chars <= this.limits.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.body.length;
    }
    return uri;
  }

  get(uri: string): RawEntry | undefined {
    return this.entries.get(uri);
  }

  list(): RawEntry[] {
    return [...this.entries.values()];
  }

  get size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }
}
