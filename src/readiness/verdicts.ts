/**
 * Judging DR readiness from what SDRS reports, one protection group at a time. Every finding is
 * an issue with a severity and the verdict it implies. A group's verdict is the worst of its
 * issues' verdicts and of two caps: a read that could not be made caps it at "unknown", and
 * anything SDRS leaves unreported (health_status null after the service upgrade, a pair's
 * replication_status) caps it at "no_problem_found". So a group is "ready" only when SDRS
 * reports its health as normal, and — the verdict being a minimum over a set that only grows —
 * more evidence of trouble never gives a more positive verdict (test/stress/readiness-
 * monotonic.test.ts). Quotas are no evidence about existing groups: they change no verdict.
 */

import { clip } from "../format/fields.js";
import { plural, token } from "../format/render.js";
import type { FailureJob, ServerGroup } from "../sdrs/schemas.js";
import { REPLICATION_STATUSES } from "../sdrs/vocabulary.js";
import { isAbnormalMember } from "./members.js";
import {
  ADD_PROTECTED_INSTANCE,
  abnormalGroupStep,
  failedDrillStep,
  failedOperation,
  faultLevelStep,
  groupStatusStep,
  isUnderWay,
  type LinkDown,
  progressNote,
  RUN_DRILL,
  readFailuresStep,
  SOURCES,
  type Step,
  seeRowsStep,
  syncProblem,
  syncStep,
} from "./steps.js";

