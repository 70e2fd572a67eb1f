import type { Rng } from "./rng.js";
import { DAY_MS, groupTime, parseGroupTime, replicationTime } from "./time.js";
import type { FailureJob, ProtectedInstance, ReplicationPair, ServerGroup } from "./types.js";

/**
 * Protected instances and replication pairs, consistent with their groups: as many as the
 * group's protected_instance_num and replication_num, on the group's current production site,
 * in states that follow the group's (OTC api-ref appendixes/protected_instance_status.rst and
 * replication_pair_status.rst share the group's state names). A few are broken on purpose:
 * - group 1 (its failover failed): a replication pair in `fault` with fault_level "5" ("the
 *   replication link is disconnected ... a failover is not allowed"), its instance in `fault`;
 * - group 3 (health "abnormal"): a pair in `invalid` (a disk was deleted), and a pair whose
 *   status says `protected` while its replication_status is `inactive` ("Data is not
 *   synchronized", OTC querying_replication_pairs.rst): the status alone does not show it;
 * - a group left in error-X by an operation: its first instance and pairs in error-X;
 * - the newest failed task on an instance or pair of a group (group 0 aside, kept healthy):
 *   that very resource (same ID and name), left in the error state the failure implies.
 */

export interface GroupResources {
  instances: ProtectedInstance[];
  pairs: ReplicationPair[];
}

/** Where members of a group in an error-X state that the failed operation did not reach are. */
const SETTLED_BEFORE: Record<string, string> = {
  "error-starting": "available",
  "error-stopping": "protected",
  "error-failing-over": "protected",
  "error-reversing": "protected",
  "error-reprotecting": "failed-over",
  "error-deleting": "available",
};

/** The state a failed task leaves its resource in, by resource type and failure status. */
const INSTANCE_STATE_AFTER: Record<string, string> = {
  createFail: "error",
  deleteFail: "error-deleting",
  resizeFail: "error-resizing",
};
const PAIR_STATE_AFTER: Record<string, string> = {
  createFail: "error",
  deleteFail: "error-deleting",
  expandFail: "error-extending",
  attachFail: "error-attaching",
  detachFail: "error-detaching",
};

const BROKEN_FAILOVER_GROUP = 1;
const INVALID_PAIR_GROUP = 3;
const HEALTHY_GROUP = 0;
const VOLUME_TYPES = ["SSD", "SAS", "SATA"] as const;

export function generateGroupResources(
  rng: Rng,
  group: ServerGroup,
  index: number,
  inGroupFailures: readonly FailureJob[],
  epochMs: number,
): GroupResources {
  const instances: ProtectedInstance[] = [];
  const pairs: ReplicationPair[] = [];
  const count = group.protected_instance_num;
  const createdMs = parseGroupTime(group.created_at);
  // Every instance has a system disk; the extra pairs go to instances at random.
  const disks = Array.from({ length: count }, () => 1);
  for (let extra = group.replication_num - count; extra > 0; extra--) {
    const at = rng.int(0, count - 1);
    disks[at] = (disks[at] ?? 1) + 1;
  }
  for (let i = 0; i < count; i++) {
    const status = memberStatus(group.status, i);
    const instance = newInstance(rng, group, i, status, createdMs, epochMs);
    instances.push(instance);
    for (let d = 0; d < (disks[i] ?? 1); d++) {
      const pair = newPair(rng, group, instance, d, pairStatusFor(status), epochMs);
      instance.attachment.push({ replication: pair.id, device: pair.attachment[0]?.device ?? "" });
      pairs.push(pair);
    }
  }
  breakOnPurpose(rng, index, instances, pairs);
  if (index !== HEALTHY_GROUP) linkNewestFailures(inGroupFailures, instances, pairs);
  return { instances, pairs };
}

/** An error-X group: the failed operation reached the first member only. */
function memberStatus(groupStatus: string, index: number): string {
  const settled = SETTLED_BEFORE[groupStatus];
  if (settled === undefined) return groupStatus;
  return index === 0 ? groupStatus : settled;
}

/** Instance states a pair does not have (nic-*, resizing) leave the pair as it was. */
function pairStatusFor(instanceStatus: string): string {
  return instanceStatus.includes("resizing") || instanceStatus.startsWith("nic-")
    ? "protected"
    : instanceStatus;
}

function breakOnPurpose(
  rng: Rng,
  index: number,
  instances: ProtectedInstance[],
  pairs: ReplicationPair[],
) {
  if (index === BROKEN_FAILOVER_GROUP) setPairState(pairs[0], instances, "fault", "5");
  if (index === INVALID_PAIR_GROUP) {
    setPairState(pairs.at(-1), instances, "invalid", "0");
    // Not the first protected pair: linkNewestFailures may give that one a failed task.
    const quiet = pairs.filter((p) => p.status === "protected")[1];
    if (quiet) quiet.replication_status = "inactive";
  }
  if (index <= 5) return;
  for (const pair of pairs) {
    if (pair.status !== "protected") continue;
    if (rng.chance(0.03)) setPairState(pair, instances, "fault", rng.pick(["2", "5"] as const));
    else if (rng.chance(0.02)) setPairState(pair, instances, "invalid", "0");
    // Protected by its status, yet not synchronizing: only replication_status tells.
    if (pair.status === "protected" && rng.chance(0.02)) pair.replication_status = "inactive";
  }
}

