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

export const GROUP_QUERY_TYPES = [
  "status_abnormal",
  "stop_protected",
  "period_no_dr_drill",
] as const;

export const AVAILABILITY_ZONES = ["eu-de-01", "eu-de-02"] as const;

/** Protection group names; larger data sets number them (`prod-db-2`) to keep names unique. */
export const GROUP_BASE_NAMES = [
  "prod-db",
  "erp-app",
  "web-frontend",
  "sap-hana",
  "crm-backend",
  "billing-api",
  "mail-gateway",
  "Lager-Süd",
  "k8s-workers",
  "财务系统",
  "dwh-oracle",
  "file-share",
  "ldap-auth",
  "payment-core",
  "hr-portal",
  "logistics-mq",
] as const;

/** Failed resources get one of these now and then, so clients meet non-ASCII names. */
export const UNICODE_RESOURCE_NAMES = [
  "Datenbank-Primär",
  "数据库-备份",
  "Serveur-Comptabilité",
  "Réplica-São-Paulo",
  "ストレージ-01",
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
