import type { FailureJob, QuotaResource } from "./types.js";

/**
 * Quotas (OTC apis/tenant_quota_management/querying_the_tenant_quota.rst; example quotas 50 and
 * 100, min 0, max -1). Failed tasks for "insufficient quota" (SDRS.0305 protection groups,
 * SDRS.0306 replication pairs) mean that quota is used up; replication pairs are kept near
 * their limit in any case.
 */
export function quotasFor(
  groups: number,
  pairs: number,
  failures: readonly FailureJob[],
): QuotaResource[] {
  const hit = (code: string) => failures.some((f) => f.error_code === code);
  const groupQuota = hit("SDRS.0305") ? groups : Math.max(50, groups + 10);
  const pairQuota = hit("SDRS.0306") ? pairs : pairs + Math.max(2, Math.ceil(pairs * 0.05));
  return [
    { type: "server_groups", used: groups, quota: groupQuota, min: 0, max: -1 },
    { type: "replications", used: pairs, quota: pairQuota, min: 0, max: -1 },
  ];
}
