import { documentedExampleFailures } from "./example.js";
import {
  createInGroupFailureGenerator,
  type GeneratedFailure,
  generateGroupLevelFailures,
} from "./failures.js";
import { generateServerGroups } from "./groups.js";
import { JobTable } from "./job-table.js";
import { createRng, type Rng } from "./rng.js";
import { apiTime, DATA_EPOCH_MS, DAY_MS, MINUTE_MS, SECOND_MS } from "./time.js";
import type {
  DataSetOptions,
  FailureJobRecord,
  Job,
  JobStatus,
  ServerGroup,
  SimulatorData,
} from "./types.js";

export type {
  DataSetOptions,
  FailureJob,
  FailureJobRecord,
  Job,
  JobEntities,
  JobStatus,
  ServerGroup,
  SimulatorData,
} from "./types.js";

export const DEFAULT_SEED = 42;
const DEFAULT_GROUPS = 6;
const DEFAULT_GROUP_LEVEL_FAILURES = 14;

/**
 * The whole data set, a pure function of (seed, sizes). Each part draws from its own stream,
 * so changing one size leaves the other parts as they were.
 */
export function createDataSet(options: DataSetOptions = {}): SimulatorData {
  const seed = options.seed ?? DEFAULT_SEED;
  const groupCount = size("groups", options.groups ?? DEFAULT_GROUPS);
  const perGroup = options.failuresPerGroup;
  if (perGroup !== undefined) size("failuresPerGroup", perGroup);
  const groupLevelCount = size(
    "groupLevelFailures",
    options.groupLevelFailures ?? DEFAULT_GROUP_LEVEL_FAILURES,
  );

  const serverGroups = generateServerGroups(createRng(seed, "groups"), groupCount);
  const inGroupRng = createRng(seed, "in-group-failures");
  const nextInGroupFailure = createInGroupFailureGenerator(inGroupRng);
  const generated: GeneratedFailure[] = [];
  serverGroups.forEach((group, index) => {
    const count = perGroup ?? inGroupRng.int(3, 12);
    for (let i = 0; i < count; i++) generated.push(nextInGroupFailure(group));
    // On top of failuresPerGroup, so the documented example is always there to be found.
    if (index === 0) generated.push(...documentedExampleFailures(group.id));
  });
  const groupLevelRng = createRng(seed, "group-level-failures");
  generated.push(...generateGroupLevelFailures(groupLevelRng, serverGroups, groupLevelCount));

  const jobs = new JobTable(seed);
  for (const { record, jobServerGroupId } of generated) jobs.defer(record.job, jobServerGroupId);
  for (const job of unfailedJobs(createRng(seed, "jobs"), serverGroups)) jobs.set(job.job_id, job);

  const failureJobs = generated.map(({ record }) => record).sort(newestFirst);
  return { serverGroups, failureJobs, jobs };
}

/** ISO-8601 UTC times with fixed width compare correctly as strings. */
export function newestFirst(a: FailureJobRecord, b: FailureJobRecord): number {
  const x = a.job.begin_time;
  const y = b.job.begin_time;
  return x < y ? 1 : x > y ? -1 : 0;
}

function size(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** A few jobs that did not fail, so job lookups meet every documented status. */
const UNFAILED_JOBS: readonly (readonly [JobStatus, string])[] = [
  ["SUCCESS", "createProtectionGroupNoCG"],
  ["SUCCESS", "createProtectedInstanceNoCG"],
  ["SUCCESS", "startProtectionGroupNoCG"],
  ["RUNNING", "createReplicationPairNoCG"],
  ["RUNNING", "failoverProtectionGroupNoCG"],
  ["INIT", "createDisasterRecoveryDrill"],
];

function unfailedJobs(rng: Rng, groups: readonly ServerGroup[]): Job[] {
  return UNFAILED_JOBS.flatMap(([status, jobType], index) => {
    const group = groups[index % Math.max(groups.length, 1)];
    return group === undefined ? [] : [unfailedJob(rng, status, jobType, group.id)];
  });
}

function unfailedJob(rng: Rng, status: JobStatus, jobType: string, serverGroupId: string): Job {
  // Finished jobs may be weeks old; running and initialising ones started minutes ago.
  const begin =
    DATA_EPOCH_MS -
    (status === "SUCCESS" ? rng.int(DAY_MS, 30 * DAY_MS) : rng.int(MINUTE_MS, 50 * MINUTE_MS));
  const subJobStatuses: JobStatus[] =
    status === "SUCCESS"
      ? ["SUCCESS", "SUCCESS"]
      : status === "RUNNING"
        ? ["SUCCESS", "RUNNING"]
        : [];
  let clock = begin;
  const subJobs = subJobStatuses.map((subStatus): Job => {
    const subBegin = clock + rng.int(20, 900);
    clock = subBegin + rng.int(2 * SECOND_MS, 3 * MINUTE_MS);
    return {
      status: subStatus,
      job_id: rng.hex(32),
      job_type: jobType,
      begin_time: apiTime(subBegin),
      end_time: subStatus === "SUCCESS" ? apiTime(clock) : null,
      error_code: null,
      fail_reason: null,
      entities: { server_group_id: serverGroupId, sub_jobs: [] },
    };
  });
  return {
    status,
    job_id: rng.hex(32),
    job_type: jobType,
    begin_time: apiTime(begin),
    end_time: status === "SUCCESS" ? apiTime(clock + rng.int(50, 2000)) : null,
    error_code: null,
    fail_reason: null,
    entities: { server_group_id: serverGroupId, sub_jobs: subJobs },
  };
}
