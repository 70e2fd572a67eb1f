/**
 * The built bundle (what bin and the .mcpb run) against a hostile or careless client over real
 * pipes: an 11 MiB line, malformed JSON-RPC, a client that stops reading (EPIPE), a request
 * piped in and stdin closed at once, a terminal on stdin. `npm test` builds first.
 */
import { spawn, spawnSync } from "node:child_process";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  BUNDLE,
  CLEAN_ENV,
  expectOnlyJsonRpc,
  INITIALIZE_PARAMS,
  INITIALIZED,
  initialize,
  startServer,
} from "../helpers/stdio.js";

const INIT = { jsonrpc: "2.0", id: 1, method: "initialize", params: INITIALIZE_PARAMS };
const line = (message: unknown) => `${JSON.stringify(message)}\n`;

/** The bundle with --demo, killed when the test ends however it ends. */
function demo() {
  const s = startServer(["--demo"], {}, undefined, BUNDLE);
  onTestFinished(() => {
    s.child.kill();
  });
  return s;
}

describe("a hostile stdin", () => {
  it("answers an 11 MiB line with an error for its id, logs it, and keeps serving", async () => {
    const s = demo();
    await initialize(s);
    const pad = "x".repeat(11 * 1024 * 1024);
    s.child.stdin.write(
      line({ jsonrpc: "2.0", id: "big", method: "tools/list", params: { _meta: { pad } } }),
    );
    const big = await s.response("big");
    expect(big.error).toMatchObject({
      code: -32600,
      message: expect.stringMatching(/over the limit of 10485760 bytes/),
    });
    // Still reading: the next request is answered.
    const tools = await s.request("tools/list");
    expect(tools.result).toHaveProperty("tools");
    s.child.stdin.end();
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toMatch(/"level":40[^\n]*over the limit/);
    expectOnlyJsonRpc(s.stdout());
  });

  it("answers malformed JSON-RPC with -32700 / -32600 where the id is readable, else logs it", async () => {
    const s = demo();
    await initialize(s);
    const w = (text: string) => s.child.stdin.write(`${text}\n`);
    w('{"jsonrpc":"2.0","id":101,"method":"tools/list",'); // not JSON, id readable
    w(line([{ jsonrpc: "2.0", id: 102, method: "ping" }]).trim()); // a batch
    w(line({ jsonrpc: "2.0", id: 103, method: "tools/list", params: "all" }).trim());
    w(line({ jsonrpc: "2.0", id: { n: 104 }, method: "ping" }).trim()); // id of the wrong type
    w("not json at all");
    expect((await s.response(101)).error).toMatchObject({ code: -32700 });
    expect((await s.response(102)).error).toMatchObject({
      code: -32600,
      message: expect.stringMatching(/batches are not supported/),
    });
    expect((await s.response(103)).error).toMatchObject({
      code: -32600,
      message: expect.stringMatching(/params must be an object/),
    });
    expect((await s.request("ping")).result).toEqual({});
    s.child.stdin.end();
    expect(await s.exited).toBe(0);
    const warnings = s
      .stderr()
      .split("\n")
      .filter((l) => l.includes('"level":40'));
    expect(warnings).toHaveLength(5);
    expect(warnings.filter((l) => l.includes('"answered":false'))).toHaveLength(2);
    expectOnlyJsonRpc(s.stdout());
  });
});

describe("answers that would echo a huge request", () => {
  it("stay small: 100,000 bad prompt arguments, a 1 MiB prompt name", async () => {
    const s = demo();
    await initialize(s);
    const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const name = "y".repeat(1024 * 1024);
    const prompt = await s.request("prompts/get", {
      name: "triage_sdrs_failures",
      arguments: many,
    });
    const completion = await s.request("completion/complete", {
      ref: { type: "ref/prompt", name },
      argument: { name: "protection_group", value: "p" },
    });
    for (const answer of [prompt, completion]) {
      expect(answer.error).toHaveProperty("code");
      expect(JSON.stringify(answer).length).toBeLessThan(3000);
    }
    s.child.stdin.end();
    expect(await s.exited).toBe(0);
  });
});

