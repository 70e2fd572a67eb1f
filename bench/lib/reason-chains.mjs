// A page of failed tasks whose fail_reasons are shaped like real ones: Java exception chains
// (what failed, 10-30 frames, `Caused by:` links with their own frames and `... N more`),
// Python tracebacks chained with "The above exception was the direct cause of the following
// exception:" (the innermost cause first), Go error chains (`outer: inner: root`), and the short
// `<Task>-fail:<reason>` of the official example. Each task remembers its innermost cause, so a
// reader can check whether an answer kept it. Seeded: every run builds the same page.
// Used by bench/root-causes.mjs and test/stress/root-causes.test.ts.
import { seeded } from "./stats.mjs";

const KINDS = [
  ["protected_instances", "createFail", "createProtectedInstanceNoCG", "EVS.2024"],
  ["protectedInstance", "createFail", "createProtectedInstance", "SDRS.1306"],
  ["protected_instances", "deleteFail", "deleteProtectedInstanceNoCG", "SDRS.1307"],
  ["protected_instances", "resizeFail", "resizeProtectedInstanceNew", "SDRS.1329"],
  ["replications", "attachFail", "attachReplicationPairNew", "SDRS.1821"],
  ["replications", "expandFail", "expandReplicationPairNew", "SDRS.1820"],
  ["replications", "createFail", "createReplicationPairNoCG", "SDRS.1812"],
  ["disaster_recovery_drills", "createFail", "createDisasterRecoveryDrill", "SDRS.1922"],
  ["server_groups", "failoverFail", "failoverProtectionGroupNoCG", "SDRS.1030"],
  ["server_groups", "reprotectFail", "reprotectProtectionGroupNoCG", "SDRS.1032"],
  ["server_groups", "reverseFail", "reverseProtectionGroupNoCG", "ECS.0001"],
];
const TASKS = [
  "SdrsFailoverProtectionGroupTask",
  "SdrsCreateReplicationPairTask",
  "SdrsExpandVolumeTask",
  "SdrsGenerateNativeServerParamsTask",
  "SdrsAttachVolumeTask",
  "SdrsCreateDrillNicTask",
];
const OUTER = [
  "com.huawei.sdrs.common.exception.SdrsException: failover failed",
  "com.huawei.sdrs.common.exception.SdrsException: job execute failed",
  "com.huawei.sdrs.task.TaskExecuteException: execute task SdrsCreateVolumeTask error",
  "java.lang.IllegalStateException: replication pair is not in a state that allows expansion",
];
const MIDDLE = [
  "com.huawei.sdrs.client.evs.EvsClientException: call evs api failed, response code 400",
  "com.huawei.sdrs.client.ecs.EcsClientException: create server failed",
  "java.util.concurrent.ExecutionException: java.lang.RuntimeException: subjob failed",
  "org.springframework.web.client.HttpClientErrorException$BadRequest: 400 Bad Request",
];
/** Innermost causes: type and message; some long, some not ASCII. */
const ROOTS = [
  [
    "java.util.concurrent.TimeoutException",
    "wait for volume status [available] timed out after 600s",
  ],
  ["java.net.ConnectException", "Connection refused (Connection refused)"],
  [
    "com.huawei.sdrs.client.evs.EvsException",
    'volume 3f2a9c1e-77b0-4d1a-9a55-0c6a8e2b41f7 status is error, cannot create snapshot {"code":"EVS.2024"}',
  ],
  [
    "com.huawei.sdrs.client.ecs.EcsException",
    "Quota exceeded for instances: Requested 1, but already used 200 of 200 instances",
  ],
  [
    "java.lang.IllegalArgumentException",
    "Volumen im Zustand »error«: Primärseite nicht erreichbar",
  ],
  [
    "com.huawei.sdrs.common.exception.SdrsException",
    "卷状态异常，无法创建复制对；请检查源端云硬盘。",
  ],
  ["java.io.IOException", "réplication interrompue: le volume source est en état d’erreur ✖"],
  ["java.lang.NullPointerException", ""],
];
const PACKAGES = [
  "com.huawei.sdrs.task.executor.TaskExecutor",
  "com.huawei.sdrs.service.impl.ReplicationServiceImpl",
  "com.huawei.sdrs.client.evs.EvsClient",
  "org.springframework.aop.framework.ReflectiveMethodInvocation",
  "java.util.concurrent.ThreadPoolExecutor$Worker",
  "com.huawei.sdrs.job.SubJobRunner",
];
const PY_ROOTS = [
  ["TimeoutError", "wait for volume 9b1f0c2e status available timed out after 600 s"],
  ["KeyError", "'replication_pair_id'"],
  ["sdrs_agent.errors.EvsError", "EVS answered 409: volume is attached to another server"],
  ["ConnectionResetError", "[Errno 104] Connection reset by peer"],
  ["ValueError", "Ungültige Kapazität: 0 GB – erwartet 10..32768"],
];
const GO_ROOTS = [
  "connection refused",
  "i/o timeout",
  "context deadline exceeded",
  "no such host",
  "volume 5c1d status error, 容量不足",
];
const OFFICIAL = [
  ["EVS.2024", "SdrsGenerateNativeServerParamsTask", "volume is error!"],
  ["SDRS.1030", "SdrsFailoverProtectionGroupTask", "Failed to perform the failover"],
  ["SDRS.1820", "SdrsExpandReplicationPairTask", "Failed to expand the replication pair"],
];

