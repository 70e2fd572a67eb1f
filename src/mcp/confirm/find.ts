/**
 * Finding the one record a single delete names. The API has no "get one failed task", so it is
 * found by listing: group level first, then inside every protection group (bounded
 * concurrency), or only where the caller, or an earlier read, says it is.
 */

import { scopeText } from "../../format/delete-preview.js";
import { clip } from "../../format/fields.js";
import { concurrencyLimited } from "../../sdrs/concurrency.js";
import { allFailureJobs, allServerGroups, type CallReads } from "../../sdrs/paging.js";
import type { FailureJob } from "../../sdrs/schemas.js";
import type { ServerDeps } from "../deps.js";
import { ToolInputError } from "../errors.js";
import type { Scan } from "./confirm.js";

export interface FoundRecord extends Scan {
  /** Other records of the same scope listed with the target's resource_id. */
  sharingResourceId: number;
}

/** `search`: look everywhere (or in that group); `at`: where an earlier read found it. */
export type Where = { search: string | null } | { at: string | null };

export async function findFailureJob(
  deps: ServerDeps,
  projectId: string,
  id: string,
  where: Where,
  call: CallReads,
): Promise<FoundRecord> {
  const fixed = "at" in where ? where.at : where.search;
  if ("at" in where || fixed !== null) {
    const scope = scopeText({ projectId, serverGroupId: fixed });
    return found(await listScope(deps, projectId, fixed, call), id, fixed, scope);
  }
  const groupLevel = found(await listScope(deps, projectId, null, call), id, null, "");
  if (groupLevel.records.length) return groupLevel;
  const groups = await allServerGroups(deps.client, projectId, call);
  const lists = await concurrencyLimited(
    groups,
    deps.concurrency,
    (group) => listScope(deps, projectId, group.id, call),
    call.signal,
  );
  for (const [i, jobs] of lists.entries()) {
    const inGroup = found(jobs, id, groups[i]?.id ?? null, "");
    if (inGroup.records.length) return inGroup;
  }
  const searched = `at protection-group level or inside any of the ${groups.length} protection groups of project ${projectId}`;
  return { records: [], where: null, searched, sharingResourceId: 0 };
}

function listScope(deps: ServerDeps, projectId: string, group: string | null, call: CallReads) {
  return allFailureJobs(deps.client, projectId, group ? { server_group_id: group } : {}, call);
}

/** A job_id names one record; a resource_id may name several, and then the job_id is needed. */
function found(
  jobs: readonly FailureJob[],
  id: string,
  where: string | null,
  searched: string,
): FoundRecord {
  const byJobId = jobs.find((job) => job.job_id.toLowerCase() === id);
  const byResourceId = jobs.filter((job) => job.resource_id.toLowerCase() === id);
  if (!byJobId && byResourceId.length > 1) {
    const jobIds = byResourceId.slice(0, 5).map((job) => clip("job_id", job.job_id));
    throw new ToolInputError(
      `failure_job_id ${id} is the resource_id of ${byResourceId.length} failed-task records (job_ids ${jobIds.join(", ")}${byResourceId.length > 5 ? ", …" : ""}): pass the job_id of the one to delete`,
    );
  }
  const target = byJobId ?? byResourceId[0];
  if (!target) return { records: [], where, searched, sharingResourceId: 0 };
  const sharing = jobs.filter(
    (job) => job !== target && job.resource_id !== "" && job.resource_id === target.resource_id,
  ).length;
  return { records: [target], where, searched, sharingResourceId: sharing };
}
