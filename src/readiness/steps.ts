/**
 * What a status means and the step it calls for, from documented facts only: the status
 * appendixes of the OTC API reference (protection group, protected instance, replication pair),
 * the fault_level description of a replication pair, and the user guide's prerequisites for
 * enabling protection (status available or error-starting), reprotection (failed-over or
 * error-reprotecting, DR-site servers stopped) and DR drills (regularly, once replication pairs
 * are synchronized). Where the sources name no repair, the step says so and points to the
 * failed task that recorded the cause.
 */
import { token } from "../format/render.js";

/** error-X statuses: the operation that failed and the failure_status its task is listed under. */
const FAILED_OPERATION: Record<string, readonly [operation: string, failureStatus: string]> = {
  error: ["creation", "createFail"],
  "error-deleting": ["deletion", "deleteFail"],
  "error-starting": ["enabling protection", "startFail"],
  "error-stopping": ["disabling protection", "stopFail"],
  "error-reversing": ["the planned failover", "reverseFail"],
  "error-failing-over": ["the failover", "failoverFail"],
  "error-reprotecting": ["reprotection", "reprotectFail"],
  "error-extending": ["capacity expansion", "expandFail"],
  "error-resizing": ["the specification change", "resizeFail"],
  "error-attaching": ["attaching to a protected instance", "attachFail"],
  "error-detaching": ["detaching from a protected instance", "detachFail"],
};

/** Statuses in which an operation is under way (all three appendixes). */
const UNDER_WAY = new Set([
  "creating",
  "deleting",
  "starting",
  "stopping",
  "reversing",
  "failing-over",
  "reprotecting",
  "extending",
  "resizing",
  "attaching",
  "detaching",
  "nic-creating",
  "nic-deleting",
]);

const ENABLE_PROTECTION =
  "Enable protection for the group (documented prerequisites: it has replication pairs and is available or error-starting).";
const REPROTECT =
  "Reprotect the group (documented prerequisites: failed-over or error-reprotecting, its DR-site servers stopped).";
export const RUN_DRILL =
  "Run a DR drill (the user guide recommends regular drills, once all replication pairs are synchronized).";

export function isFailedStatus(status: string): boolean {
  return status in FAILED_OPERATION;
}

export function isUnderWay(status: string): boolean {
  return UNDER_WAY.has(status);
}

/** "the failover failed" for error-failing-over; undefined for other statuses. */
export function failedOperation(status: string): string | undefined {
  const operation = FAILED_OPERATION[status]?.[0];
  return operation && `${operation} failed`;
}

/**
 * Operations that only a protection group has (enable or disable protection, planned failover,
 * failover, reprotection): a member left in error-starting, error-failing-over, … failed in its
 * group's operation, so the cause is the group's failed task.
 */
const GROUP_OPERATION_FAILURES = new Set([
  "startFail",
  "stopFail",
  "reverseFail",
  "failoverFail",
  "reprotectFail",
]);

/**
 * Where the cause of an error-X status is recorded: its failed task. A protection group's own
 * failed operations are listed at protection-group level, i.e. without server_group_id ("failed
 * tasks of the protection group level, such as failed protection group creation or deletion
 * tasks", OTC querying_failed_tasks.rst), with the group as the resource; a member's own
 * failed operations are listed inside its group.
 */
function failedTaskStep(
  status: string,
  serverGroupId: string,
  subject: "group" | "member",
): string {
  const failureStatus = FAILED_OPERATION[status]?.[1];
  const filter = failureStatus ? ` failure_status=${failureStatus}` : "";
  const id = token(serverGroupId);
  if (subject === "group" || GROUP_OPERATION_FAILURES.has(failureStatus ?? ""))
    return `${subject === "group" ? "Its" : "The group's"} failed task says why: list_failed_sdrs_tasks${filter} (protection-group level: the row with resource_id ${id}), then get_sdrs_job.`;
  return `Its failed task says why: list_failed_sdrs_tasks server_group_id=${id}${filter}, then get_sdrs_job.`;
}

/** The step for a group in `status` that is not protected, failed, or busy; null when protected. */
export function groupStatusStep(status: string, serverGroupId: string): string | null {
  if (status === "available" || status === "error-starting") {
    return status === "available"
      ? ENABLE_PROTECTION
      : `${ENABLE_PROTECTION} ${failedTaskStep(status, serverGroupId, "group")}`;
  }
  if (status === "failed-over") return REPROTECT;
  if (status === "error-reprotecting")
    return `${REPROTECT} ${failedTaskStep(status, serverGroupId, "group")}`;
  if (isFailedStatus(status)) return failedTaskStep(status, serverGroupId, "group");
  return null;
}

/** fault_level of a replication pair (OTC querying_replication_pairs.rst, HW ShowReplicationParams). */
export function faultLevelStep(level: string | null): string | undefined {
  if (level === "5")
    return "The replication link is disconnected: a failover is not allowed; contact customer service (documented).";
  if (level === "2")
    return "The production-site disk has no read/write permission: a failover is advised (documented).";
  return undefined;
}

/** Meaning of an abnormal member's status; `kind` words the invalid case as documented. */
export function memberMeaning(status: string, kind: "instance" | "pair"): string {
  const failed = failedOperation(status);
  if (failed) return failed;
  if (status === "fault")
    return kind === "pair"
      ? "the synchronization status of the replication pair is abnormal"
      : "the synchronization status of its replication pair is abnormal";
  if (status === "invalid")
    return kind === "pair"
      ? "a disk in the replication pair has been deleted"
      : "a server in the protected instance has been deleted";
  if (status === "") return "status not reported";
  return `listed by SDRS as abnormal in status ${token(status)}`;
}

/** The step for an abnormal protected instance or replication pair. */
export function memberStep(
  status: string,
  kind: "instance" | "pair",
  serverGroupId: string,
  faultLevel: string | null = null,
): string {
  const fault = faultLevelStep(faultLevel);
  if (fault) return fault;
  if (isFailedStatus(status)) return failedTaskStep(status, serverGroupId, "member");
  if (status === "fault" && kind === "instance")
    return "See its replication pair among the abnormal replication pairs: fault_level says whether a failover is possible.";
  return "The API reference documents no repair step for this status; check the group's failed tasks.";
}

/** replication_status (group or pair): what is documented about it, null when it is fine. */
export function syncProblem(status: string | null): string | null {
  if (status === "inactive") return "data is not synchronized (replication_status inactive)";
  if (status === "active-stopped")
    return "data synchronization is stopped (replication_status active-stopped)";
  if (status === "copying") return "data is being synchronized (replication_status copying)";
  return null;
}
