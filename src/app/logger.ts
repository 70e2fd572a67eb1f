/**
 * Logging on stderr (fd 2): stdout belongs to JSON-RPC. Credential-bearing fields are redacted
 * wherever they appear, as a second line of defence; the code does not log them to begin with.
 *
 * A host may pipe stderr and never read it. A synchronous write then blocks the whole server
 * once the pipe is full (about 5,000 malformed-message warnings did it: no answer to a ping,
 * SIGTERM never handled). So every line goes through a StderrSink, which never blocks:
 * - diagnostic lines (pino's) are written asynchronously while little is waiting; past
 *   MAX_PENDING_BYTES they are dropped and counted, and the count is logged once stderr drains;
 * - audit lines (AuditLog) are never dropped and no log level silences them.
 */
import type { Writable } from "node:stream";
import { type Logger, pino } from "pino";
import type { LogLevel } from "../config/values.js";

export const REDACT_PATHS = [
  "token",
  "password",
  "secretKey",
  "secret_key",
  "securityToken",
  "authorization",
  "*.token",
  "*.password",
  "*.secretKey",
  "*.securityToken",
  "*.authorization",
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["x-security-token"]',
  "headers.authorization",
];

/** Bytes of diagnostic lines that may wait for stderr to be read; past it they are dropped. */
const MAX_PENDING_BYTES = 256 * 1024;

/**
 * The one writer of stderr lines. Node writes stderr asynchronously when it is a pipe (what a
 * host gives), synchronously when it is a file (which never blocks for long); either way this
 * never waits for the reader.
 */
export class StderrSink {
  private dropped = 0;
  private waitingForDrain = false;
  private broken = false;

  constructor(
    private readonly out: Writable = process.stderr,
    private readonly maxPending = MAX_PENDING_BYTES,
  ) {
    // stderr closed by the host (EPIPE): losing the log must not crash the server.
    out.on("error", () => {
      this.broken = true;
    });
  }

  /** A diagnostic line: dropped, and counted, while too much waits for the reader. */
  write(line: string): void {
    if (this.broken) return;
    if (this.out.writableLength > this.maxPending) {
      this.dropped++;
      this.resumeOnDrain();
      return;
    }
    this.out.write(line);
  }

  /**
   * A line that must not be lost (an audit line). It is queued whatever waits already: when
   * stderr is never read, audit lines accumulate in memory (one short line per tool call, so
   * the growth is bounded by the calls the server answers, and the calls are still answered).
   */
  writeAlways(line: string): void {
    if (this.broken) return;
    this.out.write(line);
  }

  /**
   * Resolves once everything queued has been written, or after `ms` (the reader may be gone):
   * by default how long the last log and audit lines may wait before the process exits anyway.
   */
  flush(ms = 1_000): Promise<void> {
    if (this.broken || this.out.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.out.off("drain", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.out.once("drain", done);
    });
  }

  private resumeOnDrain(): void {
    if (this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.out.once("drain", () => {
      this.waitingForDrain = false;
      const dropped = this.dropped;
      this.dropped = 0;
      this.write(
        `${JSON.stringify({
          level: 40,
          time: Date.now(),
          pid: process.pid,
          name: "sdrs-mcp",
          dropped,
          msg: `${dropped} log lines were dropped while stderr was not being read`,
        })}\n`,
      );
    });
  }
}

export function createLogger(level: LogLevel, sink: StderrSink = new StderrSink()): Logger {
  return pino(
    {
      name: "sdrs-mcp",
      level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      base: { pid: process.pid },
    },
    { write: (line: string) => sink.write(line) },
  );
}

/** One tool call as team mode records it (CONTRACT, team mode): never a token or free text. */
export interface AuditRecord {
  subject: string;
  /** The access token's client_id or azp. */
  client?: string | null;
  tool: string;
  project_id?: string | null;
  outcome: "ok" | "error" | "denied";
  upstream_status?: number | null;
  duration_ms: number;
  /** Deletes: the records deleted. */
  deleted?: { count: number; ids: readonly string[] };
}

/** One JSON line per tool call on stderr, `audit: true`, never dropped, never silenced. */
export class AuditLog {
  constructor(
    private readonly sink: StderrSink,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entry: AuditRecord): void {
    const line = { audit: true, time: this.now().toISOString(), ...entry };
    this.sink.writeAlways(`${JSON.stringify(line)}\n`);
  }
}
