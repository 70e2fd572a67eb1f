/**
 * What a status means and the step it calls for, from documented facts only, each step naming
 * its source in its own words ("[API reference: …]", "[user guide: …]"), so that a reader can
 * tell SDRS's documentation from sdrs-mcp's own suggestions (marked "sdrs-mcp suggests").
 * The sources, all in opentelekomcloud-docs/storage-disaster-recovery-service:
 * - api-ref/source/appendixes/{protection_group,protected_instance,replication_pair,
 *   dr_drill}_status.rst: what each status means;
 * - api-ref/source/apis/replication_pair/querying_replication_pairs.rst: fault_level ("5: The
 *   replication link is disconnected. In this case, a failover is not allowed. Contact customer
 *   service."; "2: … you are advised to perform a failover"), replication_status, progress;
 * - api-ref/source/apis/protection_group/performing_a_failover_for_a_protection_group.rst
 *   ("status of the protection group must be protected, error-failing-over, or error-reversing")
 *   and umn/source/management/managing_protection_groups/performing_a_failover.rst ("Protecting,
 *   Switchover failed, or Failover failed");
 * - api-ref/source/apis/protection_group/performing_a_planned_failover_for_a_protection_group.rst
 *   ("protected or error-reversing"; "All servers at the current production site … are stopped")
 *   and umn/…/performing_a_switchover.rst;
 * - api-ref/source/apis/protection_group/enabling_protection_or_enabling_protection_again_for_a_
 *   protection_group.rst (enable: "available or error-starting", replication pairs; enable again:
 *   "failed-over or error-reprotecting", DR-site servers stopped);
 * - umn/source/management/managing_dr_drills/performing_a_dr_drill.rst ("you are recommended to
 *   perform DR drills regularly"; "perform a DR drill after all replication pairs are
 *   synchronized") and deleting_a_dr_drill.rst (a drill in "Creation failed" can be deleted);
 * - api-ref/source/apis/task_center/querying_failed_tasks.rst: where a failed task is listed.
 * test/fixtures/readiness-steps.json holds the same table (status -> step -> source) as a test.
 */
import { token } from "../format/render.js";

/** A step and the document it comes from. */
export interface Step {
  text: string;
  source: string;
}

/** The documents steps cite, in the words a step text names them. */
export const SOURCES = {
  groupStatus: "API reference: Protection Group Status",
  instanceStatus: "API reference: Protected Instance Status",
  pairStatus: "API reference: Replication Pair Status",
  drillStatus: "API reference: DR Drill Status",
  faultLevel: "API reference: Querying Replication Pairs, fault_level",
  replicationStatus: "API reference: Querying Replication Pairs, replication_status",
  failover:
    "API reference: Performing a Failover for a Protection Group; user guide: Performing a Failover",
  plannedFailover:
    "API reference: Performing a Planned Failover for a Protection Group; user guide: Performing a Switchover",
  enableProtection: "API reference: Enabling Protection or Enabling Protection Again",
  drills: "user guide: Performing a DR Drill",
  deleteDrill: "user guide: Deleting a DR Drill",
  periodNoDrill: "API reference: Querying Protection Groups, query_type=period_no_dr_drill",
  health: "API reference: Querying Protection Groups, health_status",
  failedTasks: "API reference: Querying Failed Tasks",
  protectedInstance: "user guide: Step 2: Create a Protected Instance",
  errorCodes: "API reference: Error Codes",
} as const;

/** "text [source]": the step as said, naming where it comes from. */
function cite(text: string, source: string): Step {
  return { text: `${text} [${source}]`, source };
}

/** Two steps in one, each keeping its citation; the source of the first leads. */
function and(first: Step, then: Step): Step {
  return { text: `${first.text} ${then.text}`, source: `${first.source}; ${then.source}` };
}

/** error-X statuses: the operation that failed and the failure_status its task is listed under. */
const FAILED_OPERATION: ReadonlyMap<string, readonly [operation: string, failureStatus: string]> =
  new Map([
    ["error", ["creation", "createFail"]],
    ["error-deleting", ["deletion", "deleteFail"]],
    ["error-starting", ["enabling protection", "startFail"]],
    ["error-stopping", ["disabling protection", "stopFail"]],
    ["error-reversing", ["the planned failover", "reverseFail"]],
    ["error-failing-over", ["the failover", "failoverFail"]],
    ["error-reprotecting", ["reprotection", "reprotectFail"]],
    ["error-extending", ["capacity expansion", "expandFail"]],
    ["error-resizing", ["the specification change", "resizeFail"]],
    ["error-attaching", ["attaching to a protected instance", "attachFail"]],
    ["error-detaching", ["detaching from a protected instance", "detachFail"]],
  ]);

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

