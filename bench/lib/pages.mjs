// The pages the benchmarks serve, in the documented response shape of "Querying Failed Tasks"
// (GET /v1/{project_id}/task-center/failure-jobs, /work/shared/api-reference.md): seeded, so
// every run measures the same bytes.
//
// - unicodePage(n): n failed tasks whose fail_reasons are 1,500 characters of mixed scripts
//   (German, French, Chinese, Japanese, Russian, Greek), a little JSON and some emoji: the
//   worst ordinary case for every step that reads text (decoding, parsing, redaction checks,
//   cleaning).
// - chainPage(n): the realistic page of Java, Python and Go exception chains
//   (reason-chains.mjs), as SDRS answers when a step's stack trace is its reason.
import { reasonChainPage } from "./reason-chains.mjs";
import { seeded } from "./stats.mjs";

export const REASON_CHARS = 1500;

const KINDS = [
  ["protected_instances", "createFail", "createProtectedInstanceNoCG"],
  ["protectedInstance", "createFail", "createProtectedInstance"],
  ["protected_instances", "deleteFail", "deleteProtectedInstanceNoCG"],
  ["protected_instances", "resizeFail", "resizeProtectedInstanceNew"],
  ["replications", "expandFail", "expandReplicationPairNew"],
  ["replications", "attachFail", "attachReplicationPairNew"],
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
  ["VPC.0114", "SdrsCreatePortTask", "Insufficient IP addresses in subnet, cannot allocate port"],
  ["SDRS.1820", "SdrsExpandReplicationTask", "Failed to expand the replication pair."],
  ["SDRS.1030", "SdrsFailoverProtectionGroupTask", "Failed to perform a failover."],
];
const PIECES = [
  " Volumen im Zustand »error«: Primärseite nicht erreichbar, Replikation angehalten 🔥;",
  " 卷状态异常，无法创建复制对；请检查源端云硬盘。",
  " ボリュームが異常状態です。レプリケーションペアを作成できません。⚠️",
  " réplication interrompue: le volume source est en état d’erreur — réessayez plus tard ✖;",
  " Том находится в состоянии ошибки, репликация остановлена;",
  " Ο τόμος βρίσκεται σε κατάσταση σφάλματος 💾;",
  ' underlying response {"error_code":"EVS.2024","error_msg":"volume status is error"};',
  " request_id=9f1c2a7b4d6e8f00a1b2c3d4e5f60718, az=eu-de-01, target az=eu-de-02 🚨;",
  " Caused by: com.huawei.sdrs.exception.SdrsException: task execution failed after 3 retries;",
];
const NAMES = [
  "Datenbank-Primär",
  "数据库-备份",
  "Serveur-Comptabilité",
  "ストレージ-01",
  "🗄️-prod",
];

const hexOf = (next, n) =>
  Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join("");

/** `text` cut to at most `length` UTF-16 units, never inside a surrogate pair. */
function cutAt(text, length) {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** `tasks` failed tasks with 1,500-character unicode reasons, as a parsed page. */
export function unicodeJobs(tasks, seed = 23) {
  const next = seeded(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const epoch = Date.parse("2026-11-20T08:00:00.000Z");
  const jobs = [];
  for (let i = 0; i < tasks; i++) {
    const [resourceType, failureStatus, jobType] = pick(KINDS);
    const [errorCode, task, detail] = pick(CAUSES);
    let reason = `${task}-fail:${detail}`;
    while (reason.length < REASON_CHARS) reason += pick(PIECES);
    jobs.push({
      job_status: "FAIL",
      resource_id: `${hexOf(next, 8)}-${hexOf(next, 4)}-4${hexOf(next, 3)}-8${hexOf(next, 3)}-${hexOf(next, 12)}`,
      resource_name: i % 5 === 2 ? pick(NAMES) : `Protected-Instance-${hexOf(next, 4)}`,
      resource_type: resourceType,
      failure_status: failureStatus,
      job_id: hexOf(next, 32),
      job_type: jobType,
      begin_time: new Date(epoch - i * 37_000).toISOString(),
      error_code: errorCode,
      fail_reason: cutAt(reason, REASON_CHARS),
    });
  }
  return jobs;
}

/** The upstream body of a page of `tasks` unicode failures (count says more remain). */
export function unicodePage(tasks) {
  return JSON.stringify({ count: tasks + 250, failure_jobs: unicodeJobs(tasks) });
}

/** The upstream body of a page of `tasks` real-shaped exception chains. */
export function chainPage(tasks) {
  const jobs = reasonChainPage(tasks).map(({ cause: _cause, ...job }) => job);
  return JSON.stringify({ count: tasks + 250, failure_jobs: jobs });
}

export const PAGES = { unicode: unicodePage, chains: chainPage };
