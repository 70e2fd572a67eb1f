/**
 * Turns one page of protection groups into list_sdrs_protection_groups's answer: a summary
 * naming the groups that need attention, and as many group rows as fit the output budget.
 * Fields the API leaves null for groups created after the service upgrade stay null (unknown),
 * and are said "unknown", never "null". Pure: no I/O.
 */
import { z } from "zod";
import { type PageInfo, pageInfo } from "../sdrs/paging.js";
import type { ServerGroup } from "../sdrs/schemas.js";
import { countBy } from "./breakdown.js";
import { fitToBudget, jsonLength, type ToolAnswer } from "./budget.js";
import { clipOrNull, project } from "./fields.js";
import { isTroubled } from "./health.js";
import { countsOutput, pageOutput } from "./outputs.js";
import { DATA_NOTE, describeCounts, orUnknown, plural, quoted, token } from "./render.js";

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
  production_availability_zone: z.string().nullable(),
  protected_instance_num: z.number().int().nullable(),
  replication_num: z.number().int().nullable(),
  disaster_recovery_drill_num: z.number().int().nullable(),
  updated_at: z.string(),
});
type GroupRow = z.infer<typeof groupRow>;

export const groupsOutput = z.object({
  summary: z.string(),
  project_id: z.string(),
  filters: z.record(z.string(), z.string()),
  page: pageOutput,
  by_status: countsOutput,
  groups: z.array(groupRow),
  groups_omitted: z.number().int(),
});
type GroupsSummary = z.infer<typeof groupsOutput>;

export interface GroupsInput {
  projectId: string;
  filters: Record<string, string>;
  offset: number;
  limit: number;
  count: number | null | undefined;
  groups: readonly ServerGroup[];
}

const FIELDS = [
  "id",
  "name",
  "status",
  "priority_station",
  "source_availability_zone",
  "target_availability_zone",
  "updated_at",
] as const;

function toRow(g: ServerGroup): GroupRow {
  const row = project(g, FIELDS);
  return {
    ...row,
    health_status: clipOrNull("health_status", g.health_status),
    protected_status: clipOrNull("protected_status", g.protected_status),
    replication_status: clipOrNull("replication_status", g.replication_status),
    // priority_station says which creation AZ is the current production site.
    production_availability_zone:
      g.priority_station === "source"
        ? row.source_availability_zone
        : g.priority_station === "target"
          ? row.target_availability_zone
          : null,
    protected_instance_num: g.protected_instance_num ?? null,
    replication_num: g.replication_num ?? null,
    disaster_recovery_drill_num: g.disaster_recovery_drill_num ?? null,
  };
}

export function buildGroupsResult(input: GroupsInput): ToolAnswer<GroupsSummary> {
  const rows = input.groups.map(toRow);
  const page: PageInfo = pageInfo(input.count, input.offset, input.limit, rows.length);
  const byStatus = countBy(rows, (g) => g.status, 20);
  return fitToBudget<GroupsSummary>({
    rows: rows.length,
    lengths: [0],
    rowCost: (i) => jsonLength(rows[i]) + jsonLength(renderGroup(rows[i] as GroupRow)),
    build: (shown) => {
      const s: GroupsSummary = {
        summary: "",
        project_id: input.projectId,
        filters: input.filters,
        page,
        by_status: byStatus,
        groups: rows.slice(0, shown),
        groups_omitted: rows.length - shown,
      };
      s.summary = summarize(s, rows);
      const lines = shown ? [s.summary, DATA_NOTE, "", ...s.groups.map(renderGroup)] : [s.summary];
      return { content: [{ type: "text", text: lines.join("\n") }], structuredContent: s };
    },
  });
}

function renderGroup(g: GroupRow): string {
  const zone = g.production_availability_zone
    ? `, production AZ ${token(g.production_availability_zone)}`
    : "";
  return `- ${quoted(g.name)} (${token(g.id)}): ${token(g.status)}, health ${orUnknown(g.health_status)}${zone}, ${plural(g.protected_instance_num ?? 0, "instance")}, ${plural(g.replication_num ?? 0, "replication pair")}, ${plural(g.disaster_recovery_drill_num ?? 0, "DR drill")}`;
}

function summarize(s: GroupsSummary, rows: readonly GroupRow[]): string {
  const filters = Object.entries(s.filters).map(([k, v]) => `${k}=${token(v)}`);
  const matching = filters.length ? ` matching ${filters.join(", ")}` : "";
  if (rows.length === 0) {
    return `No protection groups${matching} in project ${s.project_id}${s.page.offset ? ` at offset ${s.page.offset}` : ""}.`;
  }
  const troubled = rows.filter(isTroubled);
  const of = s.page.total !== null ? ` of ${s.page.total}` : "";
  const trouble = troubled.length
    ? ` ${plural(troubled.length, "group needs", "groups need")} attention: ${troubled
        .slice(0, 5)
        .map(
          (g) =>
            `${quoted(g.name)} (${token(g.status)}${g.health_status === "abnormal" ? ", health abnormal" : ""})`,
        )
        .join(", ")}${troubled.length > 5 ? ", …" : ""}.`
    : " None is in an error state or reports abnormal health.";
  const unknown = rows.filter((g) => g.health_status === null).length;
  const health = unknown
    ? ` Health is unknown for ${unknown} (the API reports none for groups created after the SDRS upgrade).`
    : "";
  const next = s.page.next_offset !== null ? ` Next page: offset=${s.page.next_offset}.` : "";
  // Rows left out for size are only in SDRS: they are read again from right after the last
  // one shown (next_offset would skip them).
  const omitted = s.groups_omitted
    ? ` ${plural(s.groups_omitted, "row")} left out for size: read them with offset=${s.page.offset + s.groups.length} and a smaller limit.`
    : "";
  return `${plural(rows.length, "protection group")}${of}${matching}: ${describeCounts(s.by_status)}.${trouble}${health} Use a group's id as server_group_id in list_failed_sdrs_tasks.${omitted}${next}`;
}
