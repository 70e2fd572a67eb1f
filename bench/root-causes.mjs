#!/usr/bin/env node
// Does a full page of real-shaped failures keep its root causes? 1000 failed tasks whose
// fail_reasons are Java exception chains with frames, chained Python tracebacks, Go error chains
// and the official example's short form (bench/lib/reason-chains.mjs), turned into
// list_failed_sdrs_tasks's answer by the built buildFailurePageResult. Counts the rows shown, the
// rows whose innermost cause survived (per shape), the rows still holding a stack frame, and the
// answer's size in characters and tokens (gpt-tokenizer, o200k_base).
//
// Usage: npm run build && node bench/root-causes.mjs [--dist path/to/dist] [--json]
// --dist measures another build (e.g. main's, built in a temporary clone) on the same page.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { reasonChainPage, shapeOf } from "./lib/reason-chains.mjs";
import { table } from "./lib/stats.mjs";

const TASKS = 1000;
/** A Java frame (`at pkg.Class.method(File.java:12)`) or a Python one (`File "x.py", line 3`). */
const FRAME = /\bat [\w$.]+\([\w$]+\.java:\d+\)|File "[^"]*", line \d+/;

export async function runRootCauses({ dist = new URL("../dist/", import.meta.url).href } = {}) {
  const base = dist.endsWith("/") ? dist : `${dist}/`;
  const { buildFailurePageResult } = await import(new URL("format/failure-page.js", base).href);
  const { failureJobsPageSchema } = await import(new URL("sdrs/schemas.js", base).href);
  const generated = reasonChainPage(TASKS);
  const body = JSON.stringify({
    count: TASKS,
    failure_jobs: generated.map(({ cause: _cause, ...job }) => job),
  });
  const page = failureJobsPageSchema.parse(JSON.parse(body));
  const { content, structuredContent } = buildFailurePageResult({
    projectId: "0605767e1f00d4b72f1ec0127a5e6a5b",
    filters: {},
    offset: 0,
    limit: TASKS,
    count: page.count,
    jobs: page.failure_jobs,
    rawResourceUri: "sdrs://responses/0badcafe-1",
  });
  const byId = new Map(generated.map((job) => [job.job_id, job]));
  const shapes = {};
  let kept = 0;
  let withFrames = 0;
  for (const row of structuredContent.tasks) {
    const job = byId.get(row.job_id);
    const shape = shapeOf(job.fail_reason);
    shapes[shape] ??= { shown: 0, kept: 0 };
    shapes[shape].shown++;
    if (row.fail_reason.includes(job.cause)) {
      kept++;
      shapes[shape].kept++;
    }
    if (FRAME.test(row.fail_reason)) withFrames++;
  }
  const serialized = JSON.stringify({ content, structuredContent });
  return {
    tasks: TASKS,
    rows_shown: structuredContent.tasks.length,
    rows_cause_kept: kept,
    rows_with_frames: withFrames,
    by_shape: shapes,
    shown_fail_reason_max_chars: Math.max(
      0,
      ...structuredContent.tasks.map((t) => t.fail_reason.length),
    ),
    result_chars: serialized.length,
    result_tokens: countTokens(serialized),
    tokenizer: "o200k_base (gpt-tokenizer)",
    pass: kept === structuredContent.tasks.length && serialized.length < 40_000,
  };
}

export function formatRootCauses(r) {
  const shapes = Object.entries(r.by_shape)
    .map(([shape, s]) => `${shape} ${s.kept}/${s.shown}`)
    .join(", ");
  return table(
    [`root causes: ${r.tasks} real-shaped failures`, "value"],
    [
      ["rows shown", r.rows_shown],
      ["rows whose innermost cause survived", r.rows_cause_kept],
      ["by shape (kept/shown)", shapes],
      ["rows still holding a stack frame", r.rows_with_frames],
      ["fail_reason in shown rows, max chars", r.shown_fail_reason_max_chars],
      ["result: JSON.stringify({content, structuredContent}), chars", r.result_chars],
      [`result tokens, ${r.tokenizer}`, r.result_tokens],
    ],
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: { dist: { type: "string" }, json: { type: "boolean" } },
  });
  const dist = values.dist ? pathToFileURL(resolve(values.dist)).href : undefined;
  const result = await runRootCauses(dist ? { dist } : {});
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatRootCauses(result)}\n`,
  );
}
