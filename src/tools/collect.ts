/**
 * Reading every page of a listing: the project-wide tools need all groups and all failures,
 * not one page. Pages are read until the paging rules say the last one was seen.
 */
import { pageInfo } from "../format/paging.js";
import type { FailureJobFilters, SdrsClient } from "../sdrs/client.js";
import type { FailureJob, ServerGroup } from "../sdrs/schemas.js";

const PAGE = 1000;
/** A guard against an upstream that never ends its paging. */
const MAX_PAGES = 200;

async function allPages<T>(
  fetchPage: (offset: number) => Promise<{ items: T[]; count: number | null | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let offset: number | null = 0;
  for (let page = 0; offset !== null && page < MAX_PAGES; page++) {
    const result = await fetchPage(offset);
    items.push(...result.items);
    offset = pageInfo(result.count, offset, PAGE, result.items.length).next_offset;
  }
  return items;
}

export function allServerGroups(client: SdrsClient, projectId: string, signal?: AbortSignal) {
  return allPages<ServerGroup>(async (offset) => {
    const { data } = await client.listServerGroups(projectId, { limit: PAGE, offset }, signal);
    return { items: data.server_groups, count: data.count };
  });
}

export function allFailureJobs(
  client: SdrsClient,
  projectId: string,
  filters: Omit<FailureJobFilters, "limit" | "offset">,
  signal?: AbortSignal,
) {
  return allPages<FailureJob>(async (offset) => {
    const { data } = await client.listFailureJobs(
      projectId,
      { ...filters, limit: PAGE, offset },
      signal,
    );
    return { items: data.failure_jobs, count: data.count };
  });
}
