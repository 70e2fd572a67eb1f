/**
 * The drill-down: which tool the view asks the host to call for a group or a failure, and what
 * it shows of the answer (list_failed_sdrs_tasks, get_sdrs_job; their outputSchemas are in
 * src/format/failure-page.ts and src/format/job.ts). Read defensively, as model.ts. Pure.
 */
import { contentText, type FailureRow, failureRow } from "./model.js";
import { count, list, record, text, textMap } from "./read.js";

export const LIST_TOOL = "list_failed_sdrs_tasks";
export const JOB_TOOL = "get_sdrs_job";
/** Rows one drill-down asks for: enough to see a group's failures, small enough to read. */
export const DRILL_LIMIT = 50;

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The failed tasks inside one protection group (project_id: the one the answer was about). */
export function groupFailuresCall(projectId: string | null, serverGroupId: string): ToolCall {
  return {
    name: LIST_TOOL,
    arguments: {
      ...(projectId && { project_id: projectId }),
      server_group_id: serverGroupId,
      limit: DRILL_LIMIT,
    },
  };
}

export function jobCall(projectId: string | null, jobId: string): ToolCall {
  return {
    name: JOB_TOOL,
    arguments: { ...(projectId && { project_id: projectId }), job_id: jobId },
  };
}

export interface TaskRow extends FailureRow {
  jobType: string | null;
  resourceId: string | null;
}

export interface TaskPage {
  kind: "tasks";
  /** All failures SDRS counts for the query (null: not reported). */
  total: number | null;
  returned: number | null;
  omitted: number | null;
  tasks: TaskRow[];
  meanings: Map<string, string>;
}

export interface JobStep {
  jobId: string | null;
  jobType: string | null;
  status: string | null;
  beginTime: string | null;
  endTime: string | null;
  errorCode: string | null;
  failReason: string | null;
  entities: { key: string; value: string }[];
}

export interface JobDetail {
  kind: "job";
  job: JobStep | null;
  failedStep: JobStep | null;
  subJobs: number;
  meanings: Map<string, string>;
  /** Per code: the official Handling Measure (error_handling), else sdrs-mcp's pointer. */
  handling: Map<string, string>;
}

export interface DrillError {
  kind: "error";
  message: string;
}

function errorOf(r: Record<string, unknown>): DrillError | undefined {
  if (r.isError === true)
    return { kind: "error", message: contentText(r.content) || "The tool failed." };
  if (!record(r.structuredContent))
    return { kind: "error", message: contentText(r.content) || "The answer held no data." };
  return undefined;
}

export function taskPageOf(result: unknown): TaskPage | DrillError {
  const r = record(result) ?? {};
  const failed = errorOf(r);
  if (failed) return failed;
  const s = record(r.structuredContent) ?? {};
  const page = record(s.page) ?? {};
  const tasks = list(s.tasks);
  return {
    kind: "tasks",
    total: count(page.total),
    returned: count(page.returned),
    omitted: count(s.tasks_omitted),
    tasks: tasks.map((t) => {
      const row = record(t) ?? {};
      return { ...failureRow(row), jobType: text(row.job_type), resourceId: text(row.resource_id) };
    }),
    meanings: textMap(s.error_meanings),
  };
}

function stepOf(value: unknown): JobStep | null {
  const s = record(value);
  if (!s) return null;
  return {
    jobId: text(s.job_id),
    jobType: text(s.job_type),
    status: text(s.status),
    beginTime: text(s.begin_time),
    endTime: text(s.end_time),
    errorCode: text(s.error_code),
    failReason: text(s.fail_reason),
    entities: [...textMap(s.entities)].map(([key, v]) => ({ key, value: v })),
  };
}

export function jobDetailOf(result: unknown): JobDetail | DrillError {
  const r = record(result) ?? {};
  const failed = errorOf(r);
  if (failed) return failed;
  const s = record(r.structuredContent) ?? {};
  return {
    kind: "job",
    job: stepOf(s.job),
    failedStep: stepOf(s.failed_step),
    subJobs: list(s.sub_jobs).length,
    meanings: textMap(s.error_meanings),
    handling: new Map([...textMap(s.error_next_steps), ...textMap(s.error_handling)]),
  };
}

/** Reasons up to this long are shown whole; longer ones as a gist that opens on the whole. */
export const REASON_GIST_LENGTH = 240;
/** A Java stack frame in a reason whose line breaks were folded: " at com.x.Y.run(" */
const FRAME = /\sat [\w$.<>]+\(/;

/**
 * What a long reason says in a line, its whole text one click away: for a Java chain, what
 * failed (up to its first frame) and its last `Caused by:` (up to the frames after it); for
 * anything else its beginning. Null when the reason is short enough to show whole. The server
 * already keeps what failed and the innermost cause when it shortens a reason; a small page
 * sends reasons whole, frames and all, and a table cell is no place for thirty frames.
 */
export function reasonGist(reason: string, length = REASON_GIST_LENGTH): string | null {
  if (reason.length <= length) return null;
  const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);
  const caused = reason.lastIndexOf("Caused by:");
  if (caused <= 0) return cut(reason, length);
  const untilFrame = (s: string) => {
    const frame = FRAME.exec(s);
    return (frame ? s.slice(0, frame.index) : s).trim();
  };
  const half = Math.floor((length - 3) / 2);
  return `${cut(untilFrame(reason.slice(0, caused)), half)} … ${cut(untilFrame(reason.slice(caused)), half)}`;
}
