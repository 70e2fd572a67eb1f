/**
 * Finding the records delete_failed_sdrs_task names. The API has no "get one failed task", so
 * they are found by listing: group level first, then inside every protection group (bounded
 * concurrency) for the IDs not found yet, or only inside the group the caller names.
 *
 * The single-record DELETE names no scope, and which ID it takes is not documented: a DELETE by
 * a resource_id that another record of the project shares, in any scope, could remove that one
 * instead. So when a found record's resource_id could be sent, every scope of the project is
 * read (within the call's page budget) to count the records listed with it.
 */

import { type FoundRecord, records, scopeText } from "../../format/delete-preview.js";
import { clip } from "../../format/fields.js";
import { concurrencyLimited } from "../../sdrs/concurrency.js";
import { JOB_ID } from "../../sdrs/ids.js";
import {
  allFailureJobs,
  allServerGroups,
  type CallReads,
  PagingLimitError,
} from "../../sdrs/paging.js";
import type { FailureJob, ServerGroup } from "../../sdrs/schemas.js";
import type { ServerDeps } from "../deps.js";
import { ToolInputError } from "../errors.js";
import type { Scan } from "./confirm.js";

/** Records of one delete_failed_sdrs_task call: one preview a person can still read. */
export const MAX_DELETE_IDS = 50;

export interface Target extends FoundRecord {
  /** Other records listed with its resource_id, in any scope read. */
  sharingResourceId: number;
  /**
   * Whether every scope of the project was read, so that `sharingResourceId` counts them all:
   * only then may the DELETE go by the resource_id.
   */
  everyScopeRead: boolean;
}

export interface FoundSet extends Scan {
  found: Target[];
  /** The IDs asked for that no listing read holds. */
  notFound: string[];
}

/**
 * `ids` lowercase and distinct, each a job_id or a resource_id; `group` the protection group to
 * look in (null: group level, then every group). The same arguments give the same search, so a
 * confirmation re-reads exactly what its preview read.
 */
export async function findFailureJobs(
  deps: ServerDeps,
  projectId: string,
  ids: readonly string[],
  group: string | null,
  call: CallReads,
): Promise<FoundSet> {
  const finder = new Finder(ids);
  const countScope = async (scope: string | null) =>
    finder.count(await listScope(deps, projectId, scope, call), scope);
  const search = async (scopes: readonly (string | null)[]) => {
    const matches = await concurrencyLimited(scopes, deps.concurrency, countScope, call.signal);
    // Taken in the scopes' order, not in the order the listings came back: the same search
    // finds the same records.
    scopes.forEach((scope, i) => {
      finder.take(matches[i] ?? [], scope);
    });
  };
  let groups: ServerGroup[] | undefined;
  const groupIds = async () => {
    groups ??= await allServerGroups(deps.client, projectId, call);
    return [...new Set(groups.map((g) => g.id))];
  };

  await search([group]);
  const inEveryGroup = group === null && finder.missing.size > 0;
  if (inEveryGroup) await search(await groupIds());
  await countTheRest(finder, async () => {
    const rest = [null, ...(await groupIds())].filter((scope) => !finder.hasRead(scope));
    await concurrencyLimited(rest, deps.concurrency, countScope, call.signal);
  });
  finder.refuseSharedResourceIds();

  if (group !== null || !inEveryGroup || !groups) {
    return finder.result(scopeText({ projectId, where: [group] }));
  }
  const names = new Map(groups.filter((g) => g.name).map((g) => [g.id, g.name]));
  const searched = `at protection-group level or inside any of the ${groups.length} protection groups of project ${projectId}`;
  return finder.result(searched, names);
}

/**
 * Reads the scopes the search left out when a found record's resource_id could be sent. A
 * listing too long for one call's read limits (PagingLimitError) leaves the count incomplete:
 * then only job_ids go. Any other failure fails the call, as a failed search does.
 */
async function countTheRest(finder: Finder, readRest: () => Promise<void>): Promise<void> {
  if (!finder.found.some((t) => sendable(t.job.resource_id))) return;
  try {
    await readRest();
    finder.everyScopeRead = true;
  } catch (error) {
    if (!(error instanceof PagingLimitError)) throw error;
  }
}

