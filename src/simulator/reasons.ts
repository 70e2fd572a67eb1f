import { catalogueMessage, isCatalogued } from "./catalogue.js";
import type { Rng } from "./rng.js";

/**
 * Why a task failed: the failing internal task, the error code and, for codes of other services,
 * the text SDRS relays. fail_reason reads `<task>-fail:<reason>` as in the documented example
 * ("SdrsGenerateNativeServerParamsTask-fail:volume is error!"); some reasons carry the trace the
 * failing component printed instead: a Java exception chain (the SDRS service), a chained Python
 * traceback (a replication driver) or a Go error chain (an agent), the documented reason as the
 * innermost cause.
 */
interface ReasonTemplate {
  task: string;
  code: string;
  /** For codes outside the SDRS catalogue; SDRS codes use the catalogue's message. */
  detail?: string;
}

const EVS_VOLUME_ERROR = { code: "EVS.2024", detail: "volume is error!" };
const ECS_QUOTA = {
  code: "ECS.0001",
  detail:
    'create server failed, response: {"error":{"message":"Quota exceeded for instances: Requested 1, but already used 200 of 200 instances","code":"Ecs.0000"}}',
};
const VPC_NO_IP = {
  code: "VPC.0114",
  detail:
    "Insufficient IP addresses in subnet 7c1b43f2-ea2d-4b7b-b0a5-5d1f3c2e9a11, cannot allocate port",
};
const IMS_IMAGE = {
  code: "IMS.0146",
  detail: "The image is not in the active state or has been deleted.",
};

const REASONS: Record<string, readonly ReasonTemplate[]> = {
  createProtectionGroupNoCG: [
    { task: "SdrsCreateProtectionGroupTask", code: "SDRS.1014" },
    { task: "SdrsCheckQuotaTask", code: "SDRS.0305" },
    { task: "SdrsQueryDomainTask", code: "SDRS.1011" },
  ],
  deleteProtectionGroupNoCG: [
    { task: "SdrsDeleteProtectionGroupTask", code: "SDRS.1016" },
    { task: "SdrsDeleteProtectionGroupTask", code: "SDRS.0008" },
  ],
  startProtectionGroupNoCG: [
    { task: "SdrsStartProtectionTask", code: "SDRS.1027" },
    { task: "SdrsStartProtectionTask", code: "SDRS.1830" },
  ],
  stopProtectionGroupNoCG: [{ task: "SdrsStopProtectionTask", code: "SDRS.1028" }],
  reverseProtectionGroupNoCG: [
    { task: "SdrsReverseProtectionGroupTask", code: "SDRS.1029" },
    { task: "SdrsStopNativeServerTask", code: "SDRS.1308" },
  ],
  failoverProtectionGroupNoCG: [
    { task: "SdrsFailoverProtectionGroupTask", code: "SDRS.1030" },
    { task: "SdrsFailoverProtectionGroupTask", code: "SDRS.0406" },
  ],
  reprotectProtectionGroupNoCG: [
    { task: "SdrsReprotectProtectionGroupTask", code: "SDRS.1032" },
    { task: "SdrsReprotectProtectionGroupTask", code: "SDRS.1002" },
  ],
  createProtectedInstanceNoCG: [
    { task: "SdrsGenerateNativeServerParamsTask", ...EVS_VOLUME_ERROR },
    { task: "SdrsCreateNativeServerTask", ...ECS_QUOTA },
    { task: "SdrsCreateNativeServerTask", ...IMS_IMAGE },
    { task: "SdrsCreateNativeServerTask", code: "SDRS.1306" },
    { task: "SdrsCreateProtectedInstanceTask", code: "SDRS.1350" },
    { task: "SdrsCheckServerTask", code: "SDRS.1357" },
    { task: "SdrsCheckServerTask", code: "SDRS.1359" },
    { task: "SdrsCheckServerTask", code: "SDRS.1322" },
  ],
  deleteProtectedInstanceNoCG: [
    { task: "SdrsDeleteNativeServerTask", code: "SDRS.1307" },
    { task: "SdrsDeleteProtectedInstanceTask", code: "SDRS.1351" },
    { task: "SdrsCheckServerTask", code: "SDRS.1316" },
  ],
  attachReplicationPairNew: [
    { task: "SdrsAttachReplicationPairTask", code: "SDRS.1821" },
    { task: "SdrsAttachVolumeTask", ...EVS_VOLUME_ERROR },
  ],
  detachReplicationPairNew: [{ task: "SdrsDetachReplicationPairTask", code: "SDRS.1822" }],
  addNicNew: [
    { task: "SdrsAddNicTask", code: "SDRS.1312" },
    { task: "SdrsCreatePortTask", ...VPC_NO_IP },
    { task: "SdrsCreatePortTask", code: "SDRS.1334" },
  ],
  deleteNicNew: [{ task: "SdrsDeleteNicTask", code: "SDRS.1313" }],
  resizeProtectedInstanceNew: [
    { task: "SdrsResizeServerTask", code: "SDRS.1329" },
    { task: "SdrsResizeServerTask", code: "SDRS.1341" },
  ],
  createReplicationPairNoCG: [
    { task: "SdrsCreateReplicationPairTask", code: "SDRS.1606" },
    { task: "SdrsCreateVolumeTask", code: "SDRS.1812" },
    { task: "SdrsCheckVolumeTask", code: "SDRS.1802" },
    { task: "SdrsCheckVolumeTask", code: "SDRS.1801" },
    { task: "SdrsCheckQuotaTask", code: "SDRS.0306" },
  ],
  deleteReplicationPairNoCG: [
    { task: "SdrsDeleteReplicationPairTask", code: "SDRS.1607" },
    { task: "SdrsDeleteVolumeTask", code: "SDRS.1813" },
  ],
  expandReplicationPairNew: [
    { task: "SdrsExpandReplicationPairTask", code: "SDRS.1820" },
    { task: "SdrsExpandReplicationPairTask", code: "SDRS.1832" },
    { task: "SdrsExpandVolumeTask", ...EVS_VOLUME_ERROR },
  ],
  createDisasterRecoveryDrill: [
    { task: "SdrsCreateDrillTask", code: "SDRS.1922" },
    { task: "SdrsCreateDrillVolumeTask", code: "SDRS.1905" },
    { task: "SdrsCreateDrillNicTask", code: "SDRS.1912" },
    { task: "SdrsCreateDrillNicTask", code: "SDRS.1910" },
    { task: "SdrsCreateDrillVpcTask", code: "SDRS.1929" },
  ],
  deleteDisasterRecoveryDrill: [
    { task: "SdrsDeleteDrillTask", code: "SDRS.1923" },
    { task: "SdrsDeleteDrillNicTask", code: "SDRS.1918" },
  ],
};

