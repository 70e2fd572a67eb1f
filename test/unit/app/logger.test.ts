/**
 * The stderr sink never waits for the reader: diagnostic lines beyond what may wait are dropped
 * and counted (the count is logged once stderr drains), audit lines are always queued and no
 * log level silences them.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AuditLog, createLogger, StderrSink } from "../../../src/app/logger.js";

/** A stderr whose reader takes nothing until `release()`, then everything. */
function stuckStderr() {
  const written: string[] = [];
  const held: (() => void)[] = [];
  let reading = false;
  const out = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString());
      if (reading) done();
      else held.push(done);
    },
  });
  return {
    out,
    written,
    release() {
      reading = true;
      for (const done of held.splice(0)) done();
    },
  };
}

const lines = (written: string[]) =>
  written
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("StderrSink", () => {
  it("drops diagnostic lines past the bound, counts them, and says so once stderr drains", async () => {
    const stderr = stuckStderr();
    const sink = new StderrSink(stderr.out, 1000);
    const logger = createLogger("info", sink);
    for (let i = 0; i < 100; i++) logger.warn({ i }, "malformed message from the client");
    const pending = stderr.out.writableLength;
    expect(pending).toBeGreaterThan(1000);
    expect(pending).toBeLessThan(1000 + 400);
    const drained = new Promise((resolve) => stderr.out.once("drain", resolve));
    stderr.release();
    await drained;
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines(stderr.written);
    const warnings = logged.filter((l) => l.msg === "malformed message from the client");
    const notice = logged.at(-1);
    expect(notice).toMatchObject({ level: 40, name: "sdrs-mcp" });
    expect(warnings.length + Number(notice?.dropped)).toBe(100);
    expect(notice?.msg).toBe(
      `${notice?.dropped} log lines were dropped while stderr was not being read`,
    );
  });

  it("never drops an audit line, whatever waits and whatever the log level", async () => {
    const stderr = stuckStderr();
    const sink = new StderrSink(stderr.out, 100);
    createLogger("silent", sink).error("not shown");
    const audit = new AuditLog(sink, () => new Date("2026-01-01T00:00:00Z"));
    for (let i = 0; i < 50; i++) {
      audit.record({ subject: "local", tool: "t", outcome: "ok", duration_ms: i });
    }
    expect(stderr.out.writableLength).toBeGreaterThan(100);
    const drained = new Promise((resolve) => stderr.out.once("drain", resolve));
    stderr.release();
    await drained;
    const logged = lines(stderr.written);
    expect(logged).toHaveLength(50);
    expect(logged[0]).toEqual({
      audit: true,
      time: "2026-01-01T00:00:00.000Z",
      subject: "local",
      tool: "t",
      outcome: "ok",
      duration_ms: 0,
    });
  });

  it("survives a stderr that was closed (EPIPE)", () => {
    const out = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const sink = new StderrSink(out);
    const logger = createLogger("info", sink);
    logger.info("first");
    expect(() => logger.info("second")).not.toThrow();
  });
});
