/**
 * The words of a readiness answer: a first sentence that says ready or not and what most needs
 * attention, then the facts behind it; and the readable rendering of the whole answer.
 */
import { renderCodes } from "../format/meanings.js";
import { DATA_NOTE, inlineCounts, plural, quoted, token } from "../format/render.js";
import type { Assessed } from "./assess.js";
import type { Readiness } from "./output.js";
import type { Issue } from "./verdicts.js";

type Facts = Omit<
  Readiness,
  "groups" | "abnormal_replication_pairs" | "abnormal_protected_instances"
>;

/** The most urgent issue of the scope and whose it is (a group's name, or null: the project). */
function mostUrgent(a: Assessed, projectIssues: readonly Issue[]) {
  let top: { issue: Issue; group: string | null } | null = null;
  a.worst.forEach((issue, i) => {
    const row = a.groupRows[i];
    if (issue && row && (!top || issue.severity > top.issue.severity))
      top = { issue, group: row.name || row.server_group_id };
  });
  for (const issue of projectIssues)
    if (!top || issue.severity > top.issue.severity) top = { issue, group: null };
  return top as { issue: Issue; group: string | null } | null;
}

function urgentText(top: ReturnType<typeof mostUrgent>): string {
  if (!top) return "";
  return top.group === null ? top.issue.text : `${quoted(top.group)}, ${top.issue.text}`;
}

function firstSentence(
  s: Facts,
  a: Assessed,
  projectIssues: readonly Issue[],
  failedReads: number,
): string {
  const n = s.totals.groups;
  const by = (v: string) => s.totals.by_verdict[v] ?? 0;
  const urgent = mostUrgent(a, projectIssues);
  const top = urgentText(urgent);
  const topIssue = urgent?.issue.text ?? "";
  const one = s.server_group_id !== null && a.groupRows[0];
  const subject = one
    ? `protection group ${quoted(a.groupRows[0]?.name || (s.server_group_id ?? ""))}`
    : "";
  if (a.noGroups)
    return `Not ready: project ${s.project_id} has no protection groups, so SDRS protects nothing.`;
  if (!a.groupsRead) {
    const members = [
      a.pairRows.length ? plural(a.pairRows.length, "abnormal replication pair") : "",
      a.instanceRows.length ? plural(a.instanceRows.length, "abnormal protected instance") : "",
    ].filter(Boolean);
    return members.length
      ? `Not ready: SDRS lists ${members.join(" and ")}, and the protection groups could not be read (see incomplete).`
      : "Readiness unknown: the protection groups could not be read (see incomplete).";
  }
  switch (s.verdict) {
    case "not_ready":
      return one
        ? `Not ready: ${subject}: ${topIssue}.`
        : `Not ready: ${by("not_ready")} of ${n} protection groups have a blocking problem; most urgent: ${top}.`;
    case "in_progress":
      return one
        ? `Not ready right now: ${subject}: ${topIssue}.`
        : `Not ready right now: ${by("in_progress")} of ${n} protection groups are in the middle of an operation; most urgent: ${top}.`;
    case "needs_attention":
      return one
        ? `Ready with caveats: ${subject} has no blocking problem, but ${topIssue}.`
        : `Ready with caveats: no blocking problem in ${n} protection groups, but ${top}${by("needs_attention") > 1 ? ` (${by("needs_attention")} groups need attention)` : ""}.`;
    case "unknown":
      return `Readiness unknown: ${plural(failedReads, "read")} of SDRS failed (see incomplete), and no blocking problem was found in what could be read.`;
    case "no_problem_found":
      return one
        ? `No problem found in ${subject}, but SDRS does not report its health (unknown, not fine).`
        : `No problem found in ${n} protection groups, but SDRS reports no health for ${s.totals.health_unknown} of them (unknown, not fine).`;
    default:
      return one
        ? `Ready: ${subject} is protected and healthy, with no abnormal member and a DR drill within the period.`
        : `Ready: all ${n} protection groups are protected and healthy, with no abnormal member and a DR drill within the period.`;
  }
}

function factsSentence(s: Facts, failedReads: number): string {
  const t = s.totals;
  const parts = [
    t.abnormal_replication_pairs
      ? plural(t.abnormal_replication_pairs, "abnormal replication pair")
      : "",
    t.abnormal_protected_instances
      ? plural(t.abnormal_protected_instances, "abnormal protected instance")
      : "",
    t.not_protected ? `${plural(t.not_protected, "group")} not protected` : "",
    t.drills_overdue
      ? `${plural(t.drills_overdue, "group")} without a DR drill within the period`
      : "",
    s.failures.total ? plural(s.failures.total, "failed task") : "",
    ...s.quotas
      .filter((q) => q.near_limit)
      .map((q) => `${token(q.type)} quota ${q.used} of ${q.quota}`),
  ].filter(Boolean);
  const read =
    failedReads && s.verdict !== "unknown"
      ? ` ${plural(failedReads, "read")} failed (see incomplete).`
      : "";
  return `${parts.length ? `Found: ${parts.join(", ")}.` : ""}${read}`;
}

