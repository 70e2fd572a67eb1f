/**
 * Page arithmetic for failure-jobs. The API does not document whether `count` is the total of
 * matching jobs or the size of the returned page, so both readings are handled: `total` is
 * reported only when the numbers prove it, and `next_offset` is null only on a page that is
 * certainly the last. The fetch-every-page loop the project-wide tools use lives here too.
 */
import type { FailureJobFilters, SdrsClient } from "./client.js";
import type { FailureJob, ServerGroup } from "./schemas.js";

export interface PageInfo {
  offset: number;
  limit: number;
  returned: number;
  total: number | null;
  next_offset: number | null;
}

export function pageInfo(
  count: number | null | undefined,
  offset: number,
  limit: number,
  returned: number,
): PageInfo {
  const end = offset + returned;
  const page = (total: number | null, next: number | null): PageInfo => ({
    offset,
    limit,
    returned,
    total,
    next_offset: next,
  });
  const known = count ?? undefined;

  // More than this page holds: `count` can only be the total.
  if (known !== undefined && known > returned && known > end) return page(known, end);
  // A short page is the last one, whatever `count` means.
  if (returned < limit) {
    if (returned > 0 || offset === 0) return page(end, null);
    // Empty page past the start: the total is unknown unless `count` is a plausible total.
    return page(known !== undefined && known > 0 && known <= offset ? known : null, null);
  }
  // A full page whose `count` equals offset + returned with offset > 0 is a total (a page-size
  // count would equal `returned`): this is the last page.
  if (known !== undefined && known === end && offset > 0) return page(end, null);
  // Full page, and `count` is either absent or equal to the page size: there may be more.
  return page(null, end);
}

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
