/** The documented value sets, and the names the generated data is drawn from. */

export const FAILURE_STATUSES = [
  "createFail",
  "deleteFail",
  "attachFail",
  "detachFail",
  "expandFail",
  "resizeFail",
  "startFail",
  "stopFail",
  "reverseFail",
  "failoverFail",
  "reprotectFail",
] as const;

/** Values of the failure-jobs `resource_type` filter. */
export const RESOURCE_TYPE_FILTERS = [
  "server_groups",
  "protected_instances",
  "replications",
  "disaster_recovery_drills",
] as const;

/**
 * The documented example answers with `protectedInstance` where the filter says
 * `protected_instances`; these camelCase spellings count as the filter value they name.
 */
const CAMEL_CASE_RESOURCE_TYPES: Record<string, string> = {
  serverGroup: "server_groups",
  protectedInstance: "protected_instances",
  replication: "replications",
  disasterRecoveryDrill: "disaster_recovery_drills",
};

export function resourceTypeFilterValue(resourceType: string): string {
  return CAMEL_CASE_RESOURCE_TYPES[resourceType] ?? resourceType;
}

export const GROUP_STATUSES = [
  "creating",
  "available",
  "protected",
  "deleting",
  "error-deleting",
  "error",
  "starting",
  "error-starting",
  "reprotecting",
  "error-reprotecting",
  "stopping",
  "error-stopping",
  "reversing",
  "error-reversing",
  "failing-over",
  "failed-over",
  "error-failing-over",
] as const;

/** `general` is accepted and means no filter (OTC: "invalid when set to general or left empty"). */
export const GROUP_QUERY_TYPES = [
  "status_abnormal",
  "stop_protected",
  "period_no_dr_drill",
  "general",
] as const;

/** query_type of protected-instances and replications. */
export const RESOURCE_QUERY_TYPES = ["status_abnormal", "general"] as const;

/** OTC api-ref appendixes/protected_instance_status.rst. */
export const PROTECTED_INSTANCE_STATUSES = [
  "creating",
  "available",
  "deleting",
  "error-deleting",
  "error",
  "nic-creating",
  "nic-deleting",
  "starting",
  "error-starting",
  "protected",
  "reversing",
  "failing-over",
  "failed-over",
  "reprotecting",
  "stopping",
  "error-stopping",
  "error-reversing",
  "error-failing-over",
  "error-reprotecting",
  "resizing",
  "error-resizing",
  "invalid",
  "fault",
] as const;

/** OTC api-ref appendixes/replication_pair_status.rst. */
export const REPLICATION_STATUSES = [
  "creating",
  "available",
  "deleting",
  "error-deleting",
  "error",
  "extending",
  "error-extending",
  "starting",
  "error-starting",
  "protected",
  "reversing",
  "failing-over",
  "failed-over",
  "reprotecting",
  "stopping",
  "error-stopping",
  "error-reversing",
  "error-failing-over",
  "error-reprotecting",
  "invalid",
  "fault",
  "attaching",
  "detaching",
  "error-attaching",
  "error-detaching",
] as const;

/** OTC api-ref appendixes/dr_drill_status.rst. */
export const DRILL_STATUSES = [
  "creating",
  "available",
  "deleting",
  "error-deleting",
  "error",
] as const;

/**
 * What status_abnormal selects among protected instances and replication pairs. The docs say
 * only "abnormal status"; the simulator reads it as the failed (`error`, `error-*`) states and
 * the two the appendixes describe as broken: `invalid` (a server or disk was deleted) and
 * `fault` (synchronization abnormal).
 */
export function isAbnormalStatus(status: string): boolean {
  return (
    status === "error" || status.startsWith("error-") || status === "invalid" || status === "fault"
  );
}

export const AVAILABILITY_ZONES = ["eu-de-01", "eu-de-02"] as const;

/**
 * Protection group names; larger data sets number them (`prod-db-2`) to keep names unique. OTC
 * names are ASCII letters, digits, `.`, `_` and `-` only, so no other character appears.
 */
export const GROUP_BASE_NAMES = [
  "prod-db",
  "erp-app",
  "web-frontend",
  "sap-hana",
  "crm-backend",
  "billing-api",
  "mail-gateway",
  "lager_sued",
  "k8s-workers",
  "finance.ledger",
  "dwh-oracle",
  "file-share",
  "ldap-auth",
  "payment-core",
  "hr-portal",
  "logistics-mq",
] as const;

/** Failed resources get one of these now and then: every character OTC allows in a name. */
export const PUNCTUATED_RESOURCE_NAMES = [
  "db.primary_01",
  "DB-Backup.2",
  "srv_accounting-3",
  "replica.sao_paulo",
  "STORAGE-01.vol_a",
] as const;

export interface FailureKind {
  resourceType: string;
  failureStatus: string;
  /** job_type values an operation of this kind runs as (documented job types). */
  jobTypes: readonly string[];
  weight: number;
}

/** Operations on a protection group itself: listed without server_group_id. */
export const GROUP_LEVEL_KINDS: readonly FailureKind[] = [
  groupKind("createFail", "createProtectionGroupNoCG", 40),
  groupKind("deleteFail", "deleteProtectionGroupNoCG", 25),
  groupKind("startFail", "startProtectionGroupNoCG", 8),
  groupKind("stopFail", "stopProtectionGroupNoCG", 6),
  groupKind("reverseFail", "reverseProtectionGroupNoCG", 7),
  groupKind("failoverFail", "failoverProtectionGroupNoCG", 8),
  groupKind("reprotectFail", "reprotectProtectionGroupNoCG", 6),
];

/** Operations on what a group contains: listed with that group's server_group_id. */
export const IN_GROUP_KINDS: readonly FailureKind[] = [
  kind("protected_instances", "createFail", ["createProtectedInstanceNoCG"], 20),
  kind("protected_instances", "deleteFail", ["deleteProtectedInstanceNoCG"], 8),
  kind("protected_instances", "attachFail", ["attachReplicationPairNew", "addNicNew"], 6),
  kind("protected_instances", "detachFail", ["detachReplicationPairNew", "deleteNicNew"], 5),
  kind("protected_instances", "resizeFail", ["resizeProtectedInstanceNew"], 5),
  kind("replications", "createFail", ["createReplicationPairNoCG"], 14),
  kind("replications", "deleteFail", ["deleteReplicationPairNoCG"], 6),
  kind("replications", "expandFail", ["expandReplicationPairNew"], 10),
  kind("replications", "attachFail", ["attachReplicationPairNew"], 5),
  kind("replications", "detachFail", ["detachReplicationPairNew"], 4),
  kind("disaster_recovery_drills", "createFail", ["createDisasterRecoveryDrill"], 10),
  kind("disaster_recovery_drills", "deleteFail", ["deleteDisasterRecoveryDrill"], 7),
];

function groupKind(failureStatus: string, jobType: string, weight: number): FailureKind {
  return kind("server_groups", failureStatus, [jobType], weight);
}

function kind(
  resourceType: string,
  failureStatus: string,
  jobTypes: readonly string[],
  weight: number,
): FailureKind {
  return { resourceType, failureStatus, jobTypes, weight };
}
