import { generateDrills } from "./drills.js";
import { documentedExampleFailures } from "./example.js";
import {
  createInGroupFailureGenerator,
  type GeneratedFailure,
  generateGroupLevelFailures,
} from "./failures.js";
import { generateServerGroups } from "./groups.js";
import { unfailedJob } from "./job-builder.js";
import { type SubjectsOf, subjectsFromData } from "./job-subjects.js";
import { JobTable } from "./job-table.js";
import { quotasFor } from "./quotas.js";
import { generateGroupResources } from "./resources.js";
import { createRng, type Rng } from "./rng.js";
import { DAY_MS, dayStart, MINUTE_MS } from "./time.js";
import type {
  DataSetOptions,
  DisasterRecoveryDrill,
  FailureJob,
  FailureJobRecord,
  Job,
  JobStatus,
  ProtectedInstance,
  ReplicationPair,
  ServerGroup,
  SimulatorData,
} from "./types.js";

export const DEFAULT_SEED = 42;
const DEFAULT_GROUPS = 6;
const DEFAULT_GROUP_LEVEL_FAILURES = 14;

/**
 * The whole data set, a pure function of (seed, sizes, epoch). Each part draws from its own
 * stream, so changing one size leaves the other parts as they were.
 */
export function createDataSet(options: DataSetOptions = {}): SimulatorData {
  const seed = options.seed ?? DEFAULT_SEED;
  const epochMs = options.epochMs ?? dayStart(Date.now());
  const groupCount = size("groups", options.groups ?? DEFAULT_GROUPS);
  const perGroup = options.failuresPerGroup;
  if (perGroup !== undefined) size("failuresPerGroup", perGroup);
  const groupLevelCount = size(
    "groupLevelFailures",
    options.groupLevelFailures ?? DEFAULT_GROUP_LEVEL_FAILURES,
  );

  const serverGroups = generateServerGroups(createRng(seed, "groups"), groupCount, epochMs);
  const inGroupRng = createRng(seed, "in-group-failures");
  const nextInGroupFailure = createInGroupFailureGenerator(inGroupRng, epochMs);
  const generated: GeneratedFailure[] = [];
  const inGroup = new Map<string, FailureJob[]>();
  serverGroups.forEach((group, index) => {
    const count = perGroup ?? inGroupRng.int(3, 12);
    const mine: GeneratedFailure[] = [];
    for (let i = 0; i < count; i++) mine.push(nextInGroupFailure(group));
    // On top of failuresPerGroup, so the documented example is always there to be found.
    if (index === 0) mine.push(...documentedExampleFailures(group.id));
    inGroup.set(
      group.id,
      mine.map(({ record }) => record.job),
    );
    generated.push(...mine);
  });
  const groupLevelRng = createRng(seed, "group-level-failures");
  generated.push(
    ...generateGroupLevelFailures(groupLevelRng, serverGroups, groupLevelCount, epochMs),
  );

  const resources = createResources(seed, serverGroups, inGroup, epochMs);
  const subjectsOf = subjectsFromData(resources.protectedInstances, resources.replications);
  const jobs = new JobTable(seed, subjectsOf);
  for (const { record, jobServerGroupId } of generated) jobs.defer(record.job, jobServerGroupId);
  const unfailed = unfailedJobs(createRng(seed, "jobs"), serverGroups, subjectsOf, epochMs);
  for (const job of unfailed) jobs.set(job.job_id, job);

  const failureJobs = generated.map(({ record }) => record).sort(newestFirst);
  const quotas = quotasFor(
    serverGroups.length,
    resources.replications.length,
    failureJobs.map((r) => r.job),
  );
  return { serverGroups, failureJobs, jobs, ...resources, quotas };
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

function createResources(
  seed: number,
  groups: readonly ServerGroup[],
  inGroupFailures: ReadonlyMap<string, FailureJob[]>,
  epochMs: number,
): {
  protectedInstances: ProtectedInstance[];
  replications: ReplicationPair[];
  drills: DisasterRecoveryDrill[];
} {
  const rng = createRng(seed, "resources");
  const protectedInstances: ProtectedInstance[] = [];
  const replications: ReplicationPair[] = [];
  const drills: DisasterRecoveryDrill[] = [];
  groups.forEach((group, index) => {
    const failures = inGroupFailures.get(group.id) ?? [];
    const { instances, pairs } = generateGroupResources(rng, group, index, failures, epochMs);
    protectedInstances.push(...instances);
    replications.push(...pairs);
    drills.push(...generateDrills(rng, group, index, instances, failures, epochMs));
  });
  return { protectedInstances, replications, drills };
}

/** A few jobs that did not fail, so job lookups meet every documented status. */
const UNFAILED_JOBS: readonly (readonly [JobStatus, string])[] = [
  ["SUCCESS", "createProtectionGroupNoCG"],
  ["SUCCESS", "createProtectedInstanceNoCG"],
  ["SUCCESS", "stopProtectionGroupNoCG"],
  ["RUNNING", "createReplicationPairNoCG"],
  ["RUNNING", "failoverProtectionGroupNoCG"],
  ["INIT", "createDisasterRecoveryDrill"],
];

function unfailedJobs(
  rng: Rng,
  groups: readonly ServerGroup[],
  subjectsOf: SubjectsOf,
  epochMs: number,
): Job[] {
  return UNFAILED_JOBS.flatMap(([status, jobType], index) => {
    const group = groups[index % Math.max(groups.length, 1)];
    if (group === undefined) return [];
    // Finished jobs may be weeks old; running and initialising ones started minutes ago.
    const beginMs =
      epochMs -
      (status === "SUCCESS" ? rng.int(DAY_MS, 30 * DAY_MS) : rng.int(MINUTE_MS, 50 * MINUTE_MS));
    const resourceType = jobType.includes("ProtectionGroup") ? "server_groups" : "";
    const subjects = subjectsOf(rng, group.id, resourceType, "");
    return [unfailedJob(rng, status, jobType, subjects, beginMs)];
  });
}
