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
  type FailureCounts,
  failureCounts,
  newestDrills,
  type QuotaRow,
  toQuotaRow,
} from "./facts.js";
import {
  abnormalRows,
  type InstanceRow,
  isAbnormalMember,
  type PairRow,
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
  pairRows: PairRow[];
  instanceRows: InstanceRow[];
  quotas: QuotaRow[];
  noGroups: boolean;
  /** Whether the groups could be listed; without them only the members tell anything. */
  groupsRead: boolean;
  totals: {
    groups: number;
    by_verdict: Record<string, number>;
    not_protected: number;
    health_unknown: number;
    abnormal_protected_instances: number;
    abnormal_replication_pairs: number;
    drills_overdue: number;
  };
  failures: FailureCounts;
}

const ids = (o: Outcome<readonly { id: string }[]>) =>
  o.ok ? new Set(o.value.map((g) => g.id.toLowerCase())) : null;
const value = <T>(o: Outcome<T[]>): T[] => (o.ok ? o.value : []);

export function assessGroups(input: ReadinessInput): Assessed {
  const r = input.readings;
  const scope = input.serverGroupId;
  const groups = value(r.groups);
  const names = new Map(groups.map((g) => [g.id.toLowerCase(), clip("name", g.name)]));
  const groupName = (id: string) => names.get(id.toLowerCase()) ?? "";
  const pairs = abnormalRows(value(r.abnormalReplications), scope, (p) =>
    isAbnormalMember(p.status, "pair", p.fault_level),
  );
  const instances = abnormalRows(value(r.abnormalInstances), scope, (i) =>
    isAbnormalMember(i.status, "instance"),
  );
  const abnormal = ids(r.abnormalGroups);
  const noDrill = ids(r.noRecentDrill);
  const drills = r.drills.ok ? newestDrills(r.drills.value) : null;
  const unreadable = new Set(r.failures.unreadable.map((u) => u.group.id));

  const judged = groups.map((g, i) => {
    const key = g.id.toLowerCase();
    const evidence: GroupEvidence = {
      listedAbnormal: abnormal ? abnormal.has(key) : null,
      noRecentDrill: noDrill ? noDrill.has(key) : null,
      abnormalInstances: r.abnormalInstances.ok
        ? instances.filter((m) => m.server_group_id.toLowerCase() === key).length
        : null,
      abnormalPairs: r.abnormalReplications.ok
        ? pairs
            .filter((p) => p.server_group_id.toLowerCase() === key)
            .map((p) => ({ status: p.status, faultLevel: p.fault_level }))
        : null,
      failures: unreadable.has(g.id) ? null : (r.failures.perGroup[i] ?? []),
    };
    return { g, evidence, ...judgeGroup(g, evidence), drill: drills?.get(key) };
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
      issues: j.issues.map((i) => i.text),
      next_step: j.issues.find((i) => i.step)?.step ?? null,
      last_drill_at: j.drill ? clip("created_at", j.drill.at) : null,
      last_drill_days_ago: j.drill
        ? Math.max(0, Math.floor((input.now - j.drill.ms) / 86_400_000))
        : null,
      drill_overdue: j.evidence.noRecentDrill,
      failures: j.evidence.failures ? j.evidence.failures.length : null,
      unknown: j.unknown,
    }),
  );
  const failures = failureCounts(groups, r.failures.groupLevel, r.failures.perGroup, scope);
  return {
    groupRows,
    worst: judged.map((j) => j.issues[0] ?? null),
    severity: judged.map(severity),
    pairRows: pairs.map((p) => toPairRow(p, groupName)),
    instanceRows: instances.map((i) => toInstanceRow(i, groupName)),
    quotas: value(r.quotas).map(toQuotaRow),
    noGroups: r.groups.ok && groups.length === 0,
    groupsRead: r.groups.ok,
    totals: {
      groups: groups.length,
      by_verdict: Object.fromEntries(
        VERDICTS.map((v) => [v, groupRows.filter((g) => g.verdict === v).length]).filter(
          ([, n]) => n,
        ),
      ),
      not_protected: groups.filter((g) => g.status === "available" || g.status === "failed-over")
        .length,
      health_unknown: groups.filter((g) => g.health_status === null).length,
      abnormal_protected_instances: instances.length,
      abnormal_replication_pairs: pairs.length,
      drills_overdue: groupRows.filter((g) => g.drill_overdue).length,
    },
    failures,
  };
}

/** The steps of the worst issues, each said once, with the group it is for. */
export function nextStepsOf(
  a: Assessed,
  projectIssues: readonly Issue[],
  incomplete: number,
): string[] {
  const steps: string[] = [];
  const add = (step: string) => {
    if (steps.length < 5 && !steps.includes(step)) steps.push(step);
  };
  const found = [
    ...a.groupRows.map((g, i) => ({
      issue: a.worst[i],
      label: quoted(g.name || g.server_group_id),
    })),
    ...projectIssues.map((issue) => ({ issue, label: "project" })),
  ]
    .filter((x): x is { issue: Issue; label: string } => !!x.issue?.step)
    .sort((x, y) => y.issue.severity - x.issue.severity);
  for (const { issue, label } of found) add(`${label}: ${issue.step}`);
  if (incomplete)
    add("Some reads failed (see incomplete): call again later for a full assessment.");
  return steps;
}
