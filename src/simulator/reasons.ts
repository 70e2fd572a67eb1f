import { catalogueMessage, isCatalogued } from "./catalogue.js";
import type { Rng } from "./rng.js";

/**
 * Why a task failed: the failing internal task, the error code and, for codes of other services,
 * the text SDRS relays. fail_reason reads `<task>-fail:<reason>` as in the documented example
 * ("SdrsGenerateNativeServerParamsTask-fail:volume is error!").
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
  return {
    error_code: template.code,
    fail_reason: `${template.task}-fail:${reasonText(template)}`,
  };
}

function reasonText(template: ReasonTemplate): string {
  if (template.detail !== undefined) return template.detail;
  if (isCatalogued(template.code)) return catalogueMessage(template.code);
  return "unknown error";
}
