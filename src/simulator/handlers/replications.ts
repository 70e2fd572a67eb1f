import { fuzzyMatcher, readEnum, readPaging } from "../params.js";
import type { SimResponse } from "../responses.js";
import type { HandlerContext, ReplicationPair } from "../types.js";
import { isAbnormalStatus, REPLICATION_STATUSES, RESOURCE_QUERY_TYPES } from "../vocabulary.js";
import { listPage, readGroupScope, readIdScope, within, zoneMatcher } from "./listing.js";

/**
 * GET replications (OTC api-ref apis/replication_pair/querying_replication_pairs.rst; HW SDK
 * list_replications_request.py): server_group_id(s), protected_instance_id(s) (the list wins
 * over the single ID, as documented), name (fuzzy), status, query_type (status_abnormal;
 * general = none), availability_zone, limit, offset.
 */
export function listReplications(query: URLSearchParams, context: HandlerContext): SimResponse {
  const paging = readPaging(query, context);
  const status = readEnum(query, "status", REPLICATION_STATUSES);
  const abnormalOnly = readEnum(query, "query_type", RESOURCE_QUERY_TYPES) === "status_abnormal";
  const nameMatches = fuzzyMatcher(query, "name");
  const groups = readGroupScope(query);
  const instances = readIdScope(query, "protected_instance_id", "SDRS.0208");
  const inZone = zoneMatcher(query, context.data);
  const matching = context.data.replications.filter(
    (pair) =>
      within(groups, pair.server_group_id) &&
      attachedWithin(instances, pair) &&
      (status === undefined || pair.status === status) &&
      (!abnormalOnly || isAbnormalStatus(pair.status)) &&
      nameMatches(pair.name) &&
      inZone(pair.server_group_id),
  );
  return listPage("replications", matching, paging, context);
}

function attachedWithin(scope: Set<string> | undefined, pair: ReplicationPair): boolean {
  return scope === undefined || pair.attachment.some((a) => scope.has(a.protected_instance));
}
