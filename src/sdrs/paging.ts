/**
 * Page arithmetic for failure-jobs. The API does not document whether `count` is the total of
 * matching jobs or the size of the returned page, so both readings are handled: `total` is
 * reported only when the numbers prove it, and `next_offset` is null on a page that is certainly
 * the last. The end is decided from both signals: a short page ends a listing only when `count`
 * is absent or does not say that more remain (`count` <= offset + returned). An SDRS that sends
 * fewer rows than asked for (a page size of its own) while its `count` says more remain is read
 * on; a `count` that lies can only make a listing read on within the page caps below, never
 * without bound. The fetch-every-page loop the project-wide tools use lives here too.
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

  if (returned < limit) {
    // A short page whose `count` says more remain: SDRS sent fewer rows than asked for.
    if (returned > 0 && moreRemain(known, offset, returned)) return page(known ?? null, end);
    // Otherwise a short page is the last one.
    if (returned > 0 || offset === 0) return page(end, null);
    // Empty page past the start: the total is unknown unless `count` is a plausible total.
    return page(known !== undefined && known > 0 && known <= offset ? known : null, null);
  }
  // A full page and more than it holds: `count` can only be the total.
  if (known !== undefined && known > end) return page(known, end);
  // A full page whose `count` equals offset + returned with offset > 0 is a total (a page-size
  // count would equal `returned`): this is the last page.
  if (known !== undefined && known === end && offset > 0) return page(end, null);
  // Full page, and `count` is either absent or equal to the page size: there may be more.
  return page(null, end);
}

/** Whether `count` says that records remain past this page (as a total it can; as a page size never). */
export function moreRemain(
  count: number | null | undefined,
  offset: number,
  returned: number,
): boolean {
  return typeof count === "number" && count > offset + returned;
}

/**
 * The page size of the fetch-every-page loop: 999, not the documented maximum 1000. The API
 * reference gives limit 0..1000 (default 1000), but the text of SDRS.0221, "limit value must be
 * greater than 0 or less than 1000", may mean that 1000 itself is refused. 999 is valid under
 * both readings, so the loop never meets the question; it costs one more request per 999,000
 * records.
 */
export const PAGE_SIZE = 999;
/** Pages of one listing (one group's failures, the group list): 49,950 records. */
export const MAX_PAGES_PER_LISTING = 50;
/**
 * Pages beyond the first of each listing, all listings of one tool call together. First pages
 * do not count: a project-wide summary reads one (usually short) page per protection group,
 * however many groups there are, and that is not what this bound is for.
 */
export const MAX_EXTRA_PAGES_PER_CALL = 1000;

const ADVICE =
  "Narrow the request (a server_group_id, failure_status or resource_type), or page through it with list_failed_sdrs_tasks";

/**
 * The bounds stopped a listing: SDRS kept sending full pages (or short ones with a count saying
 * more remain), or a page longer than asked for.
 * Only an upstream that ignores offset or limit, or a project far beyond what one call can
 * summarise, gets here.
 */
export class PagingLimitError extends Error {
  constructor(what: string, why: string, advice = ADVICE) {
    super(`Stopped reading ${what}: ${why}. ${advice}`);
    this.name = "PagingLimitError";
  }
}

const KEPT_SENDING =
  "SDRS kept sending full pages (or short ones while its count said more remain)";

/** The pages one tool call may still read past its listings' first pages. */
export class PageBudget {
  constructor(private remaining = MAX_EXTRA_PAGES_PER_CALL) {}

  /** Called before each page but the first of a listing. */
  takeExtra(what: string, advice?: string): void {
    if (this.remaining <= 0) {
      const why = `the listings of this call had read ${MAX_EXTRA_PAGES_PER_CALL} pages beyond their first (the limit of one call), ${KEPT_SENDING}`;
      throw new PagingLimitError(what, why, advice);
    }
    this.remaining--;
  }
}

/** One tool call's reads: its signal, and the page budget every listing of the call shares. */
export interface CallReads {
  signal?: AbortSignal;
  pages: PageBudget;
}

/** One page as SDRS sent it: its records and its `count`, whatever that means. */
export interface Page<T> {
  items: T[];
  count?: number | null;
}

