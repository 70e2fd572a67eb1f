/**
 * The arguments of a failure-jobs query, shared by list_failed_sdrs_tasks and the live resource
 * template: one schema, so a bad query is refused the same way on both paths and never sent.
 */
import type { z } from "zod";
import type { FailureJobFilters } from "../sdrs/client.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../sdrs/vocabulary.js";
import { dict } from "../text/records.js";
import type { ServerDeps } from "./deps.js";
import {
  boundedText,
  givenFilters,
  oneOf,
  parseParams,
  projectIdField,
  resolveProjectId,
  serverGroupIdField,
  strictInput,
} from "./inputs.js";
import { DEFAULT_LIMIT, pageArgs } from "./page-limit.js";

export const failureJobsInput = strictInput({
  project_id: projectIdField.optional(),
  failure_status: oneOf("failure_status", FAILURE_STATUSES)
    .optional()
    .describe("The operation that failed."),
  resource_name: boundedText("resource_name", 255)
    .optional()
    .describe("A protection group's name (exact or partial match: not documented)."),
  server_group_id: serverGroupIdField("Protection group ID: the failures inside it.").optional(),
  resource_type: oneOf("resource_type", RESOURCE_TYPES)
    .optional()
    .describe("The kind of resource that failed."),
  ...pageArgs,
});

export type FailureJobsArgs = z.infer<typeof failureJobsInput>;

/** The tool's arguments as the API query: only the filters given, limit and offset defaulted. */
export async function toFailureJobsQuery(args: FailureJobsArgs, deps: ServerDeps) {
  const filters = givenFilters(args, [
    "failure_status",
    "resource_name",
    "server_group_id",
    "resource_type",
  ]);
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
  const args = dict<unknown>();
  for (const [key, raw] of Object.entries(variables)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    args[key] =
      (key === "limit" || key === "offset") && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  const query = await toFailureJobsQuery(parseParams(failureJobsInput, args), deps);
  return {
    projectId: query.projectId,
    filters: { ...query.filters, limit: query.limit, offset: query.offset },
  };
}
