#!/usr/bin/env node
// npm run bench: every benchmark, side by side with its baselines, one after the other in this
// order; prints a table per benchmark and the targets, and writes every figure with a
// description of the machine to bench/results.json.
//
//   1. cold start        bench/cold-start.mjs    spawn -> initialize result, vs a bundled one-tool
//                                                SDK server, the generic OpenAPI server, raw Node
//   2. call overhead     bench/overhead.mjs      list_failed_sdrs_tasks over stdio vs a direct
//                                                fetch + JSON.parse of the same page (1000 and 10
//                                                unicode tasks, 1000 exception chains), side by
//                                                side with @ivotoby/openapi-mcp-server
//   3. a full page       bench/full-page.mjs     1000 unicode tasks formatted in-process: time,
//                                                characters, tokens
//   4. summary           bench/summary.mjs       summarize_sdrs_failures for N groups vs the ideal
//   5. memory            bench/memory.mjs        RSS/heap over 10,000 calls (own process, --expose-gc)
//   6. tokens            bench/tool-tokens.mjs   read tools and demo answers as the model reads them
//   7. root causes       bench/root-causes.mjs   1000 real-shaped chains: does every row keep its why
//
// Usage: npm run bench   (= npm run build && node bench/run.mjs)
//        node bench/run.mjs [--only cold,call,page,summary,memory,tokens,roots] [--quick] [--out file]
// Where a call's time goes: node bench/profile.mjs (CPU profile of the server, top self time).
// --only and --quick print only, unless --out is given; a full run writes bench/results.json.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formatColdStart, OPENAPI, runColdStart } from "./cold-start.mjs";
import { formatFullPage, runFullPage } from "./full-page.mjs";
import { machine, table } from "./lib/stats.mjs";
import { formatMemory } from "./memory.mjs";
import { formatOverhead, runOverhead } from "./overhead.mjs";
import { formatRootCauses, runRootCauses } from "./root-causes.mjs";
import { formatSummary, runSummary } from "./summary.mjs";
import { formatToolTokens, runToolTokens } from "./tool-tokens.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ALL = ["cold", "call", "page", "summary", "memory", "tokens", "roots"];
const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean" },
    out: { type: "string" },
  },
});
const only = values.only ? values.only.split(",") : ALL;
const quick = values.quick === true;
const out = values.out ?? (values.only || quick ? undefined : resolve(ROOT, "bench/results.json"));

const say = (text) => process.stdout.write(`${text}\n`);
const heading = (text) => say(`\n== ${text}`);

/** The memory benchmark in a process of its own, with --expose-gc, answering in JSON. */
function memoryInChild(calls) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", resolve(ROOT, "bench/memory.mjs"), "--json", "--calls", String(calls)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      text += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolvePromise(JSON.parse(text)) : reject(new Error(`memory bench: ${code}`)),
    );
  });
}

const started = performance.now();
const results = { machine: machine(), quick };
heading("machine");
const m = results.machine;
say(
  `node ${m.node}, ${m.platform}, ${m.cpu_count} x ${m.cpu_model}, ${m.total_memory_gib} GiB, ` +
    `load ${m.load_average_at_start.join(" ")}, ${m.date}`,
);

if (only.includes("cold")) {
  heading("1. cold start: spawn -> initialize result");
  const { samples, ...rest } = await runColdStart({ runs: quick ? 15 : 21 });
  results.cold_start = { ...rest, samples_ms: samples };
  say(formatColdStart(rest).trimEnd());
}
if (only.includes("call")) {
  heading("2. call overhead: tools/call over stdio vs a direct fetch + JSON.parse of the page");
  results.call_overhead = await runOverhead(
    quick ? { calls: 60, warmup: 15 } : { calls: 300, warmup: 40 },
  );
  say(formatOverhead(results.call_overhead));
}
if (only.includes("page")) {
  heading("3. a full page in-process: 1000 tasks with 1,500-character unicode fail_reasons");
  results.full_page = await runFullPage({ iterations: quick ? 40 : 200 });
  say(formatFullPage(results.full_page));
}
if (only.includes("summary")) {
  heading("4. project-wide summary: N groups x 50 tasks, 20 ms latency, concurrency 8");
  results.summary = await runSummary(
    quick ? { groups: [50, 100, 200], runs: 1 } : { groups: [50, 100, 200, 400], runs: 3 },
  );
  say(formatSummary(results.summary));
}
if (only.includes("memory")) {
  heading("5. memory: mixed tool calls in one process, GC before each sample");
  results.memory = await memoryInChild(quick ? 2000 : 10_000);
  say(formatMemory(results.memory));
}

if (only.includes("tokens")) {
  heading("6. what the model reads: read tools and demo answers, in tokens");
  results.tokens = await runToolTokens();
  say(formatToolTokens(results.tokens));
}

if (only.includes("roots")) {
  heading("7. root causes: 1000 failures whose reasons are Java, Python and Go chains");
  results.root_causes = await runRootCauses();
  say(formatRootCauses(results.root_causes));
}

