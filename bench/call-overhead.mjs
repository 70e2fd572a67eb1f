#!/usr/bin/env node
// Call overhead: what a tool call over stdio adds to the HTTP request it wraps.
// The bundle (dist/sdrs-mcp.js) runs as a child process against a simulator in this process;
// `list_failed_sdrs_tasks` with limit 10 is timed against a direct GET of the same simulator URL
// (undici, keep-alive Agent) from this process. Three more rows say where the difference goes:
// bench/baselines/raw-proxy.mjs, a pass-through stdio server without SDK (the same process
// layout: host, pipe, server, HTTP); bench/baselines/minimal-proxy-server.mjs, the same on the
// SDK (one tool); and a JSON-RPC ping over sdrs-mcp's pipe (the transport alone).
// All five are interleaved, in a rotating order, after a warm-up. Then the same tool call runs
// in this process over the in-memory transport, next to an in-process GET, and the server's
// steps are timed one by one on the same 10-row page.
//
// Usage: npm run build && node bench/call-overhead.mjs [--calls 500] [--warmup 100] [--json]
// Importable: runCallOverhead({ calls, warmup }) (bench/run.mjs).
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { buildFailurePageResult } from "../dist/format/failure-page.js";
import { Deadline } from "../dist/http/deadline.js";
import { callDeadline } from "../dist/mcp/deadline.js";
import { listFailedSdrsTasks } from "../dist/mcp/tools/list-failed-sdrs-tasks.js";
import { failureJobsPageSchema } from "../dist/sdrs/schemas.js";
import { startSimulator } from "../dist/simulator/index.js";
import { scrubDeep } from "../dist/text/secrets.js";
import { startHarness } from "./lib/harness.mjs";
import { median, round, summary, table } from "./lib/stats.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LIMIT = 10;

