/**
 * The API's own words: every enum a tool accepts or reports, in one module, each with the
 * official source it was read from. Sources (the same files test/official/*.json records):
 * - OTC: opentelekomcloud-docs/storage-disaster-recovery-service api-ref/source/apis/** and
 *   appendixes/** (the Open Telekom Cloud API reference);
 * - HW: Huawei's SDRS models, huaweicloud-sdk-python-v3 huaweicloudsdksdrs/v1/model/*.py,
 *   huaweicloud-sdk-go-v3 services/sdrs/v1/model/*.go and the OpenAPI file of Huawei's SDRS MCP
 *   server (HuaweiCloudDeveloper/mcp-server mcp_server_sdrs/config/sdrs.json).
 */

/** failure_status of failure-jobs (OTC querying_failed_tasks.rst; HW FailureJobParams, ListFailureJobsRequest). */
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
export type FailureStatus = (typeof FAILURE_STATUSES)[number];

/** resource_type of failure-jobs, filter and response (OTC querying_failed_tasks.rst; HW FailureJobParams). */
export const RESOURCE_TYPES = [
  "server_groups",
  "protected_instances",
  "replications",
  "disaster_recovery_drills",
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Response spellings of resource_type seen in official material, with the filter term they
 * stand for. Only `protectedInstance` is attested (the OTC list example). No source shows a
 * spelling for the other three (a "serverGroup" or "replication" would be a guess), so they are
 * not mapped.
 */
const RESOURCE_TYPE_SPELLINGS: Readonly<Record<string, ResourceType>> = {
  protectedInstance: "protected_instances",
};

/**
 * The filter-vocabulary term for a resource_type as a response spells it: the documented terms
 * and the attested spellings map to a term, anything else to undefined (report it as it came).
 */
export function resourceTypeTerm(raw: string): ResourceType | undefined {
  if ((RESOURCE_TYPES as readonly string[]).includes(raw)) return raw as ResourceType;
  return Object.hasOwn(RESOURCE_TYPE_SPELLINGS, raw) ? RESOURCE_TYPE_SPELLINGS[raw] : undefined;
}

/** Protection group status (OTC appendixes/protection_group_status.rst). */
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

/**
 * query_type of server-groups that select something (OTC querying_protection_groups.rst; HW
 * ListProtectionGroupsRequest): status_abnormal = groups in an abnormal status; stop_protected =
 * groups whose protection is disabled; period_no_dr_drill = no DR drill within a period, three
 * months by default. The API also takes `general`, which (like no value) filters nothing, so it
 * is not offered. HW's Go SDK and OpenAPI file spell the second " stop_protected" (leading space,
 * a generator slip): the API reference's spelling is sent.
 */
export const GROUP_QUERY_TYPES = [
  "status_abnormal",
  "stop_protected",
  "period_no_dr_drill",
] as const;
export type GroupQueryType = (typeof GROUP_QUERY_TYPES)[number];

/**
 * query_type of protected-instances and replications (OTC querying_protected_instances.rst,
 * querying_replication_pairs.rst; HW ListProtectedInstancesRequest, ListReplicationsRequest):
 * only status_abnormal selects; general or none filters nothing.
 */
export const LISTING_QUERY_TYPES = ["status_abnormal"] as const;
export type ListingQueryType = (typeof LISTING_QUERY_TYPES)[number];

/** Protected instance status (OTC appendixes/protected_instance_status.rst). */
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

/** Replication pair status (OTC appendixes/replication_pair_status.rst). */
export const REPLICATION_PAIR_STATUSES = [
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

/**
 * replication_status of a protection group or replication pair (OTC querying_protection_groups.rst
 * and querying_replication_pairs.rst; HW ShowProtectionGroupParams, ShowReplicationParams); null
 * (or the literal "null") for groups created after the service upgrade.
 */
export const REPLICATION_STATUSES = ["active", "inactive", "copying", "active-stopped"] as const;

/** DR drill status (OTC appendixes/dr_drill_status.rst). */
export const DRILL_STATUSES = [
  "creating",
  "available",
  "deleting",
  "error-deleting",
  "error",
] as const;

/**
 * Whether a value the API documents as possibly null says nothing: null, absent, empty, or the
 * literal string "null" (listed as a value by Huawei's enums). Such a field is unknown, never
 * "fine" and never printed as "null".
 */
function isUnknown(value: string | null | undefined): value is null | undefined | "" | "null" {
  return value === null || value === undefined || value === "" || value === "null";
}

/** The value, or null when it says nothing (see isUnknown). */
export function knownOrNull(value: string | null | undefined): string | null {
  return isUnknown(value) ? null : value;
}
