import type { Rng } from "./rng.js";
import { DAY_MS, groupTime, HOUR_MS, MINUTE_MS, monthsBefore, parseGroupTime } from "./time.js";
import type { DisasterRecoveryDrill, FailureJob, ProtectedInstance, ServerGroup } from "./types.js";

/**
 * DR drills (OTC api-ref apis/dr_drill/querying_dr_drills.rst), as many per group as its
 * disaster_recovery_drill_num. Group 0 was drilled recently; group 1 (whose failover failed)
 * only more than three months ago; group 2 never. Other groups' newest drill is 3 to 200 days
 * old, so `period_no_dr_drill` (no drill within three months) selects some of them.
 */
export function generateDrills(
  rng: Rng,
  group: ServerGroup,
  index: number,
  instances: readonly ProtectedInstance[],
  failures: readonly FailureJob[],
  epochMs: number,
): DisasterRecoveryDrill[] {
  const count = group.disaster_recovery_drill_num;
  const groupCreatedMs = parseGroupTime(group.created_at);
  // A failed drill creation leaves the drill in "error" (the appendix: failed to create it).
  const failedCreate = failures.some(
    (f) => f.resource_type === "disaster_recovery_drills" && f.failure_status === "createFail",
  );
  const drillVpcId = rng.uuid();
  const drills: DisasterRecoveryDrill[] = [];
  let createdMs = epochMs - newestDrillAgeDays(rng, index) * DAY_MS - rng.int(0, DAY_MS);
  for (let i = 0; i < count; i++) {
    // Never before the group itself: older drills crowd towards its creation, hours apart.
    createdMs = Math.max(createdMs, groupCreatedMs + (count - i) * HOUR_MS);
    const status = i === count - 1 && failedCreate && index > 1 ? "error" : "available";
    drills.push({
      id: rng.uuid(),
      name: `drill-${group.name}-${new Date(createdMs).toISOString().slice(0, 10)}`,
      status,
      server_group_id: group.id,
      drill_vpc_id: drillVpcId,
      created_at: groupTime(createdMs),
      updated_at: groupTime(createdMs + rng.int(MINUTE_MS, HOUR_MS)),
      drill_servers:
        status === "error"
          ? []
          : instances.map((instance) => ({
              protected_instance: instance.id,
              drill_server_id: rng.uuid(),
            })),
    });
    createdMs -= rng.int(20, 90) * DAY_MS;
  }
  return drills;
}

/** Group 0: weeks; group 1: more than three months; others either, about half each. */
function newestDrillAgeDays(rng: Rng, index: number): number {
  if (index === 0) return rng.int(5, 30);
  if (index === 1) return rng.int(100, 120);
  return rng.chance(0.5) ? rng.int(3, 80) : rng.int(100, 200);
}

/**
 * `period_no_dr_drill`: "no DR drills have been performed in a specified duration. The default
 * duration is 3 months" (OTC querying_protection_groups.rst; no parameter sets the duration).
 * A drill whose creation failed (`error`) or is still `creating` was not performed.
 */
export function drilledWithin(
  drills: readonly DisasterRecoveryDrill[],
  groupId: string,
  nowMs: number,
): boolean {
  const since = monthsBefore(nowMs, 3);
  return drills.some(
    (drill) =>
      drill.server_group_id === groupId &&
      drill.status !== "error" &&
      drill.status !== "creating" &&
      parseGroupTime(drill.created_at) >= since,
  );
}
