import { buildGroupsResult, groupsOutput } from "../../format/groups.js";
import { GROUP_QUERY_TYPES, GROUP_STATUSES } from "../../sdrs/vocabulary.js";
import {
  boundedText,
  givenFilters,
  oneOf,
  projectIdField,
  resolveProjectId,
  strictInput,
} from "../inputs.js";
import { DEFAULT_LIMIT, pageArgs, readWithLimit } from "../page-limit.js";
import { defineTool, READ_ONLY } from "./types.js";

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  name: boundedText("name", 64).optional().describe("Part of the group name (fuzzy)."),
  status: oneOf("status", GROUP_STATUSES).optional(),
  query_type: oneOf("query_type", GROUP_QUERY_TYPES)
    .optional()
    .describe("period_no_dr_drill: no DR drill in a period (default 3 months)."),
  availability_zone: boundedText("availability_zone", 64)
    .optional()
    .describe("AZ of the group's current production site, e.g. eu-de-01."),
  ...pageArgs,
});

export const listSdrsProtectionGroups = defineTool({
  name: "list_sdrs_protection_groups",
  title: "List SDRS protection groups",
  description: [
    "What disaster recovery (DR) protection groups (PGs) exist, and what status (state: protected, available, failed-over...) and health each has: list all groups (inventory), or find the ID (server_group_id, a UUID) of a group named X, or what the group with an ID is called.",
    "Shows the details of each group: replication status and protection status, current production site AZ, and how many protected servers, replication pairs and DR drills are in it.",
    "query_type: which groups are unhealthy (abnormal), have protection stopped (disabled), or have no DR drill in three months. For a verdict: assess_sdrs_readiness. (German: Schutzgruppen, Gruppe, Name.)",
  ].join(" "),
  inputSchema,
  outputSchema: groupsOutput,
  annotations: READ_ONLY,
  async handler(args, { deps, signal }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const filters = givenFilters(args, ["name", "status", "query_type", "availability_zone"]);
    const offset = args.offset ?? 0;
    const {
      page: { data },
      limit,
    } = await readWithLimit(args.limit ?? DEFAULT_LIMIT, (limit) =>
      deps.client.listServerGroups(projectId, { ...filters, limit, offset }, signal),
    );
    return buildGroupsResult({
      projectId,
      filters,
      offset,
      limit,
      count: data.count,
      groups: data.server_groups,
    });
  },
});
