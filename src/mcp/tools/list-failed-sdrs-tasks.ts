import { buildFailurePageResult, failurePageOutput } from "../../format/failure-page.js";
import { scrubText } from "../../text/secrets.js";
import {
  DEFAULT_LIMIT,
  failureJobsInput as inputSchema,
  toFailureJobsQuery,
} from "../failure-jobs-input.js";
import { readWithLimit } from "../page-limit.js";
import { defineTool, READ_ONLY } from "./types.js";

export const listFailedSdrsTasks = defineTool({
  name: "list_failed_sdrs_tasks",
  title: "List failed SDRS tasks",
  description: [
    "Which disaster recovery (DR) tasks failed, page by page and row by row: job, failure kind (failover, drill, replication, create...), resource, error code with meaning, reason.",
    "Without server_group_id only protection-group-level failures; with a group's server_group_id (from list_sdrs_protection_groups) the failed tasks inside it.",
    `Default ${DEFAULT_LIMIT} rows; if page.next_offset is not null, call again with offset=next_offset. Rows left out for size: tasks_omitted, all in raw_resource_uri.`,
  ].join(" "),
  inputSchema,
  outputSchema: failurePageOutput,
  annotations: READ_ONLY,
  async handler(args, { deps, signal }) {
    const query = await toFailureJobsQuery(args, deps);
    const { projectId, filters, offset } = query;
    const { page: response, limit } = await readWithLimit(query.limit, (limit) =>
      deps.client.listFailureJobs(projectId, { ...filters, limit, offset }, signal),
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