/** Every record of a listing, and how its end was known. */
export interface Listing<T> {
  items: T[];
  /**
   * "empty": a read past the last record came back empty, the one proof of the end that holds
   * under both readings of `count`; "short": a short page whose `count` did not say more remain.
   */
  end: "empty" | "short";
  /** The largest `count` a page gave: a total or a page size, never more than SDRS holds. */
  maxCount?: number;
}

export interface ListingOptions {
  /** What to do when a cap stops the listing (ends the PagingLimitError's text). */
  advice?: string;
  /**
   * Read on until a page comes back empty, whatever `count` says: what a batch DELETE needs
   * before it may remove "everything in the scope" (a short page with a page-size `count` looks
   * like the end even when SDRS pages by fewer rows than asked for). Costs one read more.
   */
  untilEmpty?: boolean;
}

/**
 * Every page of a listing, in order, and how it ended. Stops on an empty page, or on a short
 * page whose `count` does not say more remain; reads on otherwise, within MAX_PAGES_PER_LISTING
 * and the call's PageBudget, so a hostile `count` costs pages, never an unbounded read. The next
 * offset is what was actually received; a page longer than the limit asked for stops the
 * listing (PagingLimitError).
 */
async function readListing<T>(
  what: string,
  pages: PageBudget,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  options: ListingOptions = {},
): Promise<Listing<T>> {
  const { advice, untilEmpty = false } = options;
  const items: T[] = [];
  let maxCount: number | undefined;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES_PER_LISTING) {
      const why = `it had sent ${MAX_PAGES_PER_LISTING} pages (the limit of one listing), ${KEPT_SENDING}`;
      throw new PagingLimitError(what, why, advice);
    }
    if (page > 0) pages.takeExtra(what, advice);
    const offset = items.length;
    const { items: batch, count } = await fetchPage(offset, PAGE_SIZE);
    // Read on, such an upstream could fill the memory 50,000 records a page at a time.
    if (batch.length > PAGE_SIZE) {
      const why = `SDRS sent ${batch.length} records for a page of at most ${PAGE_SIZE} (it does not honour limit)`;
      throw new PagingLimitError(what, why, advice);
    }
    if (typeof count === "number") maxCount = Math.max(maxCount ?? 0, count);
    for (const item of batch) items.push(item);
    const listing = (end: Listing<T>["end"]): Listing<T> => ({
      items,
      end,
      ...(maxCount !== undefined && { maxCount }),
    });
    if (batch.length === 0) return listing("empty");
    const short = batch.length < PAGE_SIZE && !moreRemain(count, offset, batch.length);
    if (short && !untilEmpty) return listing("short");
  }
}

/** Every record of a listing (readListing without how it ended). */
export async function allPages<T>(
  what: string,
  pages: PageBudget,
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  advice?: string,
): Promise<T[]> {
  return (await readListing(what, pages, fetchPage, advice ? { advice } : {})).items;
}

export function allServerGroups(client: SdrsClient, projectId: string, call: CallReads) {
  return allPages<ServerGroup>("the protection groups", call.pages, async (offset, limit) => {
    const { data } = await client.listServerGroups(projectId, { limit, offset }, call.signal);
    return { items: data.server_groups, count: data.count };
  });
}

type ScopeFilters = Omit<FailureJobFilters, "limit" | "offset">;

/** The failed tasks of one scope (group level, or one group's), with how the listing ended. */
export function failureJobListing(
  client: SdrsClient,
  projectId: string,
  filters: ScopeFilters,
  call: CallReads,
  options: ListingOptions = {},
): Promise<Listing<FailureJob>> {
  const what = filters.server_group_id
    ? `the failures of protection group ${filters.server_group_id}`
    : "the group-level failures";
  return readListing<FailureJob>(
    what,
    call.pages,
    async (offset, limit) => {
      const { data } = await client.listFailureJobs(
        projectId,
        { ...filters, limit, offset },
        call.signal,
      );
      return { items: data.failure_jobs, count: data.count };
    },
    options,
  );
}

export async function allFailureJobs(
  client: SdrsClient,
  projectId: string,
  filters: ScopeFilters,
  call: CallReads,
): Promise<FailureJob[]> {
  return (await failureJobListing(client, projectId, filters, call)).items;
}
