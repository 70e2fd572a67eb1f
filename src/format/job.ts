/**
 * Turns one SDRS job into get_sdrs_job's answer: the job, the step that failed (the deepest
 * failed sub-job), what every step touched (entity IDs), the meaning of every code, and as many
 * sub-jobs as fit the output budget, failed ones first. Pure: no I/O.
 */
import { z } from "zod";
import { type Job, type SubJob, subJobSchema } from "../sdrs/schemas.js";
import { countBy } from "./breakdown.js";
import { fitToBudget, jsonLength, lazyRows, type ToolAnswer } from "./budget.js";
import { clipOrNull, FOCUS_REASON_LENGTH, project, REASON_LENGTHS, reason } from "./fields.js";
import { renderJob, renderSubJob, summarizeJob } from "./job-text.js";
import { codesToExplain, meaningsOf, meaningsOutput } from "./meanings.js";
import { countsOutput } from "./outputs.js";

const ENTITY_IDS = [
  "server_group_id",
  "protected_instance_id",
  "replication_pair_id",
  "native_server_id",
  "nic_id",
  "volume_ids",
] as const;
/** Nested sub-jobs are not documented (sub-jobs have none); any that come are read this deep. */
const MAX_DEPTH = 3;
const MAX_CODES = 20;

const entitiesOutput = z.object(
  Object.fromEntries(ENTITY_IDS.map((k) => [k, z.string().optional()])) as Record<
    (typeof ENTITY_IDS)[number],
    z.ZodOptional<z.ZodString>
  >,
);
const stepOutput = z.object({
  job_id: z.string(),
  job_type: z.string(),
  status: z.string(),
  begin_time: z.string(),
  end_time: z.string(),
  error_code: z.string(),
  fail_reason: z.string(),
  entities: entitiesOutput,
});
export type StepRow = z.infer<typeof stepOutput>;

export const jobOutput = z.object({
  summary: z.string(),
  project_id: z.string(),
  job: stepOutput,
  failed_step: stepOutput.extend({ depth: z.number().int() }).nullable(),
  sub_jobs: z.array(stepOutput),
  sub_jobs_by_status: countsOutput,
  sub_jobs_omitted: z.number().int(),
  ...meaningsOutput,
});
export type JobSummary = z.infer<typeof jobOutput>;

interface Step {
  job: SubJob;
  depth: number;
}

export function buildJobResult(projectId: string, job: Job): ToolAnswer<JobSummary> {
  const steps = flatten(job.entities?.sub_jobs ?? [], 1);
  const failed = deepestFailed(steps);
  const ordered = [...steps].sort((a, b) => rank(a.job.status) - rank(b.job.status));
  const byStatus = countBy(steps, (s) => s.job.status, 10);
  const all = [job, ...steps.map((s) => s.job)];
  const codes = countBy(all, (j) => j.error_code, MAX_CODES);
  const meanings = meaningsOf(
    codesToExplain(
      codes,
      all.map((j) => j.error_code),
    ),
  );
  const focus = (length: number) => Math.max(length, FOCUS_REASON_LENGTH);
  const jobEntities = toStep(job, 0).entities;
  const rowAt = lazyRows((i, length) => toStep((ordered[i] as Step).job, length, jobEntities));
  return fitToBudget<JobSummary>({
    rows: ordered.length,
    lengths: REASON_LENGTHS,
    rowCost: (i, length) => {
      const row = rowAt(i, length);
      return jsonLength(row) + jsonLength(renderSubJob(row)) + 1;
    },
    build: (shown, length) => {
      const s: JobSummary = {
        summary: "",
        project_id: projectId,
        job: toStep(job, focus(length)),
        failed_step: failed ? { ...toStep(failed.job, focus(length)), depth: failed.depth } : null,
        sub_jobs: Array.from({ length: shown }, (_, i) => rowAt(i, length)),
        sub_jobs_by_status: byStatus,
        sub_jobs_omitted: ordered.length - shown,
        ...meanings,
      };
      s.summary = summarizeJob(s, steps.length);
      return { content: [{ type: "text", text: renderJob(s) }], structuredContent: s };
    },
  });
}

const FIELDS = ["job_id", "job_type", "status", "begin_time", "end_time", "error_code"] as const;

/** A job or step as a row; `known` IDs (its job's) are not repeated in a sub-job's entities. */
function toStep(job: SubJob | Job, reasonLength: number, known?: StepRow["entities"]): StepRow {
  const entities: StepRow["entities"] = {};
  for (const key of ENTITY_IDS) {
    const id = clipOrNull(key, job.entities?.[key]);
    if (id && known?.[key] !== id) entities[key] = id;
  }
  return { ...project(job, FIELDS), fail_reason: reason(job.fail_reason, reasonLength), entities };
}

/** Every sub-job, depth first; nested ones (undocumented) only as far as MAX_DEPTH. */
function flatten(subJobs: readonly SubJob[], depth: number): Step[] {
  return subJobs.flatMap((job) => {
    const nested =
      depth < MAX_DEPTH ? z.array(subJobSchema).safeParse(job.entities?.sub_jobs) : undefined;
    return [{ job, depth }, ...(nested?.success ? flatten(nested.data, depth + 1) : [])];
  });
}

/** The deepest FAIL step; among those, the one that began first (later ones may be rollbacks). */
function deepestFailed(steps: readonly Step[]): Step | undefined {
  let found: Step | undefined;
  for (const step of steps) {
    if (step.job.status !== "FAIL") continue;
    if (
      !found ||
      step.depth > found.depth ||
      (step.depth === found.depth && step.job.begin_time < found.job.begin_time)
    ) {
      found = step;
    }
  }
  return found;
}

/** Failed steps first, then the unfinished ones, then the rest: the order rows are kept in. */
function rank(status: string): number {
  return status === "FAIL" ? 0 : status === "SUCCESS" ? 2 : 1;
}
