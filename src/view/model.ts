/**
 * What the view shows, read from the tool result the host hands it: assess_sdrs_readiness or
 * summarize_sdrs_failures (their outputSchemas: src/readiness/output.ts and
 * src/format/summary-output.ts). Read field by field, never trusted: an unknown field is
 * ignored, a missing one is null and shown as unknown. Pure: no DOM, unit-tested on its own.
 */
import {
  type Count,
  count,
  counts,
  flag,
  type Json,
  list,
  record,
  text,
  textMap,
  texts,
} from "./read.js";

export const VERDICT_ORDER = [
  "not_ready",
  "in_progress",
  "needs_attention",
  "unknown",
  "no_problem_found",
  "ready",
] as const;
export type VerdictKey = (typeof VERDICT_ORDER)[number];

const VERDICT_WORDS: Record<VerdictKey, string> = {
  not_ready: "Not ready",
  in_progress: "In progress",
  needs_attention: "Needs attention",
  unknown: "Unknown",
  no_problem_found: "No problem found",
  ready: "Ready",
};

export interface Verdict {
  /** A verdict this view knows, or "unknown" for one it does not (shown with its own word). */
  key: VerdictKey;
  word: string;
  /** Position in VERDICT_ORDER: lower is worse. */
  rank: number;
}

export function verdictOf(value: unknown): Verdict {
  const raw = text(value);
  const known = VERDICT_ORDER.find((v) => v === raw);
  if (known) return { key: known, word: VERDICT_WORDS[known], rank: VERDICT_ORDER.indexOf(known) };
  const rank = VERDICT_ORDER.indexOf("unknown");
  return { key: "unknown", word: raw ? `Unknown (${raw})` : "Unknown", rank };
}

/** fault_level of a replication pair, as its field description documents it. */
export function faultLevelMeaning(level: string | null): string {
  if (level === null || level === "") return "not reported";
  if (level === "0") return "no fault";
  if (level === "2")
    return "production-site disk has no read/write permission: a failover is advised";
  if (level === "5") return "replication link disconnected: a failover is not allowed";
  return "not a documented level";
}

export interface DrillAge {
  at: string | null;
  daysAgo: number | null;
  overdue: boolean | null;
  /** e.g. "102 days ago", "none listed" */
  words: string;
}

export function drillAgeOf(
  at: string | null,
  daysAgo: number | null,
  overdue: boolean | null,
): DrillAge {
  let words: string;
  if (daysAgo !== null)
    words = daysAgo === 0 ? "today" : daysAgo === 1 ? "1 day ago" : `${daysAgo} days ago`;
  else words = at === null ? "none listed" : at;
  return { at, daysAgo, overdue, words };
}

export interface GroupRow {
  id: string | null;
  name: string;
  verdict: Verdict | null;
  status: string | null;
  health: string | null;
  replication: string | null;
  issues: string[];
  nextStep: string | null;
  drill: DrillAge | null;
  failures: number | null;
  byFailureStatus: Count[];
  unknown: string[];
}

export interface MemberRow {
  id: string | null;
  name: string;
  groupId: string | null;
  groupName: string | null;
  status: string | null;
  meaning: string | null;
  nextStep: string | null;
}

export interface PairRow extends MemberRow {
  faultLevel: string | null;
  faultMeaning: string;
  replicationStatus: string | null;
  failureDetail: string | null;
}

export interface FailureRow {
  jobId: string | null;
  groupId: string | null;
  groupName: string | null;
  failureStatus: string | null;
  resourceType: string | null;
  resourceName: string | null;
  errorCode: string | null;
  failReason: string | null;
  beginTime: string | null;
}

export interface CodeRow extends Count {
  meaning: string | null;
  handling: string | null;
}

export interface QuotaRow {
  type: string;
  used: number | null;
  quota: number | null;
  /** The answer's `quota: null`: no limit (a missing quota is unknown, not unlimited). */
  unlimited: boolean;
  nearLimit: boolean | null;
}

interface Common {
  /** structuredContent.demo: the data comes from the built-in simulator. */
  demo: boolean;
  summary: string | null;
  projectId: string | null;
  /** What could not be read (partial answers), as sentences. */
  incomplete: string[];
  nextSteps: string[];
  /** Codes the answer counted but had no room to explain (codes_unexplained). */
  codesUnexplained: number | null;
}

