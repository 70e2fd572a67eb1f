#!/usr/bin/env node
// Cold start as a host sees it: from spawning `node <server>` to the initialize result on stdout.
// Compares sdrs-mcp bundled (dist/sdrs-mcp.js) and as tsc output (dist/index.js) with a minimal
// one-tool SDK server, unbundled and bundled the same way. Runs are interleaved (each round
// starts every variant once, in a rotating order) so drift in machine load hits all alike.
//
// Usage: npm run build && node bench/cold-start.mjs [--runs 21] [--json]
//          [--extra name=path/to/server.js ...]
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundle } from "../scripts/bundle.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "21" },
    json: { type: "boolean" },
    extra: { type: "string", multiple: true, default: [] },
  },
});
const runs = Number(values.runs);

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
  { name: "minimal bundled", file: minimalBundle },
  ...values.extra.map((spec) => {
    const [name, file] = spec.split("=");
    return { name, file: resolve(file) };
  }),
];
for (const v of variants) {
  if (!existsSync(v.file)) throw new Error(`${v.file} is missing: run npm run build first`);
}

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
function coldStart(file) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [file], { env, stdio: ["pipe", "pipe", "ignore"] });
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

const quantile = (sorted, q) => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
};

for (const v of variants) await coldStart(v.file); // warm the file system cache, untimed
const samples = new Map(variants.map((v) => [v.name, []]));
for (let round = 0; round < runs; round++) {
  for (let k = 0; k < variants.length; k++) {
    const v = variants[(round + k) % variants.length];
    samples.get(v.name).push(await coldStart(v.file));
  }
}

const baseline = quantile(
  [...samples.get("minimal bundled")].sort((a, b) => a - b),
  0.5,
);
const rows = variants.map((v) => {
  const sorted = [...samples.get(v.name)].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  return {
    variant: v.name,
    median_ms: +median.toFixed(1),
    p25_ms: +quantile(sorted, 0.25).toFixed(1),
    p75_ms: +quantile(sorted, 0.75).toFixed(1),
    min_ms: +sorted[0].toFixed(1),
    vs_minimal_bundled: +(median / baseline).toFixed(2),
  };
});
if (values.json) {
  process.stdout.write(`${JSON.stringify({ node: process.version, runs, rows }, null, 2)}\n`);
} else {
  const width = Math.max(...rows.map((r) => r.variant.length));
  const line = (cells) =>
    `${cells[0].padEnd(width)}  ${cells
      .slice(1)
      .map((c) => c.padStart(7))
      .join(" ")}\n`;
  process.stdout.write(`node ${process.version}, ${runs} interleaved runs per variant, ms\n`);
  process.stdout.write(line(["variant", "median", "p25", "p75", "min", "x minimal bundled"]));
  for (const r of rows) {
    const ms = [r.median_ms, r.p25_ms, r.p75_ms, r.min_ms].map((n) => n.toFixed(1));
    process.stdout.write(line([r.variant, ...ms, r.vs_minimal_bundled.toFixed(2)]));
  }
}
