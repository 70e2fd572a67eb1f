import type { Rng } from "./rng.js";
import { apiTime, MINUTE_MS, SECOND_MS } from "./time.js";
import type { FailureJob, Job, JobEntities, JobStatus, SubJob, SubJobEntities } from "./types.js";

/**
 * Jobs as `GET jobs/{job_id}` returns them (OTC api-ref apis/job/querying_the_job_status.rst,
 * HW SDK job_entities.py / sub_job_entities.py / sub_job_params.py). Entities name what a job
 * touched: server_group_id, protected_instance_id, replication_pair_id, native_server_id,
 * nic_id, volume_ids. Sub-jobs are steps with their own job types (the OTC example's
 * stopProtectionGroupNoCG runs stopProtectionGroupRepNoCG steps, one per replication pair) and
 * never hold sub_jobs themselves. A job without steps has no sub_jobs key, as in the OTC
 * SUCCESS example.
 */

/** The IDs one job works on, drawn once so parent and steps agree. */
export interface JobSubjects {
  serverGroupId: string;
  protectedInstanceId: string;
  /** Replication pairs, each with its comma-separated production and DR disk IDs. */
  pairs: { id: string; volumeIds: string }[];
  nativeServerId: string;
  nicId: string;
  /** The pair a failing group-wide step should name, when the data set has a broken one. */
  brokenPairId?: string;
}

interface Step {
  jobType: string;
  entities: SubJobEntities;
}

interface Plan {
  entities: SubJobEntities;
  steps: Step[];
  /** Group-wide operations run their per-pair steps side by side (the OTC example's times). */
  parallel: boolean;
}

/** Protection group operations that act on every replication pair of the group. */
const GROUP_WIDE = new Set([
  "startProtectionGroupNoCG",
  "stopProtectionGroupNoCG",
  "failoverProtectionGroupNoCG",
  "reverseProtectionGroupNoCG",
  "reprotectProtectionGroupNoCG",
]);

/** stopProtectionGroupNoCG -> stopProtectionGroupRepNoCG, the OTC example's step type. */
function perPairStepType(jobType: string): string {
  return jobType.replace(/NoCG$/, "RepNoCG");
}

function plan(jobType: string, s: JobSubjects): Plan {
  const group = { server_group_id: s.serverGroupId };
  const instance = { ...group, protected_instance_id: s.protectedInstanceId };
  const pair = (p: JobSubjects["pairs"][number]) => ({
    ...group,
    replication_pair_id: p.id,
    volume_ids: p.volumeIds,
  });
  const first = s.pairs[0] ?? { id: s.protectedInstanceId, volumeIds: "" };
  if (GROUP_WIDE.has(jobType)) {
    const steps = s.pairs.map((p) => ({
      jobType: perPairStepType(jobType),
      entities: { ...group, replication_pair_id: p.id },
    }));
    return { entities: group, steps, parallel: true };
  }
  switch (jobType) {
    // The documented example's job_type lacks the NoCG suffix; it is the same operation.
    case "createProtectedInstance":
    case "createProtectedInstanceNoCG":
      return {
        entities: { ...instance, native_server_id: s.nativeServerId },
        steps: [
          ...s.pairs.map((p) => ({ jobType: "createReplicationPairNoCG", entities: pair(p) })),
          ...s.pairs.map((p) => ({
            jobType: "attachReplicationPairNew",
            entities: { ...instance, replication_pair_id: p.id },
          })),
          { jobType: "addNicNew", entities: { ...instance, nic_id: s.nicId } },
        ],
        parallel: false,
      };
    case "deleteProtectedInstanceNoCG":
      return {
        entities: { ...instance, native_server_id: s.nativeServerId },
        steps: s.pairs.flatMap((p) => [
          {
            jobType: "detachReplicationPairNew",
            entities: { ...instance, replication_pair_id: p.id },
          },
          { jobType: "deleteReplicationPairNoCG", entities: pair(p) },
        ]),
        parallel: false,
      };
    case "attachReplicationPairNew":
    case "detachReplicationPairNew":
      return single({ ...instance, replication_pair_id: first.id });
    case "addNicNew":
    case "deleteNicNew":
      return single({ ...instance, nic_id: s.nicId });
    case "resizeProtectedInstanceNew":
      return single({ ...instance, native_server_id: s.nativeServerId });
    case "createReplicationPairNoCG":
    case "deleteReplicationPairNoCG":
    case "expandReplicationPairNew":
      return single(pair(first));
    default:
      return single(group);
  }
}

