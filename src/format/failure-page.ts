/**
 * Turns one page of failed tasks into the list tool's result: a summary a person can read,
 * counts, and as many task rows as fit the output budget. Pure: no I/O.
 */

import { type PageInfo, pageInfo } from "../sdrs/paging.js";
import type { FailureJob } from "../sdrs/schemas.js";
import { cleanText } from "../text.js";
import { countBy, describeCounts } from "./breakdown.js";
import { jsonLength, rowsWithinBudget } from "./budget.js";

const MAX_BREAKDOWN_KEYS = 20;
/** fail_reason length per row: the longest with which every row fits, else the shortest. */
const REASON_LENGTHS = [400, 160, 80] as const;
/**
 * The text rendering repeats the first rows only: every row is in structuredContent, and the
 * budget is better spent there than on saying each row twice.
 */
const TEXT_ROWS = 30;
const TEXT_REASON_LENGTH = 100;

export interface TaskRow {
  job_id: string;
  job_type: string;
  failure_status: string;
  resource_type: string;
  resource_name: string;
  resource_id: string;
  error_code: string;
  fail_reason: string;
  begin_time: string;
}

// A type alias, not an interface, so it is assignable to the SDK's structuredContent record.
export type FailurePageSummary = {
  summary: string;
  project_id: string;
  filters: Record<string, string | number>;
  page: PageInfo;
  breakdown: {
    by_failure_status: Record<string, number>;
    by_resource_type: Record<string, number>;
    by_error_code: Record<string, number>;
  };
  tasks: TaskRow[];
  tasks_omitted: number;
  raw_resource_uri: string;
};

export interface FailurePageInput {
  projectId: string;
  /** Only the filters that were sent upstream (limit and offset are in `page`). */
  filters: Record<string, string | number>;
  offset: number;
  limit: number;
  count: number | null | undefined;
  jobs: readonly FailureJob[];
  rawResourceUri: string;
}

export type ToolContent =
  | { type: "text"; text: string }
  | { type: "resource_link"; uri: string; name: string; mimeType: string; description: string };

export type FailurePageResult = {
  content: ToolContent[];
  structuredContent: FailurePageSummary;
};

export function buildFailurePageResult(input: FailurePageInput): FailurePageResult {
  const page = pageInfo(input.count, input.offset, input.limit, input.jobs.length);
  const breakdown = {
    by_failure_status: countBy(input.jobs, (j) => j.failure_status, MAX_BREAKDOWN_KEYS),
    by_resource_type: countBy(input.jobs, (j) => j.resource_type, MAX_BREAKDOWN_KEYS),
    by_error_code: countBy(input.jobs, (j) => j.error_code, MAX_BREAKDOWN_KEYS),
  };
  const link: ToolContent = {
    type: "resource_link",
    uri: input.rawResourceUri,
    name: "failure-jobs.json",
    mimeType: "application/json",
    description: "The upstream SDRS response of this call, unchanged, with every task",
  };

  let result: FailurePageResult | undefined;
  for (const reasonLength of REASON_LENGTHS) {
    // Rows are cleaned only as far as the budget loop reaches: a page of 1000 shows ~70.
    const rows: TaskRow[] = [];
    const rowAt = (i: number) => {
      rows[i] ??= toRow(input.jobs[i] as FailureJob, reasonLength);
      return rows[i];
    };
    const build = (shown: number): FailurePageResult => {
      const structured: FailurePageSummary = {
        summary: "",
        project_id: input.projectId,
        filters: input.filters,
        page,
        breakdown,
        tasks: rows.slice(0, shown),
        tasks_omitted: input.jobs.length - shown,
        raw_resource_uri: input.rawResourceUri,
      };
      structured.summary = summarize(structured, input.jobs);
      return {
        content: [{ type: "text", text: renderText(structured) }, link],
        structuredContent: structured,
      };
    };
    const shown = rowsWithinBudget(input.jobs.length, (i) => rowCost(rowAt(i), i), build);
    result = build(shown);
    if (shown === input.jobs.length) break;
  }
  return result as FailurePageResult;
}

