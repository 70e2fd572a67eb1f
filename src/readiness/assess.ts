/**
 * From the readings to rows: each group in scope with its evidence from the other listings
 * (abnormal members, SDRS's own abnormal and no-drill lists, its newest drill, its failed
 * tasks) judged by verdicts.ts; the abnormal members; quotas; failed-task counts as
 * summarize_sdrs_failures counts them (group-level plus inside every group).
 */

import { clip } from "../format/fields.js";
import { quoted } from "../format/render.js";
import type { Outcome } from "../sdrs/failure-collection.js";
import {
  drillFacts,
  type FailureCounts,
  failureCounts,
  type QuotaRow,
  toQuotaRow,
} from "./facts.js";
import {
  type InstanceRow,
  inScopeRows,
  isAbnormalMember,
  isAbnormalPairRow,
  type PairRow,
  pairEvidence,
  pairsToList,
  toInstanceRow,
  toPairRow,
} from "./members.js";
import type { GroupRow, ReadinessInput } from "./output.js";
import { type GroupEvidence, type Issue, judgeGroup, VERDICTS } from "./verdicts.js";

export interface Assessed {
  groupRows: GroupRow[];
  /** Worst issue of each group row (same order), null without issues. */
  worst: (Issue | null)[];
  /** Its severity, 0 without issues. */
  severity: number[];
  /**
   * Whether every group in scope is ready but for issues that need attention (verdicts.ts
   * caveatsOnly: health normal, all read, nothing unreported).
   */
  caveatsOnly: boolean;
  pairRows: PairRow[];
  instanceRows: InstanceRow[];
  /** null: the quotas could not be read. */
  quotas: QuotaRow[] | null;
  noGroups: boolean;
  /** Whether the groups could be listed; without them only the members tell anything. */
  groupsRead: boolean;
  /** Abnormal members of no group in scope (all of them when the groups could not be read). */
  orphans: number;
  /** Counts; null where the listing behind a count could not be read. */
  totals: {
    groups: number | null;
    by_verdict: Record<string, number>;
    not_protected: number | null;
    health_unknown: number | null;
    abnormal_protected_instances: number | null;
    abnormal_replication_pairs: number | null;
    drills_overdue: number | null;
    drills_failed: number | null;
  };
  failures: FailureCounts;
}

const ids = (o: Outcome<readonly { id: string }[]>) =>
  o.ok ? new Set(o.value.map((g) => g.id.toLowerCase())) : null;
