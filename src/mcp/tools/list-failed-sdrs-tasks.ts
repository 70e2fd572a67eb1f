import { z } from "zod";
import { buildFailurePageResult } from "../../format/failure-page.js";
import { countsOutput, pageOutput } from "../../format/outputs.js";
import { scrubText } from "../../secrets.js";
import {
  DEFAULT_LIMIT,
  failureJobsInput as inputSchema,
  toFailureJobsQuery,
} from "../failure-jobs-input.js";
import { defineTool, READ_ONLY } from "./types.js";

const outputSchema = z.object({
  summary: z.string(),
  project_id: z.string(),
  filters: z.record(z.string(), z.union([z.string(), z.number()])),
  page: pageOutput,
  breakdown: z.object({
    by_failure_status: countsOutput,
    by_resource_type: countsOutput,
    by_error_code: countsOutput,
  }),
  tasks: z.array(
    z.object({
      job_id: z.string(),
      job_type: z.string(),
      failure_status: z.string(),
      resource_type: z.string(),
      resource_name: z.string(),
      resource_id: z.string(),
      error_code: z.string(),
      fail_reason: z.string(),
      begin_time: z.string(),
    }),
  ),
  tasks_omitted: z.number().int(),
  raw_resource_uri: z.string(),
});

export const listFailedSdrsTasks = defineTool({
  name: "list_failed_sdrs_tasks",
  title: "List failed SDRS tasks",
  description: [
    "Lists failed tasks of Open Telekom Cloud Storage Disaster Recovery (SDRS): protection group, protected instance, replication pair and DR drill operations (create, delete, attach, detach, expand, resize, start, stop, reverse, failover, reprotect) that ended in failure, with error code and reason.",
    "Without server_group_id it lists protection-group-level failures only; to see failures inside a group pass its server_group_id (find it by name with list_sdrs_protection_groups).",
    `Returns a summary, counts by failure status, resource type and error code, and the task rows of one page (default ${DEFAULT_LIMIT}). If page.next_offset is not null, call again with offset=next_offset for the next page.`,
    "Rows may be left out to keep the answer small (tasks_omitted); raw_resource_uri holds the complete upstream JSON. For one job's details and sub-jobs use get_sdrs_job with a job_id.",
  ].join(" "),
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async handler(args, { deps, signal }) {
    const { projectId, filters, limit, offset } = await toFailureJobsQuery(args, deps);
    const response = await deps.client.listFailureJobs(
      projectId,
      { ...filters, limit, offset },
      signal,
    );
    const rawResourceUri = deps.rawStore.put(
      scrubText(response.body, deps.secrets()),
      `failure-jobs of project ${projectId} (${new URLSearchParams({ ...filters, limit: String(limit), offset: String(offset) })})`,
    );
    return buildFailurePageResult({
      projectId,
      filters,
      offset,
      limit,
      count: response.data.count,
      jobs: response.data.failure_jobs,
      rawResourceUri,
    });
  },
});
