import { failureCause } from "./reasons.js";
import type { Rng } from "./rng.js";
import { apiTime, DAY_MS, HOUR_MS } from "./time.js";
import type { FailureJob, FailureJobRecord, ServerGroup } from "./types.js";
import {
  type FailureKind,
  GROUP_BASE_NAMES,
  GROUP_LEVEL_KINDS,
  IN_GROUP_KINDS,
  PUNCTUATED_RESOURCE_NAMES,
} from "./vocabulary.js";

/** A failed task as the task center lists it, and the group its FAIL job worked in. */
export interface GeneratedFailure {
  record: FailureJobRecord;
  /** For group-level failures: the group itself. */
  jobServerGroupId: string;
}

const IN_GROUP_WEIGHTS = IN_GROUP_KINDS.map((kind) => [kind, kind.weight] as const);
const GROUP_LEVEL_WEIGHTS = GROUP_LEVEL_KINDS.map((kind) => [kind, kind.weight] as const);

/** The group status a failed group-level operation leaves behind. */
const ERROR_STATUS_OF: Record<string, string> = {
  createFail: "error",
  deleteFail: "error-deleting",
  startFail: "error-starting",
  stopFail: "error-stopping",
  reverseFail: "error-reversing",
  failoverFail: "error-failing-over",
  reprotectFail: "error-reprotecting",
};

/**
 * Failures inside protection groups. The data set's first failures run through every in-group
 * kind once and every seventh gets a name with `.` and `_`, so coverage never depends on luck.
 */
export function createInGroupFailureGenerator(
  rng: Rng,
  epochMs: number,
): (group: ServerGroup) => GeneratedFailure {
  let index = 0;
  return (group) => {
    const kind = IN_GROUP_KINDS[index] ?? rng.weighted(IN_GROUP_WEIGHTS);
    const punctuated =
      index % 7 === 3
        ? PUNCTUATED_RESOURCE_NAMES[Math.floor(index / 7) % PUNCTUATED_RESOURCE_NAMES.length]
        : undefined;
    index++;
    const name = punctuated ?? resourceName(rng, kind.resourceType, group.name);
    const resource = { id: rng.uuid(), name, groupId: group.id };
    return generateFailure(rng, kind, group.id, resource, epochMs);
  };
}

/**
 * Failures of operations on protection groups themselves. Groups left in an error state by such
 * an operation come first, then one of each kind, then a weighted mix; most name groups that no
 * longer exist (the task center keeps failures of deleted or never-created groups).
 */
export function generateGroupLevelFailures(
  rng: Rng,
  groups: readonly ServerGroup[],
  count: number,
  epochMs: number,
): GeneratedFailure[] {
  const errorGroups = groups.filter((group) =>
    Object.values(ERROR_STATUS_OF).includes(group.status),
  );
  const failures: GeneratedFailure[] = [];
  for (let index = 0; index < count; index++) {
    const group = errorGroups[index];
    if (group !== undefined) {
      const kind = GROUP_LEVEL_KINDS.find((k) => ERROR_STATUS_OF[k.failureStatus] === group.status);
      if (kind === undefined) throw new Error(`no failure kind for group status ${group.status}`);
      const resource = { id: group.id, name: group.name, groupId: group.id };
      failures.push(generateFailure(rng, kind, null, resource, epochMs));
      continue;
    }
    const kind = GROUP_LEVEL_KINDS[index - errorGroups.length] ?? rng.weighted(GROUP_LEVEL_WEIGHTS);
    const id = rng.uuid();
    const resource = { id, name: vanishedGroupName(rng), groupId: id };
    failures.push(generateFailure(rng, kind, null, resource, epochMs));
  }
  return failures;
}

interface FailedResource {
  id: string;
  name: string;
  /** The protection group the job worked in (for group-level failures: the group itself). */
  groupId: string;
}

function generateFailure(
  rng: Rng,
  kind: FailureKind,
  listedUnder: string | null,
  resource: FailedResource,
  epochMs: number,
): GeneratedFailure {
  const jobType = rng.pick(kind.jobTypes);
  const cause = failureCause(rng, jobType);
  const failure: FailureJob = {
    job_status: "FAIL",
    resource_id: resource.id,
    resource_name: resource.name,
    resource_type: kind.resourceType,
    failure_status: kind.failureStatus,
    job_id: rng.hex(32),
    job_type: jobType,
    begin_time: apiTime(epochMs - rng.int(HOUR_MS, 30 * DAY_MS)),
    error_code: cause.error_code,
    fail_reason: cause.fail_reason,
  };
  return {
    record: { serverGroupId: listedUnder, job: failure },
    jobServerGroupId: resource.groupId,
  };
}

function resourceName(rng: Rng, resourceType: string, groupName: string): string {
  const serial = String(rng.int(1, 24)).padStart(2, "0");
  switch (resourceType) {
    case "protected_instances":
      return rng.chance(0.5) ? `Protected-Instance-${rng.hex(4)}` : `ecs-${groupName}-${serial}`;
    case "replications":
      return rng.chance(0.5) ? `replication-${rng.hex(4)}` : `${groupName}-vol-data-${serial}`;
    default:
      return rng.chance(0.5) ? `drill-${groupName}-${serial}` : `dr-test-${rng.hex(4)}`;
  }
}

function vanishedGroupName(rng: Rng): string {
  return `${rng.pick(GROUP_BASE_NAMES)}${rng.pick(["", "", "-new", "-test", "-dr", "-2", "-tmp"])}`;
}
