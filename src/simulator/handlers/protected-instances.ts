import { fuzzyMatcher, readEnum, readIdList, readPaging } from "../params.js";
import type { SimResponse } from "../responses.js";
import type { HandlerContext } from "../types.js";
import {
  isAbnormalStatus,
  PROTECTED_INSTANCE_STATUSES,
  RESOURCE_QUERY_TYPES,
} from "../vocabulary.js";
import { listPage, readGroupScope, within, zoneMatcher } from "./listing.js";

/**
 * GET protected-instances (OTC api-ref apis/protected_instance/querying_protected_instances.rst;
 * HW SDK list_protected_instances_request.py): server_group_id, server_group_ids,
 * protected_instance_ids ("ignored" when a group filter is given), status, name (fuzzy),
 * query_type (status_abnormal; general = none), availability_zone, limit, offset.
 */
export function listProtectedInstances(
  query: URLSearchParams,
  context: HandlerContext,
): SimResponse {
  const paging = readPaging(query, context);
  const status = readEnum(query, "status", PROTECTED_INSTANCE_STATUSES);
  const abnormalOnly = readEnum(query, "query_type", RESOURCE_QUERY_TYPES) === "status_abnormal";
  const nameMatches = fuzzyMatcher(query, "name");
  const groups = readGroupScope(query);
  const listedIds = readIdList(query, "protected_instance_ids");
  const ids = groups === undefined ? listedIds : undefined;
  const inZone = zoneMatcher(query, context.data);
  const matching = context.data.protectedInstances.filter(
    (instance) =>
      within(groups, instance.server_group_id) &&
      within(ids, instance.id) &&
      (status === undefined || instance.status === status) &&
      (!abnormalOnly || isAbnormalStatus(instance.status)) &&
      nameMatches(instance.name) &&
      inZone(instance.server_group_id),
  );
  return listPage("protected_instances", matching, paging, context);
}
