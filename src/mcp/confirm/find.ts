/**
 * Finding the records delete_failed_sdrs_task names. The API has no "get one failed task", so
 * they are found by listing: group level first, then inside every protection group (bounded
 * concurrency) for the IDs not found yet, or only where the caller, or an earlier read, says.
 */

import { type FoundRecord, records, scopeText } from "../../format/delete-preview.js";
import { clip } from "../../format/fields.js";
import { concurrencyLimited } from "../../sdrs/concurrency.js";
import { allFailureJobs, allServerGroups, type CallReads } from "../../sdrs/paging.js";
import type { FailureJob } from "../../sdrs/schemas.js";
import type { ServerDeps } from "../deps.js";
import { ToolInputError } from "../errors.js";
import type { Scan } from "./confirm.js";

/** Records of one delete_failed_sdrs_task call: one preview a person can still read. */
export const MAX_DELETE_IDS = 50;

export interface Target extends FoundRecord {
  /** Other records of its scope listed with its resource_id (a DELETE by it might take one). */
  sharingResourceId: number;
}

export interface FoundSet extends Scan {
  found: Target[];
  /** The IDs asked for that no listing read holds. */
  notFound: string[];
}

/** `search`: look everywhere (or in that group); `at`: where an earlier read found the set. */
export type Where = { search: string | null } | { at: readonly (string | null)[] };

/** `ids` lowercase and distinct: each a job_id or a resource_id. */
export async function findFailureJobs(
  deps: ServerDeps,
  projectId: string,
  ids: readonly string[],
  where: Where,
  call: CallReads,
): Promise<FoundSet> {
  const finder = new Finder(ids);
  const read = (scopes: readonly (string | null)[]) =>
    concurrencyLimited(
      scopes,
      deps.concurrency,
      async (scope) => finder.take(await listScope(deps, projectId, scope, call), scope),
      call.signal,
    );
  if ("at" in where || where.search !== null) {
    const scopes = "at" in where ? where.at : [where.search];
    await read(scopes);
    return finder.result(scopeText({ projectId, where: scopes }));
  }
  await read([null]);
  if (finder.missing.size === 0) return finder.result("");
  const groups = await allServerGroups(deps.client, projectId, call);
  await read(groups.map((g) => g.id));
  const names = new Map(groups.filter((g) => g.name).map((g) => [g.id, g.name]));
  const searched = `at protection-group level or inside any of the ${groups.length} protection groups of project ${projectId}`;
  return finder.result(searched, names);
}

function listScope(deps: ServerDeps, projectId: string, group: string | null, call: CallReads) {
  return allFailureJobs(deps.client, projectId, group ? { server_group_id: group } : {}, call);
}

/** The records the IDs name, collected over the listings read, each once. */
class Finder {
  readonly missing: Set<string>;
  private readonly found: Target[] = [];

  constructor(ids: readonly string[]) {
    this.missing = new Set(ids);
  }

  take(jobs: readonly FailureJob[], where: string | null): void {
    for (const id of [...this.missing]) {
      const job = named(jobs, id);
      if (!job) continue;
      this.missing.delete(id);
      // A job_id and a resource_id of one record name it once.
      if (this.found.some((t) => t.job === job)) continue;
      const sharingResourceId = jobs.filter(
        (other) =>
          other !== job && other.resource_id !== "" && other.resource_id === job.resource_id,
      ).length;
      this.found.push({ job, where, sharingResourceId });
    }
  }

  result(searched: string, names?: ReadonlyMap<string, string>): FoundSet {
    const scopes = [...new Set(this.found.map((t) => t.where))];
    return {
      found: this.found,
      scopes,
      searched,
      notFound: [...this.missing],
      ...(names && { names }),
    };
  }
}

/** A job_id names one record; a resource_id may name several, and then the job_id is needed. */
function named(jobs: readonly FailureJob[], id: string): FailureJob | undefined {
  const byJobId = jobs.find((job) => job.job_id.toLowerCase() === id);
  if (byJobId) return byJobId;
  const byResourceId = jobs.filter((job) => job.resource_id.toLowerCase() === id);
  if (byResourceId.length > 1) {
    const jobIds = byResourceId.slice(0, 5).map((job) => clip("job_id", job.job_id));
    throw new ToolInputError(
      `${id} is the resource_id of ${records(byResourceId.length)} (job_ids ${jobIds.join(", ")}${byResourceId.length > 5 ? ", …" : ""}): pass the job_id of the one to delete`,
    );
  }
  return byResourceId[0];
}
