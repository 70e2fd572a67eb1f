import { z } from "zod";
import { countBy, describeCounts } from "../../format/breakdown.js";
import { jsonLength, rowsWithinBudget } from "../../format/budget.js";
import { isTroubled } from "../../format/health.js";
import { countsOutput, pageOutput } from "../../format/outputs.js";
import { pageInfo } from "../../sdrs/paging.js";
import type { ServerGroup } from "../../sdrs/schemas.js";
import { GROUP_QUERY_TYPES, GROUP_STATUSES } from "../../sdrs/vocabulary.js";
import { cleanText } from "../../text.js";
import { boundedText, oneOf, projectIdField, strictInput, wholeNumber } from "../inputs.js";
import { resolveProjectId } from "../project.js";
import { defineTool, READ_ONLY } from "./types.js";

const DEFAULT_LIMIT = 100;

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  name: boundedText("name", 64)
    .optional()
    .describe("Part of the protection group name (fuzzy match)."),
  status: oneOf("status", GROUP_STATUSES).optional().describe("Only groups in this status."),
  query_type: oneOf("query_type", GROUP_QUERY_TYPES)
    .optional()
    .describe(
      "status_abnormal: groups in an error state or unhealthy; stop_protected: protection stopped; period_no_dr_drill: no DR drill.",
    ),
  availability_zone: boundedText("availability_zone", 64)
    .optional()
    .describe("Only groups whose source or target AZ is this, e.g. eu-de-01."),
  limit: wholeNumber("limit", 1, 1000)
    .optional()
    .describe(`Page size, 1..1000 (default ${DEFAULT_LIMIT}).`),
  offset: wholeNumber("offset", 0)
    .optional()
    .describe("Groups to skip (default 0); use page.next_offset."),
});

const groupRow = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  health_status: z.string().nullable(),
  protected_status: z.string().nullable(),
  replication_status: z.string().nullable(),
  priority_station: z.string(),
  source_availability_zone: z.string(),
  target_availability_zone: z.string(),
  protected_instance_num: z.number().int().nullable(),
  replication_num: z.number().int().nullable(),
  disaster_recovery_drill_num: z.number().int().nullable(),
  updated_at: z.string(),
});

const outputSchema = z.object({
  summary: z.string(),
  project_id: z.string(),
  filters: z.record(z.string(), z.string()),
  page: pageOutput,
  by_status: countsOutput,
  groups: z.array(groupRow),
  groups_omitted: z.number().int(),
});

type GroupRow = z.infer<typeof groupRow>;

function renderRow(g: GroupRow): string {
  return `- ${g.name} (${g.id}): ${g.status}, health ${g.health_status ?? "n/a"}, ${g.protected_instance_num ?? 0} instances, ${g.replication_num ?? 0} pairs, ${g.disaster_recovery_drill_num ?? 0} drills`;
}

function toRow(g: ServerGroup): GroupRow {
  const opt = (v: string | null | undefined) => (v ? cleanText(v, 40) : null);
  return {
    id: cleanText(g.id, 64),
    name: cleanText(g.name, 128),
    status: cleanText(g.status, 40),
    health_status: opt(g.health_status),
    protected_status: opt(g.protected_status),
    replication_status: opt(g.replication_status),
    priority_station: cleanText(g.priority_station, 16),
    source_availability_zone: cleanText(g.source_availability_zone, 40),
    target_availability_zone: cleanText(g.target_availability_zone, 40),
    protected_instance_num: g.protected_instance_num ?? null,
    replication_num: g.replication_num ?? null,
    disaster_recovery_drill_num: g.disaster_recovery_drill_num ?? null,
    updated_at: cleanText(g.updated_at, 40),
  };
}

export const listSdrsProtectionGroups = defineTool({
  name: "list_sdrs_protection_groups",
  title: "List SDRS protection groups",
  description: [
    "Lists SDRS protection groups with their ID, name, status, health, protection and replication status, availability zones and counts of protected instances, replication pairs and DR drills.",
    "Use it to turn a protection group name a person mentions into the server_group_id that list_failed_sdrs_tasks needs to show the failures inside that group, or to find unhealthy groups (query_type=status_abnormal).",
    "If page.next_offset is not null, call again with offset=next_offset. For failures across every group at once use summarize_sdrs_failures.",
  ].join(" "),
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async handler(args, { deps, signal }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const filters: Record<string, string> = {};
    for (const key of ["name", "status", "query_type", "availability_zone"] as const) {
      const value = args[key];
      if (value !== undefined) filters[key] = value;
    }
    const limit = args.limit ?? DEFAULT_LIMIT;
    const offset = args.offset ?? 0;
    const { data } = await deps.client.listServerGroups(
      projectId,
      { ...filters, limit, offset },
      signal,
    );
    const rows = data.server_groups.map(toRow);
    const page = pageInfo(data.count, offset, limit, rows.length);
    const byStatus = countBy(rows, (g) => g.status, 20);
    const build = (shown: number) => {
      const structured = {
        summary: "",
        project_id: projectId,
        filters,
        page,
        by_status: byStatus,
        groups: rows.slice(0, shown),
        groups_omitted: rows.length - shown,
      };
      structured.summary = summarize(structured, rows);
      const text = [structured.summary, "", ...structured.groups.map(renderRow)].join("\n").trim();
      return { content: [{ type: "text" as const, text }], structuredContent: structured };
    };
    const rowCost = (i: number) => jsonLength(rows[i]) + jsonLength(renderRow(rows[i] as GroupRow));
    return build(rowsWithinBudget(rows.length, rowCost, build));
  },
});

function summarize(
  s: {
    page: ReturnType<typeof pageInfo>;
    by_status: Record<string, number>;
    groups_omitted: number;
  },
  rows: GroupRow[],
): string {
  if (rows.length === 0) return "No protection groups match in this project.";
  const troubled = rows.filter(isTroubled);
  const of = s.page.total !== null ? ` of ${s.page.total}` : "";
  const trouble = troubled.length
    ? ` ${troubled.length} need attention: ${troubled
        .slice(0, 5)
        .map((g) => `${g.name} (${g.status}${g.health_status === "abnormal" ? ", abnormal" : ""})`)
        .join(", ")}${troubled.length > 5 ? ", …" : ""}.`
    : " None is in an error state or unhealthy.";
  const next = s.page.next_offset !== null ? ` Next page: offset=${s.page.next_offset}.` : "";
  const omitted = s.groups_omitted
    ? ` ${s.groups_omitted} rows left out for size; read the next page with a smaller limit.`
    : "";
  return `${rows.length}${of} protection groups: ${describeCounts(s.by_status)}.${trouble} Use a group's id as server_group_id in list_failed_sdrs_tasks.${next}${omitted}`;
}
