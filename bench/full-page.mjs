#!/usr/bin/env node
// A full page: 1000 failed tasks with 1,500-character unicode fail_reasons (lib/pages.mjs, the
// page bench/overhead.mjs serves), parsed with the client's schema and turned into the list
// tool's result by buildFailurePageResult, in this process: the formatting step alone.
// Times the build (median of many) and measures the result in characters and in tokens
// (gpt-tokenizer, o200k_base), next to the raw upstream body a pass-through server would send.
//
// Usage: npm run build && node bench/full-page.mjs [--iterations 200] [--json]
// Importable: runFullPage({ iterations }) (bench/run.mjs).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { buildFailurePageResult } from "../dist/format/failure-page.js";
import { failureJobsPageSchema } from "../dist/sdrs/schemas.js";
import { unicodePage } from "./lib/pages.mjs";
import { median, round, table } from "./lib/stats.mjs";

export const TASKS = 1000;
export const ENCODING = "o200k_base (gpt-tokenizer)";
const PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";

/** @param {{ iterations?: number }} options */
export async function runFullPage({ iterations = 200 } = {}) {
  const body = unicodePage(TASKS);
  const parseMs = [];
  let page;
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    page = failureJobsPageSchema.parse(JSON.parse(body));
    parseMs.push(performance.now() - started);
  }
  const input = {
    projectId: PROJECT_ID,
    filters: {},
    offset: 0,
    limit: TASKS,
    count: page.count,
    jobs: page.failure_jobs,
    rawResourceUri: "sdrs://responses/0badcafe-1",
  };
  for (let i = 0; i < 10; i++) buildFailurePageResult(input); // warm-up
  const buildMs = [];
  let result;
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    result = buildFailurePageResult(input);
    buildMs.push(performance.now() - started);
  }
  const { content, structuredContent } = result;
  const serialized = JSON.stringify({ content, structuredContent });
  const reasons = page.failure_jobs.map((j) => j.fail_reason.length);
  const shownReasons = structuredContent.tasks.map((t) => t.fail_reason.length);
  const resultTokens = countTokens(serialized);
  const rawTokens = countTokens(body);
  const buildMedian = median(buildMs);
  return {
    tasks: TASKS,
    fail_reason_chars: { min: Math.min(...reasons), max: Math.max(...reasons) },
    non_ascii_tasks: page.failure_jobs.filter((j) =>
      /[^\x20-\x7e]/.test(j.fail_reason + j.resource_name),
    ).length,
    parse_median_ms: round(median(parseMs), 2),
    build_iterations: iterations,
    build_median_ms: round(buildMedian, 2),
    build_p90_ms: round(buildMs.sort((a, b) => a - b)[Math.floor(iterations * 0.9)], 2),
    rows_shown: structuredContent.tasks.length,
    rows_omitted: structuredContent.tasks_omitted,
    shown_fail_reason_max_chars: Math.max(0, ...shownReasons),
    result_chars: serialized.length,
    result_tokens: resultTokens,
    raw_body_chars: body.length,
    raw_body_tokens: rawTokens,
    raw_vs_result_chars: round(body.length / serialized.length, 1),
    raw_vs_result_tokens: round(rawTokens / resultTokens, 1),
    tokenizer: ENCODING,
    target_chars: 40_000,
    pass_chars: serialized.length <= 40_000,
  };
}

export function formatFullPage(r) {
  return table(
    [
      `full page: ${r.tasks} tasks, fail_reason ${r.fail_reason_chars.min}-${r.fail_reason_chars.max} chars`,
      "value",
    ],
    [
      ["parse (JSON.parse + failureJobsPageSchema), median ms", r.parse_median_ms.toFixed(2)],
      [`buildFailurePageResult, median of ${r.build_iterations}, ms`, r.build_median_ms.toFixed(2)],
      ["rows shown / omitted (all in the raw resource)", `${r.rows_shown} / ${r.rows_omitted}`],
      ["fail_reason in shown rows, max chars", r.shown_fail_reason_max_chars],
      ["result: JSON.stringify({content, structuredContent}), chars", r.result_chars],
      [`result tokens, ${r.tokenizer}`, r.result_tokens],
      ["raw upstream body (pass-through), chars", r.raw_body_chars],
      ["raw upstream body tokens", r.raw_body_tokens],
      ["raw / result, chars | tokens", `${r.raw_vs_result_chars}x | ${r.raw_vs_result_tokens}x`],
    ],
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({
    options: { iterations: { type: "string", default: "200" }, json: { type: "boolean" } },
  });
  const result = await runFullPage({ iterations: Number(values.iterations) });
  process.stdout.write(
    values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatFullPage(result)}\n`,
  );
}
