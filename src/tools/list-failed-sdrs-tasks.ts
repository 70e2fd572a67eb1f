import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { buildFailurePageResult } from "../format/failure-page.js";
import type { FailureJobFilters } from "../sdrs/client.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../sdrs/client.js";
import { scrubText } from "../secrets.js";
import {
  boundedText,
  countsOutput,
  oneOf,
  pageOutput,
  projectIdField,
  serverGroupIdField,
  strictInput,
  wholeNumber,
} from "./fields.js";
import { resolveProjectId } from "./project.js";
import { defineTool, READ_ONLY, type ServerDeps } from "./types.js";

export const DEFAULT_LIMIT = 100;

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  failure_status: oneOf("failure_status", FAILURE_STATUSES)
    .optional()
    .describe("Only tasks that failed in this operation, e.g. failoverFail or createFail."),
  resource_name: boundedText("resource_name", 255)
    .optional()
    .describe("Only tasks of the protection group with exactly this name."),
  server_group_id: serverGroupIdField(
    "Protection group UUID. Without it only group-level failures are listed; with it, the failures inside that group (instances, replication pairs, drills). Get IDs from list_sdrs_protection_groups.",
  ).optional(),
  resource_type: oneOf("resource_type", RESOURCE_TYPES)
    .optional()
    .describe("Only tasks on this kind of resource."),
  limit: wholeNumber("limit", 1, 1000)
    .optional()
    .describe(`Page size, 1..1000 (default ${DEFAULT_LIMIT}).`),
  offset: wholeNumber("offset", 0)
    .optional()
    .describe("Tasks to skip (default 0). Use page.next_offset of the previous result."),
});

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
    const { projectId, filters, limit, offset } = await toQuery(args, deps);
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

type ListArgs = z.infer<typeof inputSchema>;

/** The tool's arguments as the API query: only the filters given, limit and offset defaulted. */
async function toQuery(args: ListArgs, deps: ServerDeps) {
  const filters: Record<string, string> = {};
  for (const key of [
    "failure_status",
    "resource_name",
    "server_group_id",
    "resource_type",
  ] as const) {
    const value = args[key];
    if (value !== undefined) filters[key] = value;
  }
  return {
    projectId: await resolveProjectId(args.project_id, deps),
    filters: filters as Omit<FailureJobFilters, "limit" | "offset">,
    limit: args.limit ?? DEFAULT_LIMIT,
    offset: args.offset ?? 0,
  };
}

/**
 * The live resource template's variables (strings from the URI), validated by the same schema
 * as the tool's arguments, so a bad query never reaches the API.
 */
export async function failureJobQuery(
  variables: Record<string, string | string[]>,
  deps: ServerDeps,
): Promise<{ projectId: string; filters: FailureJobFilters }> {
  const args: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(variables)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    args[key] =
      (key === "limit" || key === "offset") && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const parsed = inputSchema.safeParse(args);
  if (!parsed.success) {
    throw new McpError(
      ErrorCode.InvalidParams,
      parsed.error.issues.map((issue) => issue.message).join("; "),
    );
  }
  const query = await toQuery(parsed.data, deps);
  return {
    projectId: query.projectId,
    filters: { ...query.filters, limit: query.limit, offset: query.offset },
  };
}
