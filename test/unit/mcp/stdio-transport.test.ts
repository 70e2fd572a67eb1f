/**
 * The stdio transport in-process, over PassThrough streams: line bounds, malformed JSON-RPC,
 * the id read from the start of a line, EOF with requests in flight, stdout going away.
 * test/stdio-process.test.ts runs the same over real pipes with the built server.
 */
import { PassThrough } from "node:stream";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it, vi } from "vitest";
import { decodeLine } from "../../../src/mcp/stdio/decode.js";
import { MAX_ERROR_MESSAGE } from "../../../src/mcp/stdio/encode.js";
import { endOutcome } from "../../../src/mcp/stdio/end.js";
import { leadingId } from "../../../src/mcp/stdio/jsonrpc-id.js";
import { LineSplitter } from "../../../src/mcp/stdio/lines.js";
import { MAX_PENDING_OUTPUT, StdioTransport } from "../../../src/mcp/stdio/transport.js";

describe("leadingId", () => {
  it("reads a top-level string or number id wherever it is in the text given", () => {
    expect(leadingId('{"jsonrpc":"2.0","id":7,"method":"x"')).toBe(7);
    expect(leadingId(' { "id" : "a\\"b" , "method": ')).toBe('a"b');
    expect(leadingId('{"method":"x","params":{"id":1,"s":"}"},"id":-3.5e2,')).toBe(-350);
  });

  it("ignores ids of nested objects, keys inside strings and values named id", () => {
    expect(leadingId('{"params":{"id":1},"x":"\\"id\\":2"')).toBeUndefined();
    expect(leadingId('{"method":"id","params":["id",1]')).toBeUndefined();
    expect(leadingId('[{"id":1}]')).toBeUndefined();
  });

  it("gives nothing for a null or structured id, or one cut by the end of the text", () => {
    expect(leadingId('{"id":null,')).toBeUndefined();
    expect(leadingId('{"id":{"a":1},')).toBeUndefined();
    expect(leadingId('{"id":12')).toBeUndefined();
    expect(leadingId('{"id":"abc')).toBeUndefined();
  });
});

describe("LineSplitter", () => {
  function collect(max: number) {
    const lines: string[] = [];
    const oversized: { head: string; bytes: number }[] = [];
    const splitter = new LineSplitter(
      {
        line: (b) => lines.push(b.toString()),
        oversized: (head, bytes) => oversized.push({ head: head.toString(), bytes }),
      },
      max,
    );
    return { splitter, lines, oversized };
  }

  it("joins lines split across chunks and keeps a last line without newline", () => {
    const { splitter, lines } = collect(100);
    for (const part of ["ab", "c\nde", "f\n\ng"]) splitter.push(Buffer.from(part));
    splitter.end();
    expect(lines).toEqual(["abc", "def", "", "g"]);
  });

  it("reports a line over the bound by its head and size, then goes on reading", () => {
    const { splitter, lines, oversized } = collect(10);
    splitter.push(Buffer.from('{"id":5,'));
    splitter.push(Buffer.from("x".repeat(30)));
    splitter.push(Buffer.from("y\nnext\n"));
    expect(oversized).toEqual([{ head: `{"id":5,${"x".repeat(30)}`, bytes: 39 }]);
    expect(lines).toEqual(["next"]);
  });
});

describe("decodeLine", () => {
  it("answers text that is not JSON with -32700 when the id is readable", () => {
    expect(decodeLine('{"jsonrpc":"2.0","id":3,"method":"ping",')).toMatchObject({
      kind: "rejected",
      code: -32700,
      ids: [3],
    });
    expect(decodeLine("hello")).toMatchObject({ kind: "rejected", code: -32700, ids: [] });
  });

  it("answers each request of a batch with -32600", () => {
    const batch = JSON.stringify([
      { jsonrpc: "2.0", id: 1, method: "ping" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: "b", method: "ping" },
    ]);
    expect(decodeLine(batch)).toMatchObject({ kind: "rejected", code: -32600, ids: [1, "b"] });
  });

  it("names what is wrong with a request of the wrong shape", () => {
    const params = decodeLine('{"jsonrpc":"2.0","id":4,"method":"tools/list","params":"x"}');
    expect(params).toMatchObject({ code: -32600, ids: [4] });
    expect(params.kind === "rejected" && params.reason).toMatch(/params must be an object/);
    const method = decodeLine('{"jsonrpc":"2.0","id":"m","method":5}');
    expect(method.kind === "rejected" && method.reason).toMatch(/method must be a string/);
    expect(decodeLine('{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}')).toMatchObject({
      code: -32600,
      ids: [],
    });
    expect(decodeLine('{"jsonrpc":"1.0","id":9,"method":"ping"}')).toMatchObject({ ids: [9] });
  });

  it("never answers a malformed response", () => {
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"result":5}')).toMatchObject({ ids: [] });
  });

  it("passes valid messages and skips blank lines", () => {
    expect(decodeLine('{"jsonrpc":"2.0","id":1,"method":"ping"}')).toMatchObject({
      kind: "message",
    });
    expect(decodeLine("  \r")).toEqual({ kind: "blank" });
  });
});

