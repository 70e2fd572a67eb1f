import type { SdrsErrorCode } from "../catalogue.js";
import { currentProductionAz } from "../groups.js";
import { type Paging, readId, readIdList } from "../params.js";
import { json, type SimResponse } from "../responses.js";
import type { HandlerContext, SimulatorData } from "../types.js";

/** What the listings of protected instances, replication pairs and drills have in common. */

/** One page and its count: every match, or the page's size when countMode says "page". */
export function listPage<T>(
  key: string,
  matching: readonly T[],
  { limit, offset }: Paging,
  context: HandlerContext,
): SimResponse {
  const items = matching.slice(offset, offset + limit);
  const count = context.countMode === "total" ? matching.length : items.length;
  return json(200, { [key]: items, count });
}

/**
 * The groups a listing is limited to: `server_group_ids` when given ("server_group_id will be
 * ignored"), else `server_group_id` (SDRS.0207 if not a UUID). An ID naming no group is a
 * filter that matches nothing: the docs do not say that it is an error.
 */
export function readGroupScope(query: URLSearchParams): Set<string> | undefined {
  return readIdScope(query, "server_group_id", "SDRS.0207");
}

/** The IDs in `<name>s` when given (the list wins), else the one in `<name>` (`code` if malformed). */
export function readIdScope(
  query: URLSearchParams,
  name: string,
  code: SdrsErrorCode,
): Set<string> | undefined {
  const listed = readIdList(query, `${name}s`);
  if (listed !== undefined) return listed;
  const one = readId(query, name, code);
  return one === undefined ? undefined : new Set([one]);
}

/**
 * `availability_zone`: "the current production site AZ of the protection group containing" the
 * resource, i.e. the group's source AZ when its priority_station is source, else its target AZ.
 */
export function zoneMatcher(
  query: URLSearchParams,
  data: SimulatorData,
): (serverGroupId: string) => boolean {
  const zone = query.get("availability_zone");
  if (zone === null) return () => true;
  const inZone = new Set(
    data.serverGroups.filter((g) => currentProductionAz(g) === zone).map((g) => g.id),
  );
  return (serverGroupId) => inZone.has(serverGroupId);
}

export function within(scope: Set<string> | undefined, id: string): boolean {
  return scope === undefined || scope.has(id);
}
