/**
 * MCP over stdio: newline-delimited JSON-RPC on stdin/stdout (the SDK's Transport interface).
 * Unlike the SDK's own stdio transport it
 * - bounds each line, answers an oversized one with an error and keeps reading;
 * - answers malformed JSON-RPC (-32700 / -32600) when the id is readable, else logs it;
 * - reads past a byte-order mark and takes a lone CR as a line end where a line is not JSON
 *   otherwise (decode.ts);
 * - on stdin EOF, ends only after every request in flight has been answered (bounded);
 * - treats stdout closing (EPIPE) as the client going away: no crash, no stack trace;
 * - stops reading stdin while the client leaves too many answers unread, and keeps error
 *   answers short (encode.ts).
 * `ended` says why the transport ended, for the process to pick its exit code.
 */
import type { Readable, Writable } from "node:stream";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { Logger } from "pino";
import { type Decoded, decodeLines, oversizedLine } from "./decode.js";
import { encodeLine } from "./encode.js";
import type { StdioEnd, StdioEndReason } from "./end.js";
import { InFlight } from "./inflight.js";
import { LineSplitter, MAX_LINE_BYTES } from "./lines.js";

export type { StdioEnd, StdioEndReason } from "./end.js";

const FLUSH_TIMEOUT_MS = 5_000;
/**
 * Bytes of answers waiting for the client to read them, past which stdin is not read: a client
 * that sends requests and never reads the answers would otherwise grow the server's memory
 * without bound (60,000 tools/list took it to 3.8 GB). Reading goes on once stdout drains.
 */
export const MAX_PENDING_OUTPUT = 1024 * 1024;

export interface StdioTransportOptions {
  logger: Pick<Logger, "warn" | "debug">;
  stdin?: Readable;
  stdout?: Writable;
  maxLineBytes?: number;
  /** After stdin ends, how long the requests in flight may still take to be answered. */
  drainTimeoutMs?: number;
}