describe("the ends of the pipes", () => {
  it("exits quietly when the client stops reading stdout (EPIPE)", async () => {
    const child = spawn(process.execPath, [BUNDLE, "--demo"], { env: CLEAN_ENV });
    onTestFinished(() => {
      child.kill();
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    // Close our reading end first, then make the server write.
    child.stdout.destroy();
    child.stdin.write(line(INIT));
    child.stdin.write(line({ jsonrpc: "2.0", id: 2, method: "tools/list" }));
    expect(await exited).toBe(0);
    child.stdin.destroy();
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(stderr).toContain("stdout closed: the client is gone");
  });

  it("answers a request piped in with stdin closed at once (echo … | sdrs-mcp --demo)", () => {
    const call = {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "list_sdrs_protection_groups", arguments: {} },
    };
    const input = [INIT, INITIALIZED, call].map(line).join("");
    const run = spawnSync(process.execPath, [BUNDLE, "--demo"], {
      env: CLEAN_ENV,
      input,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expectOnlyJsonRpc(run.stdout);
    const frames = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id?: number; result?: { isError?: boolean } });
    expect(frames.map((f) => f.id)).toEqual([1, 2]);
    expect(frames[1]?.result).toBeDefined();
    expect(frames[1]?.result?.isError).toBeFalsy();
  });

  /** Runs the built server with a pseudo-terminal as stdin (util-linux `script`); its output. */
  async function inTerminal(args: string, env: Record<string, string | undefined>) {
    // `script` runs the server with a pseudo-terminal as stdin; its output comes back here.
    const child = spawn(
      "script",
      ["-qfec", `"${process.execPath}" "${BUNDLE}" ${args}`, "/dev/null"],
      {
        env,
      },
    );
    onTestFinished(() => {
      child.kill();
    });
    let out = "";
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk;
        // The hint and, after it, the start-up log line have both arrived.
        if (out.includes("Ctrl+C ends it") && out.includes("sdrs-mcp ready on stdio")) resolve();
      });
    });
    child.kill("SIGTERM");
    return out.split(/\r?\n/).filter((l) => l.trim() !== "");
  }
  const hasScript = () => {
    if (spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0) return true;
    console.warn("skipped: util-linux `script` (to give the server a terminal) is not installed");
    return false;
  };

  it("says on stderr, once and before any JSON log line, that a terminal is not an MCP client", async () => {
    if (!hasScript()) return;
    const lines = await inTerminal("--demo", CLEAN_ENV);
    const hints = lines.filter((l) => l.includes("waiting for an MCP client"));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/sdrs-mcp --demo.*sdrs-mcp --check/);
    expect(lines[0]).toBe(hints[0]);
    expect(lines.slice(1).some((l) => l.startsWith("{"))).toBe(true);
  });

  it("tells a terminal that the server is not configured, and a bundle start nothing of --demo", async () => {
    if (!hasScript()) return;
    const lines = await inTerminal("", { ...CLEAN_ENV, SDRS_MCP_BUNDLE: "1" });
    expect(lines[0]).toContain("It is not configured yet: sdrs-mcp --check lists what to set");
    expect(lines[0]).not.toContain("--demo");
    // The JSON warning of the problems comes after it.
    expect(lines.findIndex((l) => l.includes("not configured: every tool call"))).toBeGreaterThan(
      0,
    );
  });

  it("stays silent about terminals when stdin is a pipe", async () => {
    const s = demo();
    await initialize(s);
    s.child.stdin.end();
    await s.exited;
    expect(s.stderr()).not.toContain("waiting for an MCP client");
  });
});

describe("a host that never reads stderr", () => {
  it("keeps answering, and SIGTERM ends the process, while stderr stays full", async () => {
    // stderr is a pipe nobody reads: past its buffer every write to it would block.
    const child = spawn(process.execPath, [BUNDLE, "--demo"], { env: CLEAN_ENV });
    onTestFinished(() => {
      child.kill("SIGKILL");
    });
    // Input still queued when the process ends is not this test's concern.
    child.stdin.on("error", () => {});
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    const answers = new Map<unknown, (frame: Record<string, unknown>) => void>();
    let buffered = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const frame = JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>;
        buffered = buffered.slice(nl + 1);
        answers.get(frame.id)?.(frame);
      }
    });
    const answer = (id: number) =>
      new Promise<Record<string, unknown>>((resolve) => answers.set(id, resolve));

    const initialized = answer(1);
    child.stdin.write(line(INIT));
    await initialized;
    // Each line is logged as a warning: about 10 MB of log for a pipe of 64 KiB.
    child.stdin.write("this is not JSON\n".repeat(50_000));
    const pong = answer(2);
    child.stdin.write(line({ jsonrpc: "2.0", id: 2, method: "ping" }));
    expect(await pong).toMatchObject({ id: 2, result: {} });
    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
  });
});