/** A newline-delimited JSON-RPC client over a child's stdio: the least a host can do. */
function stdioPeer(file, env) {
  const child = spawn(process.execPath, [file], { env, stdio: ["pipe", "pipe", "inherit"] });
  const pending = new Map();
  let buffered = "";
  let nextId = 1;
  child.stdout.setEncoding("utf8").on("data", (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const message = JSON.parse(line);
      const waiter = message.id !== undefined && pending.get(message.id);
      if (waiter) {
        pending.delete(message.id);
        waiter(message);
      }
    }
  });
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolvePromise) => {
        pending.set(id, resolvePromise);
        child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      });
    },
    notify(method, params) {
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method, params })}\n`);
    },
    async close() {
      const exited = new Promise((r) => child.once("exit", r));
      child.stdin.end();
      await exited;
    },
  };
}

/** Runs the variants in rotating order, `warmup + calls` rounds; returns the timed samples. */
async function interleave(variants, calls, warmup, afterRound = () => {}) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < warmup + calls; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length];
      const started = performance.now();
      await variants[name]();
      const elapsed = performance.now() - started;
      if (i >= warmup) samples[name].push(elapsed);
    }
    afterRound();
  }
  return samples;
}

/** Median microseconds per call of a synchronous step, over `batches` batches of `n`. */
function microseconds(fn, n = 200, batches = 15) {
  for (let i = 0; i < n; i++) fn();
  const perBatch = [];
  for (let b = 0; b < batches; b++) {
    const started = performance.now();
    for (let i = 0; i < n; i++) fn();
    perBatch.push(((performance.now() - started) / n) * 1000);
  }
  return round(median(perBatch), 1);
}

/** @param {{ calls?: number, warmup?: number }} options */
export async function runCallOverhead({ calls = 500, warmup = 100 } = {}) {
  const sim = await startSimulator({});
  const path = `/v1/${sim.projectId}/task-center/failure-jobs?limit=${LIMIT}&offset=0`;
  const url = `${sim.url}${path}`;
  const headers = { accept: "application/json", "x-auth-token": sim.token };
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
  const directGet = async () => {
    const { statusCode, body } = await request(url, { headers, dispatcher });
    const json = JSON.parse(await body.text());
    if (statusCode !== 200 || json.failure_jobs.length !== LIMIT) {
      throw new Error(`GET ${url}: ${statusCode}`);
    }
  };
  const clearLog = () => {
    sim.requests.length = 0; // the simulator's request log is the bench's memory, not the server's
  };

  // 1. Over stdio: four variants interleaved.
  const env = {
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("OS_") && !k.startsWith("SDRS_")),
    ),
    SDRS_ENDPOINT: sim.url,
    OS_AUTH_TOKEN: sim.token,
    OS_PROJECT_ID: sim.projectId,
    SDRS_MCP_LOG_LEVEL: "warn",
  };
  const server = stdioPeer(resolve(ROOT, "dist/sdrs-mcp.js"), env);
  const proxy = stdioPeer(resolve(ROOT, "bench/baselines/raw-proxy.mjs"), env);
  const sdkProxy = stdioPeer(resolve(ROOT, "bench/baselines/minimal-proxy-server.mjs"), env);
  for (const peer of [server, sdkProxy]) {
    const init = await peer.request("initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "call-overhead", version: "1.0.0" },
    });
    if (!init.result) throw new Error(`initialize failed: ${JSON.stringify(init)}`);
    peer.notify("notifications/initialized", {});
  }
  const stdio = await interleave(
    {
      tool_call_stdio: async () => {
        const response = await server.request("tools/call", {
          name: "list_failed_sdrs_tasks",
          arguments: { limit: LIMIT },
        });
        if (response.result?.structuredContent?.page?.returned !== LIMIT) {
          throw new Error(`tool call failed: ${JSON.stringify(response).slice(0, 500)}`);
        }
      },
      direct_http_get: directGet,
      raw_stdio_proxy: async () => {
        const response = await proxy.request("get", { path });
        if (JSON.parse(response.result.content[0].text).failure_jobs.length !== LIMIT) {
          throw new Error("raw proxy failed");
        }
      },
      sdk_stdio_proxy: async () => {
        const response = await sdkProxy.request("tools/call", { name: "get", arguments: { path } });
        if (JSON.parse(response.result.content[0].text).failure_jobs.length !== LIMIT) {
          throw new Error("SDK proxy failed");
        }
      },
      stdio_ping: async () => {
        if (!(await server.request("ping", {})).result) throw new Error("ping failed");
      },
    },
    calls,
    warmup,
    clearLog,
  );
  await server.close();
  await proxy.close();
  await sdkProxy.close();

  // 2. In this process: the same call over the in-memory transport, next to the same GET.
  const harness = await startHarness({ sim });
  const inProcess = await interleave(
    {
      tool_call_in_memory: () => harness.call("list_failed_sdrs_tasks", { limit: LIMIT }),
      direct_http_get_in_process: directGet,
    },
    calls,
    warmup,
    clearLog,
  );
  await harness.close();

  // 3. The server's steps on the same page, one by one.
  const body = await (await request(url, { headers, dispatcher })).body.text();
  const page = failureJobsPageSchema.parse(JSON.parse(body));
  const input = {
    projectId: sim.projectId,
    filters: {},
    offset: 0,
    limit: LIMIT,
    count: page.count,
    jobs: page.failure_jobs,
    rawResourceUri: "sdrs://responses/0badcafe-1",
  };
  const result = buildFailurePageResult(input);
  const secrets = [sim.token];
  const steps_us = {
    "parse body (JSON.parse + failureJobsPageSchema)": microseconds(() =>
      failureJobsPageSchema.parse(JSON.parse(body)),
    ),
    buildFailurePageResult: microseconds(() => buildFailurePageResult(input)),
    "scrubDeep(result) (server.ts)": microseconds(() => scrubDeep(result, secrets)),
    "outputSchema.safeParse (SDK, per call)": microseconds(() =>
      listFailedSdrsTasks.outputSchema.safeParse(result.structuredContent),
    ),
    "call and request deadlines (timers + AbortSignal.any)": microseconds(() => {
      const call = callDeadline(30_000);
      const request = new Deadline(15_000);
      AbortSignal.any([new AbortController().signal, call.signal, request.signal]);
      request.clear();
      call.clear();
    }),
    "JSON.stringify of the JSON-RPC answer": microseconds(() =>
      JSON.stringify({ jsonrpc: "2.0", id: 1, result }),
    ),
  };
  await dispatcher.close();
  await sim.close();

  const s = Object.fromEntries(
    Object.entries({ ...stdio, ...inProcess }).map(([k, v]) => [k, summary(v)]),
  );
  const diff = (a, b, q) => round(s[a][q] - s[b][q], 3);
  return {
    calls,
    warmup,
    rows_per_call: LIMIT,
    result_chars: JSON.stringify(result).length,
    upstream_body_chars: body.length,
    ...s,
    overhead_p50_ms: diff("tool_call_stdio", "direct_http_get", "p50_ms"),
    overhead_p99_ms: diff("tool_call_stdio", "direct_http_get", "p99_ms"),
    breakdown_p50_ms: {
      "process layout (raw proxy - direct GET)": diff(
        "raw_stdio_proxy",
        "direct_http_get",
        "p50_ms",
      ),
      "MCP SDK (SDK proxy - raw proxy)": diff("sdk_stdio_proxy", "raw_stdio_proxy", "p50_ms"),
      "sdrs-mcp's own work (tool call - SDK proxy)": diff(
        "tool_call_stdio",
        "sdk_stdio_proxy",
        "p50_ms",
      ),
    },
    in_process_overhead_p50_ms: diff("tool_call_in_memory", "direct_http_get_in_process", "p50_ms"),
    steps_us,
    target_overhead_p50_ms: 1,
    pass: s.tool_call_stdio.p50_ms - s.direct_http_get.p50_ms <= 1,
  };
}

export function formatCallOverhead(r) {
  const row = (label, key) => [label, r[key].p50_ms.toFixed(3), r[key].p99_ms.toFixed(3)];
  const main = table(
    ["", "p50 ms", "p99 ms"],
    [
      row(`list_failed_sdrs_tasks over stdio (limit ${LIMIT})`, "tool_call_stdio"),
      row("direct GET of the same URL (undici keep-alive)", "direct_http_get"),
      [
        "overhead = tool call - direct GET",
        r.overhead_p50_ms.toFixed(3),
        r.overhead_p99_ms.toFixed(3),
      ],
      row("  raw pass-through stdio server, no SDK", "raw_stdio_proxy"),
      row("  pass-through SDK server, one tool", "sdk_stdio_proxy"),
      row("  JSON-RPC ping over the server's pipe", "stdio_ping"),
      row("  tool call in-process (in-memory transport)", "tool_call_in_memory"),
      row("  direct GET in-process (same phase)", "direct_http_get_in_process"),
    ],
  );
  const parts = table(
    ["overhead, p50, split", "ms"],
    Object.entries(r.breakdown_p50_ms).map(([k, v]) => [k, v.toFixed(3)]),
  );
  const steps = table(
    ["server step on the same 10-row page", "us"],
    Object.entries(r.steps_us).map(([k, v]) => [k, v.toFixed(1)]),
  );
  return `${main}\n${parts}\n${steps}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      calls: { type: "string", default: "500" },
      warmup: { type: "string", default: "100" },
      json: { type: "boolean" },
    },
  });
  const result = await runCallOverhead({
    calls: Number(values.calls),
    warmup: Number(values.warmup),
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatCallOverhead(result)}\n`,
  );
}
