#!/usr/bin/env node
// Where a tool call's time goes: builds a non-minified bundle (dist/profile/), runs it under
// `node --cpu-prof` against the stub SDRS (lib/stub-worker.mjs), makes `--calls` calls of
// list_failed_sdrs_tasks on one page, and prints the top self-time entries of the server's
// profile (functions by name and place; the profile itself stays in dist/profile/).
// `--start` profiles start-up instead: spawn to the initialize answer, `--calls` times, and
// lists what the chunks loaded before that answer hold (esbuild metafile), by package or folder.
//
// Usage: node bench/profile.mjs [--page unicode|chains] [--limit 1000] [--calls 100]
//          [--top 15] [--start [--names]] [--json]
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bundle } from "../scripts/bundle.mjs";
import { round, table } from "./lib/stats.mjs";
import { stdioPeer } from "./lib/stdio-peer.mjs";
import { startStub } from "./lib/stub.mjs";
import { sdrsEnv } from "./overhead.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT = resolve(ROOT, "dist/profile");

/** Self time per function (name, file, line) of a .cpuprofile, highest first, in ms. */
export function selfTimes(profile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const { functionName, url, lineNumber } = byNode.get(id).callFrame;
    const file = url ? url.slice(url.lastIndexOf("/") + 1) : "";
    const key = `${functionName || "(anonymous)"} ${file}${file ? `:${lineNumber + 1}` : ""}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]);
  return { total, rows: rows.map(([what, ms]) => ({ what: what.trim(), ms: round(ms, 1) })) };
}

/** Where a bundled input comes from: its npm package, or its folder under src/. */
function origin(input) {
  const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  const src = input.match(/^src\/([^/]+\/)?/);
  return src ? src[0] : input;
}

/**
 * The outputs loaded before the first answer: the entry, what it imports, and the server chunk
 * it imports once the Node version is checked (its one dynamic import), then their static
 * imports. Returns their inputs' bytes summed by origin, largest first.
 */
export function startupInputs(metafile, entry) {
  const outputs = metafile.outputs;
  const key = Object.keys(outputs).find((k) => resolve(k) === entry);
  const loaded = new Set();
  const visit = (name, followDynamic) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    for (const i of outputs[name].imports) {
      if (i.external) continue;
      if (i.kind === "import-statement" || followDynamic) visit(i.path, false);
    }
  };
  visit(key, true);
  const byOrigin = new Map();
  let total = 0;
  for (const name of loaded) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[name].inputs)) {
      byOrigin.set(origin(input), (byOrigin.get(origin(input)) ?? 0) + bytesInOutput);
      total += bytesInOutput;
    }
  }
  return {
    outputs: [...loaded].map((n) => n.slice(n.lastIndexOf("/") + 1)),
    total_bytes: total,
    by_origin: [...byOrigin].sort((a, b) => b[1] - a[1]).map(([what, bytes]) => ({ what, bytes })),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      page: { type: "string", default: "unicode" },
      limit: { type: "string", default: "1000" },
      calls: { type: "string", default: "100" },
      top: { type: "string", default: "15" },
      start: { type: "boolean" },
      // Start-up is profiled on the minified bundle (what ships) unless --names asks for names.
      names: { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const entry = resolve(OUT, "sdrs-mcp.js");
  const { metafile } = await bundle({
    outfile: entry,
    minify: values.start === true && !values.names,
    sourcemap: false,
  });
  const profiles = resolve(OUT, "cpu");
  const args = ["--cpu-prof", "--cpu-prof-dir", profiles];
  const stub = await startStub();
  await stub.serve(values.page);
  const calls = Number(values.calls);
  const limit = Number(values.limit);
  const runs = values.start ? calls : 1;
  for (let run = 0; run < runs; run++) {
    const peer = stdioPeer(entry, sdrsEnv(stub.url), [], args);
    await peer.initialize();
    if (!values.start) {
      for (let i = 0; i < calls; i++) {
        const answer = await peer.request("tools/call", {
          name: "list_failed_sdrs_tasks",
          arguments: { limit },
        });
        if (!answer.result || answer.result.isError) throw new Error(JSON.stringify(answer));
      }
    }
    await peer.close();
  }
  await stub.close();
  // Sum the self times of every profile written (one per process).
  const merged = new Map();
  let total = 0;
  for (const file of readdirSync(profiles)) {
    const { total: t, rows } = selfTimes(JSON.parse(readFileSync(resolve(profiles, file), "utf8")));
    total += t;
    for (const { what, ms } of rows) merged.set(what, (merged.get(what) ?? 0) + ms);
  }
  const rows = [...merged]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))
    .map(([what, ms]) => [what, (ms / runs).toFixed(1), `${((100 * ms) / total).toFixed(1)}%`]);
  const title = values.start
    ? `start-up to initialize, per start (${runs} starts)`
    : `${calls} calls, ${values.page} page of ${limit}`;
  const startup = values.start ? startupInputs(metafile, entry) : undefined;
  if (values.json) {
    const out = { title, total_ms: round(total / runs, 1), rows, ...(startup && { startup }) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `${table([`self time: ${title}; total ${round(total / runs, 1)} ms`, "ms", "share"], rows)}\n`,
  );
  if (startup) {
    const kib = (b) => (b / 1024).toFixed(1);
    const top = startup.by_origin.slice(0, Number(values.top));
    process.stdout.write(
      `\n${table(
        [`loaded before initialize: ${startup.outputs.join(", ")}`, "KiB", "share"],
        [
          ...top.map((o) => [
            o.what,
            kib(o.bytes),
            `${((100 * o.bytes) / startup.total_bytes).toFixed(1)}%`,
          ]),
          ["total", kib(startup.total_bytes), "100%"],
        ],
      )}\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
