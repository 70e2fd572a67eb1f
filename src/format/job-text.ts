/** The words of get_sdrs_job's answer: its summary sentence and its readable text. */
import { countBy } from "./breakdown.js";
import { clip, FIELD_LENGTHS } from "./fields.js";
import type { JobSummary, StepRow } from "./job.js";
import { renderMeanings, type SaidAbove } from "./meanings.js";
import { DATA_NOTE, describeCounts, plural, quoted, token } from "./render.js";

export function summarizeJob(s: JobSummary, totalSteps: number): string {
  const j = s.job;
  const when = j.end_time
    ? `from ${token(j.begin_time)} to ${token(j.end_time)}`
    : `started ${token(j.begin_time)}`;
  const head = `Job ${token(j.job_id)} (${token(j.job_type, "unknown type")}) is ${token(j.status, "of unknown status")}, ${when}${outcome(s, j)}.`;
  const step = s.failed_step;
  const same = step && step.error_code === j.error_code && step.fail_reason === j.fail_reason;
  const failedStep = step
    ? ` Failed step: ${token(step.job_type, "of unknown type")} ${token(step.job_id)}${same ? " with the same error" : outcome(s, step)}${touched(step, j)}.`
    : j.status === "FAIL" && totalSteps > 0
      ? " No sub-job is marked FAIL."
      : "";
  const subs = totalSteps
    ? ` Sub-jobs: ${describeCounts(s.sub_jobs_by_status)}${s.sub_jobs_omitted ? ` (${plural(s.sub_jobs_omitted, "row")} left out for size)` : ""}.`
    : "";
  const code = advisedCode(s);
  // Only where the documented facts point somewhere (error_next_steps holds no empty advice).
  const advice = code ? s.error_next_steps[code] : undefined;
  const groupId = j.entities.server_group_id;
  const onMember = step?.entities.protected_instance_id || step?.entities.replication_pair_id;
  const next = [
    advice,
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

/** The code whose next step the summary gives: the failed step's, else the job's. */
function advisedCode(s: JobSummary): string {
  return s.failed_step?.error_code || s.job.error_code;
}

/** The codes the summary explains (the job's and its failed step's), and the one it advises on. */
function saidInSummary(s: JobSummary): SaidAbove {
  const codes = [s.job.error_code, s.failed_step?.error_code ?? ""].filter(Boolean);
  return { meanings: new Set(codes), steps: new Set([advisedCode(s)]) };
}

/** " with SDRS.1030 (Failed to perform the failover): "…reason…"" */
function outcome(s: JobSummary, j: StepRow): string {
  if (!j.error_code && !j.fail_reason) return "";
  const meaning = j.error_code ? s.error_meanings[j.error_code] : undefined;
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

export function renderJob(s: JobSummary): string {
  const lines = [s.summary, DATA_NOTE, ...renderMeanings(s, saidInSummary(s))];
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
export function renderSubJob(j: StepRow): string {
  if (j.status === "SUCCESS") return "";
  const code = j.error_code ? ` ${token(j.error_code)}` : "";
  const why = j.fail_reason ? ` ${quoted(j.fail_reason)}` : "";
  return `- ${token(j.status, "unknown")} ${token(j.job_type, "unknown type")} ${token(j.job_id)} ${token(j.begin_time)}${code}${why}${touched(j)}`;
}