function setPairState(
  pair: ReplicationPair | undefined,
  instances: ProtectedInstance[],
  status: "fault" | "invalid",
  faultLevel: ReplicationPair["fault_level"],
) {
  if (pair === undefined) return;
  pair.status = status;
  pair.fault_level = faultLevel;
  pair.replication_status = status === "fault" ? "active-stopped" : "inactive";
  const owner = instances.find((i) => i.id === pair.attachment[0]?.protected_instance);
  // "fault: the synchronization status of the replication pair for the protected instance is
  // abnormal"; an invalid disk does not change its server's state.
  if (owner !== undefined && status === "fault") owner.status = "fault";
}

/** The newest failed task per resource type names a resource that is still there, in error. */
function linkNewestFailures(
  failures: readonly FailureJob[],
  instances: ProtectedInstance[],
  pairs: ReplicationPair[],
) {
  const newest = (types: readonly string[], states: Record<string, string>) =>
    failures
      .filter((f) => types.includes(f.resource_type) && states[f.failure_status] !== undefined)
      .reduce<FailureJob | undefined>(
        (a, f) => (a && a.begin_time >= f.begin_time ? a : f),
        undefined,
      );
  const instanceFailure = newest(
    ["protected_instances", "protectedInstance"],
    INSTANCE_STATE_AFTER,
  );
  const instance = instances.at(-1);
  if (instanceFailure && instance && instance.status === "protected") {
    renameInstance(instance, pairs, instanceFailure.resource_id, instanceFailure.resource_name);
    instance.status = INSTANCE_STATE_AFTER[instanceFailure.failure_status] ?? instance.status;
  }
  const pairFailure = newest(["replications"], PAIR_STATE_AFTER);
  const pair = pairs.find((p) => p.status === "protected");
  if (pairFailure && pair) {
    renamePair(pair, instances, pairFailure.resource_id, pairFailure.resource_name);
    pair.status = PAIR_STATE_AFTER[pairFailure.failure_status] ?? pair.status;
    pair.replication_status = "inactive";
    if (pair.status === "error") pair.failure_detail = pairFailure.error_code;
  }
}

function renameInstance(
  instance: ProtectedInstance,
  pairs: ReplicationPair[],
  id: string,
  name: string,
) {
  for (const pair of pairs) {
    for (const a of pair.attachment)
      if (a.protected_instance === instance.id) a.protected_instance = id;
  }
  instance.id = id;
  instance.name = name;
}

function renamePair(
  pair: ReplicationPair,
  instances: ProtectedInstance[],
  id: string,
  name: string,
) {
  for (const instance of instances) {
    for (const a of instance.attachment) if (a.replication === pair.id) a.replication = id;
  }
  pair.id = id;
  pair.name = name;
}

function newInstance(
  rng: Rng,
  group: ServerGroup,
  index: number,
  status: string,
  groupCreatedMs: number,
  epochMs: number,
): ProtectedInstance {
  const createdMs = groupCreatedMs + rng.int(DAY_MS, 30 * DAY_MS);
  const name = `ecs-${group.name}-${String(index + 1).padStart(2, "0")}`;
  return {
    id: rng.uuid(),
    name,
    description: rng.chance(0.5) ? `${group.name} server ${index + 1}` : "",
    server_group_id: group.id,
    status,
    // The OTC example: available 0, protected 100; states in motion somewhere between.
    progress: status === "available" ? 0 : status.endsWith("ing") ? rng.int(5, 95) : 100,
    source_server: rng.uuid(),
    target_server: rng.uuid(),
    created_at: groupTime(createdMs),
    updated_at: groupTime(createdMs + rng.int(0, epochMs - createdMs - 1)),
    priority_station: group.priority_station,
    attachment: [],
    tags: rng.chance(0.4) ? [{ key: "env", value: rng.pick(["prod", "test", "dr"]) }] : [],
    metadata: {},
  };
}

function newPair(
  rng: Rng,
  group: ServerGroup,
  instance: ProtectedInstance,
  disk: number,
  status: string,
  epochMs: number,
): ReplicationPair {
  const device = `/dev/vd${String.fromCharCode(97 + Math.min(disk, 25))}`;
  const createdMs = parseGroupTime(instance.created_at);
  const bootable = disk === 0;
  return {
    id: rng.uuid(),
    name: `${instance.name}-${device.slice(5)}`,
    description: "",
    replication_model: "hypermetro",
    status,
    progress: status === "available" ? 0 : status.endsWith("ing") ? rng.int(5, 95) : 100,
    replication_status: replicationStatusOf(status),
    attachment: [{ device, protected_instance: instance.id }],
    server_group_id: group.id,
    volume_ids: `${rng.uuid()},${rng.uuid()}`,
    priority_station: group.priority_station,
    fault_level: "0",
    created_at: replicationTime(createdMs, rng.int(0, 999)),
    updated_at: replicationTime(createdMs + rng.int(0, epochMs - createdMs - 1), rng.int(0, 999)),
    record_metadata: {
      multiattach: false,
      bootable,
      volume_size: bootable ? 40 : rng.pick([100, 200, 500, 1000]),
      volume_type: rng.pick(VOLUME_TYPES),
    },
  };
}

/** Data synchronization follows protection: active while protected, stopped on errors. */
function replicationStatusOf(status: string): ReplicationPair["replication_status"] {
  if (status === "protected" || status === "stopping" || status === "reversing") return "active";
  if (status === "starting" || status === "reprotecting") return "copying";
  if (status.startsWith("error-") && status !== "error-starting") return "active-stopped";
  return "inactive";
}