export function summarizeReadiness(
  s: Facts,
  a: Assessed,
  projectIssues: readonly Issue[],
  failedReads: number,
): string {
  return [firstSentence(s, a, projectIssues, failedReads), factsSentence(s, failedReads)]
    .filter(Boolean)
    .join(" ")
    .trim();
}

/** One group's line: verdict, status, drill, issues, its step (once, see nextOf) and unknowns. */
export function groupLine(g: Readiness["groups"][number], said = new Map<string, string>()) {
  const drill = g.last_drill_at
    ? `last drill ${token(g.last_drill_at)} (${g.last_drill_days_ago} days ago)`
    : "no drill listed";
  const issues = g.issues.length ? ` ${g.issues.join("; ")}.` : "";
  const unknown = g.unknown.length ? ` Unknown: ${g.unknown.join(", ")}.` : "";
  return `- ${quoted(g.name)} ${token(g.server_group_id)}: ${g.verdict}, status ${token(g.status)}, ${drill}.${issues}${nextOf(g, said)}${unknown}`;
}

/** An abnormal pair's line; its step stays in its structured row. */
export function pairLine(p: Readiness["abnormal_replication_pairs"][number]): string {
  return `- ${quoted(p.name)} ${token(p.id)} in ${quoted(p.group_name)}: ${token(p.status)}, fault_level ${token(p.fault_level ?? "", "unknown")}, ${p.meaning}.`;
}

/** An abnormal protected instance's line; its step stays in its structured row. */
export function instanceLine(i: Readiness["abnormal_protected_instances"][number]): string {
  return `- ${quoted(i.name)} ${token(i.id)} in ${quoted(i.group_name)}: ${token(i.status)}, ${i.meaning}.`;
}

/**
 * The readable rendering. Each step is said once: on the line of the first group it is for
 * (later groups with the same step point back to it); the members' steps stay in their rows of
 * the structured result, and next_steps is listed only for what no group line said.
 */
export function renderReadiness(s: Readiness): string {
  const lines = [s.summary];
  const said = new Map<string, string>();
  if (s.groups.length)
    lines.push("", "Protection groups, worst first:", ...s.groups.map((g) => groupLine(g, said)));
  if (s.abnormal_replication_pairs.length)
    lines.push("", "Abnormal replication pairs:", ...s.abnormal_replication_pairs.map(pairLine));
  if (s.abnormal_protected_instances.length)
    lines.push(
      "",
      "Abnormal protected instances:",
      ...s.abnormal_protected_instances.map(instanceLine),
    );
  const omitted = [
    s.groups_omitted ? plural(s.groups_omitted, "group") : "",
    s.replication_pairs_omitted ? plural(s.replication_pairs_omitted, "replication pair") : "",
    s.protected_instances_omitted
      ? plural(s.protected_instances_omitted, "protected instance")
      : "",
  ].filter(Boolean);
  if (omitted.length)
    lines.push(
      "",
      `Left out for size (least urgent first; counted in totals): ${omitted.join(", ")}.`,
    );
  if (s.quotas.length)
    lines.push(
      "",
      `Quotas: ${s.quotas.map((q) => `${token(q.type)} ${q.used} of ${q.quota ?? "unlimited"}${q.near_limit ? " (near the limit)" : ""}`).join("; ")}.`,
    );
  const f = s.failures;
  lines.push(
    "",
    `Failed tasks: ${f.total} (${f.group_level} group-level, ${f.inside_groups} inside groups)${f.total ? `: ${inlineCounts(f.by_failure_status)}` : ""}.`,
  );
  lines.push(...renderCodes(f.by_error_code, s));
  if (s.incomplete.length) {
    lines.push("", "Could not read:");
    for (const x of s.incomplete) lines.push(`- ${x.what}: ${quoted(x.error)}`);
  }
  const unsaid = s.next_steps.filter((n) => ![...said.keys()].some((step) => n.endsWith(step)));
  if (unsaid.length) lines.push("", "Next steps:", ...unsaid.map((step) => `- ${step}`));
  lines.push("", DATA_NOTE);
  return lines.join("\n");
}

/** " Next: <step>" the first time a step is said, " Next: as for <group>." after that. */
function nextOf(g: Readiness["groups"][number], said: Map<string, string>): string {
  if (!g.next_step) return "";
  const first = said.get(g.next_step);
  if (first) return ` Next: as for ${first}.`;
  said.set(g.next_step, quoted(g.name || g.server_group_id));
  return ` Next: ${g.next_step}`;
}
