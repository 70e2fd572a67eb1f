/**
 * Turns one page of failed tasks into list_failed_sdrs_tasks's answer: a summary a person can
 * read, counts over every task, the meaning of every code, and as many task rows as fit the
 * output budget, with whole reasons where they fit; then its words (summary sentence and the
 * readable text). Pure: no I/O.
 */
import { z } from "zod";
import { type PageInfo, pageInfo } from "../sdrs/paging.js";
import type { FailureJob } from "../sdrs/schemas.js";
import { failureBreakdown, resourceTypeOf } from "./breakdown.js";
import {
  fitToBudget,
  jsonLength,
  lazyRows,
  quotedLengths,
  type ResourceLink,
  type ToolAnswer,
} from "./budget.js";
import { clip, project, REASON_LENGTHS, reasonAtAnyLength } from "./fields.js";
import {
  type Advice,
  type Meanings,
  meaningsOf,
  meaningsOutput,
  mostFrequentAdvice,
  renderCodes,
} from "./meanings.js";
import { countsOutput, pageOutput } from "./outputs.js";
import { DATA_NOTE, describeCounts, inlineCounts, plural, quoted, token } from "./render.js";

const MAX_BREAKDOWN_KEYS = 20;

const taskRow = z.object({
  job_id: z.string(),
  job_type: z.string(),
  failure_status: z.string(),
  resource_type: z.string(),
  resource_name: z.string(),
  resource_id: z.string(),
  error_code: z.string(),
  fail_reason: z.string(),
  begin_time: z.string(),
});
export type TaskRow = z.infer<typeof taskRow>;

export const failurePageOutput = z.object({
  summary: z.string(),
  project_id: z.string(),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
  page: pageOutput,
  breakdown: z.object({
    by_failure_status: countsOutput,
    by_resource_type: countsOutput,
    by_error_code: countsOutput,
  }),
  tasks: z.array(taskRow),
  tasks_omitted: z.number().int(),
  ...meaningsOutput,
  raw_resource_uri: z.string(),
});
// A type, not an interface, so it is assignable to the SDK's structuredContent record.
export type FailurePageSummary = z.infer<typeof failurePageOutput>;
export type FailurePageResult = ToolAnswer<FailurePageSummary>;

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

/** A row and what it adds to the answer: its JSON, and the JSON of its line of text. */
interface MeasuredRow {
  row: TaskRow;
  rowLength: number;
  lineLength: number;
}

/**
 * A job as a row at any reason length: its other fields are projected and measured once, and a
 * length that leaves the reason as the last one did gives the same row. The reason is measured
 * by counting (quotedLengths), not by writing the row and its line out as JSON.
 */
function taskRowOf(job: FailureJob): (reasonLength: number) => MeasuredRow {
  const fields = {
    ...project(job, ["job_id", "job_type", "failure_status"]),
    resource_type: clip("resource_type", resourceTypeOf(job.resource_type)),
    ...project(job, ["resource_name", "resource_id", "error_code"]),
  };
  const reasonAt = reasonAtAnyLength(job.fail_reason);
  const beginTime = clip("begin_time", job.begin_time);
  // The row and its line with an empty reason ("" in both), less those two characters.
  const empty = { ...fields, fail_reason: "", begin_time: beginTime };
  const rowRest = jsonLength(empty) - 2;
  const lineRest = jsonLength(taskLine(empty)) - 2 - '\\"\\"'.length;
  let last: MeasuredRow | undefined;
  return (reasonLength) => {
    const reason = reasonAt(reasonLength);
    if (last?.row.fail_reason !== reason) {
      const { once, twice } = quotedLengths(reason);
      last = {
        row: { ...fields, fail_reason: reason, begin_time: beginTime },
        rowLength: rowRest + once,
        lineLength: lineRest + twice,
      };
    }
    return last;
  };
}

