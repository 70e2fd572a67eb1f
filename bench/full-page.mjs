#!/usr/bin/env node
// A full page: 1000 failed tasks with long fail_reasons (300-600 characters, some non-ASCII), in
// the documented response shape (/work/shared/api-reference.md, "Querying Failed Tasks"), parsed
// with the client's schema and turned into the list tool's result by buildFailurePageResult.
// Times the build (median of many) and measures the result in characters and in tokens
// (gpt-tokenizer, o200k_base), next to the raw upstream body a pass-through server would send.
//
// Usage: npm run build && node bench/full-page.mjs [--iterations 200] [--json]
// Importable: fullPageBody(), runFullPage({ iterations }) (bench/run.mjs).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { buildFailurePageResult } from "../dist/format/failure-page.js";
import { failureJobsPageSchema } from "../dist/sdrs/schemas.js";
import { median, round, seeded, table } from "./lib/stats.mjs";

export const TASKS = 1000;
export const ENCODING = "o200k_base (gpt-tokenizer)";
const PROJECT_ID = "0605767e1f00d4b72f1ec0127a5e6a5b";

const KINDS = [
  ["protected_instances", "createFail", "createProtectedInstanceNoCG"],
  ["protectedInstance", "createFail", "createProtectedInstance"],
  ["protected_instances", "deleteFail", "deleteProtectedInstanceNoCG"],
  ["protected_instances", "resizeFail", "resizeProtectedInstanceNew"],
  ["protected_instances", "attachFail", "attachReplicationPairNew"],
  ["replications", "expandFail", "expandReplicationPairNew"],
  ["replications", "createFail", "createReplicationPairNoCG"],
  ["replications", "detachFail", "detachReplicationPairNew"],
  ["disaster_recovery_drills", "createFail", "createDisasterRecoveryDrill"],
  ["server_groups", "failoverFail", "failoverProtectionGroupNoCG"],
  ["server_groups", "reprotectFail", "reprotectProtectionGroupNoCG"],
];
const CAUSES = [
  ["EVS.2024", "SdrsGenerateNativeServerParamsTask", "volume is error!"],
  [
    "ECS.0001",
    "SdrsCreateNativeServerTask",
    'create server failed, response: {"error":{"message":"Quota exceeded for instances: Requested 1, but already used 200 of 200 instances","code":"Ecs.0000"}}',
  ],
  [
    "VPC.0114",
    "SdrsCreatePortTask",
    "Insufficient IP addresses in subnet 7c1b43f2-ea2d-4b7b-b0a5-5d1f3c2e9a11, cannot allocate port",
  ],
  ["SDRS.1820", "SdrsExpandReplicationTask", "Failed to expand the replication pair."],
  ["SDRS.1030", "SdrsFailoverProtectionGroupTask", "Failed to perform a failover."],
  ["IMS.0146", "SdrsCreateImageTask", "The image is not in the active state or has been deleted."],
];
const DETAILS = [
  " Caused by: com.huawei.sdrs.exception.SdrsException: task execution failed after 3 retries;",
  " at com.huawei.sdrs.task.executor.TaskExecutor.run(TaskExecutor.java:214);",
  ' underlying response {"error_code":"EVS.2024","error_msg":"volume status is error, cannot create snapshot"};',
  " request_id=9f1c2a7b4d6e8f00a1b2c3d4e5f60718, az=eu-de-01, target az=eu-de-02;",
  " Volumen im Zustand »error«: Primärseite nicht erreichbar, Replikation angehalten;",
  " 卷状态异常，无法创建复制对；请检查源端云硬盘。",
  " ボリュームが異常状態です。レプリケーションペアを作成できません。",
  " réplication interrompue: le volume source est en état d’erreur — réessayez plus tard ✖;",
  " the protected instance ecs-prod-db-01 (c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d) keeps its NICs;",
];
const NAMES = [
  "Datenbank-Primär",
  "数据库-备份",
  "Serveur-Comptabilité",
  "Réplica-São-Paulo",
  "ストレージ-01",
];

const hex = (next, n) =>
  Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join("");
const uuid = (next) =>
  `${hex(next, 8)}-${hex(next, 4)}-4${hex(next, 3)}-${"89ab"[Math.floor(next() * 4)]}${hex(next, 3)}-${hex(next, 12)}`;

/** The upstream body of one full page, as SDRS (and the simulator) would send it. */
export function fullPageBody(tasks = TASKS) {
  const next = seeded(7);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const epoch = Date.parse("2026-11-20T08:00:00.000Z");
  const failureJobs = [];
  for (let i = 0; i < tasks; i++) {
    const [resourceType, failureStatus, jobType] = pick(KINDS);
    const [errorCode, task, detail] = pick(CAUSES);
    const target = 300 + Math.floor(next() * 301);
    let reason = `${task}-fail:${detail}`;
    while (reason.length < target) reason += pick(DETAILS);
    reason = reason.slice(0, target).replace(/\s$/, ".");
    failureJobs.push({
      job_status: "FAIL",
      resource_id: uuid(next),
      resource_name: i % 7 === 3 ? pick(NAMES) : `Protected-Instance-${hex(next, 4)}`,
      resource_type: resourceType,
      failure_status: failureStatus,
      job_id: hex(next, 32),
      job_type: jobType,
      begin_time: new Date(epoch - i * 37_000 - Math.floor(next() * 30_000)).toISOString(),
      error_code: errorCode,
      fail_reason: reason,
    });
  }
  return JSON.stringify({ count: tasks + 250, failure_jobs: failureJobs });
}

/** @param {{ iterations?: number }} options */
export async function runFullPage({ iterations = 200 } = {}) {
  const body = fullPageBody();
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
    target_build_ms: 10,
    target_chars: 40_000,
    pass_build: buildMedian <= 10,
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