/** Rare and long: a server-side exception text, the kind that tests an output budget. */
const INTERNAL_ERROR: ReasonTemplate = {
  task: "SdrsJobExecuteTask",
  code: "SDRS.0013",
  detail:
    "Internal error; com.huawei.sdrs.common.exception.SdrsException: job execute failed, " +
    "caused by java.util.concurrent.TimeoutException: wait for volume status [available] timed " +
    "out after 600000 ms; last status [creating]; retried 3 times, last request id " +
    "req-1f6b7a43-0b7e-4c5d-9a4e-2f8c6d1e0b93",
};

export interface FailureCause {
  error_code: string;
  fail_reason: string;
}

export function failureCause(rng: Rng, jobType: string): FailureCause {
  const templates = REASONS[jobType];
  const template =
    templates === undefined || rng.chance(0.03) ? INTERNAL_ERROR : rng.pick(templates);
  const shape = rng.weighted(SHAPES);
  return {
    error_code: template.code,
    fail_reason: `${template.task}-fail:${TRACES[shape](rng, template.task, reasonText(template))}`,
  };
}

type Shape = "plain" | "java" | "python" | "go";
const SHAPES: readonly (readonly [Shape, number])[] = [
  ["plain", 55],
  ["java", 25],
  ["python", 10],
  ["go", 10],
];

const TRACES: Record<Shape, (rng: Rng, task: string, reason: string) => string> = {
  plain: (_rng, _task, reason) => reason,
  java: javaTrace,
  python: pythonTrace,
  go: goTrace,
};

