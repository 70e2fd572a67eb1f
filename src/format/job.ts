/**
 * Turns one SDRS job into get_sdrs_job's answer: the job, the step that failed (sdrs-mcp's
 * pick: the earliest sub-job marked FAIL), what every step touched (entity IDs), the meaning of
 * every code, and as many sub-jobs as fit the output budget, failed ones first. Pure: no I/O.
 */
import { z } from "zod";
import { type Job, type SubJob, subJobSchema } from "../sdrs/schemas.js";
import { own } from "../text/records.js";
import { countBy } from "./breakdown.js";
import { fitToBudget, jsonLength, lazyRows, type ToolAnswer } from "./budget.js";
import {
  clip,
  clipOrNull,
  FIELD_LENGTHS,
  FOCUS_REASON_LENGTH,
  project,
  REASON_LENGTHS,
  reasonAtAnyLength,
} from "./fields.js";
import {
  type Advice,
  adviceFor,
  meaningsOf,
  meaningsOutput,
  renderAdvice,
  type SaidAbove,
} from "./meanings.js";
import { countsOutput } from "./outputs.js";
import { DATA_NOTE, describeCounts, plural, quoted, token } from "./render.js";

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
  failed_step: stepOutput
    .extend({ depth: z.number().int() })
    .nullable()
    .describe(
      "sdrs-mcp's pick, not an SDRS field: the earliest sub-job marked FAIL (sub-jobs are documented one level deep; nested ones, if any come, are looked into first)",
    ),
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
  const failed = earliestFailed(steps);
  const ordered = [...steps].sort((a, b) => rank(a.job.status) - rank(b.job.status));
  const byStatus = countBy(steps, (s) => s.job.status, 10);
  const meanings = meaningsOf([job, ...steps.map((s) => s.job)].map((j) => j.error_code));
  const focus = (length: number) => Math.max(length, FOCUS_REASON_LENGTH);
  // The job and its failed step are projected once; each length only cuts their reasons.
  const jobAt = stepOf(job);
  const failedAt = failed && stepOf(failed.job);
  const jobEntities = jobAt(0).entities;
  // The advice quoted: the failed step's code's, else the job's (the same whatever the length).
  const advice = adviceFor(meanings, failedAt?.(0).error_code || jobAt(0).error_code);
  const rowAt = lazyRows((i) => stepOf((ordered[i] as Step).job, jobEntities));
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
        job: jobAt(focus(length)),
        failed_step:
          failed && failedAt ? { ...failedAt(focus(length)), depth: failed.depth } : null,
        sub_jobs: Array.from({ length: shown }, (_, i) => rowAt(i, length)),
        sub_jobs_by_status: byStatus,
        sub_jobs_omitted: ordered.length - shown,
        ...meanings,
      };
      s.summary = summarizeJob(s, steps.length, advice);
      return { content: [{ type: "text", text: renderJob(s, advice) }], structuredContent: s };
    },
  });
}

const FIELDS = ["job_id", "job_type", "status", "begin_time", "end_time", "error_code"] as const;

/**
 * A job or step as a row at any reason length (its other fields projected once); `known` IDs
 * (its job's) are not repeated in a sub-job's entities.
 */
function stepOf(job: SubJob | Job, known?: StepRow["entities"]): (reasonLength: number) => StepRow {
  const entities: StepRow["entities"] = {};
  for (const key of ENTITY_IDS) {
    const id = clipOrNull(key, job.entities?.[key]);
    if (id && known?.[key] !== id) entities[key] = id;
  }
  const fields = project(job, FIELDS);
  const reasonAt = reasonAtAnyLength(job.fail_reason);
  return (reasonLength) => ({ ...fields, fail_reason: reasonAt(reasonLength), entities });
}

/** Every sub-job, depth first; nested ones (undocumented) only as far as MAX_DEPTH. */
function flatten(subJobs: readonly SubJob[], depth: number): Step[] {
  return subJobs.flatMap((job) => {
    const nested =
      depth < MAX_DEPTH ? z.array(subJobSchema).safeParse(job.entities?.sub_jobs) : undefined;
    return [{ job, depth }, ...(nested?.success ? flatten(nested.data, depth + 1) : [])];
  });
}

/**
 * The step said to have failed: a heuristic, as SDRS marks no failed step. The API reference
 * documents sub-jobs one level deep (HW SubJobParams: no nested sub_jobs); among the sub-jobs
 * marked FAIL the one that began first is taken, later ones may be rollbacks. Nested sub-jobs,
 * if an upstream sends any, are preferred over their parent (nearer the cause).
 */
