/**
 * The project-wide facts of a readiness answer: quota use with what a quota blocks, each
 * group's newest DR drill and its drills whose creation failed, and the failed-task counts as
 * summarize_sdrs_failures counts them (group-level plus inside every group), unknown where a
 * listing could not be read.
 */
import { z } from "zod";
import { countBy } from "../format/breakdown.js";
import { clip } from "../format/fields.js";
import { plural } from "../format/render.js";
import type { Drill, QuotaResource } from "../sdrs/member-schemas.js";
import type { FailureJob, ServerGroup } from "../sdrs/schemas.js";

/** sdrs-mcp's own threshold, not SDRS's: at or above this share of a quota it is "near". */
const NEAR_LIMIT = 0.8;
export const NEAR_LIMIT_RULE =
  "a quota is near its limit at 80% used: sdrs-mcp's own threshold, not an SDRS value";

export const quotaRow = z.object({
  type: z.string(),
  used: z.number().int(),
  quota: z.number().int().nullable().describe("null: unlimited"),
  near_limit: z.boolean().describe(NEAR_LIMIT_RULE),
  used_up: z.boolean(),
  blocks: z
    .string()
    .nullable()
    .describe("what a used-up quota makes fail (creating more), with the SDRS error code"),
});
export type QuotaRow = z.infer<typeof quotaRow>;

/**
 * Documented quota types (OTC querying_the_tenant_quota.rst: server_groups, replications), what
 * creating more of them needs, and the code and official handling measure when the quota is
 * used up (OTC error code appendix: SDRS.0305 "The protection group quota is insufficient.",
 * SDRS.0306 "The replication pair quota is insufficient."). A protected instance creates the
 * DR-site disks of its server, i.e. replication pairs (user guide, Step 2: Create a Protected
 * Instance). A Map: the type is an upstream string, and "__proto__" or "toString" is no key here.
 */
const QUOTA_TYPES: ReadonlyMap<string, string> = new Map([
  [
    "server_groups",
    'creating more protection groups fails with SDRS.0305 (handling: "Contact customer service to increase the quota.")',
  ],
  [
    "replications",
    'creating more replication pairs, and protected instances (their disks are replication pairs), fails with SDRS.0306 (handling: "Contact customer service to increase the replication pair quota.")',
  ],
]);

export function toQuotaRow(q: QuotaResource): QuotaRow {
  const limited = q.quota >= 0; // -1: unlimited
  const usedUp = limited && q.used >= q.quota;
  return {
    type: clip("quota_type", q.type),
    used: q.used,
    quota: limited ? q.quota : null,
    near_limit: limited && q.used >= q.quota * NEAR_LIMIT,
    used_up: usedUp,
    blocks: usedUp ? (QUOTA_TYPES.get(q.type) ?? "creating more of this resource") : null,
  };
}

/** "yyyy-MM-dd HH:mm:ss.SSS" (no zone, read as UTC) or ISO 8601; NaN when unreadable. */
function drillTime(text: string): number {
  const iso = text.includes("T") ? text : text.replace(" ", "T");
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}

/**
 * Drills that were not performed: "error" is "Failed to create the DR drill", "creating" not done
 * yet (OTC appendixes/dr_drill_status.rst).
 */
const NOT_PERFORMED = new Set(["error", "creating"]);

export interface DrillFacts {
  /** Each group's newest drill performed (by created_at), keyed by lower-case group ID. */
  newest: Map<string, { at: string; ms: number }>;
  /** Drills in status error per group, keyed by lower-case group ID. */
  failed: Map<string, number>;
}

export function drillFacts(drills: readonly Drill[]): DrillFacts {
  const newest = new Map<string, { at: string; ms: number }>();
  const failed = new Map<string, number>();
  for (const d of drills) {
    const key = d.server_group_id.toLowerCase();
    if (d.status === "error") failed.set(key, (failed.get(key) ?? 0) + 1);
    if (NOT_PERFORMED.has(d.status)) continue;
    const ms = drillTime(d.created_at);
    const seen = newest.get(key);
    if (!Number.isNaN(ms) && (!seen || ms > seen.ms)) newest.set(key, { at: d.created_at, ms });
  }
  return { newest, failed };
}

/** Failed-task counts; a count that could not be read is null, with the reason in `unknown`. */
export interface FailureCounts {
  total: number | null;
  group_level: number | null;
  inside_groups: number | null;
  groups_with_failures: number | null;
  by_failure_status: Record<string, number>;
  by_error_code: Record<string, number>;
  /** What could not be read, when a count is null; the breakdowns count what could. */
  unknown: string | null;
}

export interface FailureReadings {
  groups: readonly ServerGroup[] | null;
  groupLevel: readonly FailureJob[];
  groupLevelRead: boolean;
  perGroup: readonly FailureJob[][];
  unreadableGroups: number;
}

export function failureCounts(r: FailureReadings, scope: string | null): FailureCounts {
  const groups = r.groups ?? [];
  // For one group, the group-level records about that group (its resource_id) count too.
  const level = scope
    ? r.groupLevel.filter((j) => j.resource_id.toLowerCase() === scope.toLowerCase())
    : r.groupLevel;
  const inside = r.perGroup.slice(0, groups.length).flat();
  const all = [...level, ...inside];
  const insideRead = r.groups !== null && r.unreadableGroups === 0;
  const unknown = [
    r.groupLevelRead ? "" : "the group-level listing",
    r.groups === null ? "the listings inside the groups (the groups could not be read)" : "",
    r.unreadableGroups ? `the listings of ${plural(r.unreadableGroups, "group")}` : "",
  ].filter(Boolean);
  return {
    total: unknown.length ? null : all.length,
    group_level: r.groupLevelRead ? level.length : null,
    inside_groups: insideRead ? inside.length : null,
    groups_with_failures: insideRead ? r.perGroup.filter((p) => p.length > 0).length : null,
    by_failure_status: countBy(all, (j) => j.failure_status, 12),
    by_error_code: countBy(all, (j) => j.error_code, 8),
    unknown: unknown.length ? `could not be read: ${unknown.join(", ")}` : null,
  };
}
