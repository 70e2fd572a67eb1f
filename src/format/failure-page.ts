/**
 * Turns one page of failed tasks into list_failed_sdrs_tasks's answer: a summary a person can
 * read, counts over every task, the meaning of every code, and as many task rows as fit the
 * output budget, with whole reasons where they fit. Pure: no I/O.
 */
import { z } from "zod";
import { type PageInfo, pageInfo } from "../sdrs/paging.js";
import type { FailureJob } from "../sdrs/schemas.js";
import { failureBreakdown, resourceTypeOf } from "./breakdown.js";
import { fitToBudget, jsonLength, lazyRows, type ResourceLink, type ToolAnswer } from "./budget.js";
import {
  renderFailurePage,
  renderTask,
  summarizeFailurePage,
  TEXT_ROWS,
} from "./failure-page-text.js";
import { clip, project, REASON_LENGTHS, reason } from "./fields.js";
import { codesToExplain, meaningsOf, meaningsOutput } from "./meanings.js";
import { countsOutput, pageOutput } from "./outputs.js";

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

function toTaskRow(job: FailureJob, reasonLength: number): TaskRow {
  return {
    ...project(job, ["job_id", "job_type", "failure_status"]),
    resource_type: clip("resource_type", resourceTypeOf(job.resource_type)),
    ...project(job, ["resource_name", "resource_id", "error_code"]),
    fail_reason: reason(job.fail_reason, reasonLength),
    begin_time: clip("begin_time", job.begin_time),
  };
}

export function buildFailurePageResult(input: FailurePageInput): FailurePageResult {
  const page: PageInfo = pageInfo(input.count, input.offset, input.limit, input.jobs.length);
  const breakdown = failureBreakdown(input.jobs, MAX_BREAKDOWN_KEYS);
  const meanings = meaningsOf(
    codesToExplain(
      breakdown.by_error_code,
      input.jobs.map((j) => j.error_code),
    ),
  );
  const link: ResourceLink = {
    type: "resource_link",
    uri: input.rawResourceUri,
    name: "failure-jobs.json",
    mimeType: "application/json",
    description: "The upstream SDRS response of this call, unchanged, with every task",
  };
  // Rows are cleaned only as far as the budget loop reaches: a page of 1000 shows ~70.
  const rowAt = lazyRows((i, length) => toTaskRow(input.jobs[i] as FailureJob, length));
  return fitToBudget<FailurePageSummary>({
    rows: input.jobs.length,
    lengths: REASON_LENGTHS,
    rowCost: (i, length) => {
      const row = rowAt(i, length);
      return jsonLength(row) + 1 + (i < TEXT_ROWS ? jsonLength(renderTask(row)) - 1 : 0);
    },
    build: (shown, length) => {
      const structured: FailurePageSummary = {
        summary: "",
        project_id: input.projectId,
        filters: input.filters,
        page,
        breakdown,
        tasks: Array.from({ length: shown }, (_, i) => rowAt(i, length)),
        tasks_omitted: input.jobs.length - shown,
        ...meanings,
        raw_resource_uri: input.rawResourceUri,
      };
      structured.summary = summarizeFailurePage(structured, input.jobs);
      return {
        content: [{ type: "text", text: renderFailurePage(structured) }, link],
        structuredContent: structured,
      };
    },
  });
}
