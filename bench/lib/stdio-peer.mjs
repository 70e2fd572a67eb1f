// A newline-delimited JSON-RPC client over a child's stdio: the least an MCP host does.
import { spawn } from "node:child_process";

/**
 * Spawns `node ...nodeArgs <file> ...args` with `env`; `request` resolves with the parsed
 * answer line.
 * @param {string} file
 * @param {Record<string, string>} env
 * @param {string[]} [args]
 * @param {string[]} [nodeArgs]
 */
export function stdioPeer(file, env, args = [], nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, file, ...args], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const pending = new Map();
  let buffered = "";
  let nextId = 1;
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line.trim() === "") continue;
      const message = JSON.parse(line);
      const waiter = message.id !== undefined && pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        waiter(message);
      }
    }
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      });
    },
    notify(method, params) {
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method, params })}\n`);
    },
    /** initialize + notifications/initialized; throws when the server refuses. */
    async initialize(name = "bench") {
      const init = await this.request("initialize", {
        protocolVersion: "2025-06-18",
        capabilities: {},
        clientInfo: { name, version: "1.0.0" },
      });
      if (!init.result) throw new Error(`initialize failed: ${JSON.stringify(init)}`);
      this.notify("notifications/initialized", {});
      return init.result;
    },
    async close() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The environment without credentials or settings of the caller's own shell. */
export function cleanEnv(extra) {
  const kept = Object.entries(process.env).filter(
    ([k]) => !k.startsWith("OS_") && !k.startsWith("SDRS_") && !k.startsWith("API_"),
  );
  return { ...Object.fromEntries(kept), ...extra };
}
