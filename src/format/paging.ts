/**
 * Page arithmetic for failure-jobs. The API does not document whether `count` is the total of
 * matching jobs or the size of the returned page, so both readings are handled: `total` is
 * reported only when the numbers prove it, and `next_offset` is null only on a page that is
 * certainly the last.
 */

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