function rig(maxLineBytes?: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const warnings: string[] = [];
  const logger = { warn: (_: unknown, msg: string) => warnings.push(msg), debug: () => {} };
  const transport = new StdioTransport({
    stdin,
    stdout,
    logger: logger as never,
    ...(maxLineBytes && { maxLineBytes }),
  });
  const received: JSONRPCMessage[] = [];
  transport.onmessage = (m) => received.push(m);
  let written = "";
  stdout.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  const frames = () =>
    written
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stdin, stdout, transport, received, warnings, frames };
}

const request = (id: number, method = "ping") =>
  `${JSON.stringify({ jsonrpc: "2.0", id, method })}\n`;

describe("StdioTransport", () => {
  it("answers an oversized line with an error for its id and keeps serving", async () => {
    const r = rig(1024);
    await r.transport.start();
    r.stdin.write(
      `{"jsonrpc":"2.0","id":11,"method":"ping","params":{"pad":"${"x".repeat(5000)}"}}\n`,
    );
    r.stdin.write(request(12));
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.frames()).toEqual([
      {
        jsonrpc: "2.0",
        id: 11,
        error: { code: -32600, message: expect.stringMatching(/over the limit of 1024 bytes/) },
      },
    ]);
    expect(r.received).toEqual([{ jsonrpc: "2.0", id: 12, method: "ping" }]);
    expect(r.warnings).toHaveLength(1);
  });

  it("bounds an error's message, however much of the request it echoes", async () => {
    const r = rig();
    await r.transport.start();
    const echo = `MCP error -32602: Prompt ${"y".repeat(1024 * 1024)} not found`;
    await r.transport.send({ jsonrpc: "2.0", id: 3, error: { code: -32602, message: echo } });
    const [frame] = r.frames();
    expect(frame).toMatchObject({ jsonrpc: "2.0", id: 3, error: { code: -32602 } });
    const message = String((frame?.error as { message?: string } | undefined)?.message);
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE);
    expect(message).toMatch(/^MCP error -32602: Prompt y+…y+ not found$/);
  });

  it("reads a message after a UTF-8 byte-order mark, at the start or on any line", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(request(1))]));
    r.stdin.write(`\ufeff${request(2)}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.received.map((m) => "id" in m && m.id)).toEqual([1, 2]);
    expect(r.warnings).toEqual([]);
  });

  it("reads a lone CR between two messages as a line end, and keeps CR whitespace inside one", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.write(`${request(1).trim()}\r${request(2)}`);
    r.stdin.write('{"jsonrpc":"2.0",\r"id":3,"method":"ping"}\r\n');
    r.stdin.write(`${request(4).trim()}\rnot json\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.received.map((m) => "id" in m && m.id)).toEqual([1, 2, 3, 4]);
    expect(r.warnings).toEqual([expect.stringMatching(/not valid JSON/)]);
  });

  it("logs, once, a malformed line it cannot answer", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.write('{"jsonrpc":"2.0","method":"notifications/x","params":[]}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.frames()).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/params must be an object/)]);
  });

  it("ends after EOF only once every request read has been answered or cancelled", async () => {
    const r = rig();
    let closed = false;
    r.transport.onclose = () => {
      closed = true;
    };
    await r.transport.start();
    r.stdin.write(request(1));
    r.stdin.write(request(2));
    // A cancelled request is never answered: the transport must not wait for it.
    const cancel = { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 2 } };
    r.stdin.end(`${JSON.stringify(cancel)}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(r.received).toHaveLength(3);
    expect(closed).toBe(false);
    await r.transport.send({ jsonrpc: "2.0", id: 1, result: {} });
    expect(await r.transport.ended).toEqual({ reason: "stdin-ended", unanswered: 0 });
    expect(closed).toBe(true);
    expect(r.frames()).toEqual([{ jsonrpc: "2.0", id: 1, result: {} }]);
  });

  it("stop() (SIGTERM) reads nothing more and ends once the calls in flight are answered", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.write(request(1));
    r.stdin.write('{"jsonrpc":"2.0","id":2,"meth');
    await new Promise((resolve) => setImmediate(resolve));
    r.transport.stop();
    r.stdin.write(`od":"ping"}\n${request(3)}`);
    await new Promise((resolve) => setImmediate(resolve));
    // The half line is dropped, not answered as malformed; nothing after it is read.
    expect(r.received).toEqual([{ jsonrpc: "2.0", id: 1, method: "ping" }]);
    let ended = false;
    void r.transport.ended.then(() => {
      ended = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    await r.transport.send({ jsonrpc: "2.0", id: 1, result: {} });
    expect(await r.transport.ended).toEqual({ reason: "stdin-ended", unanswered: 0 });
    expect(r.frames()).toEqual([{ jsonrpc: "2.0", id: 1, result: {} }]);
  });

  it("answers the server's own requests with an error once the client closed stdin", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.write(request(1));
    await new Promise((resolve) => setImmediate(resolve));
    // The server asks the client something (as a delete asks for confirmation)...
    await r.transport.send({ jsonrpc: "2.0", id: 0, method: "elicitation/create", params: {} });
    r.stdin.end();
    await new Promise((resolve) => setImmediate(resolve));
    // ...and asks again after EOF: neither can be answered by the client any more.
    await r.transport.send({ jsonrpc: "2.0", id: 1, method: "elicitation/create", params: {} });
    await new Promise((resolve) => setImmediate(resolve));
    const refusals = r.received.filter((m) => "error" in m);
    expect(refusals).toEqual([
      { jsonrpc: "2.0", id: 0, error: { code: -32000, message: "the client closed stdin" } },
      { jsonrpc: "2.0", id: 1, error: { code: -32000, message: "the client closed stdin" } },
    ]);
    // The request after EOF was never written; the call in flight still gets its answer.
    expect(r.frames().map((f) => f.id)).toEqual([0]);
    await r.transport.send({ jsonrpc: "2.0", id: 1, result: {} });
    expect(await r.transport.ended).toEqual({ reason: "stdin-ended", unanswered: 0 });
  });

  it("stops reading stdin while the client does not read its answers, and goes on after", async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough({ highWaterMark: 1024 });
    const transport = new StdioTransport({
      stdin,
      stdout,
      logger: { warn: () => {}, debug: () => {} } as never,
    });
    const answer = "x".repeat(100 * 1024);
    let received = 0;
    transport.onmessage = (m) => {
      received++;
      if ("id" in m && m.id !== undefined)
        void transport.send({ jsonrpc: "2.0", id: m.id, result: { answer } });
    };
    await transport.start();
    for (let id = 1; id <= 100; id++) stdin.write(request(id));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    // About MAX_PENDING_OUTPUT of answers wait for the client; the other requests stay unread.
    expect(received).toBeLessThan(100);
    expect(received).toBeGreaterThanOrEqual(MAX_PENDING_OUTPUT / answer.length);
    expect(stdout.writableLength).toBeLessThan(MAX_PENDING_OUTPUT + 2 * answer.length);
    // The client reads again: every request is read and answered.
    let lines = 0;
    stdout.on("data", (chunk: Buffer) => {
      lines += chunk.toString().split("\n").length - 1;
    });
    await vi.waitFor(() => expect(lines).toBe(100));
    expect(received).toBe(100);
  });

  it("ends quietly when stdout goes away", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.write(request(1));
    const epipe = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
    r.stdout.emit("error", epipe);
    const end = await r.transport.ended;
    expect(end.reason).toBe("stdout-closed");
    expect(end.unanswered).toBe(1);
    await r.transport.send({ jsonrpc: "2.0", id: 1, result: {} });
  });

  it("ends with a reason that exits non-zero when stdin fails", async () => {
    const r = rig();
    await r.transport.start();
    r.stdin.emit("error", Object.assign(new Error("read EIO"), { code: "EIO" }));
    const end = await r.transport.ended;
    expect(end.reason).toBe("stdin-error");
    expect(endOutcome(end)).toEqual({ reason: "cannot read stdin", exitCode: 1 });
  });

  it("exits 0 only for a client that closed stdin or stopped reading", () => {
    const codes = (
      ["stdin-ended", "stdout-closed", "stdin-error", "stdout-error", "closed"] as const
    ).map((reason) => endOutcome({ reason, unanswered: 0 }).exitCode);
    expect(codes).toEqual([0, 0, 1, 1, 1]);
    expect(endOutcome({ reason: "stdin-ended", unanswered: 2 }).reason).toMatch(
      /2 call\(s\) left unanswered/,
    );
  });
});
