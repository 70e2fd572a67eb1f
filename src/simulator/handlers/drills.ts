import { fuzzyMatcher, readEnum, readId, readPaging } from "../params.js";
import type { SimResponse } from "../responses.js";
import type { HandlerContext } from "../types.js";
import { DRILL_STATUSES } from "../vocabulary.js";
import { listPage, within } from "./listing.js";

/**
 * GET disaster-recovery-drills (OTC api-ref apis/dr_drill/querying_dr_drills.rst; HW SDK
 * list_disaster_recovery_drills_request.py): server_group_id, name (fuzzy), status,
 * drill_vpc_id, limit and offset (the same paging as the other listings).
 */
export function listDrills(query: URLSearchParams, context: HandlerContext): SimResponse {
  const paging = readPaging(query, context);
  const status = readEnum(query, "status", DRILL_STATUSES);
  const nameMatches = fuzzyMatcher(query, "name");
  const groupId = readId(query, "server_group_id", "SDRS.0207");
  const group = groupId === undefined ? undefined : new Set([groupId]);
  const vpcId = query.get("drill_vpc_id");
  const matching = context.data.drills.filter(
    (drill) =>
      within(group, drill.server_group_id) &&
      (status === undefined || drill.status === status) &&
      (vpcId === null || drill.drill_vpc_id === vpcId) &&
      nameMatches(drill.name),
  );
  return listPage("disaster_recovery_drills", matching, paging, context);
}
