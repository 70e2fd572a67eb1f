/**
 * The answer of assess_sdrs_readiness: from everything read (collect.ts) to
 * a verdict per protection group, the abnormal members with their steps, drills, quotas and
 * failed-task counts, inside the output budget. Rows are kept worst first across groups and
 * members, so the budget leaves out ready groups before it leaves out a broken pair.
 */
import { fitToBudget, jsonLength, type ToolAnswer } from "../format/budget.js";
import { clip } from "../format/fields.js";
import { meaningsOf } from "../format/meanings.js";
import type { Outcome } from "../sdrs/failure-collection.js";
import type { ServerGroup } from "../sdrs/schemas.js";
import { type Assessed, assessGroups, nextStepsOf } from "./assess.js";
import type { ReadinessReadings } from "./collect.js";
import { NEAR_LIMIT_RULE } from "./facts.js";
import { INSTANCE_SEVERITY, type InstanceRow, type PairRow, pairSeverity } from "./members.js";
import type { GroupRow, Readiness, ReadinessInput } from "./output.js";
import { groupLine, instanceLine, pairLine, renderReadiness, summarizeReadiness } from "./text.js";
import { overallVerdict } from "./verdicts.js";

const MAX_INCOMPLETE = 20;
const QUOTAS = "quotas";

/** Thresholds and computations that are sdrs-mcp's own, said as such in every answer. */
const SDRS_MCP_RULES = {
  quota_near_limit: NEAR_LIMIT_RULE,
  last_drill_days_ago:
    "a drill's age in days is computed by sdrs-mcp from its created_at; drill_overdue is SDRS's own list (query_type=period_no_dr_drill), not computed",
};

/** Rows of all three lists in one order, worst first: what the budget keeps. */
type Ranked = { list: "groups" | "pairs" | "instances"; index: number; severity: number };

export function buildReadinessAnswer(input: ReadinessInput): ToolAnswer<Readiness> {
  const a = assessGroups(input);
  const ranked: Ranked[] = [
    ...a.groupRows.map((_, index) => ({
      list: "groups" as const,
      index,
      severity: a.severity[index] ?? 0,
    })),
    ...a.pairRows.map((p, index) => ({ list: "pairs" as const, index, severity: pairSeverity(p) })),
    ...a.instanceRows.map((_, index) => ({
      list: "instances" as const,
      index,
      severity: INSTANCE_SEVERITY,
    })),
  ].sort((x, y) => y.severity - x.severity);
  const base = baseOf(input, a);
  const rowOf = (r: Ranked) =>
    r.list === "groups"
      ? a.groupRows[r.index]
      : r.list === "pairs"
        ? a.pairRows[r.index]
        : a.instanceRows[r.index];
  const lineOf = (r: Ranked) =>
    r.list === "groups"
      ? groupLine(a.groupRows[r.index] as GroupRow)
      : r.list === "pairs"
        ? pairLine(a.pairRows[r.index] as PairRow)
        : instanceLine(a.instanceRows[r.index] as InstanceRow);

  const build = (shown: number): ToolAnswer<Readiness> => {
    const kept = ranked.slice(0, shown);
    const pick = <T>(list: Ranked["list"], rows: T[]) =>
      kept
        .filter((r) => r.list === list)
        .sort((x, y) => x.index - y.index)
        .map((r) => rows[r.index] as T);
    const s: Readiness = {
      ...base,
      groups: pick("groups", a.groupRows),
      abnormal_replication_pairs: pick("pairs", a.pairRows),
      abnormal_protected_instances: pick("instances", a.instanceRows),
      groups_omitted: 0,
      replication_pairs_omitted: 0,
      protected_instances_omitted: 0,
    };
    s.groups_omitted = a.groupRows.length - s.groups.length;
    s.replication_pairs_omitted = a.pairRows.length - s.abnormal_replication_pairs.length;
    s.protected_instances_omitted = a.instanceRows.length - s.abnormal_protected_instances.length;
    return { content: [{ type: "text", text: renderReadiness(s) }], structuredContent: s };
  };
  return fitToBudget({
    rows: ranked.length,
    lengths: [0],
    build: (shown) => build(shown),
    // A row appears once in JSON and once as a line of text (itself inside JSON).
    rowCost: (i) => {
      const r = ranked[i] as Ranked;
      return jsonLength(rowOf(r)) + jsonLength(lineOf(r)) + 1;
    },
  });
}

/** Everything but the three row lists. */
function baseOf(
  input: ReadinessInput,
  a: Assessed,
): Omit<Readiness, "groups" | "abnormal_replication_pairs" | "abnormal_protected_instances"> {
  const { readings } = input;
  const incomplete = incompleteOf(readings, input.describe);
  // Quotas block creating more, not a failover: a quota that could not be read leaves the
  // verdict as it is, like a quota that is used up.
  const judged = incomplete.filter((x) => x.what !== QUOTAS);
  const verdict = overallVerdict(
    [
      ...a.groupRows.map((g) => g.verdict),
      // No groups, or broken members whose group could not be listed, are blocking too.
      ...(a.noGroups || a.orphans ? ["not_ready" as const] : []),
    ],
    judged.length > 0,
  );
  const codes = [
    ...Object.keys(a.failures.by_error_code),
    ...a.pairRows.flatMap((p) => (p.failure_detail ? [p.failure_detail] : [])),
  ];
  const s = {
    summary: "",
    verdict,
    project_id: input.projectId,
    server_group_id: input.serverGroupId,
    totals: a.totals,
    failures: a.failures,
    quotas: a.quotas,
    sdrs_mcp_rules: SDRS_MCP_RULES,
    groups_omitted: 0,
    replication_pairs_omitted: 0,
    protected_instances_omitted: 0,
    ...meaningsOf(new Set(codes)),
    incomplete: incomplete.slice(0, MAX_INCOMPLETE),
    next_steps: nextStepsOf(a, judged.length),
  };
  s.summary = summarizeReadiness(s, a, judged.length);
  return s;
}

function incompleteOf(r: ReadinessReadings, describe: (e: unknown) => string) {
  const out: { what: string; error: string }[] = [];
  const note = (what: string, o: Outcome<unknown>) => {
    if (!o.ok) out.push({ what, error: clip("error", describe(o.error)) });
  };
  note("protection groups", r.groups);
  note("groups SDRS lists as abnormal", r.abnormalGroups);
  note("groups without a recent DR drill", r.noRecentDrill);
  note("abnormal protected instances", r.abnormalInstances);
  note("abnormal replication pairs", r.abnormalReplications);
  note("replication pairs", r.replications);
  note("DR drills", r.drills);
  note(QUOTAS, r.quotas);
  if (r.failures.groupLevelError !== undefined)
    out.push({
      what: "group-level failed tasks",
      error: clip("error", describe(r.failures.groupLevelError)),
    });
  for (const { group, error } of r.failures.unreadable)
    out.push({
      what: `failed tasks of ${groupLabel(group)}`,
      error: clip("error", describe(error)),
    });
  return out;
}

function groupLabel(g: ServerGroup): string {
  return `${clip("name", g.name) || "(no name)"} (${clip("server_group_id", g.id)})`;
}
