/**
 * Every page of the readiness listings, through the loop and the call's page budget that every
 * listing shares (sdrs/paging.ts): the groups SDRS selects by query_type, the abnormal protected
 * instances and replication pairs, and the DR drills, optionally of one protection group.
 */
import type { SdrsClient } from "../sdrs/client.js";
import { allPages, type CallReads, type Page } from "../sdrs/paging.js";
import type { GroupQueryType } from "../sdrs/vocabulary.js";

export interface ListingScope extends CallReads {
  client: SdrsClient;
  projectId: string;
  /** Only this protection group's members and drills. */
  serverGroupId?: string;
}

const GROUPS_OF_TYPE: Record<GroupQueryType, string> = {
  status_abnormal: "the protection groups SDRS lists as abnormal",
  stop_protected: "the protection groups whose protection is stopped",
  period_no_dr_drill: "the protection groups without a recent DR drill",
};

/** What a reader can do when a readiness listing is too long to read in one call. */
const ADVICE = "Assess one protection group at a time with server_group_id.";

/** Every page of one listing, with the call's page bound and readiness's advice. */
function pagesOf<T>(
  s: ListingScope,
  what: string,
  page: (offset: number, limit: number) => Promise<Page<T>>,
) {
  return allPages(what, s.pages, page, ADVICE);
}

/** server-groups?query_type=…: SDRS's own selection (for every group: it has no ID filter). */
export function allGroupsOfType(s: ListingScope, queryType: GroupQueryType) {
  return pagesOf(s, GROUPS_OF_TYPE[queryType], async (offset, limit) => {
    const filters = { query_type: queryType, limit, offset };
    const { data } = await s.client.listServerGroups(s.projectId, filters, s.signal);
    return { items: data.server_groups, count: data.count };
  });
}

const inScope = (s: ListingScope) => (s.serverGroupId ? { server_group_id: s.serverGroupId } : {});

export function allAbnormalInstances(s: ListingScope) {
  const what = "the abnormal protected instances";
  return pagesOf(s, what, async (offset, limit) => {
    const filters = { ...inScope(s), query_type: "status_abnormal" as const, limit, offset };
    const { data } = await s.client.listProtectedInstances(s.projectId, filters, s.signal);
    return { items: data.protected_instances, count: data.count };
  });
}

export function allAbnormalReplications(s: ListingScope) {
  const what = "the abnormal replication pairs";
  return pagesOf(s, what, async (offset, limit) => {
    const filters = { ...inScope(s), query_type: "status_abnormal" as const, limit, offset };
    const { data } = await s.client.listReplications(s.projectId, filters, s.signal);
    return { items: data.replications, count: data.count };
  });
}

/**
 * Every replication pair in scope, whatever its status: a pair whose status says protected but
 * whose replication_status is not active is not documented to be in the status_abnormal
 * selection. One listing for the project (or the group): ceil(pairs / 999) requests, the first
 * free of the call's page budget, the others counted against it.
 */
export function allReplications(s: ListingScope) {
  return pagesOf(s, "the replication pairs", async (offset, limit) => {
    const filters = { ...inScope(s), limit, offset };
    const { data } = await s.client.listReplications(s.projectId, filters, s.signal);
    return { items: data.replications, count: data.count };
  });
}

export function allDrills(s: ListingScope) {
  return pagesOf(s, "the DR drills", async (offset, limit) => {
    const filters = { ...inScope(s), limit, offset };
    const { data } = await s.client.listDrills(s.projectId, filters, s.signal);
    return { items: data.disaster_recovery_drills, count: data.count };
  });
}