export interface ReadinessModel extends Common {
  kind: "readiness";
  verdict: Verdict | null;
  totals: {
    groups: number | null;
    byVerdict: Count[];
    notProtected: number | null;
    healthUnknown: number | null;
    abnormalInstances: number | null;
    abnormalPairs: number | null;
    drillsOverdue: number | null;
  };
  failures: { total: number | null; groupLevel: number | null; insideGroups: number | null };
  byFailureStatus: Count[];
  byErrorCode: CodeRow[];
  groups: GroupRow[];
  groupsOmitted: number | null;
  pairs: PairRow[];
  pairsOmitted: number | null;
  instances: MemberRow[];
  instancesOmitted: number | null;
  quotas: QuotaRow[];
}

export interface SummaryModel extends Common {
  kind: "summary";
  filters: { key: string; value: string }[];
  totals: {
    failures: number | null;
    groupLevel: number | null;
    insideGroups: number | null;
    groups: number | null;
    groupsWithFailures: number | null;
    groupsNeedingAttention: number | null;
    groupsUnreadable: number | null;
  };
  byFailureStatus: Count[];
  byResourceType: Count[];
  byErrorCode: CodeRow[];
  groups: GroupRow[];
  groupsOmitted: number | null;
  newest: FailureRow[];
  newestOmitted: number | null;
  newestBeforeWindow: FailureRow | null;
}

export interface ErrorModel {
  kind: "error";
  message: string;
}

export interface UnrecognisedModel {
  kind: "unrecognised";
  summary: string | null;
  demo: boolean;
}

export type ViewModel = ReadinessModel | SummaryModel | ErrorModel | UnrecognisedModel;

export const READINESS_TOOL = "assess_sdrs_readiness";
export const SUMMARY_TOOL = "summarize_sdrs_failures";

/**
 * The model of one tool result (`CallToolResult`). `toolName` (from the host context, when the
 * host gives it) decides the kind; without it the shape does.
 */
export function toViewModel(result: unknown, toolName?: string): ViewModel {
  const r = record(result) ?? {};
  if (r.isError === true)
    return { kind: "error", message: contentText(r.content) || "The tool failed." };
  const s = record(r.structuredContent);
  if (!s) {
    return { kind: "unrecognised", summary: contentText(r.content) || null, demo: false };
  }
  const kind = toolName === READINESS_TOOL || toolName === SUMMARY_TOOL ? toolName : kindOf(s);
  if (kind === READINESS_TOOL) return readinessModel(s);
  if (kind === SUMMARY_TOOL) return summaryModel(s);
  return { kind: "unrecognised", summary: text(s.summary), demo: s.demo === true };
}

function kindOf(s: Json): string | undefined {
  if ("verdict" in s || "abnormal_replication_pairs" in s) return READINESS_TOOL;
  if ("newest" in s || "by_failure_status" in s) return SUMMARY_TOOL;
  return undefined;
}

export function contentText(content: unknown): string {
  return list(content)
    .map((c) => record(c))
    .filter((c) => c?.type === "text")
    .map((c) => text(c?.text) ?? "")
    .join("\n")
    .trim();
}

function common(s: Json): Common {
  return {
    demo: s.demo === true,
    summary: text(s.summary),
    projectId: text(s.project_id),
    incomplete: incompleteOf(s),
    nextSteps: texts(s.next_steps),
    codesUnexplained: count(s.codes_unexplained),
  };
}

/**
 * `incomplete` rows (readiness: {what, error}; summary: {server_group_id, name, error}) and a
 * `partial` flag or sentence, whichever the answer carries, as sentences.
 */
function incompleteOf(s: Json): string[] {
  const lines = list(s.incomplete).map((entry) => {
    const e = record(entry);
    if (!e) return text(entry) ?? "";
    const what = text(e.what) ?? text(e.name) ?? text(e.server_group_id) ?? "a read";
    const error = text(e.error);
    return error ? `${what}: ${error}` : what;
  });
  if (typeof s.partial === "string") lines.push(s.partial);
  else if (s.partial === true && lines.length === 0)
    lines.push("The answer is partial: some reads failed.");
  return lines.filter((line) => line !== "");
}

function codeRows(s: Json, byCode: unknown): CodeRow[] {
  const meanings = textMap(s.error_meanings);
  const handling = textMap(s.error_handling);
  const nextSteps = textMap(s.error_next_steps);
  return counts(byCode).map((c) => ({
    ...c,
    meaning: meanings.get(c.key) ?? null,
    // The official Handling Measure where the answer gives it, else sdrs-mcp's pointer.
    handling: handling.get(c.key) ?? nextSteps.get(c.key) ?? null,
  }));
}

