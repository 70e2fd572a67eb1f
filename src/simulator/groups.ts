import type { Rng } from "./rng.js";
import { DAY_MS, groupTime } from "./time.js";
import type { ServerGroup } from "./types.js";
import { AVAILABILITY_ZONES, GROUP_BASE_NAMES } from "./vocabulary.js";

/** What a group status implies for the other status fields, so items stay self-consistent. */
interface StatusProfile {
  protected: ServerGroup["protected_status"];
  replication: ServerGroup["replication_status"];
  health: ServerGroup["health_status"];
  /** Transitional states report partial progress. */
  busy: boolean;
}

const PROFILES: Record<string, StatusProfile> = {
  creating: { protected: null, replication: null, health: null, busy: true },
  available: { protected: "stopped", replication: "inactive", health: "normal", busy: false },
  protected: { protected: "started", replication: "active", health: "normal", busy: false },
  deleting: { protected: "stopped", replication: "inactive", health: "normal", busy: true },
  "error-deleting": {
    protected: "stopped",
    replication: "inactive",
    health: "abnormal",
    busy: false,
  },
  error: { protected: null, replication: null, health: "abnormal", busy: false },
  starting: { protected: "stopped", replication: "copying", health: "normal", busy: true },
  "error-starting": {
    protected: "stopped",
    replication: "inactive",
    health: "abnormal",
    busy: false,
  },
  reprotecting: { protected: "stopped", replication: "copying", health: "normal", busy: true },
  "error-reprotecting": {
    protected: "stopped",
    replication: "inactive",
    health: "abnormal",
    busy: false,
  },
  stopping: { protected: "started", replication: "active", health: "normal", busy: true },
  "error-stopping": {
    protected: "started",
    replication: "active",
    health: "abnormal",
    busy: false,
  },
  reversing: { protected: "started", replication: "active", health: "normal", busy: true },
  "error-reversing": {
    protected: "started",
    replication: "active-stopped",
    health: "abnormal",
    busy: false,
  },
  "failing-over": { protected: "started", replication: "active", health: "normal", busy: true },
  "failed-over": { protected: "stopped", replication: "inactive", health: "normal", busy: false },
  "error-failing-over": {
    protected: "started",
    replication: "active-stopped",
    health: "abnormal",
    busy: false,
  },
};

const STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ["protected", 45],
  ["available", 18],
  ["failed-over", 5],
  ["error", 4],
  ["error-starting", 4],
  ["error-stopping", 3],
  ["error-failing-over", 3],
  ["error-reversing", 3],
  ["error-reprotecting", 2],
  ["error-deleting", 2],
  ["creating", 2],
  ["starting", 2],
  ["stopping", 1],
  ["reversing", 1],
  ["reprotecting", 1],
  ["failing-over", 1],
  ["deleting", 1],
];

/**
 * The first groups have fixed states so that even the default six cover every query_type
 * (status_abnormal, stop_protected, period_no_dr_drill) and both priority stations.
 */
const SCRIPTED_STATUSES = [
  "protected",
  "error-failing-over",
  "available",
  "protected",
  "failed-over",
  "error-starting",
];

/**
 * Groups created before the service upgrade still report protected_status, replication_status
 * and health_status; groups created after it report null (OTC querying_protection_groups.rst:
 * "For newly protection groups, the value of this parameter is null"), so most groups here do.
 * Group 3 is such an older group, healthy by status yet reporting health "abnormal".
 */
const LEGACY_GROUP = 3;
const LEGACY_SHARE = 0.15;
/** HW Go SDK enums list the literal string "null" for health_status: one group sends it. */
const LITERAL_NULL_GROUP = 4;