function makeTools(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const between = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const hex = (n) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join("");
  return { pick, between, hex };
}

function javaFrames({ pick, between }, count) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    const cls = pick(PACKAGES);
    const file = `${cls.split(".").at(-1).split("$")[0]}.java`;
    lines.push(`\tat ${cls}.run${between(0, 9)}(${file}:${between(20, 900)})`);
  }
  return lines;
}

function javaChain(t, task) {
  const depth = t.between(1, 3);
  const [rootType, rootMessage] = t.pick(ROOTS);
  const lines = [`${task}-fail:${t.pick(OUTER)}`, ...javaFrames(t, t.between(10, 30))];
  for (let d = 1; d < depth; d++) {
    lines.push(`Caused by: ${t.pick(MIDDLE)}`, ...javaFrames(t, t.between(3, 12)));
    lines.push(`\t... ${t.between(10, 40)} more`);
  }
  lines.push(`Caused by: ${rootType}${rootMessage ? `: ${rootMessage}` : ""}`);
  lines.push(...javaFrames(t, t.between(10, 30)), `\t... ${t.between(10, 40)} more`);
  return { reason: lines.join("\n"), cause: rootMessage || rootType };
}

function pythonChain(t, task) {
  const [rootType, rootMessage] = t.pick(PY_ROOTS);
  const frames = (n) =>
    Array.from({ length: n }, (_, i) => [
      `  File "/opt/sdrs/agent/${t.pick(["replication", "volumes", "jobs"])}.py", line ${t.between(10, 900)}, in step_${i}`,
      `    result = self._client.call(${t.pick(["volume_id", "pair_id", "server_id"])}, timeout=600)`,
    ]).flat();
  const blocks = [[...frames(t.between(2, 6)), `${rootType}: ${rootMessage}`]];
  const depth = t.between(1, 3);
  for (let d = 1; d < depth; d++) {
    blocks.push([
      ...frames(t.between(2, 8)),
      `sdrs_agent.errors.ReplicationError: replication pair ${t.hex(8)} could not be synchronised`,
    ]);
  }
  const linkers = [
    "The above exception was the direct cause of the following exception:",
    "During handling of the above exception, another exception occurred:",
  ];
  const text = blocks
    .map((b) => ["Traceback (most recent call last):", ...b].join("\n"))
    .reduce((all, b) => `${all}\n\n${t.pick(linkers)}\n\n${b}`);
  return { reason: `${task}-fail:${text}`, cause: rootMessage };
}

function goChain(t, task) {
  const root = t.pick(GO_ROOTS);
  const outer = [
    `create replication pair ${t.hex(8)}`,
    `attach volume ${t.hex(8)}-${t.hex(4)}`,
    `Post "https://evs.eu-de.otc.t-systems.com/v2/${t.hex(32)}/volumes/${t.hex(8)}/action"`,
    `dial tcp 100.125.${t.between(0, 255)}.${t.between(0, 255)}:443`,
  ].slice(0, t.between(2, 4));
  return { reason: `${task}-fail:${[...outer, root].join(": ")}`, cause: root };
}

/**
 * `tasks` failed tasks in the documented response shape, each with `cause`: the innermost cause
 * message its fail_reason carries.
 */
export function reasonChainPage(tasks = 1000, seed = 11) {
  const next = seeded(seed);
  const t = makeTools(next);
  const epoch = Date.parse("2026-11-20T08:00:00.000Z");
  const jobs = [];
  for (let i = 0; i < tasks; i++) {
    const [resourceType, failureStatus, jobType, code] = t.pick(KINDS);
    const task = t.pick(TASKS);
    const roll = next();
    const shaped =
      roll < 0.45
        ? javaChain(t, task)
        : roll < 0.65
          ? pythonChain(t, task)
          : roll < 0.85
            ? goChain(t, task)
            : (([, official, reason]) => ({ reason: `${official}-fail:${reason}`, cause: reason }))(
                t.pick(OFFICIAL),
              );
    jobs.push({
      job_status: "FAIL",
      resource_id: `${t.hex(8)}-${t.hex(4)}-4${t.hex(3)}-8${t.hex(3)}-${t.hex(12)}`,
      resource_name: `Protected-Instance-${t.hex(4)}`,
      resource_type: resourceType,
      failure_status: failureStatus,
      job_id: t.hex(32),
      job_type: jobType,
      begin_time: new Date(epoch - i * 37_000).toISOString(),
      error_code: code,
      fail_reason: shaped.reason,
      cause: shaped.cause,
    });
  }
  return jobs;
}

/** The shape of each task: java, python, go or plain (for reports). */
export function shapeOf(reason) {
  if (reason.includes("Traceback (most recent call last):")) return "python";
  if (reason.includes("\tat ")) return "java";
  return reason.split(": ").length >= 3 ? "go" : "plain";
}