/** Whether an ID can go into the DELETE's path at all. */
export function sendable(id: string): boolean {
  return JOB_ID.test(id);
}

function listScope(deps: ServerDeps, projectId: string, group: string | null, call: CallReads) {
  return allFailureJobs(deps.client, projectId, group ? { server_group_id: group } : {}, call);
}

/** The records the IDs name, collected over the listings read, each once. */
class Finder {
  readonly missing: Set<string>;
  readonly found: FoundRecord[] = [];
  /** Set once the project's group-level listing and every group's listing were read. */
  everyScopeRead = false;
  private readonly wanted: ReadonlySet<string>;
  /** Records per resource_id (lowercase) over every listing read. */
  private readonly perResourceId = new Map<string, number>();
  /** Every record read that one of the IDs names, wherever it is listed. */
  private readonly named: { job: FailureJob; where: string | null }[] = [];
  private readonly read = new Set<string>();

  constructor(ids: readonly string[]) {
    this.missing = new Set(ids);
    this.wanted = new Set(ids);
  }

  hasRead(scope: string | null): boolean {
    return this.read.has(scopeKey(scope));
  }

  /** Counts a listing's resource_ids; gives back its records that one of the IDs names. */
  count(jobs: readonly FailureJob[], scope: string | null): FailureJob[] {
    this.read.add(scopeKey(scope));
    const matches: FailureJob[] = [];
    for (const job of jobs) {
      const resourceId = job.resource_id.toLowerCase();
      if (resourceId !== "") {
        this.perResourceId.set(resourceId, (this.perResourceId.get(resourceId) ?? 0) + 1);
      }
      if (this.wanted.has(job.job_id.toLowerCase()) || this.wanted.has(resourceId)) {
        matches.push(job);
        this.named.push({ job, where: scope });
      }
    }
    return matches;
  }

  take(jobs: readonly FailureJob[], where: string | null): void {
    for (const id of [...this.missing]) {
      const job = named(jobs, id);
      if (!job) continue;
      this.missing.delete(id);
      // A job_id and a resource_id of one record name it once.
      if (this.found.some((t) => t.job === job)) continue;
      this.found.push({ job, where });
    }
  }

  /**
   * A resource_id given as the ID that several records share, in one scope or in several, does
   * not say which one is meant: the job_id does.
   */
  refuseSharedResourceIds(): void {
    for (const id of this.wanted) {
      const byResourceId = this.named.filter(({ job }) => job.resource_id.toLowerCase() === id);
      if (byResourceId.length < 2) continue;
      const jobIds = byResourceId.slice(0, 5).map(({ job }) => clip("job_id", job.job_id));
      throw new ToolInputError(
        `${id} is the resource_id of ${records(byResourceId.length)} (job_ids ${jobIds.join(", ")}${byResourceId.length > 5 ? ", …" : ""}): pass the job_id of the one to delete`,
      );
    }
  }

  result(searched: string, names?: ReadonlyMap<string, string>): FoundSet {
    const found = this.found.map(
      (t): Target => ({
        ...t,
        sharingResourceId: Math.max(
          0,
          (this.perResourceId.get(t.job.resource_id.toLowerCase()) ?? 0) - 1,
        ),
        everyScopeRead: this.everyScopeRead,
      }),
    );
    return {
      found,
      searched,
      notFound: [...this.missing],
      ...(names && { names }),
    };
  }
}

/** Group IDs as SDRS spells them or as the caller gave them: one scope either way. */
function scopeKey(scope: string | null): string {
  return scope === null ? "" : scope.toLowerCase();
}

/** A job_id names one record; a resource_id may name several (refused after every read). */
function named(jobs: readonly FailureJob[], id: string): FailureJob | undefined {
  return (
    jobs.find((job) => job.job_id.toLowerCase() === id) ??
    jobs.find((job) => job.resource_id.toLowerCase() === id)
  );
}
