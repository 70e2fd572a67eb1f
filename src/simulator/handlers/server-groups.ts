import { drilledWithin } from "../drills.js";
import { currentProductionAz } from "../groups.js";
import { findServerGroup, fuzzyMatcher, readEnum, readPaging } from "../params.js";
import { json, type SimResponse } from "../responses.js";
import type { HandlerContext, ServerGroup } from "../types.js";
import { GROUP_QUERY_TYPES, GROUP_STATUSES } from "../vocabulary.js";

/**
 * GET server-groups (OTC api-ref apis/protection_group/querying_protection_groups.rst):
 * `count` is every matching group, whatever the page ("the number of protection groups that
 * meet the filtering criteria").
 */
export function listServerGroups(query: URLSearchParams, context: HandlerContext): SimResponse {
  const { limit, offset } = readPaging(query, context);
  const status = readEnum(query, "status", GROUP_STATUSES);
  const queryType = readEnum(query, "query_type", GROUP_QUERY_TYPES);
  const nameMatches = fuzzyMatcher(query, "name");
  const zone = query.get("availability_zone");
  const now = context.now();

  const matching = context.data.serverGroups.filter(
    (group) =>
      (status === undefined || group.status === status) &&
      (queryType === undefined || matchesQueryType(group, queryType, context, now)) &&
      nameMatches(group.name) &&
      // "The current production site AZ of a protection group", not either of its AZs.
      (zone === null || currentProductionAz(group) === zone),
  );
  return json(200, {
    server_groups: matching.slice(offset, offset + limit),
    count: matching.length,
  });
}

/**
 * GET server-groups/{server_group_id} (OTC api-ref "Querying the Details of a Protection Group",
 * sdrs_05_0403): `{"server_group": {...}}` with the fields of the listing. The page does not
 * list its errors; the simulator answers as its failure-jobs filter does: SDRS.0207 for an ID
 * that is not a UUID, SDRS.1013 (protection group not found) for one that names no group.
 */
export function showServerGroup(id: string, context: HandlerContext): SimResponse {
  return json(200, { server_group: findServerGroup(id, context.data) });
}

/**
 * Protection is off (stop_protected) in `available` ("protection is disabled"), `failed-over`
 * (protection must be enabled again), and after a failed start or re-protection. Decided from
 * status because protected_status is null for groups created after the service upgrade.
 */
const PROTECTION_OFF = new Set([
  "available",
  "failed-over",
  "error-starting",
  "error-reprotecting",
]);

/**
 * The docs name the query types without saying how they decide; this is the simulator's
 * reading. status_abnormal: a failed state (`error`, `error-*`) or, for groups that still report
 * it, health_status "abnormal". general: no filter ("invalid when set to general").
 */
function matchesQueryType(
  group: ServerGroup,
  queryType: string,
  context: HandlerContext,
  now: number,
): boolean {
  switch (queryType) {
    case "status_abnormal":
      return group.status.startsWith("error") || group.health_status === "abnormal";
    case "stop_protected":
      return PROTECTION_OFF.has(group.status);
    case "period_no_dr_drill":
      return !drilledWithin(context.data.drills, group.id, now);
    default:
      return true;
  }
}
