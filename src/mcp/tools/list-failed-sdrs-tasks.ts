import { buildFailurePageResult, failurePageOutput } from "../../format/failure-page.js";
import { failureJobsInput as inputSchema, toFailureJobsQuery } from "../failure-jobs-input.js";
import { DEFAULT_LIMIT, readWithLimit } from "../page-limit.js";
import { defineTool, READ_ONLY } from "./types.js";

export const listFailedSdrsTasks = defineTool({
  name: "list_failed_sdrs_tasks",
  title: "List failed SDRS tasks",
  description: [
    "Which disaster recovery (DR) tasks failed, one by one: lists every failed task (failure jobs) individually, row by row, each entry or record with its exact error message: job_id, the operation that failed (create, delete, attach, detach, resize, expand: createFail, failoverFail...), resource (protected instance or server, replication pair, disk, drill, group), error code with meaning, fail reason.",
    "Without a group only protection-group-level failures; with server_group_id (from list_sdrs_protection_groups) the failed tasks inside that group.",
    `Default ${DEFAULT_LIMIT} rows; while page.next_offset is not null, call again with offset=next_offset for the next page.`,
    "Counts: summarize_sdrs_failures. (German: einzelne Tasks, Einträge einzeln, jeweils mit Fehlermeldung auflisten, nächste Seite.)",
  ].join(" "),
  inputSchema,
  outputSchema: failurePageOutput,
  annotations: READ_ONLY,
  async handler(args, { deps, signal, subject }) {
    const query = await toFailureJobsQuery(args, deps);
    const { projectId, filters, offset } = query;
    const { page: response, limit } = await readWithLimit(query.limit, (limit) =>
      deps.client.listFailureJobs(projectId, { ...filters, limit, offset }, signal),
    );
    // The client has redacted credentials from the body already; a clean one comes with the
    // bytes it arrived in, kept as they are.
    const rawResourceUri = deps.raw.keep({
      subject,
      projectId,
      filters: { ...filters, limit, offset },
      body: response.body,
      ...(response.bytes && { bytes: response.bytes }),
    });
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
