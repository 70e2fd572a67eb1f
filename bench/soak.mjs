#!/usr/bin/env node
// Soak: 10,000 mixed tool calls with injected faults against the simulator, in one process,
// through the real server and MCP client. Reports RSS growth and unhandled rejections.
// Usage: npm run build && node --expose-gc bench/soak.mjs [calls]
import { startHarness } from "./lib/harness.mjs";

const CALLS = Number(process.argv[2] ?? 10_000);
let unhandled = 0;
process.on("unhandledRejection", () => unhandled++);

const harness = await startHarness({
  groups: 12,
  groupLevelFailures: 300,
  timeoutMs: 200,
  toolTimeoutMs: 5_000,
});
const { sim, client, rawStore } = harness;
const server_raw_store_size = () => rawStore.size;

const groups = sim.data.serverGroups.map((g) => g.id);
const jobs = sim.data.failureJobs.slice(0, 50).map((r) => r.job.job_id);
const FAULTS = [
  { kind: "status", status: 503, body: "busy" },
  { kind: "status", status: 429, body: "slow", headers: { "retry-after": "0" } },
  { kind: "reset" },
  { kind: "malformed" },
  { kind: "truncated" },
  { kind: "html" },
  { kind: "latency", ms: 250 },
  { kind: "json", body: { count: "x", failure_jobs: null } },
];
const pick = (list, i) => list[i % list.length];
function request(i) {
  switch (i % 10) {
    case 0:
      return { name: "summarize_sdrs_failures", arguments: {} };
    case 1:
    case 2:
      return { name: "get_sdrs_job", arguments: { job_id: pick(jobs, i) } };
    case 3:
      return { name: "list_sdrs_protection_groups", arguments: {} };
    case 4:
      return {
        name: "list_failed_sdrs_tasks",
        arguments: { server_group_id: pick(groups, i), limit: 50 },
      };
    case 5:
      return { name: "list_failed_sdrs_tasks", arguments: { limit: 0 } }; // invalid input
    default:
      return { name: "list_failed_sdrs_tasks", arguments: { limit: 100, offset: (i * 7) % 300 } };
  }
}

const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const heap = () => Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
const samples = [];
const gc = () => globalThis.gc?.();
let errors = 0;
let rssAfter100 = 0;
const started = performance.now();
for (let i = 0; i < CALLS; i++) {
  if (i % 7 === 3) sim.faults.add({ fault: pick(FAULTS, i) });
  const result = await client.callTool(request(i));
  if (result.isError) errors++;
  if (i === 99) {
    gc();
    rssAfter100 = rss();
  }
  if ((i + 1) % 1000 === 0) {
    gc();
    samples.push({ calls: i + 1, rss_mib: rss(), heap_mib: heap() });
  }
  sim.requests.length = 0; // the simulator's log is the test's, not the server's memory
}
gc();
const rssEnd = rss();
const seconds = (performance.now() - started) / 1000;
const report = {
  calls: CALLS,
  seconds: Number(seconds.toFixed(1)),
  isError_results: errors,
  unhandled_rejections: unhandled,
  rss_mib_after_100: rssAfter100,
  rss_mib_at_end: rssEnd,
  rss_growth_percent: Number((((rssEnd - rssAfter100) / rssAfter100) * 100).toFixed(1)),
  gc_exposed: typeof globalThis.gc === "function",
  raw_store: server_raw_store_size(),
  samples,
};
process.stderr.write(`${JSON.stringify(report, null, 2)}\n`);
await harness.close();
process.exit(unhandled > 0 ? 1 : 0);
