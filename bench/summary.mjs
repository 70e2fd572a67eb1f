#!/usr/bin/env node
// Project-wide summary: summarize_sdrs_failures over the in-memory MCP client against a simulator
// with N protection groups x 50 failed tasks, 20 ms latency per response, concurrency 8.
// Wall time against the ideal, for several N, and time per group (linearity).
//
//   requests = 1 groups listing + 1 group-level listing + N group listings (each < 1000 tasks:
//              one page each) = N + 2
//   ideal    = requests / concurrency x latency            (the target: <= 1.5x, linear in N)
//   schedule = (2 + ceil(N / concurrency)) x latency      (the tool's own order: the two
//              listings one after the other, then the N group listings 8 at a time)
//
// The simulator runs on a worker thread (bench/lib/sim-worker.mjs), as SDRS runs elsewhere
// (--sim-main: on the server's thread, as in test/harness.ts). Diagnostics: each N again against
// the same simulator behind a caching front (an upstream that costs its latency and nothing
// more), one GET's real latency, and the server's CPU time alone (caching front, latency 0).
//
// Usage: npm run build && node bench/summary.mjs [--groups 50,100,200,400] [--runs 3]
//          [--sim-main] [--json]
// Importable: runSummary({ groups, runs, simIn }) (bench/run.mjs).
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { Agent, request } from "undici";
import { startSimulator } from "../dist/simulator/index.js";
import { startHarness } from "./lib/harness.mjs";
import { linearFit, median, round, table } from "./lib/stats.mjs";

const WORKER = fileURLToPath(new URL("./lib/sim-worker.mjs", import.meta.url));
const PER_GROUP = 50;
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const GROUP_LEVEL = 14; // the simulator's default

/** A simulator on a worker thread (optionally memoized) or on this thread; one interface. */
async function upstream(options, where) {
  if (where === "main") {
    const sim = await startSimulator(options);
    return {
      sim,
      requests: async () => {
        const n = sim.requests.length;
        sim.requests.length = 0;
        return n;
      },
      close: () => sim.close(),
    };
  }
  const worker = new Worker(WORKER, { workerData: { ...options, memoize: where === "memoized" } });
  const info = await new Promise((resolvePromise, reject) => {
    worker.once("message", resolvePromise);
    worker.once("error", reject);
  });
  return {
    sim: info,
    requests: () =>
      new Promise((resolvePromise) => {
        worker.once("message", (m) => resolvePromise(m.requests));
        worker.postMessage("requests");
      }),
    close: async () => {
      const exited = new Promise((r) => worker.once("exit", r));
      worker.postMessage("close");
      await exited;
    },
  };
}

/** Median wall time of `runs` summaries (after one untimed) against a fresh upstream. */
async function measure(groups, { runs, latencyMs, where }) {
  const up = await upstream(
    { groups, failuresPerGroup: PER_GROUP, latencyMs, groupLevelFailures: GROUP_LEVEL },
    where,
  );
  const harness = await startHarness({ sim: up.sim, concurrency: CONCURRENCY });
  const expected = groups * PER_GROUP + 2 + GROUP_LEVEL; // + the documented example's 2 items
  const once = async () => {
    await up.requests();
    const started = performance.now();
    const result = await harness.call("summarize_sdrs_failures", {});
    const ms = performance.now() - started;
    const { totals, incomplete } = result.structuredContent;
    if (totals.failures !== expected || incomplete.length > 0) {
      throw new Error(`summary of ${groups} groups: ${totals.failures} tasks, not ${expected}`);
    }
    return { ms, requests: await up.requests() };
  };
  await once(); // warm-up: JIT, keep-alive connections, the caching front's cache
  const samples = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const r = await once();
    samples.push(r.ms);
    requests = r.requests;
  }
  // One GET's real latency: a group page of 50 tasks, sequential GETs from this thread.
  const perRequest = [];
  if (latencyMs > 0) {
    const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
    const listed = await harness.call("list_sdrs_protection_groups", { limit: 1 });
    const id = listed.structuredContent.groups[0].id;
    const url = `${up.sim.url}/v1/${up.sim.projectId}/task-center/failure-jobs?server_group_id=${id}&limit=1000&offset=0`;
    for (let i = 0; i < 13; i++) {
      const started = performance.now();
      const { body } = await request(url, {
        headers: { "x-auth-token": up.sim.token },
        dispatcher,
      });
      await body.text();
      if (i >= 3) perRequest.push(performance.now() - started);
    }
    await dispatcher.close();
  }
  await harness.close();
  await up.close();
  return {
    samples,
    requests,
    wall_ms: median(samples),
    request_ms: perRequest.length ? median(perRequest) : null,
  };
}