// The targets, each against the figure it is about.
const verdict = (pass) => (pass ? "pass" : "MISS");
const targets = [];
const o = results.call_overhead;
if (o) {
  for (const name of ["unicode 1000", "chains 1000"]) {
    const ph = o.phases[name];
    targets.push([
      `${name}-task page: tools/call - direct fetch + JSON.parse, p50 | p95`,
      `${ph.overhead_p50_ms} | ${ph.overhead_p95_ms} ms`,
      "<= 10 ms",
      verdict(ph.overhead_p50_ms <= 10 && ph.overhead_p95_ms <= 10),
    ]);
  }
  const small = o.phases["unicode 10"];
  targets.push([
    "small page (10 tasks): tools/call - direct fetch + JSON.parse, p50 (p95)",
    `${small.overhead_p50_ms} ms (${small.overhead_p95_ms} ms)`,
    "<= 1 ms",
    verdict(small.overhead_p50_ms <= 1),
  ]);
}
const c = results.cold_start;
if (c) {
  const row = (name) => c.rows.find((r) => r.variant === name);
  const b = row("sdrs-mcp bundle");
  targets.push([
    "cold start (spawn to initialize answer) / bundled one-tool SDK server, median",
    `${b.vs_minimal_bundled}x (${b.median_ms} ms)`,
    "<= 1.25x",
    verdict(b.vs_minimal_bundled <= 1.25),
  ]);
}
if (o) {
  for (const [name, ph] of Object.entries(o.phases)) {
    targets.push([
      `per call vs ${OPENAPI}, ${name}: p50 | p95`,
      `${ph.vs_openapi_p50}x | ${ph.vs_openapi_p95}x (${ph.sdrs_mcp.p50_ms} vs ${ph.openapi.p50_ms} ms)`,
      "<= 1x",
      verdict(ph.vs_openapi_p50 <= 1),
    ]);
  }
  for (const [name, ph] of Object.entries(o.phases)) {
    const a = ph.answer;
    targets.push([
      `answer size, ${name}: sdrs-mcp | ${OPENAPI}`,
      `${a.sdrs_mcp.chars} | ${a.openapi.chars} chars, ${a.sdrs_mcp.tokens} | ${a.openapi.tokens} tokens`,
      "(no target)",
      "-",
    ]);
  }
}
if (c) {
  const ours = c.rows.find((r) => r.variant === "sdrs-mcp bundle");
  const generic = c.rows.find((r) => r.variant === OPENAPI);
  targets.push([
    `cold start vs ${OPENAPI}, median`,
    `${(ours.median_ms / generic.median_ms).toFixed(2)}x (${ours.median_ms} vs ${generic.median_ms} ms)`,
    "(no target)",
    "-",
  ]);
}
const p = results.full_page;
if (p) {
  targets.push([
    "full page, result size",
    `${p.result_chars} chars, ${p.result_tokens} tokens (raw ${p.raw_body_chars} / ${p.raw_body_tokens})`,
    "<= 40,000 chars",
    verdict(p.pass_chars),
  ]);
}
const s = results.summary;
if (s) {
  targets.push([
    "summary, worst wall / ideal over N",
    `${s.simulator.worst_x_ideal}x (caching front: ${s.memoized?.worst_x_ideal ?? "-"}x)`,
    "<= 1.5x",
    verdict(s.pass_ratio),
  ]);
  targets.push([
    "summary, linear in N",
    `${s.simulator.fit.ms_per_group} ms/group, R^2 ${s.simulator.fit.r2} (caching front: ${s.memoized?.fit.ms_per_group ?? "-"} ms/group, R^2 ${s.memoized?.fit.r2 ?? "-"})`,
    `R^2 >= 0.99, <= ${1.5 * s.ideal_ms_per_group} ms/group`,
    verdict(s.pass_linear),
  ]);
}
const mem = results.memory;
if (mem) {
  targets.push([
    `memory, RSS growth 100 -> ${mem.calls} calls`,
    `${mem.rss_growth_percent_100_to_end}% (heap ${mem.heap_growth_percent_100_to_end}%; from 1000: RSS ${mem.rss_growth_percent_1000_to_end}%, heap ${mem.heap_growth_percent_1000_to_end}%)`,
    "<= 10%",
    verdict(mem.pass),
  ]);
}
const tk = results.tokens;
if (tk) {
  targets.push([
    "read tools, name + description + input schema",
    `${tk.total.tokens} tokens (${tk.tools.length} tools, ${tk.total.chars} chars)`,
    `< ${tk.limit} tokens`,
    verdict(tk.total.tokens < tk.limit),
  ]);
}
const rc = results.root_causes;
if (rc) {
  targets.push([
    "root causes, rows that keep their innermost cause",
    `${rc.rows_cause_kept} of ${rc.rows_shown} rows shown (${rc.result_chars} chars, ${rc.result_tokens} tokens)`,
    "every row shown",
    verdict(rc.pass),
  ]);
}
results.targets = targets.map(([what, measured, target, result]) => ({
  what,
  measured,
  target,
  result,
}));
results.seconds = Math.round((performance.now() - started) / 1000);
heading(`targets (${results.seconds} s)`);
say(table(["what", "measured", "target", "result"], targets));
if (out) {
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nwrote ${out}`);
}
