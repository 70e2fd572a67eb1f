/**
 * Judging DR readiness from what SDRS reports, one protection group at a time. Every finding is
 * an issue with a severity and the verdict it implies; a group's verdict is that of its worst
 * issue. Without issues a group is "ready" only when SDRS reports its health as normal: a
 * health the API leaves null (groups created after the service upgrade) makes it
 * "no_problem_found", and a read that could not be made makes it "unknown", never "ready".
 */

import { clip } from "../format/fields.js";
import { plural, token } from "../format/render.js";
import type { FailureJob, ServerGroup } from "../sdrs/schemas.js";
import {
  failedOperation,
  faultLevelStep,
  groupStatusStep,
  isUnderWay,
  RUN_DRILL,
  syncProblem,
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

export interface Issue {
  /** Higher is more urgent; the answer's first sentence names the highest. */
  severity: number;
  verdict: Verdict;
  text: string;
  step: string | null;
}

/** What is known about a group's members and history, gathered from the other listings. */
export interface GroupEvidence {
  listedAbnormal: boolean | null;
  noRecentDrill: boolean | null;
  abnormalInstances: number | null;
  abnormalPairs: { status: string; faultLevel: string | null }[] | null;
  failures: FailureJob[] | null;
}

const issue = (severity: number, verdict: Verdict, text: string, step: string | null = null) => ({
  severity,
  verdict,
  text,
  step,
});

function statusIssue(g: ServerGroup): Issue | null {
  const status = g.status;
  if (status === "protected") return null;
  const step = groupStatusStep(status, clip("server_group_id", g.id));
  const failed = failedOperation(status);
  if (status === "error-failing-over" || status === "error-reversing")
    return issue(85, "not_ready", `${failed} (status ${status})`, step);
  if (failed) return issue(75, "not_ready", `${failed} (status ${status})`, step);
  if (status === "available" || status === "failed-over")
    return issue(50, "not_ready", `not protected (status ${status})`, step);
  if (isUnderWay(status))
    return issue(40, "in_progress", `an operation is under way (status ${status})`, null);
  // Not a documented status: said as data, never as our words.
  return issue(
    45,
    "unknown",
    `status ${token(clip("status", status), "not reported")} is not documented`,
    null,
  );
}

function pairIssues(pairs: NonNullable<GroupEvidence["abnormalPairs"]>, id: string): Issue[] {
  const issues: Issue[] = [];
  const level = (l: string) => pairs.filter((p) => p.faultLevel === l).length;
  const [five, two] = [level("5"), level("2")];
  if (five) {
    const text = `replication link of ${plural(five, "pair")} disconnected (failover not allowed)`;
    issues.push(issue(90, "not_ready", text, faultLevelStep("5") ?? null));
  }
  if (two) {
    const text = `production-site disk of ${plural(two, "replication pair")} without read/write permission (failover advised)`;
    issues.push(issue(80, "not_ready", text, faultLevelStep("2") ?? null));
  }
  const others = pairs.length - five - two;
  if (others) {
    const what = five || two ? "other abnormal replication pair" : "abnormal replication pair";
    const step = `See abnormal_replication_pairs for server_group_id=${id}.`;
    issues.push(issue(65, "not_ready", plural(others, what), step));
  }
  return issues;
}

function evidenceIssues(g: ServerGroup, e: GroupEvidence): Issue[] {
  const issues: Issue[] = [];
  const id = token(clip("server_group_id", g.id));
  if (e.abnormalPairs?.length) issues.push(...pairIssues(e.abnormalPairs, id));
  if (e.abnormalInstances)
    issues.push(
      issue(
        60,
        "not_ready",
        `${plural(e.abnormalInstances, "abnormal protected instance")}`,
        `See abnormal_protected_instances for server_group_id=${id}.`,
      ),
    );
  if (g.health_status === "abnormal")
    issues.push(
      issue(
        75,
        "not_ready",
        "health_status abnormal",
        `Check its protected instances, replication pairs and failed tasks (server_group_id=${id}).`,
      ),
    );
  else if (e.listedAbnormal)
    issues.push(
      issue(
        70,
        "not_ready",
        "listed by SDRS as abnormal (query_type=status_abnormal)",
        `Check its protected instances, replication pairs and failed tasks (server_group_id=${id}).`,
      ),
    );
  const sync = syncProblem(g.replication_status);
  if (sync && g.status === "protected")
    issues.push(
      g.replication_status === "copying"
        ? issue(15, "in_progress", sync)
        : issue(55, "not_ready", sync),
    );
  if (e.noRecentDrill)
    issues.push(
      issue(
        30,
        "needs_attention",
        "no DR drill within the period (three months by default)",
        RUN_DRILL,
      ),
    );
  if (e.failures?.length)
    issues.push(
      issue(
        20,
        "needs_attention",
        `${plural(e.failures.length, "failed task")} recorded`,
        `Read them: list_failed_sdrs_tasks server_group_id=${id}.`,
      ),
    );
  return issues;
}

/** What could not be told about the group: unknown, never fine. */
function unknownsOf(g: ServerGroup, e: GroupEvidence): string[] {
  const unknown: string[] = [];
  if (g.health_status === null) unknown.push("health_status");
  if (g.replication_status === null) unknown.push("replication_status");
  if (e.listedAbnormal === null) unknown.push("listed as abnormal");
  if (e.abnormalInstances === null) unknown.push("abnormal protected instances");
  if (e.abnormalPairs === null) unknown.push("abnormal replication pairs");
  if (e.noRecentDrill === null) unknown.push("recent DR drill");
  if (e.failures === null) unknown.push("failed tasks");
  return unknown;
}

export interface GroupVerdict {
  verdict: Verdict;
  issues: Issue[];
  unknown: string[];
}

export function judgeGroup(g: ServerGroup, e: GroupEvidence): GroupVerdict {
  const status = statusIssue(g);
  const issues = [...(status ? [status] : []), ...evidenceIssues(g, e)].sort(
    (a, b) => b.severity - a.severity,
  );
  const unknown = unknownsOf(g, e);
  const worst = issues[0];
  if (worst) return { verdict: worst.verdict, issues, unknown };
  const unread = unknown.some((u) => u !== "health_status" && u !== "replication_status");
  const verdict = unread ? "unknown" : g.health_status === "normal" ? "ready" : "no_problem_found";
  return { verdict, issues, unknown };
}

/** The verdict of a whole scope: its worst group's, or project issues', whichever is worse. */
export function overallVerdict(verdicts: readonly Verdict[], anyIncomplete: boolean): Verdict {
  let worst: Verdict = "ready";
  for (const v of verdicts) if (VERDICTS.indexOf(v) < VERDICTS.indexOf(worst)) worst = v;
  if (anyIncomplete && (worst === "ready" || worst === "no_problem_found")) return "unknown";
  return worst;
}
