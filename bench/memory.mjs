#!/usr/bin/env node
// Memory: RSS and heap after 100 and then every 1,000 of 10,000 mixed tool calls, in one process,
// through the real server and MCP client against the simulator, without faults (bench/soak.mjs
// is the same with faults). A full GC runs before each sample. The server keeps the raw upstream
// body of the last 200 list calls (src/mcp/raw-store.ts): that store fills during the
// first few hundred calls, so the samples every 1,000 calls show the plateau after it.
//
// A last sample follows a pause as long as the tool deadline (30 s, the server's default): what a
// call keeps alive until its deadline timer fires is released by then.
//
// Usage: npm run build && node --expose-gc bench/memory.mjs [--calls 10000] [--no-idle] [--json]
// bench/run.mjs runs it in its own process (a clean heap, and --expose-gc).
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_TOOL_TIMEOUT_MS } from "../dist/config/config.js";
import { startHarness } from "./lib/harness.mjs";
import { round, table } from "./lib/stats.mjs";

const MIB = 1024 * 1024;

/** @param {{ calls?: number, idle?: boolean }} options */
export async function runMemory({ calls = 10_000, idle = true } = {}) {
  if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
  const h = await startHarness({ groups: 12, groupLevelFailures: 300 });
  const groups = h.sim.data.serverGroups.map((g) => g.id);
  const jobs = h.sim.data.failureJobs.slice(0, 50).map((r) => r.job.job_id);
  const pick = (list, i) => list[i % list.length];
  let lastRaw;
  const step = async (i) => {
    switch (i % 10) {
      case 0:
        return h.call("summarize_sdrs_failures", {});
      case 1:
      case 2:
        return h.call("get_sdrs_job", { job_id: pick(jobs, i) });
      case 3:
        return h.call("list_sdrs_protection_groups", {});
      case 4:
        return h.call("list_failed_sdrs_tasks", { server_group_id: pick(groups, i), limit: 50 });
      case 5:
        return lastRaw ? h.client.readResource({ uri: lastRaw }) : undefined;
      default: {
        const offset = (i * 7) % 300;
        const result = await h.call("list_failed_sdrs_tasks", { limit: 100, offset });
        lastRaw = result.structuredContent.raw_resource_uri;
        return result;
      }
    }
  };
  const sample = (done, note) => {
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    const store = h.rawStore.size;
    return {
      calls: done,
      rss_mib: round(m.rss / MIB, 1),
      heap_used_mib: round(m.heapUsed / MIB, 1),
      heap_total_mib: round(m.heapTotal / MIB, 1),
      external_mib: round(m.external / MIB, 1),
      raw_store_entries: store.entries,
      raw_store_mbytes: round(store.bytes / 1e6, 2),
      ...(note && { note }),
    };
  };
  const started = performance.now();
  const samples = [];
  for (let i = 0; i < calls; i++) {
    await step(i);
    h.sim.requests.length = 0; // the simulator's request log is the bench's memory, not ours
    const done = i + 1;
    if (done === 100 || done % 1000 === 0) samples.push(sample(done));
  }
  const seconds = (performance.now() - started) / 1000;
  let afterIdle;
  if (idle) {
    await sleep(DEFAULT_TOOL_TIMEOUT_MS + 2000);
    afterIdle = sample(calls, `after ${(DEFAULT_TOOL_TIMEOUT_MS + 2000) / 1000} s idle`);
  }
  await h.close();
  const at = (n) => samples.find((s) => s.calls === n);
  const first = at(100);
  const plateau = at(1000) ?? first;
  const last = samples[samples.length - 1];
  const growth = (a, b, key) => round(((b[key] - a[key]) / a[key]) * 100, 1);
  const rssGrowth = growth(first, last, "rss_mib");
  return {
    calls,
    seconds: round(seconds, 1),
    mix: "per 10 calls: 1 summarize (12 groups), 2 get_sdrs_job, 1 list groups, 1 list in a group (limit 50), 1 resources/read of a raw response, 4 group-level lists (limit 100)",
    samples,
    rss_growth_percent_100_to_end: rssGrowth,
    heap_growth_percent_100_to_end: growth(first, last, "heap_used_mib"),
    rss_growth_percent_1000_to_end: growth(plateau, last, "rss_mib"),
    heap_growth_percent_1000_to_end: growth(plateau, last, "heap_used_mib"),
    ...(afterIdle && {
      after_idle: afterIdle,
      heap_growth_percent_100_to_idle: growth(first, afterIdle, "heap_used_mib"),
      rss_growth_percent_100_to_idle: growth(first, afterIdle, "rss_mib"),
    }),
    target_growth_percent: 10,
    pass: rssGrowth <= 10,
  };
}

export function formatMemory(r) {
  const rows = [...r.samples, ...(r.after_idle ? [r.after_idle] : [])].map((s) => [
    s.note ? `${s.calls}, ${s.note}` : s.calls,
    s.rss_mib.toFixed(1),
    s.heap_used_mib.toFixed(1),
    s.heap_total_mib.toFixed(1),
    s.external_mib.toFixed(1),
    s.raw_store_entries,
    s.raw_store_mbytes.toFixed(2),
  ]);
  return [
    table(
      ["calls", "RSS MiB", "heapUsed MiB", "heapTotal MiB", "external MiB", "raw store", "MB held"],
      rows,
    ),
    `growth 100 -> ${r.calls}: RSS ${r.rss_growth_percent_100_to_end}%, heap ${r.heap_growth_percent_100_to_end}%; ` +
      `1000 -> ${r.calls}: RSS ${r.rss_growth_percent_1000_to_end}%, heap ${r.heap_growth_percent_1000_to_end}% (${r.seconds} s)`,
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      calls: { type: "string", default: "10000" },
      "no-idle": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const result = await runMemory({ calls: Number(values.calls), idle: !values["no-idle"] });
  process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatMemory(result)}\n`);
}