/** A row costs its JSON in structuredContent plus, for the first rows, its line in the text. */
function rowCost(row: TaskRow, index: number): number {
  const line = index < TEXT_ROWS ? jsonLength(renderRow(row)) - 1 : 0;
  return jsonLength(row) + 1 + line;
}

function toRow(job: FailureJob, reasonLength: number): TaskRow {
  return {
    job_id: cleanText(job.job_id, 64),
    job_type: cleanText(job.job_type, 64),
    failure_status: cleanText(job.failure_status, 40),
    resource_type: cleanText(job.resource_type, 40),
    resource_name: cleanText(job.resource_name, 128),
    resource_id: cleanText(job.resource_id, 64),
    error_code: cleanText(job.error_code, 40),
    fail_reason: cleanText(job.fail_reason, reasonLength),
    begin_time: cleanText(job.begin_time, 40),
  };
}

function summarize(s: FailurePageSummary, jobs: readonly FailureJob[]): string {
  const scope = s.filters.server_group_id
    ? `inside protection group ${s.filters.server_group_id}`
    : "at protection-group level";
  const filterText = Object.entries(s.filters)
    .filter(([k]) => k !== "server_group_id")
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const matching = filterText ? ` matching ${filterText}` : "";
  const { returned, offset, total, next_offset } = s.page;
  if (returned === 0) {
    const hint = s.filters.server_group_id
      ? ""
      : " Failures inside a protection group are listed only with its server_group_id (find it with list_sdrs_protection_groups).";
    const where = offset > 0 ? ` at offset ${offset}` : "";
    return `No failed SDRS tasks${matching} ${scope} in project ${s.project_id}${where}.${hint}`;
  }
  const of = total !== null ? ` of ${total}` : "";
  const newest = newestJob(jobs);
  const newestText = newest
    ? `; newest: ${cleanText(newest.failure_status, 40)} of "${cleanText(newest.resource_name, 64)}" at ${cleanText(newest.begin_time, 40)}${newest.error_code ? ` (${cleanText(newest.error_code, 40)})` : ""}`
    : "";
  const steps: string[] = [];
  if (next_offset !== null) steps.push(`next page: offset=${next_offset}`);
  if (s.tasks_omitted > 0) {
    steps.push(`${s.tasks_omitted} rows left out for size, all in ${s.raw_resource_uri}`);
  }
  if (!s.filters.server_group_id) {
    steps.push("failures inside a group need server_group_id");
  }
  const next = steps.length > 0 ? ` ${capitalize(steps.join("; "))}.` : "";
  return (
    `${returned} failed SDRS tasks${matching} ${scope} in project ${s.project_id} ` +
    `(rows ${offset + 1}-${offset + returned}${of}): ` +
    `${describeCounts(s.breakdown.by_failure_status)}${newestText}.${next}`
  );
}

function newestJob(jobs: readonly FailureJob[]): FailureJob | undefined {
  let newest: FailureJob | undefined;
  for (const job of jobs) if (!newest || job.begin_time > newest.begin_time) newest = job;
  return newest;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function renderText(s: FailurePageSummary): string {
  const lines = [s.summary];
  const b = s.breakdown;
  if (s.page.returned > 0) {
    lines.push(
      "",
      `By failure status: ${inline(b.by_failure_status)}`,
      `By resource type: ${inline(b.by_resource_type)}`,
      `By error code: ${inline(b.by_error_code)}`,
      "",
    );
    lines.push(...s.tasks.slice(0, TEXT_ROWS).map(renderRow));
    const more = s.tasks.length - Math.min(s.tasks.length, TEXT_ROWS);
    if (more > 0) lines.push(`… ${more} more rows in structuredContent.tasks`);
    if (s.tasks_omitted > 0) lines.push(`… ${s.tasks_omitted} more rows only in the raw resource`);
  }
  lines.push(`Raw upstream JSON: ${s.raw_resource_uri}`);
  return lines.join("\n");
}

function renderRow(t: TaskRow): string {
  const reason = JSON.stringify(cleanText(t.fail_reason, TEXT_REASON_LENGTH));
  return `- ${t.begin_time} ${t.failure_status} ${t.resource_type} "${t.resource_name}" (${t.resource_id}) job ${t.job_type} ${t.job_id}: ${t.error_code || "no code"} ${reason}`;
}

function inline(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}