export class StdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly ended: Promise<StdioEnd>;

  private readonly stdin: Readable;
  private readonly stdout: Writable;
  private readonly logger: StdioTransportOptions["logger"];
  private readonly maxLineBytes: number;
  private readonly drainTimeoutMs: number;
  private readonly splitter: LineSplitter;
  private readonly inFlight = new InFlight();
  private resolveEnded: (end: StdioEnd) => void = () => {};
  private finishing: Promise<void> | undefined;
  private stdinEnded = false;
  private stdoutGone = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private pendingWrites = 0;
  private inputHeld = false;
  private readonly writesDone: (() => void)[] = [];

  constructor(options: StdioTransportOptions) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.logger = options.logger;
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.drainTimeoutMs = options.drainTimeoutMs ?? 60_000;
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve;
    });
    this.splitter = new LineSplitter(
      {
        line: (bytes) => {
          for (const decoded of decodeLines(bytes.toString("utf8")))
            this.handle(decoded, bytes.length);
        },
        oversized: (head, bytes) =>
          this.handle(oversizedLine(head, bytes, this.maxLineBytes), bytes),
      },
      this.maxLineBytes,
    );
  }

  async start(): Promise<void> {
    this.stdin.on("data", this.onData);
    this.stdin.on("end", this.onEnd);
    this.stdin.on("error", this.onStdinError);
    this.stdout.on("error", this.onStdoutError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    this.inFlight.sent(message);
    if (this.stdinEnded && "method" in message && "id" in message) {
      // A request to a client that closed stdin: it cannot answer, so it is refused now.
      queueMicrotask(() => this.abandonRequestsToClient());
      return Promise.resolve();
    }
    const written = this.write(message);
    this.finishIfDrained();
    return written;
  }

  async close(): Promise<void> {
    await this.finish("closed");
  }

  /**
   * Reads nothing more (the process got SIGTERM): the requests already read are answered, each
   * within its deadline, then the transport ends as it does when stdin closes. A line not yet
   * complete is dropped, not answered as malformed.
   */
  stop(): void {
    if (this.stdinEnded || this.finishing) return;
    this.stdin.off("data", this.onData);
    this.stdin.pause();
    this.inputEnded();
  }

  private readonly onData = (chunk: Buffer | string) => {
    this.splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  };

  private readonly onEnd = () => {
    this.splitter.end();
    this.inputEnded();
  };

  private inputEnded(): void {
    this.stdinEnded = true;
    this.abandonRequestsToClient();
    if (this.inFlight.owed === 0) {
      void this.finish("stdin-ended");
      return;
    }
    this.logger.debug({ inFlight: this.inFlight.owed }, "input ended: answering calls in flight");
    this.drainTimer = setTimeout(() => void this.finish("stdin-ended"), this.drainTimeoutMs);
  }

  private readonly onStdinError = (error: Error) => void this.finish("stdin-error", error);

  private readonly onStdoutError = (error: NodeJS.ErrnoException) => {
    this.stdoutGone = true;
    void this.finish(error.code === "EPIPE" ? "stdout-closed" : "stdout-error", error);
  };

  private handle(decoded: Decoded, bytes: number): void {
    if (decoded.kind === "blank") return;
    if (decoded.kind === "message") {
      this.receive(decoded.message);
      return;
    }
    for (const id of decoded.ids) {
      void this.write({
        jsonrpc: "2.0",
        id,
        error: { code: decoded.code, message: decoded.reason },
      });
    }
    this.logger.warn(
      { code: decoded.code, bytes, answered: decoded.ids.length > 0 },
      `malformed message from the client: ${decoded.reason}`,
    );
  }

  private receive(message: JSONRPCMessage): void {
    this.inFlight.received(message);
    this.onmessage?.(message);
    this.finishIfDrained();
  }

  /** The server's requests the client can no longer answer fail now, not at their timeouts. */
  private abandonRequestsToClient(): void {
    for (const answer of this.inFlight.abandonRequestsToClient("the client closed stdin")) {
      this.onmessage?.(answer);
    }
  }

  private finishIfDrained(): void {
    if (this.stdinEnded && this.inFlight.owed === 0) void this.finish("stdin-ended");
  }

  private write(message: JSONRPCMessage): Promise<void> {
    if (this.stdoutGone) return Promise.resolve();
    this.pendingWrites++;
    const written = new Promise<void>((resolve) => {
      // Resolving once written (not at once) applies the client's backpressure to the server.
      this.stdout.write(encodeLine(message), () => {
        this.pendingWrites--;
        resolve();
        if (this.pendingWrites === 0) for (const done of this.writesDone.splice(0)) done();
      });
    });
    this.holdInputWhileOutputWaits();
    return written;
  }

  /** No new requests while the client leaves too many answers unread (MAX_PENDING_OUTPUT). */
  private holdInputWhileOutputWaits(): void {
    if (this.inputHeld || this.stdout.writableLength <= MAX_PENDING_OUTPUT) return;
    this.inputHeld = true;
    this.stdin.pause();
    this.stdout.once("drain", () => {
      this.inputHeld = false;
      if (!this.finishing) this.stdin.resume();
    });
  }

  private finish(reason: StdioEndReason, error?: Error): Promise<void> {
    this.finishing ??= this.end(reason, error);
    return this.finishing;
  }

  private async end(reason: StdioEndReason, error?: Error): Promise<void> {
    clearTimeout(this.drainTimer);
    this.stdin.off("data", this.onData);
    this.stdin.off("end", this.onEnd);
    if (!this.stdinEnded) this.stdin.pause();
    // The last answers reach the client before the server learns the connection is gone; a
    // client that stopped reading without closing gets a few seconds, not forever.
    if (!this.stdoutGone && this.pendingWrites > 0) {
      await new Promise<void>((resolve) => {
        this.writesDone.push(resolve);
        setTimeout(resolve, FLUSH_TIMEOUT_MS).unref();
      });
    }
    this.onclose?.();
    this.resolveEnded({ reason, ...(error && { error }), unanswered: this.inFlight.owed });
  }
}