export function generateServerGroups(rng: Rng, count: number, epochMs: number): ServerGroup[] {
  // One active-active domain (the AZ pair groups are created in), shaped as the OTC example's.
  const domain = { id: rng.uuid(), name: "ActiveactiveDomain" };
  const groups: ServerGroup[] = [];
  for (let index = 0; index < count; index++) {
    const status = SCRIPTED_STATUSES[index] ?? rng.weighted(STATUS_WEIGHTS);
    const legacy =
      index === LEGACY_GROUP || (index >= SCRIPTED_STATUSES.length && rng.chance(LEGACY_SHARE));
    groups.push(generateGroup(rng, { index, status, legacy, domain, epochMs }));
  }
  return groups;
}

/** Unique by construction: the n-th round through the base names gets suffix n. */
export function groupName(index: number): string {
  const base = GROUP_BASE_NAMES[index % GROUP_BASE_NAMES.length] ?? "group";
  const round = Math.floor(index / GROUP_BASE_NAMES.length);
  return round === 0 ? base : `${base}-${round + 1}`;
}

interface GroupPlan {
  index: number;
  status: string;
  legacy: boolean;
  domain: { id: string; name: string };
  epochMs: number;
}

function generateGroup(rng: Rng, plan: GroupPlan): ServerGroup {
  const { index, status, legacy, domain, epochMs } = plan;
  const profile = PROFILES[status];
  if (profile === undefined) throw new Error(`no profile for group status ${status}`);
  const name = groupName(index);
  const [zoneA, zoneB] = AVAILABILITY_ZONES;
  const [sourceAz, targetAz] = rng.chance(0.7) ? [zoneA, zoneB] : [zoneB, zoneA];
  const vpcId = rng.uuid();
  const instances = status === "creating" || status === "error" ? 0 : rng.int(1, 12);
  // Groups 0 and 1 have drills (recent and old ones, see drills.ts), group 2 none.
  const drills =
    index === 2 || instances === 0 ? 0 : index < 2 || !rng.chance(0.35) ? rng.int(1, 3) : 0;
  // Old enough for drills older than the three months period_no_dr_drill looks at.
  const createdMs = epochMs - rng.int(130 * DAY_MS, 500 * DAY_MS);
  const updatedMs = createdMs + rng.int(0, epochMs - createdMs - 1);
  const sickWhileProtected = index === LEGACY_GROUP || (status === "protected" && rng.chance(0.12));
  const replicationStatus =
    profile.replication === "active" && rng.chance(0.2) ? "copying" : profile.replication;
  return {
    id: rng.uuid(),
    name,
    description: rng.chance(0.8) ? `DR for ${name}: ${sourceAz} to ${targetAz}` : null,
    status,
    progress: profile.busy ? rng.int(5, 95) : 100,
    source_availability_zone: sourceAz,
    target_availability_zone: targetAz,
    domain_id: domain.id,
    domain_name: domain.name,
    priority_station: status === "failed-over" || rng.chance(0.08) ? "target" : "source",
    protected_instance_num: instances,
    replication_num: instances === 0 ? 0 : instances + rng.int(0, instances * 2),
    disaster_recovery_drill_num: drills,
    protected_status: legacy ? profile.protected : null,
    replication_status: legacy ? replicationStatus : null,
    health_status: legacy
      ? sickWhileProtected
        ? "abnormal"
        : profile.health
      : index === LITERAL_NULL_GROUP
        ? "null"
        : null,
    source_vpc_id: vpcId,
    // SDRS protects across AZs of one region, so both sites normally share the VPC.
    target_vpc_id: vpcId,
    test_vpc_id: null,
    dr_type: "migration",
    created_at: groupTime(createdMs),
    updated_at: groupTime(updatedMs),
    // HW show_protection_group_params.py: older groups keep null, newer say replication-pair.
    protection_type: legacy ? null : "replication-pair",
    replication_model: null,
    server_type: "ECS",
  };
}

/** The AZ of a group's current production site (priority_station says which of the two). */
export function currentProductionAz(group: ServerGroup): string {
  return group.priority_station === "target"
    ? group.target_availability_zone
    : group.source_availability_zone;
}
