import { newestFirst } from "../data.js";
import { itemNotFound } from "../errors.js";
import { isUuid, readEnum, readPaging, reject } from "../params.js";
import { json, noContent, type SimResponse } from "../responses.js";
import type { FailureJobRecord, HandlerContext, SimulatorData } from "../types.js";
import { FAILURE_STATUSES, RESOURCE_TYPE_FILTERS, resourceTypeFilterValue } from "../vocabulary.js";

/**
 * GET task-center/failure-jobs. Without server_group_id only protection-group-level failures
 * are listed; with it only the failures inside that group (as the API documents).
 */
export function listFailureJobs(query: URLSearchParams, context: HandlerContext): SimResponse {
  const { limit, offset } = readPaging(query);
  const failureStatus = readEnum(query, "failure_status", FAILURE_STATUSES);
  const resourceType = readEnum(query, "resource_type", RESOURCE_TYPE_FILTERS);
  const serverGroupId = readServerGroupId(query.get("server_group_id"), context.data);
  const resourceName = query.get("resource_name");

  const matching = recordsUnder(context.data.failureJobs, serverGroupId)
    .filter(
      ({ job }) =>
        (failureStatus === undefined || job.failure_status === failureStatus) &&
        (resourceType === undefined ||
          resourceTypeFilterValue(job.resource_type) === resourceType) &&
        (resourceName === null || job.resource_name === resourceName),
    )
    // The data is kept newest first, but tests may push records: sorting the matches keeps the
    // documented order whatever they do (stable, so equal times keep data order).
    .sort(newestFirst);
  const page = matching.slice(offset, offset + limit).map(({ job }) => job);
  const count = context.countMode === "total" ? matching.length : page.length;
  return json(200, { count, failure_jobs: page });
}

/**
 * The records listed under one group (null: group-level), indexed once per version of the
 * data: filtering every record on every request made a project-wide listing quadratic in the
 * number of groups. Rebuilt whenever the array's length changes (deletes, tests pushing).
 */
const indexes = new WeakMap<
  FailureJobRecord[],
  { length: number; byGroup: Map<string | null, FailureJobRecord[]> }
>();

function recordsUnder(
  records: FailureJobRecord[],
  serverGroupId: string | null,
): FailureJobRecord[] {
  let index = indexes.get(records);
  if (!index || index.length !== records.length) {
    const byGroup = new Map<string | null, FailureJobRecord[]>();
    for (const record of records) {
      const list = byGroup.get(record.serverGroupId);
      if (list) list.push(record);
      else byGroup.set(record.serverGroupId, [record]);
    }
    index = { length: records.length, byGroup };
    indexes.set(records, index);
  }
  return index.byGroup.get(serverGroupId) ?? [];
}

/** DELETE task-center/failure-jobs/{id}: the docs do not say which ID, so job_id or resource_id. */
export function deleteFailureJob(id: string, context: HandlerContext): SimResponse {
  const records = context.data.failureJobs;
  let index = records.findIndex(({ job }) => job.job_id === id);
  if (index < 0) index = records.findIndex(({ job }) => job.resource_id === id);
  if (index < 0) return itemNotFound("The failure job could not be found.");
  records.splice(index, 1);
  return noContent();
}

/** DELETE task-center/failure-jobs/batch: every protection-group-level failure. */
export function deleteGroupLevelFailureJobs(context: HandlerContext): SimResponse {
  removeWhere(context.data.failureJobs, (record) => record.serverGroupId === null);
  return noContent();
}

/** DELETE task-center/{server_group_id}/failure-jobs/batch: every failure inside one group. */
export function deleteGroupFailureJobs(
  serverGroupId: string,
  context: HandlerContext,
): SimResponse {
  const id = readServerGroupId(serverGroupId, context.data);
  removeWhere(context.data.failureJobs, (record) => record.serverGroupId === id);
  return noContent();
}

/** null when absent; SDRS.0207 when not a UUID; SDRS.1013 (a 400) when no such group. */
function readServerGroupId(raw: string | null, data: SimulatorData): string | null {
  if (raw === null) return null;
  if (!isUuid(raw)) reject("SDRS.0207");
  if (!data.serverGroups.some((group) => group.id === raw)) reject("SDRS.1013");
  return raw;
}

/** In place and in one pass, so references to data.failureJobs stay live. */
function removeWhere(records: FailureJobRecord[], doomed: (record: FailureJobRecord) => boolean) {
  let kept = 0;
  for (const record of records) {
    if (!doomed(record)) records[kept++] = record;
  }
  records.length = kept;
}
