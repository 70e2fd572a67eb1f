import { readEnum, readPaging } from "../params.js";
import { json, type SimResponse } from "../responses.js";
import type { HandlerContext, ServerGroup } from "../types.js";
import { GROUP_QUERY_TYPES, GROUP_STATUSES } from "../vocabulary.js";

/** GET server-groups: `count` is every matching group, whatever the page (documented). */
export function listServerGroups(query: URLSearchParams, context: HandlerContext): SimResponse {
  const { limit, offset } = readPaging(query);
  const status = readEnum(query, "status", GROUP_STATUSES);
  const queryType = readEnum(query, "query_type", GROUP_QUERY_TYPES);
  const name = query.get("name")?.toLowerCase();
  const zone = query.get("availability_zone");

  const matching = context.data.serverGroups.filter(
    (group) =>
      (status === undefined || group.status === status) &&
      (queryType === undefined || matchesQueryType(group, queryType)) &&
      // "Fuzzy" in the docs: a case-insensitive substring.
      (name === undefined || group.name.toLowerCase().includes(name)) &&
      (zone === null ||
        group.source_availability_zone === zone ||
        group.target_availability_zone === zone),
  );
  return json(200, {
    server_groups: matching.slice(offset, offset + limit),
    count: matching.length,
  });
}

function matchesQueryType(group: ServerGroup, queryType: string): boolean {
  switch (queryType) {
    case "status_abnormal":
      return group.status.startsWith("error") || group.health_status === "abnormal";
    case "stop_protected":
      return group.protected_status === "stopped";
    default:
      return group.disaster_recovery_drill_num === 0;
  }
}
