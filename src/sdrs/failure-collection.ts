/**
 * The failed tasks of a whole project: the group-level listing (without server_group_id) plus
 * the listing inside each protection group, since SDRS returns in-group failures only when
 * asked per group. summarize_sdrs_failures and assess_sdrs_readiness count the same records
 * from this one collector. Errors stay raw (the MCP layer words them); a group whose listing
 * fails is reported as unreadable rather than failing the whole collection.
 */

import type { FailureJobFilters, SdrsClient } from "./client.js";
import { concurrencyLimited } from "./concurrency.js";
import { allFailureJobs, type CallReads } from "./paging.js";
import type { FailureJob, ServerGroup } from "./schemas.js";

export type FailureFilters = Omit<FailureJobFilters, "limit" | "offset" | "server_group_id">;

/** One listing to run: the group-level one (group null) or one group's. */
export interface FailureListing {
  group: ServerGroup | null;
  read(): Promise<FailureJob[]>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface FailureCollection {
  groupLevel: FailureJob[];
  /** Set when the group-level listing could not be read (groupLevel is then empty). */
  groupLevelError?: unknown;
  /** Aligned with the groups passed in; empty for an unreadable group. */
  perGroup: FailureJob[][];
  unreadable: { group: ServerGroup; error: unknown }[];
}

export interface FailureListingOptions extends CallReads {
  filters?: FailureFilters;
}

/** The group-level listing first, then one per group, for a caller's own pool. */
export function failureListings(
  client: SdrsClient,
  projectId: string,
  groups: readonly ServerGroup[],
  { filters = {}, ...call }: FailureListingOptions,
): FailureListing[] {
  const read = (group: ServerGroup | null) => () =>
    allFailureJobs(
      client,
      projectId,
      group ? { ...filters, server_group_id: group.id } : filters,
      call,
    );
  return [null, ...groups].map((group) => ({ group, read: read(group) }));
}

/** Runs a read to an outcome; a cancelled call still ends the whole collection. */
export async function settle<T>(read: () => Promise<T>, signal?: AbortSignal): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error };
  }
}

/** Puts the outcomes of failureListings(...) (same order) back together. */
export function gatherFailures(
  listings: readonly FailureListing[],
  outcomes: readonly Outcome<FailureJob[]>[],
): FailureCollection {
  const collection: FailureCollection = { groupLevel: [], perGroup: [], unreadable: [] };
  listings.forEach(({ group }, i) => {
    const outcome = outcomes[i] ?? { ok: false, error: new Error("not read") };
    const jobs = outcome.ok ? outcome.value : [];
    if (group === null) {
      collection.groupLevel = jobs;
      if (!outcome.ok) collection.groupLevelError = outcome.error;
      return;
    }
    collection.perGroup.push(jobs);
    if (!outcome.ok) collection.unreadable.push({ group, error: outcome.error });
  });
  return collection;
}

export interface CollectOptions extends FailureListingOptions {
  concurrency: number;
  /** Called after each listing, read or not, e.g. for progress notifications. */
  onListing?: (group: ServerGroup | null) => Promise<void> | void;
}

/** Every failed task of the project, at most `concurrency` listings in flight. */
export async function collectFailures(
  client: SdrsClient,
  projectId: string,
  groups: readonly ServerGroup[],
  options: CollectOptions,
): Promise<FailureCollection> {
  const listings = failureListings(client, projectId, groups, options);
  const outcomes = await concurrencyLimited(
    listings,
    options.concurrency,
    async (listing) => {
      const outcome = await settle(listing.read, options.signal);
      await options.onListing?.(listing.group);
      return outcome;
    },
    options.signal,
  );
  return gatherFailures(listings, outcomes);
}