const value = <T>(o: Outcome<T[]>): T[] => (o.ok ? o.value : []);
/** Rows by their lower-cased server_group_id, in listing order: one pass, not one per group. */
function byGroup<T extends { server_group_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.server_group_id.toLowerCase();
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
const DAY_MS = 86_400_000;

export function assessGroups(input: ReadinessInput): Assessed {
  const r = input.readings;
  const scope = input.serverGroupId;
  const groups = value(r.groups);
  const names = new Map(groups.map((g) => [g.id.toLowerCase(), clip("name", g.name)]));
  const groupName = (id: string) => names.get(id.toLowerCase()) ?? "";
  const listedPairs = inScopeRows(value(r.abnormalReplications), scope, isAbnormalPairRow);
  const pairs = pairsToList(listedPairs, value(r.replications), scope);
  const instances = inScopeRows(value(r.abnormalInstances), scope, (i) =>
    isAbnormalMember(i.status, "instance"),
  );
  const abnormal = ids(r.abnormalGroups);
  const noDrill = ids(r.noRecentDrill);
  const drills = r.drills.ok ? drillFacts(r.drills.value) : null;
  const unreadable = new Set(r.failures.unreadable.map((u) => u.group.id));
  const instancesOf = byGroup(instances);
  const listedPairsOf = byGroup(listedPairs);
  const pairsOf = byGroup(value(r.replications));

  const judged = groups.map((g, i) => {
    const key = g.id.toLowerCase();
    const evidence: GroupEvidence = {
      listedAbnormal: abnormal ? abnormal.has(key) : null,
      noRecentDrill: noDrill ? noDrill.has(key) : null,
      abnormalInstances: r.abnormalInstances.ok ? (instancesOf.get(key) ?? []).length : null,
      abnormalPairs: r.abnormalReplications.ok
        ? (listedPairsOf.get(key) ?? []).map(pairEvidence)
        : null,
      pairs: r.replications.ok ? (pairsOf.get(key) ?? []).map(pairEvidence) : null,
      failedDrills: drills ? (drills.failed.get(key) ?? 0) : null,
      failures: unreadable.has(g.id) ? null : (r.failures.perGroup[i] ?? []),
    };
    return {
      g,
      evidence,
      ...judgeGroup(g, evidence),
      drill: drills?.newest.get(key),
    };
  });
  const severity = (j: { issues: Issue[] }) => j.issues[0]?.severity ?? 0;
  judged.sort((x, y) => severity(y) - severity(x) || x.g.name.localeCompare(y.g.name));

  const groupRows = judged.map(
    (j): GroupRow => ({
      server_group_id: clip("server_group_id", j.g.id),
      name: clip("name", j.g.name),
      verdict: j.verdict,
      status: clip("status", j.g.status) || "unknown",
      health_status: j.g.health_status ? clip("health_status", j.g.health_status) : "unknown",
      replication_status: j.g.replication_status
        ? clip("replication_status", j.g.replication_status)
        : "unknown",
      progress: j.g.progress,
      issues: j.issues.map((i) => i.text),
      next_step: j.issues.find((i) => i.step)?.step?.text ?? null,
      last_drill_at: j.drill ? clip("created_at", j.drill.at) : null,
      last_drill_days_ago: j.drill
        ? Math.max(0, Math.floor((input.now - j.drill.ms) / DAY_MS))
        : null,
      drill_overdue: j.evidence.noRecentDrill,
      drills_failed: j.evidence.failedDrills,
      failures: j.evidence.failures ? j.evidence.failures.length : null,
      unknown: j.unknown,
    }),
  );
  const failures = failureCounts(
    {
      groups: r.groups.ok ? groups : null,
      groupLevel: r.failures.groupLevel,
      groupLevelRead: r.failures.groupLevelError === undefined,
      perGroup: r.failures.perGroup,
      unreadableGroups: r.failures.unreadable.length,
    },
    scope,
  );
  const known = <T>(read: boolean, n: T) => (read ? n : null);
  const countGroups = (keep: (g: (typeof groups)[number]) => boolean) =>
    known(r.groups.ok, groups.filter(keep).length);
  return {
    groupRows,
    worst: judged.map((j) => j.issues[0] ?? null),
    severity: judged.map(severity),
    caveatsOnly: r.groups.ok && judged.every((j) => j.caveatsOnly),
    pairRows: pairs.map((p) => toPairRow(p, groupName)),
    instanceRows: instances.map((i) => toInstanceRow(i, groupName)),
    quotas: r.quotas.ok ? r.quotas.value.map(toQuotaRow) : null,
    noGroups: r.groups.ok && groups.length === 0,
    groupsRead: r.groups.ok,
    orphans: [...pairs.filter(isAbnormalPairRow), ...instances].filter(
      (m) => !names.has(m.server_group_id.toLowerCase()),
    ).length,
    totals: {
      groups: known(r.groups.ok, groups.length),
      by_verdict: Object.fromEntries(
        VERDICTS.map((v) => [v, groupRows.filter((g) => g.verdict === v).length]).filter(
          ([, n]) => n,
        ),
      ),
      not_protected: countGroups((g) => g.status === "available" || g.status === "failed-over"),
      health_unknown: countGroups((g) => g.health_status === null),
      abnormal_protected_instances: known(r.abnormalInstances.ok, instances.length),
      abnormal_replication_pairs: known(r.replications.ok, pairs.length),
      drills_overdue: known(r.noRecentDrill.ok, groupRows.filter((g) => g.drill_overdue).length),
      drills_failed: known(
        r.drills.ok && r.groups.ok,
        groupRows.reduce((n, g) => n + (g.drills_failed ?? 0), 0),
      ),
    },
    failures,
  };
}

/** The steps of the worst issues, each said once, with the group it is for. */
export function nextStepsOf(a: Assessed, incomplete: number): string[] {
  const steps: string[] = [];
  const add = (step: string) => {
    if (steps.length < 5 && !steps.includes(step)) steps.push(step);
  };
  const found = a.groupRows
    .map((g, i) => ({ issue: a.worst[i], label: quoted(g.name || g.server_group_id) }))
    .filter((x): x is { issue: Issue; label: string } => !!x.issue?.step)
    .sort((x, y) => y.issue.severity - x.issue.severity);
  for (const { issue, label } of found) add(`${label}: ${issue.step?.text}`);
  if (incomplete)
    add("Some reads failed (see incomplete): call again later for a full assessment.");
  return steps;
}
