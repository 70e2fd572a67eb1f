/**
 * Spawning the built server (dist/index.js) as a host does, and speaking JSON-RPC to it over
 * stdin/stdout. `npm test` builds first.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const ENTRY = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
export const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("OS_") && !k.startsWith("SDRS_")),
);

export interface Session {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  request(method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** The frame answering `id`, whether it came already or comes later (for raw lines sent). */
  response(id: string | number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** The single-file build that bin and the .mcpb run, with its lazily loaded chunks. */
export const BUNDLE = fileURLToPath(new URL("../../dist/sdrs-mcp.js", import.meta.url));

export function startServer(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
  entry = ENTRY,
): Session {
  const child = spawn(process.execPath, [entry, ...args], {
    env: { ...CLEAN_ENV, ...env },
    ...(cwd && { cwd }),
  });
  let out = "";
  let err = "";
  let nextId = 1;
  const waiting = new Map<unknown, (frame: Record<string, unknown>) => void>();
  const answered = new Map<unknown, Record<string, unknown>>();
  let buffered = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    buffered += chunk;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const frame = JSON.parse(line) as Record<string, unknown>;
      if ("id" in frame && !("method" in frame)) answered.set(frame.id, frame);
      waiting.get(frame.id)?.(frame);
      newline = buffered.indexOf("\n");
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    request(method, params) {
      const id = nextId++;
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    response(id) {
      const frame = answered.get(id);
      return frame ? Promise.resolve(frame) : new Promise((resolve) => waiting.set(id, resolve));
    },
  };
}

/** What a client says in its initialize request. */
export const INITIALIZE_PARAMS = {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "e2e", version: "1.0.0" },
};
export const INITIALIZED = { jsonrpc: "2.0", method: "notifications/initialized" };

export async function initialize(session: Session) {
  const init = await session.request("initialize", INITIALIZE_PARAMS);
  session.child.stdin.write(`${JSON.stringify(INITIALIZED)}\n`);
  return init;
}

export function expectOnlyJsonRpc(stdout: string) {
  const lines = stdout.split("\n").filter((l) => l !== "");
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: "2.0" });
  expect(stdout.endsWith("\n")).toBe(true);
}

/** Calls a tool and returns its result. */
export async function callTool(session: Session, name: string, args: Record<string, unknown> = {}) {
  const frame = await session.request("tools/call", { name, arguments: args });
  return frame.result as {
    isError?: boolean;
    content: { type: string; text?: string }[];
    structuredContent?: Record<string, unknown>;
  };
}

/** Ends the session by closing stdin, as a host does, and returns the exit code. */
export async function stop(session: Session): Promise<number | null> {
  session.child.stdin.end();
  return session.exited;
}