export const VERDICTS = [
  "not_ready",
  "in_progress",
  "needs_attention",
  "unknown",
  "no_problem_found",
  "ready",
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The worse (lower) of verdicts; "ready" for none. */
function worstOf(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = "ready";
  for (const v of verdicts) if (VERDICTS.indexOf(v) < VERDICTS.indexOf(worst)) worst = v;
  return worst;
}

export interface Issue {
  /** Higher is more urgent; the answer's first sentence names the highest. */
  severity: number;
  verdict: Verdict;
  text: string;
  step: Step | null;
}

/** What a judgement needs of a replication pair. */
export interface PairEvidence {
  id: string;
  status: string;
  faultLevel: string | null;
  replicationStatus: string | null;
  progress: number | null;
}

/** What is known about a group's members and history, gathered from the other listings. */
export interface GroupEvidence {
  listedAbnormal: boolean | null;
  noRecentDrill: boolean | null;
  abnormalInstances: number | null;
  /** Pairs SDRS lists as abnormal (query_type=status_abnormal) whose own status says so too. */
  abnormalPairs: PairEvidence[] | null;
  /** Every replication pair of the group (their replication_status and progress). */
  pairs: PairEvidence[] | null;
  /** DR drills in status error ("Failed to create the DR drill"). */
  failedDrills: number | null;
  failures: FailureJob[] | null;
}

const issue = (
  severity: number,
  verdict: Verdict,
  text: string,
  step: Step | null = null,
): Issue => ({ severity, verdict, text, step });

function statusIssue(g: ServerGroup, linkDown: LinkDown): Issue | null {
  const status = g.status;
  if (status === "protected") return null;
  const step = groupStatusStep(status, clip("server_group_id", g.id), linkDown);
  const failed = failedOperation(status);
  if (status === "error-failing-over" || status === "error-reversing")
    return issue(85, "not_ready", `${failed} (status ${status})`, step);
  if (failed) return issue(75, "not_ready", `${failed} (status ${status})`, step);
  if (status === "available" || status === "failed-over")
    return issue(50, "not_ready", `not protected (status ${status})`, step);
  if (isUnderWay(status))
    return issue(
      40,
      "in_progress",
      `an operation is under way (status ${status})${progressNote(g.progress)}`,
    );
  // Not a documented status: said as data, never as our words.
  return issue(
    45,
    "unknown",
    `status ${token(clip("status", status), "not reported")} is not documented`,
  );
}

/** A pair abnormal by its own status or fault_level (the appendix's failure and fault states). */
function isAbnormalPair(p: PairEvidence): boolean {
  return isAbnormalMember(p.status, "pair", p.faultLevel);
}

/** A protected pair whose data is not (or not yet) synchronized: an issue of its group. */
function isUnsynchronized(p: PairEvidence): boolean {
  return p.status === "protected" && syncProblem(p.replicationStatus) !== null;
}

/**
 * A replication_status SDRS reports but does not document: unknown, never read as active. (Null
 * is SDRS leaving it unreported, which unreportedOf says.)
 */
function isUndocumentedSync(status: string | null): status is string {
  return status !== null && !(REPLICATION_STATUSES as readonly string[]).includes(status);
}

/** A protected pair whose replication_status is a value the API reference does not list. */
function hasUndocumentedSync(p: PairEvidence): boolean {
  return p.status === "protected" && isUndocumentedSync(p.replicationStatus);
}

/** The pairs of both listings, each once (SDRS's abnormal ones first). */
function unionById(...lists: (PairEvidence[] | null)[]): PairEvidence[] {
  const byId = new Map<string, PairEvidence>();
  for (const list of lists) for (const p of list ?? []) byId.set(p.id.toLowerCase(), p);
  return [...byId.values()];
}

function pairIssues(pairs: readonly PairEvidence[], id: string): Issue[] {
  const issues: Issue[] = [];
  const count = (keep: (p: PairEvidence) => boolean) => pairs.filter(keep).length;
  const five = count((p) => p.faultLevel === "5");
  const two = count((p) => p.faultLevel === "2");
  if (five) {
    const text = `replication link of ${plural(five, "pair")} disconnected (failover not allowed)`;
    issues.push(issue(90, "not_ready", text, faultLevelStep("5") ?? null));
  }
  if (two) {
    const text = `production-site disk of ${plural(two, "replication pair")} without read/write permission (failover advised)`;
    issues.push(issue(80, "not_ready", text, faultLevelStep("2") ?? null));
  }
  const others = count(
    (p) => p.faultLevel !== "5" && p.faultLevel !== "2" && isAbnormalMember(p.status, "pair"),
  );
  if (others) {
    const what = five || two ? "other abnormal replication pair" : "abnormal replication pair";
    const step = seeRowsStep("abnormal_replication_pairs", id, SOURCES.pairStatus);
    issues.push(issue(65, "not_ready", plural(others, what), step));
  }
  for (const status of ["inactive", "active-stopped"]) {
    const n = count((p) => p.status === "protected" && p.replicationStatus === status);
    if (n)
      issues.push(
        issue(
          55,
          "not_ready",
          `${plural(n, "protected replication pair")} not synchronized (replication_status ${status})`,
          syncStep(status),
        ),
      );
  }
  const undocumented = pairs.filter(hasUndocumentedSync);
  if (undocumented.length) {
    const values = [
      ...new Set(
        undocumented.map((p) => token(clip("replication_status", p.replicationStatus ?? ""))),
      ),
    ];
    issues.push(
      issue(
        45,
        "unknown",
        `${plural(undocumented.length, "protected replication pair")} with replication_status ${values.join(", ")}, which is not documented`,
      ),
    );
  }
  const copying = pairs.filter(
    (p) => p.status === "protected" && p.replicationStatus === "copying",
  );
  if (copying.length) {
    const least = Math.min(...copying.map((p) => p.progress ?? Number.POSITIVE_INFINITY));
    const text = `${plural(copying.length, "replication pair")} still synchronizing${progressNote(Number.isFinite(least) ? least : null)}`;
    issues.push(issue(15, "in_progress", text, syncStep("copying")));
  }
  return issues;
}

function evidenceIssues(g: ServerGroup, e: GroupEvidence, pairs: readonly PairEvidence[]): Issue[] {
  const issues: Issue[] = [];
  const id = clip("server_group_id", g.id);
  issues.push(...pairIssues(pairs, id));
  if (e.abnormalInstances)
    issues.push(
      issue(
        60,
        "not_ready",
        `${plural(e.abnormalInstances, "abnormal protected instance")}`,
        seeRowsStep("abnormal_protected_instances", id, SOURCES.instanceStatus),
      ),
    );
  if (g.health_status === "abnormal")
    issues.push(issue(75, "not_ready", "health_status abnormal", abnormalGroupStep(id)));
  else if (e.listedAbnormal)
    issues.push(
      issue(
        70,
        "not_ready",
        "listed by SDRS as abnormal (query_type=status_abnormal)",
        abnormalGroupStep(id),
      ),
    );
  else if (g.health_status !== null && g.health_status !== "normal")
    issues.push(
      issue(
        45,
        "unknown",
        `health_status ${token(clip("health_status", g.health_status))} is not documented`,
      ),
    );
  if (g.protected_instance_num === 0 && g.replication_num === 0)
    issues.push(
      issue(
        50,
        "not_ready",
        "protects nothing: no protected instance and no replication pair",
        ADD_PROTECTED_INSTANCE,
      ),
    );
  if (g.status === "protected" && isUndocumentedSync(g.replication_status))
    issues.push(
      issue(
        45,
        "unknown",
        `replication_status ${token(clip("replication_status", g.replication_status))} is not documented`,
      ),
    );
  const sync = syncProblem(g.replication_status);
  if (sync && g.status === "protected")
    issues.push(
      g.replication_status === "copying"
        ? issue(15, "in_progress", `${sync}${progressNote(g.progress)}`, syncStep("copying"))
        : issue(55, "not_ready", sync, syncStep(g.replication_status)),
    );
  if (e.failedDrills)
    issues.push(
      issue(
        32,
        "needs_attention",
        `${plural(e.failedDrills, "DR drill")} whose creation failed (status error)`,
        failedDrillStep(id),
      ),
    );
  if (e.noRecentDrill)
    issues.push(
      issue(
        30,
        "needs_attention",
        "no DR drill within the period SDRS checks (query_type=period_no_dr_drill: three months by default)",
        RUN_DRILL,
      ),
    );
  if (e.failures?.length)
    issues.push(
      issue(
        20,
        "needs_attention",
        `${plural(e.failures.length, "failed task")} recorded`,
        readFailuresStep(id),
      ),
    );
  return issues;
}

/** Reads that failed for this group: unknown, never fine. */
function unreadOf(e: GroupEvidence): string[] {
  const unread: string[] = [];
  if (e.listedAbnormal === null) unread.push("listed as abnormal");
  if (e.abnormalInstances === null) unread.push("abnormal protected instances");
  if (e.abnormalPairs === null) unread.push("abnormal replication pairs");
  if (e.pairs === null) unread.push("replication pairs");
  if (e.noRecentDrill === null) unread.push("recent DR drill");
  if (e.failedDrills === null) unread.push("DR drills");
  if (e.failures === null) unread.push("failed tasks");
  return unread;
}

/** What SDRS left unreported about the group (its documented nulls, a pair's missing status). */
function unreportedOf(g: ServerGroup, pairs: readonly PairEvidence[] | null): string[] {
  const unreported: string[] = [];
  if (g.health_status === null) unreported.push("health_status");
  if (g.replication_status === null) unreported.push("replication_status");
  const silent = (pairs ?? []).filter(
    (p) => p.status === "protected" && p.replicationStatus === null,
  ).length;
  if (silent) unreported.push(`replication_status of ${plural(silent, "replication pair")}`);
  return unreported;
}

export interface GroupVerdict {
  verdict: Verdict;
  issues: Issue[];
  /** Everything that could not be told: reads that failed, then what SDRS did not report. */
  unknown: string[];
  /**
   * Whether the group would be "ready" but for issues that need attention: SDRS reports its
   * health as normal, every read was made, nothing is unreported and no issue is worse than
   * needs_attention. Only then may a headline call it "Ready with caveats".
   */
  caveatsOnly: boolean;
}

/**
 * The replication_status of the group itself is null for groups created after the service
 * upgrade; it caps nothing: its pairs' replication_status says what it would.
 */
export function judgeGroup(g: ServerGroup, e: GroupEvidence): GroupVerdict {
  const pairs = unionById(e.abnormalPairs, e.pairs).filter(
    (p) => isAbnormalPair(p) || isUnsynchronized(p) || hasUndocumentedSync(p),
  );
  const linkDown: LinkDown = pairs.some((p) => p.faultLevel === "5")
    ? true
    : e.abnormalPairs === null && e.pairs === null
      ? null
      : false;
  const status = statusIssue(g, linkDown);
  const issues = [...(status ? [status] : []), ...evidenceIssues(g, e, pairs)].sort(
    (a, b) => b.severity - a.severity,
  );
  const unread = unreadOf(e);
  const unreported = unreportedOf(g, e.pairs);
  // The group's own replication_status caps nothing (see above).
  const capping = unreported.some((u) => u !== "replication_status");
  const caps: Verdict[] = [
    ...(unread.length ? (["unknown"] as const) : []),
    ...(g.health_status !== "normal" || capping ? (["no_problem_found"] as const) : []),
  ];
  const verdict = worstOf([...issues.map((i) => i.verdict), ...caps]);
  return {
    verdict,
    issues,
    unknown: [...unread, ...unreported],
    caveatsOnly: caps.length === 0 && issues.every((i) => i.verdict === "needs_attention"),
  };
}

/** The verdict of a whole scope: its worst group's, or "unknown" at best when a read failed. */
export function overallVerdict(verdicts: readonly Verdict[], anyIncomplete: boolean): Verdict {
  return worstOf([...verdicts, ...(anyIncomplete ? (["unknown"] as const) : [])]);
}
