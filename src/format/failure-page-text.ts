/** The words of list_failed_sdrs_tasks's answer: its summary sentence and its readable text. */
import type { FailureJob } from "../sdrs/schemas.js";
import type { FailurePageSummary, TaskRow } from "./failure-page.js";
import { clip } from "./fields.js";
import { renderCodes } from "./meanings.js";
import { DATA_NOTE, describeCounts, inlineCounts, plural, quoted, token } from "./render.js";

/**
 * The text repeats the first rows only: every row is in structuredContent, and the budget is
 * better spent there than on saying each row twice.
 */
export const TEXT_ROWS = 30;

export function summarizeFailurePage(s: FailurePageSummary, jobs: readonly FailureJob[]): string {
  const groupId = s.filters.server_group_id;
  const scope = groupId
    ? `inside protection group ${token(String(groupId))}`
    : "at protection-group level";
  const filterText = Object.entries(s.filters)
    .filter(([k]) => k !== "server_group_id")
    .map(([k, v]) => `${k}=${token(String(v))}`)
    .join(", ");
  const matching = filterText ? ` matching ${filterText}` : "";
  const { returned, offset, total, next_offset } = s.page;
  if (returned === 0) {
    const hint = groupId
      ? ""
      : " Failures inside a protection group are listed only with its server_group_id (find it with list_sdrs_protection_groups), or all at once with summarize_sdrs_failures.";
    const where = offset > 0 ? ` at offset ${offset}` : "";
    return `No failed SDRS tasks${matching} ${scope} in project ${s.project_id}${where}.${hint}`;
  }
  const of = total !== null ? ` of ${total}` : "";
  const newest = newestJob(jobs);
  const newestText = newest
    ? `; newest: ${token(clip("failure_status", newest.failure_status))} of ${quoted(clip("resource_name", newest.resource_name))} at ${token(clip("begin_time", newest.begin_time))}${newest.error_code ? ` (${token(clip("error_code", newest.error_code))})` : ""}`
    : "";
  const steps: string[] = [];
  if (next_offset !== null) steps.push(`the next page with offset=${next_offset}`);
  if (s.tasks_omitted > 0) {
    steps.push(`${plural(s.tasks_omitted, "row")} left out for size, all in ${s.raw_resource_uri}`);
  }
  steps.push("get_sdrs_job with a job_id names the step that failed");
  if (!groupId) steps.push("failures inside a group need server_group_id");
  return (
    `${plural(returned, "failed SDRS task")}${matching} ${scope} in project ${s.project_id} ` +
    `(rows ${offset + 1}-${offset + returned}${of}): ` +
    `${describeCounts(s.breakdown.by_failure_status)}${newestText}. Next: ${steps.join("; ")}.`
  );
}

function newestJob(jobs: readonly FailureJob[]): FailureJob | undefined {
  let newest: FailureJob | undefined;
  for (const job of jobs) if (!newest || job.begin_time > newest.begin_time) newest = job;
  return newest;
}

export function renderFailurePage(s: FailurePageSummary): string {
  const lines = [s.summary];
  const b = s.breakdown;
  if (s.page.returned > 0) {
    lines.push(
      DATA_NOTE,
      "",
      `By failure status: ${inlineCounts(b.by_failure_status)}`,
      `By resource type: ${inlineCounts(b.by_resource_type)}`,
      ...renderCodes(b.by_error_code, s),
      "",
    );
    lines.push(...s.tasks.slice(0, TEXT_ROWS).map(renderTask));
    const more = s.tasks.length - Math.min(s.tasks.length, TEXT_ROWS);
    if (more > 0) lines.push(`… ${plural(more, "more row")} in structuredContent.tasks`);
    if (s.tasks_omitted > 0) {
      lines.push(`… ${plural(s.tasks_omitted, "more row")} only in the raw resource`);
    }
  }
  lines.push(`Raw upstream JSON: ${s.raw_resource_uri}`);
  return lines.join("\n");
}

export function renderTask(t: TaskRow): string {
  return `- ${token(t.begin_time)} ${token(t.failure_status)} ${token(t.resource_type)} ${quoted(t.resource_name)} (${token(t.resource_id)}) job ${token(t.job_type)} ${token(t.job_id)}: ${token(t.error_code, "no code")} ${quoted(t.fail_reason)}`;
}