async function series(groups, runs, where) {
  const rows = [];
  for (const n of groups) {
    const m = await measure(n, { runs, latencyMs: LATENCY_MS, where });
    const ideal = ((n + 2) / CONCURRENCY) * LATENCY_MS;
    const schedule = (2 + Math.ceil(n / CONCURRENCY)) * LATENCY_MS;
    rows.push({
      groups: n,
      tasks: n * PER_GROUP + 2 + GROUP_LEVEL,
      requests_counted: m.requests,
      wall_ms: round(m.wall_ms, 1),
      runs_ms: m.samples.map((s) => round(s, 1)),
      ideal_ms: round(ideal, 1),
      x_ideal: round(m.wall_ms / ideal, 2),
      schedule_ms: schedule,
      x_schedule: round(m.wall_ms / schedule, 2),
      ms_per_group: round(m.wall_ms / n, 2),
      one_get_ms: m.request_ms === null ? null : round(m.request_ms, 2),
    });
  }
  const fit = linearFit(
    rows.map((r) => r.groups),
    rows.map((r) => r.wall_ms),
  );
  return {
    upstream: where,
    rows,
    fit: {
      ms_per_group: round(fit.slope, 3),
      intercept_ms: round(fit.intercept, 1),
      r2: round(fit.r2, 4),
    },
    worst_x_ideal: Math.max(...rows.map((r) => r.x_ideal)),
  };
}

/** @param {{ groups?: number[], runs?: number, simIn?: "worker" | "main" }} options */
export async function runSummary({
  groups = [50, 100, 200, 400],
  runs = 3,
  simIn = "worker",
} = {}) {
  const simulator = await series(groups, runs, simIn);
  const memoized = simIn === "worker" ? await series(groups, runs, "memoized") : undefined;
  // The server's CPU time alone: the largest N behind the caching front with latency 0.
  const largest = Math.max(...groups);
  const cpu =
    simIn === "worker"
      ? await measure(largest, { runs, latencyMs: 0, where: "memoized" })
      : undefined;
  const idealSlope = LATENCY_MS / CONCURRENCY;
  // Linear: a straight line explains the times (R^2 >= 0.99) and its slope is within 1.5x of the
  // ideal slope (latency / concurrency per group).
  const linear = (s) => s.fit.r2 >= 0.99 && s.fit.ms_per_group <= 1.5 * idealSlope;
  return {
    latency_ms: LATENCY_MS,
    concurrency: CONCURRENCY,
    tasks_per_group: PER_GROUP,
    simulator_thread: simIn,
    formula: {
      requests: "1 groups listing + 1 group-level listing + N group listings = N + 2",
      ideal_ms: "requests / concurrency x latency = (N + 2) / 8 x 20",
      schedule_ms: "(2 + ceil(N / 8)) x 20: two listings in sequence, then N listings 8 at a time",
      linear: "wall = a + b N fits with R^2 >= 0.99 and b <= 1.5 x latency / concurrency",
    },
    ideal_ms_per_group: idealSlope,
    simulator,
    ...(memoized && { memoized }),
    ...(cpu && {
      server_cpu_only: {
        groups: largest,
        upstream: "memoized, latency 0",
        wall_ms: round(cpu.wall_ms, 1),
        ms_per_request: round(cpu.wall_ms / (largest + 2), 3),
      },
    }),
    target_x_ideal: 1.5,
    pass_ratio: simulator.worst_x_ideal <= 1.5,
    pass_linear: linear(simulator),
    ...(memoized && {
      memoized_pass_ratio: memoized.worst_x_ideal <= 1.5,
      memoized_pass_linear: linear(memoized),
    }),
  };
}

export function formatSummary(r) {
  const header = ["N groups", "tasks", "requests", "wall ms", "ideal ms", "x ideal"];
  header.push("schedule ms", "x sched", "ms/group", "1 GET ms");
  const rows = (s) =>
    s.rows.map((x) => [
      `${x.groups}`,
      x.tasks,
      x.requests_counted,
      x.wall_ms.toFixed(1),
      x.ideal_ms.toFixed(1),
      x.x_ideal.toFixed(2),
      x.schedule_ms,
      x.x_schedule.toFixed(2),
      x.ms_per_group.toFixed(2),
      x.one_get_ms?.toFixed(2) ?? "-",
    ]);
  const fitLine = (s) =>
    `fit: wall = ${s.fit.intercept_ms} ms + ${s.fit.ms_per_group} ms x N (R^2 ${s.fit.r2}; ideal slope ${r.ideal_ms_per_group} ms/group)`;
  const parts = [
    `simulator (${r.simulator_thread === "main" ? "server's thread" : "worker thread"}):`,
    table(header, rows(r.simulator)),
    fitLine(r.simulator),
  ];
  if (r.memoized) {
    parts.push("same simulator behind a caching front (upstream cost = latency only):");
    parts.push(table(header, rows(r.memoized)), fitLine(r.memoized));
  }
  if (r.server_cpu_only) {
    const c = r.server_cpu_only;
    parts.push(
      `server CPU alone (caching front, latency 0, N = ${c.groups}): ${c.wall_ms} ms, ${c.ms_per_request} ms per request`,
    );
  }
  return parts.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      groups: { type: "string", default: "50,100,200,400" },
      runs: { type: "string", default: "3" },
      "sim-main": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const result = await runSummary({
    groups: values.groups.split(",").map(Number),
    runs: Number(values.runs),
    simIn: values["sim-main"] ? "main" : "worker",
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSummary(result)}\n`,
  );
}