const ENABLE_PROTECTION = cite(
  "Enable protection: SDRS allows it from available or error-starting, with replication pairs in the group.",
  SOURCES.enableProtection,
);
const REPROTECT = cite(
  "Reprotect (enable protection again): SDRS allows it from failed-over or error-reprotecting, with the DR-site servers stopped.",
  SOURCES.enableProtection,
);
export const RUN_DRILL = cite(
  "Run a DR drill: drills are recommended regularly, once all replication pairs are synchronized.",
  SOURCES.drills,
);

export function isFailedStatus(status: string): boolean {
  return FAILED_OPERATION.has(status);
}

export function isUnderWay(status: string): boolean {
  return UNDER_WAY.has(status);
}

/** "the failover failed" for error-failing-over; undefined for other statuses. */
export function failedOperation(status: string): string | undefined {
  const operation = FAILED_OPERATION.get(status)?.[0];
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
 * Where the cause of an error-X status is recorded: its failed task. That a protection group's
 * own failed operations are listed without server_group_id, with the group as the resource, is
 * sdrs-mcp's reading of the API reference ("failed tasks of all protection groups or failed
 * tasks in a specified protection group"), and the step says so; a member's own failed
 * operations are listed inside its group.
 */
function failedTaskStep(status: string, serverGroupId: string, subject: "group" | "member"): Step {
  const failureStatus = FAILED_OPERATION.get(status)?.[1];
  const filter = failureStatus ? ` failure_status=${failureStatus}` : "";
  const id = token(serverGroupId);
  if (subject === "group" || GROUP_OPERATION_FAILURES.has(failureStatus ?? ""))
    return cite(
      `${subject === "group" ? "Its" : "The group's"} failed task says why: list_failed_sdrs_tasks${filter}, the row with resource_id ${id} (listed without server_group_id as sdrs-mcp reads the API reference; else look inside the group), then get_sdrs_job.`,
      SOURCES.failedTasks,
    );
  return cite(
    `Its failed task says why: list_failed_sdrs_tasks server_group_id=${id}${filter}, then get_sdrs_job.`,
    SOURCES.failedTasks,
  );
}

/**
 * Whether any replication pair of the group has fault_level 5 ("a failover is not allowed"):
 * true, false, or null when the pairs could not be read.
 */
export type LinkDown = boolean | null;

/** Retrying a failover, as the API reference and the user guide allow it, unless fault_level 5. */
function retryFailover(status: "error-failing-over" | "error-reversing", linkDown: LinkDown): Step {
  if (linkDown)
    return cite(
      `SDRS allows a failover from ${status}, but not now: a replication pair has fault_level 5 (link disconnected, failover not allowed; contact customer service).`,
      `${SOURCES.failover}; ${SOURCES.faultLevel}`,
    );
  const unless =
    linkDown === null
      ? "unless a replication pair has fault_level 5 (the pairs could not be read)"
      : "not while a replication pair has fault_level 5 (none has now)";
  if (status === "error-failing-over")
    return cite(
      `The failover may be retried: SDRS allows a failover from protected, error-failing-over or error-reversing, ${unless}.`,
      SOURCES.failover,
    );
  return and(
    cite(
      "The planned failover may be retried from error-reversing, with all servers at the current production site stopped.",
      SOURCES.plannedFailover,
    ),
    cite(`A failover is allowed from error-reversing too, ${unless}.`, SOURCES.failover),
  );
}

/** The step for a group in `status` that is not protected, failed, or busy; null when protected. */
export function groupStatusStep(
  status: string,
  serverGroupId: string,
  linkDown: LinkDown = false,
): Step | null {
  if (status === "available") return ENABLE_PROTECTION;
  if (status === "error-starting")
    return and(ENABLE_PROTECTION, failedTaskStep(status, serverGroupId, "group"));
  if (status === "failed-over") return REPROTECT;
  if (status === "error-reprotecting")
    return and(REPROTECT, failedTaskStep(status, serverGroupId, "group"));
  if (status === "error-failing-over" || status === "error-reversing")
    return and(retryFailover(status, linkDown), failedTaskStep(status, serverGroupId, "group"));
  if (isFailedStatus(status)) return failedTaskStep(status, serverGroupId, "group");
  return null;
}

/** fault_level of a replication pair (OTC querying_replication_pairs.rst, HW ShowReplicationParams). */
export function faultLevelStep(level: string | null): Step | undefined {
  if (level === "5")
    return cite(
      "The replication link is disconnected: a failover is not allowed; contact customer service.",
      SOURCES.faultLevel,
    );
  if (level === "2")
    return cite(
      "The production-site disk has no read/write permission: a failover is advised.",
      SOURCES.faultLevel,
    );
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

const NO_REPAIR = "SDRS documents no repair step for this status";
const SUGGEST_FAILED_TASKS = "sdrs-mcp suggests reading the group's failed tasks.";

/** The step for an abnormal protected instance or replication pair. */
export function memberStep(
  status: string,
  kind: "instance" | "pair",
  serverGroupId: string,
  faultLevel: string | null = null,
): Step {
  const fault = faultLevelStep(faultLevel);
  if (fault) return fault;
  if (isFailedStatus(status)) return failedTaskStep(status, serverGroupId, "member");
  if (status === "fault" && kind === "instance")
    return cite(
      "See its replication pair among the abnormal replication pairs: its fault_level says whether a failover is allowed.",
      `${SOURCES.instanceStatus}; ${SOURCES.faultLevel}`,
    );
  const source = kind === "pair" ? SOURCES.pairStatus : SOURCES.instanceStatus;
  return cite(`${NO_REPAIR}; ${SUGGEST_FAILED_TASKS}`, source);
}

/** replication_status (group or pair): what is documented about it, null when it is fine. */
export function syncProblem(status: string | null): string | null {
  if (status === "inactive") return "data is not synchronized (replication_status inactive)";
  if (status === "active-stopped")
    return "data synchronization is stopped (replication_status active-stopped)";
  if (status === "copying") return "data is being synchronized (replication_status copying)";
  return null;
}

/** " (synchronization progress 40%)" when SDRS reports one; progress is a percentage. */
export function progressNote(progress: number | null | undefined): string {
  return typeof progress === "number" ? ` (synchronization progress ${progress}%)` : "";
}

/** The step for data that is not synchronized while protection is on (group or pair). */
export function syncStep(status: string | null): Step | null {
  if (status === "copying")
    return cite(
      "Wait until synchronization completes before a DR drill: a drill server may fail to start before it does.",
      `${SOURCES.replicationStatus}; ${SOURCES.drills}`,
    );
  if (status === "inactive" || status === "active-stopped")
    return cite(
      `SDRS documents no repair step for replication_status ${status}, and a DR drill before all pairs are synchronized may fail to start; ${SUGGEST_FAILED_TASKS}`,
      `${SOURCES.replicationStatus}; ${SOURCES.drills}`,
    );
  return null;
}

/** A DR drill in status error ("Failed to create the DR drill"). */
export function failedDrillStep(serverGroupId: string): Step {
  return and(
    cite(
      `Its failed task says why: list_failed_sdrs_tasks server_group_id=${token(serverGroupId)} resource_type=disaster_recovery_drills failure_status=createFail.`,
      `${SOURCES.drillStatus}; ${SOURCES.failedTasks}`,
    ),
    cite("A drill whose creation failed can be deleted.", SOURCES.deleteDrill),
  );
}

/** A group SDRS itself reports as abnormal: no documented step, so sdrs-mcp's own suggestion. */
export function abnormalGroupStep(serverGroupId: string): Step {
  return cite(
    `SDRS documents no step for an abnormal group; sdrs-mcp suggests checking its protected instances, replication pairs and failed tasks (server_group_id=${token(serverGroupId)}).`,
    SOURCES.health,
  );
}

/** Failed tasks recorded in a group. */
export function readFailuresStep(serverGroupId: string): Step {
  return cite(
    `Read them: list_failed_sdrs_tasks server_group_id=${token(serverGroupId)}.`,
    SOURCES.failedTasks,
  );
}

/** Members listed in the answer's rows: where their steps are. */
export function seeRowsStep(list: string, serverGroupId: string, source: string): Step {
  return cite(`See ${list} for server_group_id=${token(serverGroupId)}.`, source);
}

/**
 * A protection group with neither protected instances nor replication pairs: SDRS replicates the
 * disks of the protected instances a group holds (umn/source/getting_started/
 * configuring_cross-az_dr/step_2_create_a_protected_instance.rst), so such a group protects
 * nothing, however healthy it is reported.
 */
export const ADD_PROTECTED_INSTANCE = cite(
  "Create protected instances in the group: SDRS protects the servers of its protected instances and replicates their disks.",
  SOURCES.protectedInstance,
);
