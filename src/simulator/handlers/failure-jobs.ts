import { newestFirst } from "../data.js";
import { itemNotFound } from "../errors.js";
import { findServerGroup, readEnum, readPaging } from "../params.js";
import { json, noContent, type SimResponse } from "../responses.js";
import type { FailureJobRecord, HandlerContext, SimulatorData } from "../types.js";
import { FAILURE_STATUSES, RESOURCE_TYPE_FILTERS, resourceTypeFilterValue } from "../vocabulary.js";

/**
 * GET task-center/failure-jobs. Without server_group_id only protection-group-level failures
 * are listed; with it only the failures inside that group (as the API documents).
 */
export function listFailureJobs(query: URLSearchParams, context: HandlerContext): SimResponse {
  const { limit, offset } = readPaging(query, context);
  const failureStatus = readEnum(query, "failure_status", FAILURE_STATUSES);
  const resourceType = readEnum(query, "resource_type", RESOURCE_TYPE_FILTERS);
  const serverGroupId = readServerGroupId(query.get("server_group_id"), context.data);
  const inGroupNamed = groupNameMatcher(query.get("resource_name"), context.data);

  const matching = recordsUnder(context.data.failureJobs, serverGroupId)
    .filter(
      (record) =>
        (failureStatus === undefined || record.job.failure_status === failureStatus) &&
        (resourceType === undefined ||
          resourceTypeFilterValue(record.job.resource_type) === resourceType) &&
        inGroupNamed(record),
    )
    // The data is kept newest first, but tests may push records: sorting the matches keeps the
    // documented order whatever they do (stable, so equal times keep data order).
    .sort(newestFirst);
  const page = matching.slice(offset, offset + limit).map(({ job }) => job);
  const count = context.countMode === "total" ? matching.length : page.length;
  return json(200, { count, failure_jobs: page });
}

/**
 * `resource_name`: "Specifies the resource name of a protection group" (OTC api-ref
 * apis/task_center/querying_failed_tasks.rst; HW SDK list_failure_jobs_request.py "保护组资源名称").
 * Read as the name of the protection group a failed task belongs to: for a group-level task the
 * group it failed on (its own resource_name, as the group may be gone), for a task inside a group
 * that group's name. Exact and case-sensitive: unlike every sibling `name` filter, this one is
 * not documented as fuzzy.
 */
function groupNameMatcher(
  wanted: string | null,
  data: SimulatorData,
): (record: FailureJobRecord) => boolean {
  if (wanted === null) return () => true;
  const names = new Map(data.serverGroups.map((group) => [group.id, group.name]));
  return ({ serverGroupId, job }) =>
    (serverGroupId === null ? job.resource_name : names.get(serverGroupId)) === wanted;
}

/**
 * The records listed under one group (null: group-level), indexed once per version of the
 * data: filtering every record on every request made a project-wide listing quadratic in the
 * number of groups. Forgotten by every delete here, and rebuilt whenever the array's length
 * changes (tests pushing records), so a delete and a push between two listings are both seen.
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

/**
 * DELETE task-center/failure-jobs/{failure_job_id}. Every official example (OTC api-ref
 * apis/task_center/deleting_a_failed_task.rst) passes the value the listing example shows as
 * `resource_id`, so records are found by that key unless the simulator is told to use `job_id`;
 * the other ID is then unknown. Should several records share the ID, the first (newest) goes. An
 * unknown ID: the error table has no code for a missing failed task, so the answer is the
 * documented `itemNotFound` shape with 404 ("The server could not find the requested page").
 */
export function deleteFailureJob(id: string, context: HandlerContext): SimResponse {
  const records = context.data.failureJobs;
  const key = context.failureJobKey;
  const index = records.findIndex(({ job }) => job[key] === id);
  if (index < 0) return itemNotFound(`The failed task ${id} does not exist.`);
  records.splice(index, 1);
  indexes.delete(records);
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
  return raw === null ? null : findServerGroup(raw, data).id;
}

/** In place and in one pass, so references to data.failureJobs stay live. */
function removeWhere(records: FailureJobRecord[], doomed: (record: FailureJobRecord) => boolean) {
  let kept = 0;
  for (const record of records) {
    if (!doomed(record)) records[kept++] = record;
  }
  records.length = kept;
  indexes.delete(records);
}
