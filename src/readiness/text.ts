/**
 * The words of a readiness answer: a first sentence that says ready or not and what most needs
 * attention, then the facts behind it; and the readable rendering of the whole answer.
 */
import { renderCodes } from "../format/meanings.js";
import { DATA_NOTE, inlineCounts, plural, quoted, token } from "../format/render.js";
import type { Assessed } from "./assess.js";
import type { Readiness } from "./output.js";
import { progressNote } from "./steps.js";
import type { Issue } from "./verdicts.js";

type Facts = Omit<
  Readiness,
  "groups" | "abnormal_replication_pairs" | "abnormal_protected_instances"
>;

/** What a count says when its listing could not be read. */
const UNREAD = "unknown (could not be read)";

/** The most urgent issue of the scope and whose group it is. */
function mostUrgent(a: Assessed) {
  let top: { issue: Issue; group: string } | null = null;
  a.worst.forEach((issue, i) => {
    const row = a.groupRows[i];
    if (issue && row && (!top || issue.severity > top.issue.severity))
      top = { issue, group: row.name || row.server_group_id };
  });
  return top as { issue: Issue; group: string } | null;
}

/** What SDRS left unreported in scope, for the sentence that says why it is not "Ready". */
function unreportedText(s: Facts, a: Assessed): string {
  const health = s.totals.health_unknown ?? 0;
  const pairs = a.groupRows.filter((g) =>
    g.unknown.some((u) => u.startsWith("replication_status of")),
  ).length;
  const other = a.groupRows.filter(
    (g) => g.health_status !== "normal" && g.health_status !== "unknown",
  ).length;
  return [
    health ? `no health for ${plural(health, "group")}` : "",
    other ? `a health other than normal for ${plural(other, "group")}` : "",
    pairs ? `no replication_status for pairs of ${plural(pairs, "group")}` : "",
  ]
    .filter(Boolean)
    .join(", ");
}

/**
 * The headline. Its first words follow the scope's verdict, so more trouble never gives a more
 * positive headline. "Ready" begins it only when SDRS reports every group's health as normal and
 * everything could be read; "Ready with caveats" only when, besides, nothing but issues that
 * need attention stands between the scope and "ready". Any other needs_attention scope is
 * headlined "Needs attention".
 */
function firstSentence(s: Facts, a: Assessed, failedReads: number): string {
  const n = s.totals.groups ?? 0;
  const by = (v: string) => s.totals.by_verdict[v] ?? 0;
  const urgent = mostUrgent(a);
  const topIssue = urgent?.issue.text ?? "";
  const top = urgent ? `${quoted(urgent.group)}, ${topIssue}` : "";
  const one = s.server_group_id !== null && a.groupRows[0];
  const subject = one
    ? `protection group ${quoted(a.groupRows[0]?.name || (s.server_group_id ?? ""))}`
    : "";
  const unreported = unreportedText(s, a);
  const reads = failedReads ? `${plural(failedReads, "read")} of SDRS failed (see incomplete)` : "";
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
    case "needs_attention": {
      const many =
        by("needs_attention") > 1 ? ` (${by("needs_attention")} groups need attention)` : "";
      if (a.caveatsOnly && !failedReads)
        return one
          ? `Ready with caveats: ${subject} has no blocking problem, but ${topIssue}.`
          : `Ready with caveats: no blocking problem in ${n} protection groups, but ${top}${many}.`;
      const why = [unreported ? `SDRS reports ${unreported} (unknown, not fine)` : "", reads]
        .filter(Boolean)
        .join("; ");
      return one
        ? `Needs attention: ${subject}: ${topIssue}${why ? `; ${why}` : ""}.`
        : `Needs attention: no blocking problem found in ${n} protection groups, but ${top}${many}${why ? `; ${why}` : ""}.`;
    }
    case "unknown": {
      const why = [reads, urgent?.issue.verdict === "unknown" ? top : ""].filter(Boolean);
      return `Readiness unknown: ${why.join("; ") || "some evidence could not be read"}, and no blocking problem was found in what could be read.`;
    }
    case "no_problem_found":
      return one
        ? `No problem found in ${subject}, but SDRS reports ${unreported || "less than it documents"} (unknown, not fine).`
        : `No problem found in ${n} protection groups, but SDRS reports ${unreported || "less than it documents"} (unknown, not fine).`;
    default:
      return one
        ? `Ready: ${subject} is protected and healthy, with no abnormal member and a DR drill within the period SDRS checks.`
        : `Ready: all ${n} protection groups are protected and healthy, with no abnormal member and a DR drill within the period SDRS checks.`;
  }
}