const JAVA_CLASSES = [
  ["com.huawei.sdrs.task.executor.TaskExecutor", "execute"],
  ["com.huawei.sdrs.task.executor.TaskExecutor", "runSubTask"],
  ["com.huawei.sdrs.service.impl.ProtectionGroupServiceImpl", "failover"],
  ["com.huawei.sdrs.service.impl.ReplicationPairServiceImpl", "waitVolumeStatus"],
  ["com.huawei.sdrs.client.evs.EvsClient", "showVolume"],
  ["com.huawei.sdrs.client.ecs.EcsClient", "createServer"],
  ["org.springframework.aop.framework.ReflectiveMethodInvocation", "proceed"],
  ["java.util.concurrent.FutureTask", "run"],
  ["java.util.concurrent.ThreadPoolExecutor", "runWorker"],
  ["java.util.concurrent.ThreadPoolExecutor$Worker", "run"],
  ["java.lang.Thread", "run"],
] as const;

function javaFrames(rng: Rng, count: number): string[] {
  return Array.from({ length: count }, () => {
    const [cls, method] = rng.pick(JAVA_CLASSES);
    const file = cls.slice(cls.lastIndexOf(".") + 1).split("$")[0];
    return `\tat ${cls}.${method}(${file}.java:${rng.int(40, 900)})`;
  });
}

/**
 * As Throwable.printStackTrace prints a chain: the outer exception and its frames, each cause
 * on a `Caused by:` line with its own frames, the frames it shares with the one above folded
 * into `... N more`. The documented reason is the innermost cause.
 */
function javaTrace(rng: Rng, task: string, reason: string): string {
  const lines = [
    `com.huawei.sdrs.common.exception.SdrsException: ${task} execute failed`,
    ...javaFrames(rng, rng.int(10, 24)),
  ];
  if (rng.chance(0.5)) {
    lines.push(
      "Caused by: java.util.concurrent.ExecutionException: com.huawei.sdrs.common.exception.SdrsTaskException: sub task failed",
      ...javaFrames(rng, rng.int(3, 8)),
      `\t... ${rng.int(12, 30)} more`,
    );
  }
  lines.push(
    `Caused by: com.huawei.sdrs.common.exception.SdrsTaskException: ${reason}`,
    ...javaFrames(rng, rng.int(10, 30)),
    `\t... ${rng.int(12, 40)} more`,
  );
  return lines.join("\n");
}

/** Python's chained traceback: the innermost cause's traceback first, what failed last. */
function pythonTrace(rng: Rng, task: string, reason: string): string {
  const frame = (file: string, fn: string, code: string) => [
    `  File "/opt/cloud/sdrs-driver/${file}", line ${rng.int(30, 700)}, in ${fn}`,
    `    ${code}`,
  ];
  return [
    "Traceback (most recent call last):",
    ...frame(
      "replication/volume.py",
      "wait_for_status",
      'status = self._evs.get_volume(volume_id)["status"]',
    ),
    ...frame("clients/evs.py", "get_volume", "raise DriverError(body.get('message', reason))"),
    `sdrs_driver.errors.DriverError: ${reason}`,
    "",
    "The above exception was the direct cause of the following exception:",
    "",
    "Traceback (most recent call last):",
    ...frame("tasks/runner.py", "run", "result = step.execute(context)"),
    ...frame("tasks/runner.py", "execute", "raise TaskFailed(self.name) from exc"),
    `sdrs_driver.errors.TaskFailed: ${task} failed`,
  ].join("\n");
}

/** A Go agent's error: each layer adds its context in front, `outer: inner: root`. */
function goTrace(rng: Rng, _task: string, reason: string): string {
  return [
    `sync replication pair ${rng.uuid()}`,
    `write block range ${rng.int(0, 4096)}-${rng.int(4097, 65536)} to DR site`,
    `dial tcp 100.125.${rng.int(0, 255)}.${rng.int(1, 254)}:${rng.pick([443, 7443, 8443])}`,
    reason,
  ].join(": ");
}

function reasonText(template: ReasonTemplate): string {
  if (template.detail !== undefined) return template.detail;
  if (isCatalogued(template.code)) return catalogueMessage(template.code);
  return "unknown error";
}
