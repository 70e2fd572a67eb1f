/**
 * The project-wide facts of a readiness answer: quota use with what is close to its limit,
 * each group's newest DR drill, and the failed-task counts as summarize_sdrs_failures counts
 * them (group-level plus inside every group).
 */
import { z } from "zod";
import { countBy } from "../format/breakdown.js";
import { clip } from "../format/fields.js";
import { token } from "../format/render.js";
import type { Drill, QuotaResource } from "../sdrs/member-schemas.js";
import type { FailureJob, ServerGroup } from "../sdrs/schemas.js";
import type { Issue } from "./verdicts.js";

export const quotaRow = z.object({
  type: z.string(),
  used: z.number().int(),
  quota: z.number().int().nullable().describe("null: unlimited"),
  near_limit: z.boolean(),
});
export type QuotaRow = z.infer<typeof quotaRow>;

/** At or above this share of a quota, creating more is close to failing. */
const NEAR_LIMIT = 0.8;
/** Documented quota types, the code SDRS answers when one is exhausted, and what it counts. */
const QUOTA_TYPES: Record<string, readonly [code: string, what: string]> = {
  server_groups: ["SDRS.0305", "protection groups"],
  replications: ["SDRS.0306", "replication pairs"],
};

export function toQuotaRow(q: QuotaResource): QuotaRow {
  const limited = q.quota >= 0; // -1: unlimited
  return {
    type: clip("quota_type", q.type),
    used: q.used,
    quota: limited ? q.quota : null,
    near_limit: limited && q.used >= q.quota * NEAR_LIMIT,
  };
}

/** Quotas at or near their limit: they block new protection, not a failover. */
export function quotaIssues(quotas: readonly QuotaRow[]): Issue[] {
  return quotas.flatMap((q) => {
    if (!q.near_limit || q.quota === null) return [];
    const full = q.used >= q.quota;
    const [code, what] = QUOTA_TYPES[q.type] ?? [undefined, token(q.type)];
    const fails = full ? "fails" : "will soon fail";
    return [
      {
        severity: full ? 35 : 25,
        verdict: "needs_attention" as const,
        text: `${token(q.type)} quota ${full ? "used up" : "nearly used up"} (${q.used} of ${q.quota})`,
        step: `Creating more ${what} ${fails}${code ? ` with ${code}` : ""} until the quota is raised or some are deleted.`,
      },
    ];
  });
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

/** Each group's newest drill performed (by created_at), keyed by lower-case group ID. */
export function newestDrills(drills: readonly Drill[]): Map<string, { at: string; ms: number }> {
  const newest = new Map<string, { at: string; ms: number }>();
  for (const d of drills) {
    if (NOT_PERFORMED.has(d.status)) continue;
    const ms = drillTime(d.created_at);
    const key = d.server_group_id.toLowerCase();
    const seen = newest.get(key);
    if (!Number.isNaN(ms) && (!seen || ms > seen.ms)) newest.set(key, { at: d.created_at, ms });
  }
  return newest;
}

export interface FailureCounts {
  total: number;
  group_level: number;
  inside_groups: number;
  groups_with_failures: number;
  by_failure_status: Record<string, number>;
  by_error_code: Record<string, number>;
}

export function failureCounts(
  groups: readonly ServerGroup[],
  groupLevel: readonly FailureJob[],
  perGroup: readonly FailureJob[][],
  scope: string | null,
): FailureCounts {
  // For one group, the group-level records about that group (its resource_id) count too.
  const level = scope
    ? groupLevel.filter((j) => j.resource_id.toLowerCase() === scope.toLowerCase())
    : groupLevel;
  const inside = perGroup.slice(0, groups.length).flat();
  const all = [...level, ...inside];
  return {
    total: all.length,
    group_level: level.length,
    inside_groups: inside.length,
    groups_with_failures: perGroup.filter((p) => p.length > 0).length,
    by_failure_status: countBy(all, (j) => j.failure_status, 12),
    by_error_code: countBy(all, (j) => j.error_code, 8),
  };
}
