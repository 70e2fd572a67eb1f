/**
 * Turns everything summarize_sdrs_failures read (the group-level failures and those inside each
 * protection group) into its answer: totals, breakdowns, the meaning of every code, the groups
 * with failures or bad health, the newest failures, what could not be read, and next steps.
 * The `since` window is applied here, to what was read (SDRS has no time filter), so an empty
 * window can still name the newest failure before it. Pure: no I/O.
 */
import type { FailureJob, ServerGroup } from "../sdrs/schemas.js";
import { countBy, failureBreakdown, resourceTypeOf } from "./breakdown.js";
import { fitToBudget, jsonLength, type ToolAnswer } from "./budget.js";
import { clip, clipOrNull, project, REASON_LENGTHS, reason } from "./fields.js";
import { isTroubled } from "./health.js";
import { meaningsOf, mostFrequentAdvice } from "./meanings.js";
import type { FailureRow, GroupRow, Summary } from "./summary-output.js";
import {
  nextSteps,
  renderFailure,
  renderGroupRow,
  renderSummary,
  summarizeFailures,
  TEXT_NEWEST,
} from "./summary-text.js";

const MAX_KEYS = 20;
const MAX_INCOMPLETE = 20;

export interface SummaryInput {
  projectId: string;
  /** The filters sent to every listing, plus `since` as given. */
  filters: Record<string, string>;
  /** Start of the window in ms since the epoch; undefined for no window. */
  since: number | undefined;
  groups: readonly ServerGroup[];
  groupLevel: readonly FailureJob[];
  /** The failures inside each group, in the order of `groups`. */
  perGroup: readonly (readonly FailureJob[])[];
  incomplete: readonly { group: ServerGroup; error: string }[];
  newest: number;
}

interface Located {
  group: ServerGroup | null;
  job: FailureJob;
}

export function buildSummaryResult(input: SummaryInput): ToolAnswer<Summary> {
  const inWindow = (job: FailureJob) =>
    input.since === undefined || Date.parse(job.begin_time) >= input.since;
  const all: Located[] = [
    ...input.groupLevel.map((job) => ({ group: null, job })),
    ...input.perGroup.flatMap((jobs, i) =>
      jobs.map((job) => ({ group: input.groups[i] as ServerGroup, job })),
    ),
  ];
  const located = all.filter((l) => inWindow(l.job));
  const jobs = located.map((l) => l.job);
  const perGroup = input.perGroup.map((list) => list.filter(inWindow));
  const groupLevel = located.filter((l) => l.group === null).length;
  const breakdown = failureBreakdown(jobs, MAX_KEYS);
  const meanings = meaningsOf(jobs.map((j) => j.error_code));
  // The advice the words quote, the same for every answer measured.
  const advice = mostFrequentAdvice(breakdown.by_error_code, meanings);
  const rows = groupRows(input.groups, perGroup);
  const newest = newestFirst(located).slice(0, input.newest);
  const before =
    jobs.length === 0 ? newestFirst(all.filter((l) => !inWindow(l.job)))[0] : undefined;
  const totals = {
    failures: jobs.length,
    group_level: groupLevel,
    inside_groups: jobs.length - groupLevel,
    groups: input.groups.length,
    groups_with_failures: perGroup.filter((p) => p.length > 0).length,
    groups_needing_attention: input.groups.filter(isTroubled).length,
    groups_unreadable: input.incomplete.length,
  };
  const incomplete = input.incomplete.slice(0, MAX_INCOMPLETE).map(({ group, error }) => ({
    server_group_id: clip("id", group.id),
    name: clip("name", group.name),
    error: clip("error", error),
  }));
  const order = budgetOrder(newest.length, rows.length);
  const newestCost = (i: number, length: number) => {
    const row = toFailureRow(newest[i] as Located, length);
    return jsonLength(row) + 1 + (i < TEXT_NEWEST ? jsonLength(renderFailure(row)) : 0);
  };
  return fitToBudget<Summary>({
    rows: order.length,
    lengths: REASON_LENGTHS,
    rowCost: (i, length) => {
      const slot = order[i] as Slot;
      if (slot.kind === "newest") return newestCost(slot.index, length);
      const row = rows[slot.index] as GroupRow;
      return jsonLength(row) + jsonLength(renderGroupRow(row)) + 1;
    },
    build: (shown, length) => {
      const kept = order.slice(0, shown);
      const groupsShown = kept.filter((slot) => slot.kind === "group").length;
      const newestShown = shown - groupsShown;
      const s: Summary = {
        summary: "",
        project_id: input.projectId,
        filters: input.filters,
        totals,
        ...breakdown,
        ...meanings,
        groups: rows.slice(0, groupsShown),
        groups_omitted: rows.length - groupsShown,
        newest: newest.slice(0, newestShown).map((l) => toFailureRow(l, length)),
        newest_omitted: newest.length - newestShown,
        newest_before_window: before ? toFailureRow(before, length) : null,
        incomplete,
        next_steps: [],
      };
      s.next_steps = nextSteps(s, advice);
      s.summary = summarizeFailures(s);
      return {
        content: [{ type: "text", text: renderSummary(s, advice) }],
        structuredContent: s,
      };
    },
  });
}

/** A row the budget may leave out: one of the newest failures, or one group. */
type Slot = { kind: "newest" | "group"; index: number };
/** Groups kept before the rest of the newest failures, when not all of both fit. */
const FIRST_GROUPS = 20;

/**
 * The order rows are kept in when not all fit: the newest failures the text shows, the groups
 * with the most failures, then the other newest failures, then the other groups. Each kind is
 * kept from its start, so what is left out is always its tail.
 */
function budgetOrder(newest: number, groups: number): Slot[] {
  const slots = (kind: Slot["kind"], from: number, to: number): Slot[] =>
    Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ kind, index: from + i }));
  const textNewest = Math.min(newest, TEXT_NEWEST);
  const firstGroups = Math.min(groups, FIRST_GROUPS);
  return [
    ...slots("newest", 0, textNewest),
    ...slots("group", 0, firstGroups),
    ...slots("newest", textNewest, newest),
    ...slots("group", firstGroups, groups),
  ];
}

/** Groups with failures in the window or bad health, most failures first. */
function groupRows(
  groups: readonly ServerGroup[],
  perGroup: readonly (readonly FailureJob[])[],
): GroupRow[] {
  return groups
    .map((g, i) => ({
      server_group_id: clip("id", g.id),
      name: clip("name", g.name),
      status: clip("status", g.status),
      health_status: clipOrNull("health_status", g.health_status),
      failures: perGroup[i]?.length ?? 0,
      by_failure_status: countBy(perGroup[i] ?? [], (j) => j.failure_status, 5),
    }))
    .filter((row) => row.failures > 0 || isTroubled(row))
    .sort((a, b) => b.failures - a.failures || a.name.localeCompare(b.name));
}

function newestFirst(located: readonly Located[]): Located[] {
  return [...located].sort((a, b) =>
    a.job.begin_time < b.job.begin_time ? 1 : a.job.begin_time > b.job.begin_time ? -1 : 0,
  );
}

const FAILURE_FIELDS = [
  "job_id",
  "failure_status",
  "resource_name",
  "error_code",
  "begin_time",
] as const;

function toFailureRow({ group, job }: Located, reasonLength: number): FailureRow {
  return {
    server_group_id: group ? clip("id", group.id) : null,
    group_name: group ? clip("name", group.name) : null,
    ...project(job, FAILURE_FIELDS),
    resource_type: clip("resource_type", resourceTypeOf(job.resource_type)),
    fail_reason: reason(job.fail_reason, reasonLength),
  };
}
