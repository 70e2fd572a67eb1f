/**
 * Splits stdin into newline-delimited lines with a bound on the bytes of one line. A line over
 * the bound is not kept: its first bytes (where a JSON-RPC id usually sits) and its size are
 * reported when its newline arrives, and reading goes on, so one huge line cannot take the
 * memory of the process or stop it from hearing the next message.
 */

/** The limit the MCP SDK's own stdio transport applies, per line here rather than per buffer. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;
/** How much of an oversized line is kept to look for its id. */
export const OVERSIZED_HEAD_BYTES = 64 * 1024;

export interface LineSink {
  line(bytes: Buffer): void;
  oversized(head: Buffer, bytes: number): void;
}

const NEWLINE = 0x0a;

export class LineSplitter {
  private parts: Buffer[] = [];
  private bytes = 0;
  /** Set once the current line went over the limit: its first bytes, the rest is dropped. */
  private head: Buffer | undefined;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.take(chunk.subarray(start, newline === -1 ? chunk.length : newline));
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  /** End of input: a last line without its newline still counts. */
  end(): void {
    if (this.bytes > 0) this.finishLine();
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    this.bytes += piece.length;
    if (this.head) return;
    this.parts.push(piece);
    if (this.bytes > this.maxLineBytes) {
      // Copies only the head, so the dropped bytes are not kept alive through it.
      this.head = Buffer.concat(this.parts, Math.min(this.bytes, OVERSIZED_HEAD_BYTES));
      this.parts = [];
    }
  }

  private finishLine(): void {
    const { head, bytes } = this;
    const parts = this.parts;
    this.parts = [];
    this.bytes = 0;
    this.head = undefined;
    if (head) this.sink.oversized(head, bytes);
    else this.sink.line(Buffer.concat(parts, bytes));
  }
}
