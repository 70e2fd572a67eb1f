/** The words of summarize_sdrs_failures's answer: summary sentence, next steps, readable text. */
import { clip } from "./fields.js";
import { type Advice, renderCodes } from "./meanings.js";
import { DATA_NOTE, describeCounts, orUnknown, plural, quoted, token, were } from "./render.js";
import type { FailureRow, GroupRow, Summary } from "./summary-output.js";

/** The text lists this many of the newest failures; structuredContent.newest has the rest. */
export const TEXT_NEWEST = 10;

export function summarizeFailures(s: Summary): string {
  const t = s.totals;
  const partial = t.groups_unreadable
    ? `Incomplete: ${t.groups_unreadable} of ${plural(t.groups, "protection group")} could not be read (see incomplete), so their failures are missing below. `
    : "";
  const matching = describeFilters(s.filters);
  if (t.failures === 0) return `${partial}${describeEmpty(s, matching)}`;
  const worst = s.groups
    .filter((g) => g.failures > 0)
    .slice(0, 3)
    .map((g) => `${quoted(clip("summary_name", g.name))} ${g.failures}`);
  const newest = s.newest[0];
  return (
    `${partial}${plural(t.failures, "failed SDRS task")}${matching} in project ${s.project_id}: ` +
    `${whereFailed(t)}${worst.length ? ` (most: ${worst.join(", ")})` : ""}; ${describeCounts(s.by_failure_status)}.` +
    `${newest ? ` Newest: ${describeFailure(newest)}.` : ""}`
  );
}

/** "5 at protection-group level, 7 inside 5 of 6 groups"; a side without failures says none. */
function whereFailed(t: Summary["totals"]): string {
  const level = `${t.group_level || "none"} at protection-group level`;
  if (t.groups === 0) return `${level}; the project has no protection groups`;
  const inside = t.inside_groups
    ? `${t.inside_groups} inside ${t.groups_with_failures} of ${plural(t.groups, "group")}`
    : `none inside the ${plural(t.groups, "group")}`;
  return `${level}, ${inside}`;
}

/** What was searched, and when the last failure was if the window holds none. */
function describeEmpty(s: Summary, matching: string): string {
  const t = s.totals;
  const searched = `Searched the protection-group-level failures and the failures inside ${t.groups === 1 ? "the one" : `all ${t.groups}`} protection ${t.groups === 1 ? "group" : "groups"}${t.groups_unreadable ? ` (${t.groups_unreadable} unreadable)` : ""}.`;
  const before = s.newest_before_window;
  const last = before
    ? ` The newest failure before the window: ${describeFailure(before)}.`
    : s.filters.since
      ? " None is older either."
      : "";
  const attention = t.groups_needing_attention
    ? ` ${plural(t.groups_needing_attention, "group")} ${were(t.groups_needing_attention)} in an error state or abnormal health.`
    : "";
  return `No failed SDRS tasks${matching} in project ${s.project_id}. ${searched}${last}${attention}`;
}

function describeFilters(filters: Record<string, string>): string {
  const parts = Object.entries(filters).map(([k, v]) =>
    k === "since" ? `since ${token(v)}` : `${k}=${token(v)}`,
  );
  return parts.length ? ` matching ${parts.join(", ")}` : "";
}

/** 'failoverFail of "db-01" in "prod-db" at 2026-11-19T16:12:46.037Z (SDRS.1030)' */
function describeFailure(f: FailureRow): string {
  const group = f.group_name ? ` in ${quoted(clip("summary_name", f.group_name))}` : "";
  const code = f.error_code ? ` (${token(f.error_code)})` : "";
  return `${token(f.failure_status)} of ${quoted(clip("summary_name", f.resource_name))}${group} at ${token(f.begin_time)}${code}`;
}

export function nextSteps(s: Summary, advice: Advice | undefined): string[] {
  const steps: string[] = [];
  if (s.totals.groups_unreadable > 0) {
    steps.push("retry later for the groups under incomplete");
  }
  const top = s.groups.find((g) => g.failures > 0);
  if (top) {
    steps.push(
      `list_failed_sdrs_tasks with server_group_id=${top.server_group_id} for every failure of ${quoted(clip("summary_name", top.name))}`,
    );
  }
  const first = s.newest[0] ?? s.newest_before_window;
  if (first) steps.push(`get_sdrs_job with job_id=${token(first.job_id)} names the failed step`);
  if (advice) steps.push(advice.step);
  if (s.totals.group_level > 0) {
    steps.push("list_failed_sdrs_tasks without server_group_id for the group-level failures");
  }
  return steps;
}

export function renderGroupRow(g: GroupRow): string {
  return `- ${quoted(g.name)} (${token(g.server_group_id)}): ${plural(g.failures, "failure")}, ${token(g.status)}, health ${orUnknown(g.health_status)}`;
}

export function renderFailure(f: FailureRow): string {
  return `- ${describeFailure(f)} job ${token(f.job_id)}: ${quoted(f.fail_reason)}`;
}

export function renderSummary(s: Summary, advice: Advice | undefined): string {
  const lines = [s.summary, DATA_NOTE];
  if (s.totals.failures > 0) lines.push("", ...renderCodes(s.by_error_code, s, advice?.codes));
  if (s.groups.length) lines.push("", "Groups:", ...s.groups.map(renderGroupRow));
  if (s.groups_omitted) lines.push(`… ${plural(s.groups_omitted, "more group")} left out for size`);
  if (s.newest.length) {
    lines.push("", "Newest failures:", ...s.newest.slice(0, TEXT_NEWEST).map(renderFailure));
  }
  if (s.newest_omitted) {
    lines.push(`… ${s.newest_omitted} more of the newest failures left out for size`);
  }
  if (s.newest_before_window) {
    lines.push("", "Newest failure before the window:", renderFailure(s.newest_before_window));
  }
  if (s.incomplete.length) {
    lines.push("", "Could not be read:");
    for (const g of s.incomplete)
      lines.push(`- ${quoted(g.name)} (${token(g.server_group_id)}): ${quoted(g.error)}`);
  }
  if (s.next_steps.length) lines.push("", `Next: ${s.next_steps.join("; ")}.`);
  return lines.join("\n");
}
