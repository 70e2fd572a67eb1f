/**
 * Where a list call's raw_resource_uri points. In stdio mode (this file) the upstream body of
 * recent tool calls is kept so that `resources/read` can serve it unchanged.
 * Bounded by entry count and by bytes held: bodies are kept as UTF-8 buffers, so the bound is
 * the memory they take whatever the script (a JavaScript string of CJK text takes two bytes a
 * character, and counting characters let such bodies use twice the promised memory).
 */
import { randomBytes } from "node:crypto";
import type { FailureJobFilters, SdrsClient } from "../sdrs/client.js";
import { utf8Text } from "../text/utf8.js";
import { requestError } from "./errors.js";

export const RAW_URI_PREFIX = "sdrs://responses/";

/** One list call whose raw body a client may read later. */
export interface RawCall {
  subject: string;
  projectId: string;
  /** The query as sent, limit and offset included. */
  filters: FailureJobFilters;
  /** The upstream body, already scrubbed of credentials. */
  body: string;
  /** The body's bytes as received, when nothing in it was redacted (they decode to `body`). */
  bytes?: Uint8Array;
}

/** What a read of a raw-resource URI has to work with. */
export interface RawReader {
  subject: string;
  client: SdrsClient;
  signal: AbortSignal;
  /** Refuses a project outside the allow-list (team mode), as a tool call would. */
  checkProject(projectId: string): Promise<void>;
  secrets(): readonly string[];
}

/** Kept bodies (stdio) or sealed queries read again (team mode, ./raw-queries.ts). */
export interface RawResources {
  keep(call: RawCall): string;
  /** The body, or a JSON-RPC error saying why there is none. */
  read(uri: string, reader: RawReader): Promise<string>;
  list(subject: string): { uri: string; description: string }[];
}

export function describeRawCall(projectId: string, filters: FailureJobFilters): string {
  const query = new URLSearchParams(
    Object.entries(filters).map(([key, value]): [string, string] => [key, String(value)]),
  );
  return `failure-jobs of project ${projectId} (${query})`;
}

export interface RawEntry {
  uri: string;
  body: string;
  description: string;
}

interface StoredEntry {
  bytes: Buffer;
  description: string;
}

export interface RawStoreLimits {
  maxEntries: number;
  maxBytes: number;
}

const DEFAULT_RAW_LIMITS: RawStoreLimits = { maxEntries: 200, maxBytes: 64 * 1024 * 1024 };

export class RawResponseStore implements RawResources {
  private readonly entries = new Map<string, StoredEntry>();
  private bytes = 0;
  private sequence = 0;
  // A per-process prefix, so a URI from an earlier run is reported as gone, not mixed up.
  private readonly run = randomBytes(4).toString("hex");

  constructor(private readonly limits: RawStoreLimits = DEFAULT_RAW_LIMITS) {}

  /** Keeps a body, as text or as its UTF-8 bytes (kept as they are, not copied). */
  put(body: string | Uint8Array, description: string): string {
    const uri = `${RAW_URI_PREFIX}${this.run}-${++this.sequence}`;
    // Measured before encoding, so a body too large to keep is never copied.
    const size = typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
    if (size > this.limits.maxBytes) return uri; // reads say so
    const bytes =
      typeof body === "string"
        ? Buffer.from(body, "utf8")
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.entries.set(uri, { bytes, description });
    this.bytes += bytes.length;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes.length;
    }
    return uri;
  }

  keep(call: RawCall): string {
    return this.put(call.bytes ?? call.body, describeRawCall(call.projectId, call.filters));
  }

  async read(uri: string): Promise<string> {
    const entry = this.get(uri);
    if (!entry) {
      throw requestError(
        "invalid-params",
        `${uri} is not kept (any more): only the most recent responses are kept; call list_failed_sdrs_tasks again`,
      );
    }
    return entry.body;
  }

  get(uri: string): RawEntry | undefined {
    const entry = this.entries.get(uri);
    // Decoded as the client decoded the text it checked for credentials.
    return entry && { uri, body: utf8Text(entry.bytes), description: entry.description };
  }

  /** What is kept, without decoding the bodies (listing must stay cheap). */
  list(): Omit<RawEntry, "body">[] {
    return [...this.entries].map(([uri, e]) => ({ uri, description: e.description }));
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