function readinessModel(s: Json): ReadinessModel {
  const totals = record(s.totals) ?? {};
  const failures = record(s.failures) ?? {};
  return {
    kind: "readiness",
    ...common(s),
    verdict: "verdict" in s ? verdictOf(s.verdict) : null,
    totals: {
      groups: count(totals.groups),
      byVerdict: counts(totals.by_verdict).sort(
        (a, b) => verdictOf(a.key).rank - verdictOf(b.key).rank,
      ),
      notProtected: count(totals.not_protected),
      healthUnknown: count(totals.health_unknown),
      abnormalInstances: count(totals.abnormal_protected_instances),
      abnormalPairs: count(totals.abnormal_replication_pairs),
      drillsOverdue: count(totals.drills_overdue),
    },
    failures: {
      total: count(failures.total),
      groupLevel: count(failures.group_level),
      insideGroups: count(failures.inside_groups),
    },
    byFailureStatus: counts(failures.by_failure_status),
    byErrorCode: codeRows(s, failures.by_error_code),
    groups: list(s.groups).map(groupRow),
    groupsOmitted: count(s.groups_omitted),
    pairs: list(s.abnormal_replication_pairs).map(pairRow),
    pairsOmitted: count(s.replication_pairs_omitted),
    instances: list(s.abnormal_protected_instances).map(memberRow),
    instancesOmitted: count(s.protected_instances_omitted),
    quotas: list(s.quotas).map(quotaRow),
  };
}

function summaryModel(s: Json): SummaryModel {
  const totals = record(s.totals) ?? {};
  const before = record(s.newest_before_window);
  return {
    kind: "summary",
    ...common(s),
    filters: [...textMap(s.filters)].map(([key, value]) => ({ key, value })),
    totals: {
      failures: count(totals.failures),
      groupLevel: count(totals.group_level),
      insideGroups: count(totals.inside_groups),
      groups: count(totals.groups),
      groupsWithFailures: count(totals.groups_with_failures),
      groupsNeedingAttention: count(totals.groups_needing_attention),
      groupsUnreadable: count(totals.groups_unreadable),
    },
    byFailureStatus: counts(s.by_failure_status),
    byResourceType: counts(s.by_resource_type),
    byErrorCode: codeRows(s, s.by_error_code),
    groups: list(s.groups).map(groupRow),
    groupsOmitted: count(s.groups_omitted),
    newest: list(s.newest).map(failureRow),
    newestOmitted: count(s.newest_omitted),
    newestBeforeWindow: before ? failureRow(before) : null,
  };
}

function groupRow(value: unknown): GroupRow {
  const g = record(value) ?? {};
  const at = text(g.last_drill_at);
  const days = count(g.last_drill_days_ago);
  const overdue = flag(g.drill_overdue);
  const hasDrill = "last_drill_at" in g || "last_drill_days_ago" in g || "drill_overdue" in g;
  const id = text(g.server_group_id);
  return {
    id,
    name: text(g.name) || id || "(unnamed group)",
    verdict: "verdict" in g ? verdictOf(g.verdict) : null,
    status: text(g.status),
    // The readiness answer writes "unknown" where SDRS leaves it null; the summary keeps null.
    health: text(g.health_status),
    replication: text(g.replication_status),
    issues: texts(g.issues),
    nextStep: text(g.next_step),
    drill: hasDrill ? drillAgeOf(at, days, overdue) : null,
    failures: count(g.failures),
    byFailureStatus: counts(g.by_failure_status),
    unknown: texts(g.unknown),
  };
}

function memberRow(value: unknown): MemberRow {
  const m = record(value) ?? {};
  const id = text(m.id);
  return {
    id,
    name: text(m.name) || id || "(unnamed)",
    groupId: text(m.server_group_id),
    groupName: text(m.group_name),
    status: text(m.status),
    meaning: text(m.meaning),
    nextStep: text(m.next_step),
  };
}

function pairRow(value: unknown): PairRow {
  const p = record(value) ?? {};
  const level = text(p.fault_level);
  return {
    ...memberRow(p),
    faultLevel: level,
    faultMeaning: faultLevelMeaning(level),
    replicationStatus: text(p.replication_status),
    failureDetail: text(p.failure_detail),
  };
}

export function failureRow(value: unknown): FailureRow {
  const f = record(value) ?? {};
  return {
    jobId: text(f.job_id) || null,
    groupId: text(f.server_group_id),
    groupName: text(f.group_name),
    failureStatus: text(f.failure_status),
    resourceType: text(f.resource_type),
    resourceName: text(f.resource_name),
    errorCode: text(f.error_code),
    failReason: text(f.fail_reason),
    beginTime: text(f.begin_time),
  };
}

function quotaRow(value: unknown): QuotaRow {
  const q = record(value) ?? {};
  return {
    type: text(q.type) ?? "(unnamed quota)",
    used: count(q.used),
    quota: count(q.quota),
    unlimited: q.quota === null,
    nearLimit: flag(q.near_limit),
  };
}