function earliestFailed(steps: readonly Step[]): Step | undefined {
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

// The words of the answer: its summary sentence and its readable text.

function summarizeJob(s: JobSummary, totalSteps: number, advised: Advice | undefined): string {
  const j = s.job;
  const when = j.end_time
    ? `from ${token(j.begin_time)} to ${token(j.end_time)}`
    : `started ${token(j.begin_time)}`;
  const head = `Job ${token(j.job_id)} (${token(j.job_type, "unknown type")}) is ${token(j.status, "of unknown status")}, ${when}${outcome(s, j)}.`;
  const step = s.failed_step;
  const same = step && step.error_code === j.error_code && step.fail_reason === j.fail_reason;
  const failedStep = step
    ? ` Failed step (the earliest sub-job marked FAIL): ${token(step.job_type, "of unknown type")} ${token(step.job_id)}${same ? " with the same error" : outcome(s, step)}${touched(step, j)}.`
    : j.status === "FAIL" && totalSteps > 0
      ? " No sub-job is marked FAIL."
      : "";
  const subs = totalSteps
    ? ` Sub-jobs: ${describeCounts(s.sub_jobs_by_status)}${s.sub_jobs_omitted ? ` (${plural(s.sub_jobs_omitted, "row")} left out for size)` : ""}.`
    : "";
  const advice = advised?.step;
  const groupId = j.entities.server_group_id;
  const onMember = step?.entities.protected_instance_id || step?.entities.replication_pair_id;
  const next = [
    advice ? `${advice[0]?.toUpperCase()}${advice.slice(1)}.` : "",
    // A step that failed on an instance or a pair: their status now says whether it still holds.
    groupId && onMember
      ? `How its protected instances and replication pairs are now: assess_sdrs_readiness with server_group_id=${token(groupId)}.`
      : "",
    groupId
      ? `Other failures of its protection group: list_failed_sdrs_tasks with server_group_id=${token(groupId)}.`
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  return `${head}${failedStep}${subs}${next ? ` Next: ${next}` : ""}`;
}

/** The codes the summary explains (the job's and its failed step's), and those its advice names. */
function saidInSummary(s: JobSummary, advice: Advice | undefined): SaidAbove {
  const codes = [s.job.error_code, s.failed_step?.error_code ?? ""].filter(Boolean);
  return { meanings: new Set(codes), advice: new Set(advice?.codes) };
}

/** " with SDRS.1030 (Failed to perform the failover): "…reason…"" */
function outcome(s: JobSummary, j: StepRow): string {
  if (!j.error_code && !j.fail_reason) return "";
  const meaning = j.error_code ? own(s.error_meanings, j.error_code) : undefined;
  const code = j.error_code ? ` with ${token(j.error_code)}${meaning ? ` (${meaning})` : ""}` : "";
  const why = j.fail_reason ? `: ${quoted(clip("summary_reason", j.fail_reason))}` : "";
  return `${code}${why}`;
}

/** " on protected_instance_id=…, volume_ids=…": what a step touched that its job does not name. */
function touched(j: StepRow, parent?: StepRow): string {
  const ids = Object.entries(j.entities)
    .filter(([k, v]) => parent?.entities[k as keyof StepRow["entities"]] !== v)
    .map(([k, v]) => `${k}=${token(v)}`);
  return ids.length ? ` on ${ids.join(", ")}` : "";
}

function renderJob(s: JobSummary, advice: Advice | undefined): string {
  const lines = [s.summary, DATA_NOTE, ...renderAdvice(s, saidInSummary(s, advice))];
  // The summary quotes the job's reason cut short; a longer one is given whole here.
  if (s.job.fail_reason.length > FIELD_LENGTHS.summary_reason) {
    lines.push(`Job reason: ${quoted(s.job.fail_reason)}`);
  }
  const shown = s.sub_jobs.map(renderSubJob).filter(Boolean);
  if (shown.length) lines.push("", "Sub-jobs that did not succeed, failed first:", ...shown);
  const succeeded = countBy(
    s.sub_jobs.filter((j) => j.status === "SUCCESS"),
    (j) => j.job_type,
    10,
  );
  if (Object.keys(succeeded).length) {
    lines.push(`Succeeded (in structuredContent.sub_jobs): ${describeCounts(succeeded, 10)}`);
  }
  if (s.sub_jobs_omitted) lines.push(`… ${plural(s.sub_jobs_omitted, "more sub-job")} left out`);
  return lines.join("\n");
}

/**
 * A sub-job's line of text; a successful one has none (the text counts those by type, and
 * structuredContent lists them). Its entities already leave out the IDs its job names.
 */
function renderSubJob(j: StepRow): string {
  if (j.status === "SUCCESS") return "";
  const code = j.error_code ? ` ${token(j.error_code)}` : "";
  const why = j.fail_reason ? ` ${quoted(j.fail_reason)}` : "";
  return `- ${token(j.status, "unknown")} ${token(j.job_type, "unknown type")} ${token(j.job_id)} ${token(j.begin_time)}${code}${why}${touched(j)}`;
}