function factsSentence(s: Facts, failedReads: number): string {
  const t = s.totals;
  const some = (n: number | null, text: (n: number) => string) => (n ? text(n) : "");
  const parts = [
    some(t.abnormal_replication_pairs, (n) => plural(n, "abnormal replication pair")),
    some(t.abnormal_protected_instances, (n) => plural(n, "abnormal protected instance")),
    some(t.not_protected, (n) => `${plural(n, "group")} not protected`),
    some(t.drills_overdue, (n) => `${plural(n, "group")} without a DR drill within the period`),
    some(t.drills_failed, (n) => `${plural(n, "DR drill")} whose creation failed`),
    some(s.failures.total, (n) => plural(n, "failed task")),
  ].filter(Boolean);
  const read =
    failedReads && !s.summary.startsWith("Readiness unknown")
      ? ` ${plural(failedReads, "read")} failed (see incomplete).`
      : "";
  return `${parts.length ? `Found: ${parts.join(", ")}.` : ""}${read}`;
}

export function summarizeReadiness(s: Facts, a: Assessed, failedReads: number): string {
  const first = firstSentence(s, a, failedReads);
  return [first, factsSentence({ ...s, summary: first }, failedReads)]
    .filter(Boolean)
    .join(" ")
    .trim();
}

/** "Quotas (…): server_groups 10 of 10, used up: creating more …; replications 5 of 100." */
function quotaLine(quotas: Readiness["quotas"]): string {
  if (quotas === null) return `Quotas: ${UNREAD}.`;
  const rows = quotas.map((q) => {
    const state = q.used_up
      ? `, used up: ${q.blocks}`
      : q.near_limit
        ? ", near its limit by sdrs-mcp's own 80% threshold"
        : "";
    return `${token(q.type)} ${q.used} of ${q.quota ?? "unlimited"}${state}`;
  });
  return `Quotas (they limit creating more, not a failover; no verdict depends on them): ${rows.join("; ") || "none listed"}.`;
}

/** "Failed tasks: 12 (2 group-level, 10 inside groups): …", unknown where not read. */
function failuresLine(f: Readiness["failures"]): string {
  const counted = inlineCounts(f.by_failure_status);
  if (f.total === null)
    return `Failed tasks: unknown (${f.unknown ?? "could not be read"})${counted ? `; in what could be read: ${counted}` : ""}.`;
  return `Failed tasks: ${f.total} (${f.group_level} group-level, ${f.inside_groups} inside groups)${counted ? `: ${counted}` : ""}.`;
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
  const progress = p.progress !== null && p.progress < 100 ? progressNote(p.progress) : "";
  return `- ${quoted(p.name)} ${token(p.id)} in ${quoted(p.group_name)}: ${token(p.status)}, fault_level ${token(p.fault_level ?? "", "unknown")}, ${p.meaning}${progress}.`;
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
  lines.push("", quotaLine(s.quotas));
  lines.push("", failuresLine(s.failures));
  lines.push(...renderCodes(s.failures.by_error_code, s));
  if (s.incomplete.length) {
    lines.push("", "Could not read:");
    for (const x of s.incomplete) lines.push(`- ${x.what}: ${quoted(x.error)}`);
  }
  const unsaid = s.next_steps.filter((n) => ![...said.keys()].some((step) => n.endsWith(step)));
  if (unsaid.length) lines.push("", "Next steps:", ...unsaid.map((step) => `- ${step}`));
  lines.push("", `sdrs-mcp's own rules: ${Object.values(s.sdrs_mcp_rules).join("; ")}.`);
  lines.push(DATA_NOTE);
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