export function buildFailurePageResult(input: FailurePageInput): FailurePageResult {
  const page: PageInfo = pageInfo(input.count, input.offset, input.limit, input.jobs.length);
  const breakdown = failureBreakdown(input.jobs, MAX_BREAKDOWN_KEYS);
  const meanings = meaningsOf(input.jobs.map((j) => j.error_code));
  const link: ResourceLink = {
    type: "resource_link",
    uri: input.rawResourceUri,
    name: "failure-jobs.json",
    mimeType: "application/json",
    description: "The upstream SDRS response of this call, unchanged, with every task",
  };
  // Rows are cleaned only as far as the budget loop reaches: a page of 1000 shows ~70.
  const rowAt = lazyRows((i) => taskRowOf(input.jobs[i] as FailureJob));
  // What the words say whatever the rows shown: made once, not for every answer measured.
  const newest = newestJob(input.jobs);
  const advice = mostFrequentAdvice(breakdown.by_error_code, meanings);
  const head = page.returned > 0 ? headLines(breakdown, meanings, advice) : [];
  return fitToBudget<FailurePageSummary>({
    rows: input.jobs.length,
    lengths: REASON_LENGTHS,
    rowCost: (i, length) => {
      const { rowLength, lineLength } = rowAt(i, length);
      return rowLength + 1 + (i < TEXT_ROWS ? lineLength - 1 : 0);
    },
    build: (shown, length) => {
      const structured: FailurePageSummary = {
        summary: "",
        project_id: input.projectId,
        filters: input.filters,
        page,
        breakdown,
        tasks: Array.from({ length: shown }, (_, i) => rowAt(i, length).row),
        tasks_omitted: input.jobs.length - shown,
        ...meanings,
        raw_resource_uri: input.rawResourceUri,
      };
      structured.summary = summarizeFailurePage(structured, newest, advice);
      return {
        content: [{ type: "text", text: renderFailurePage(structured, head) }, link],
        structuredContent: structured,
      };
    },
  });
}

/**
 * The text repeats the first rows only: every row is in structuredContent, and the budget is
 * better spent there than on saying each row twice.
 */
const TEXT_ROWS = 30;

function summarizeFailurePage(
  s: FailurePageSummary,
  newest: FailureJob | undefined,
  advice: Advice | undefined,
): string {
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
  if (advice) steps.push(advice.step);
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

/** The lines above the rows: the counts and what the codes mean. */
function headLines(
  b: FailurePageSummary["breakdown"],
  meanings: Meanings,
  advice: Advice | undefined,
): string[] {
  return [
    DATA_NOTE,
    "",
    `By failure status: ${inlineCounts(b.by_failure_status)}`,
    `By resource type: ${inlineCounts(b.by_resource_type)}`,
    ...renderCodes(b.by_error_code, meanings, advice?.codes),
    "",
  ];
}

function renderFailurePage(s: FailurePageSummary, head: readonly string[]): string {
  const lines = [s.summary];
  if (s.page.returned > 0) {
    lines.push(...head);
    lines.push(...s.tasks.slice(0, TEXT_ROWS).map(taskLine));
    const more = s.tasks.length - Math.min(s.tasks.length, TEXT_ROWS);
    if (more > 0) lines.push(`… ${plural(more, "more row")} in structuredContent.tasks`);
    if (s.tasks_omitted > 0) {
      lines.push(`… ${plural(s.tasks_omitted, "more row")} only in the raw resource`);
    }
  }
  lines.push(`Raw upstream JSON: ${s.raw_resource_uri}`);
  return lines.join("\n");
}

function taskLine(t: TaskRow): string {
  return `- ${token(t.begin_time)} ${token(t.failure_status)} ${token(t.resource_type)} ${quoted(t.resource_name)} (${token(t.resource_id)}) job ${token(t.job_type)} ${token(t.job_id)}: ${token(t.error_code, "no code")} ${quoted(t.fail_reason)}`;
}