function single(entities: SubJobEntities): Plan {
  return { entities, steps: [], parallel: false };
}

/** A FAIL job: steps that succeeded, then the one that failed with the task's error. */
export function failedJob(rng: Rng, failure: FailureJob, subjects: JobSubjects): Job {
  const { entities, steps, parallel } = plan(failure.job_type, subjects);
  const brokenStep = steps.findIndex(
    (step) =>
      step.entities.replication_pair_id !== undefined &&
      step.entities.replication_pair_id === subjects.brokenPairId,
  );
  const failing = brokenStep >= 0 ? brokenStep : rng.int(0, Math.max(steps.length - 1, 0));
  // Sequential steps stop at the failure; side-by-side ones all ran.
  const ran = parallel ? steps : steps.slice(0, failing + 1);
  const error = { error_code: failure.error_code, fail_reason: failure.fail_reason };
  const begin = Date.parse(failure.begin_time);
  const { subJobs, end } = runSteps(rng, ran, begin, parallel, (i) =>
    i === failing ? { status: "FAIL", ...error } : { status: "SUCCESS" },
  );
  return withSteps(
    {
      status: "FAIL",
      job_id: failure.job_id,
      job_type: failure.job_type,
      begin_time: failure.begin_time,
      end_time: apiTime(end + rng.int(50, 2000)),
      ...error,
    },
    entities,
    subJobs,
  );
}

/** A job that did not fail: SUCCESS (every step done), RUNNING (one step running) or INIT. */
export function unfailedJob(
  rng: Rng,
  status: JobStatus,
  jobType: string,
  subjects: JobSubjects,
  beginMs: number,
): Job {
  const { entities, steps, parallel } = plan(jobType, subjects);
  const running = status === "RUNNING" ? rng.int(0, Math.max(steps.length - 1, 0)) : -1;
  const ran = status === "INIT" ? [] : status === "RUNNING" ? steps.slice(0, running + 1) : steps;
  const { subJobs, end } = runSteps(rng, ran, beginMs, parallel, (i) =>
    i === running ? { status: "RUNNING" } : { status: "SUCCESS" },
  );
  return withSteps(
    {
      status,
      job_id: rng.hex(32),
      job_type: jobType,
      begin_time: apiTime(beginMs),
      end_time: status === "SUCCESS" ? apiTime(end + rng.int(50, 2000)) : null,
      error_code: null,
      fail_reason: null,
    },
    entities,
    subJobs,
  );
}

interface Outcome {
  status: JobStatus;
  error_code?: string;
  fail_reason?: string;
}

function runSteps(
  rng: Rng,
  steps: readonly Step[],
  beginMs: number,
  parallel: boolean,
  outcome: (index: number) => Outcome,
): { subJobs: SubJob[]; end: number } {
  let clock = beginMs;
  let end = beginMs;
  const subJobs = steps.map((step, index): SubJob => {
    const start = (parallel ? beginMs : clock) + rng.int(5, 900);
    const finish = start + rng.int(2 * SECOND_MS, 4 * MINUTE_MS);
    const { status, error_code = null, fail_reason = null } = outcome(index);
    const done = status === "SUCCESS" || status === "FAIL";
    if (done) {
      clock = finish;
      end = Math.max(end, finish);
    }
    return {
      status,
      job_id: rng.hex(32),
      job_type: step.jobType,
      begin_time: apiTime(start),
      end_time: done ? apiTime(finish) : null,
      error_code,
      fail_reason,
      entities: step.entities,
    };
  });
  return { subJobs, end };
}

function withSteps(
  fields: Omit<Job, "entities">,
  entities: SubJobEntities,
  subJobs: SubJob[],
): Job {
  const all: JobEntities = subJobs.length > 0 ? { ...entities, sub_jobs: subJobs } : entities;
  return { ...fields, entities: all };
}
