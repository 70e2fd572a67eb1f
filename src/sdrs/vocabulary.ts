/**
 * The API's own words: every enum a tool accepts or reports, in one module. Values as the OTC
 * API reference and Huawei's SDK models (huaweicloudsdksdrs/v1) list them.
 */

/** failure_status of failure-jobs ("Querying Failed Tasks"). */
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

/** resource_type filter of failure-jobs. Responses may spell them otherwise (protectedInstance). */
export const RESOURCE_TYPES = [
  "server_groups",
  "protected_instances",
  "replications",
  "disaster_recovery_drills",
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Protection group statuses (status appendix of the API reference). */
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
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** query_type of server-groups. */
export const GROUP_QUERY_TYPES = [
  "status_abnormal",
  "stop_protected",
  "period_no_dr_drill",
] as const;
export type GroupQueryType = (typeof GROUP_QUERY_TYPES)[number];

/** status of GET /v1/{project_id}/jobs/{job_id}. */
export const JOB_STATUSES = ["SUCCESS", "RUNNING", "FAIL", "INIT"] as const;
