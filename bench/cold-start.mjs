#!/usr/bin/env node
// Cold start as a host sees it: from spawning `node <server>` to the initialize result on stdout.
// Compares sdrs-mcp bundled (dist/sdrs-mcp.js) and as tsc output (dist/index.js) with a minimal
// one-tool SDK server, unbundled and bundled the same way, with the generic OpenAPI-to-MCP
// server of bench/overhead.mjs (its own bundle, fed bench/openapi/failure-jobs.json), and with a
// raw Node JSON-RPC responder (no SDK: the floor). Runs are interleaved (each round starts every
// variant once, in a rotating order) so drift in machine load hits all alike.
//
// Usage: npm run build && node bench/cold-start.mjs [--runs 21] [--json]
//          [--extra name=path/to/server.js ...]
// Importable: runColdStart({ runs, extra }) -> { node, runs, rows, samples } (bench/run.mjs).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bundle } from "../scripts/bundle.mjs";
import { ascending, quantile } from "./lib/stats.mjs";
import { OPENAPI_CLI, openapiEnv } from "./overhead.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BASELINE = "minimal bundled";
const FLOOR = "raw node responder";
export const OPENAPI = "openapi-mcp-server";

// No real cloud is contacted: a token-authenticated server talks to SDRS only on a tool call.
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("OS_") && !k.startsWith("SDRS_")),
  ),
  OS_AUTH_TOKEN: "cold-start-bench-token",
  OS_PROJECT_ID: "0605767e1f00d4b72f1ec0127a5e6a5b",
};
const INITIALIZE = `${JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "cold-start", version: "1.0.0" },
  },
})}\n`;

/** Milliseconds from spawn to the initialize result. */
export function coldStart(file, variantEnv = env) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [file], {
      env: variantEnv,
      stdio: ["pipe", "pipe", "ignore"],
    });
    let out = "";
    let elapsed;
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      out += chunk;
      if (elapsed === undefined && out.includes('"id":1')) {
        elapsed = performance.now() - started;
        child.stdin.end();
        child.kill();
      }
    });
    child.on("error", reject);
    child.on("exit", () =>
      elapsed === undefined
        ? reject(new Error(`${file} exited before answering`))
        : resolvePromise(elapsed),
    );
    child.stdin.write(INITIALIZE);
  });
}

/** The variants compared: the bundled minimal server is built here, into dist/bench/. */
export async function coldStartVariants(extra = []) {
  const minimalBundle = resolve(ROOT, "dist/bench/minimal-server.js");
  mkdirSync(resolve(ROOT, "dist/bench"), { recursive: true });
  await bundle({
    entry: resolve(ROOT, "bench/baselines/minimal-server.mjs"),
    outfile: minimalBundle,
    sourcemap: false,
  });
  const variants = [
    { name: "sdrs-mcp bundle", file: resolve(ROOT, "dist/sdrs-mcp.js") },
    { name: "sdrs-mcp tsc", file: resolve(ROOT, "dist/index.js") },
    { name: "minimal unbundled", file: resolve(ROOT, "bench/baselines/minimal-server.mjs") },
    { name: BASELINE, file: minimalBundle },
    // Never asked for a page here: the address only has to be well-formed.
    { name: OPENAPI, file: OPENAPI_CLI, env: openapiEnv("http://127.0.0.1:9") },
    { name: FLOOR, file: resolve(ROOT, "bench/baselines/raw-responder.mjs") },
    ...extra.map((spec) => {
      const [name, file] = spec.split("=");
      return { name, file: resolve(file) };
    }),
  ];
  for (const v of variants) {
    if (!existsSync(v.file)) throw new Error(`${v.file} is missing: run npm run build first`);
  }
  return variants;
}

/**
 * `runs` interleaved cold starts of every variant (after one untimed start each).
 * @param {{ runs?: number, extra?: string[] }} options
 */
export async function runColdStart({ runs = 21, extra = [] } = {}) {
  const variants = await coldStartVariants(extra);
  for (const v of variants) await coldStart(v.file, v.env); // warm the file system cache, untimed
  const samples = new Map(variants.map((v) => [v.name, []]));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length];
      samples.get(v.name).push(await coldStart(v.file, v.env));
    }
  }
  const medianOf = (name) => quantile(ascending(samples.get(name)), 0.5);
  const baseline = medianOf(BASELINE);
  const floor = medianOf(FLOOR);
  const rows = variants.map((v) => {
    const sorted = ascending(samples.get(v.name));
    const median = quantile(sorted, 0.5);
    return {
      variant: v.name,
      median_ms: +median.toFixed(1),
      p25_ms: +quantile(sorted, 0.25).toFixed(1),
      p75_ms: +quantile(sorted, 0.75).toFixed(1),
      min_ms: +sorted[0].toFixed(1),
      vs_minimal_bundled: +(median / baseline).toFixed(2),
      vs_raw_node: +(median / floor).toFixed(2),
    };
  });
  return {
    node: process.version,
    runs,
    rows,
    samples: Object.fromEntries([...samples].map(([k, v]) => [k, v.map((x) => +x.toFixed(2))])),
  };
}

export function formatColdStart({ runs, rows }) {
  const width = Math.max(...rows.map((r) => r.variant.length));
  const line = (cells) =>
    `${cells[0].padEnd(width)}  ${cells
      .slice(1)
      .map((c) => c.padStart(7))
      .join(" ")}\n`;
  let text = `node ${process.version}, ${runs} interleaved runs per variant, ms\n`;
  text += line(["variant", "median", "p25", "p75", "min", "x minimal bundled", "x raw node"]);
  for (const r of rows) {
    const ms = [r.median_ms, r.p25_ms, r.p75_ms, r.min_ms].map((n) => n.toFixed(1));
    text += line([r.variant, ...ms, r.vs_minimal_bundled.toFixed(2), r.vs_raw_node.toFixed(2)]);
  }
  return text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "21" },
      json: { type: "boolean" },
      extra: { type: "string", multiple: true, default: [] },
    },
  });
  const result = await runColdStart({ runs: Number(values.runs), extra: values.extra });
  if (values.json) {
    const { node, runs, rows } = result;
    process.stdout.write(`${JSON.stringify({ node, runs, rows }, null, 2)}\n`);
  } else {
    process.stdout.write(formatColdStart(result));
  }
}
