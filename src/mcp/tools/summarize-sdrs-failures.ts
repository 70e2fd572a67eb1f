import { z } from "zod";
import { concurrencyLimited } from "../../concurrency.js";
import { countBy, describeCounts } from "../../format/breakdown.js";
import { jsonLength, rowsWithinBudget } from "../../format/budget.js";
import { isTroubled } from "../../format/health.js";
import { countsOutput } from "../../format/outputs.js";
import { explainCodes } from "../../sdrs/explain.js";
import { allFailureJobs, allServerGroups } from "../../sdrs/paging.js";
import type { FailureJob, ServerGroup } from "../../sdrs/schemas.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../../sdrs/vocabulary.js";
import { cleanText } from "../../text.js";
import { describeError } from "../errors.js";
import { oneOf, projectIdField, strictInput, wholeNumber } from "../inputs.js";
import { resolveProjectId } from "../project.js";
import { defineTool, READ_ONLY } from "./types.js";

const SINCE_ERROR =
  "since must be a date or time in ISO 8601, e.g. 2026-11-20 or 2026-11-20T08:00:00Z";
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  failure_status: oneOf("failure_status", FAILURE_STATUSES)
    .optional()
    .describe("Only failures of this operation."),
  resource_type: oneOf("resource_type", RESOURCE_TYPES)
    .optional()
    .describe("Only failures on this kind of resource."),
  since: z
    .string({ error: SINCE_ERROR })
    .regex(ISO_TIME, { error: SINCE_ERROR })
    .refine((v) => !Number.isNaN(Date.parse(v)), { error: SINCE_ERROR })
    .optional()
    .describe(
      "Only failures that began at or after this time (ISO 8601; a bare date is midnight UTC), e.g. a week ago for 'this week'.",
    ),
  newest: wholeNumber("newest", 0, 50)
    .optional()
    .describe("How many of the newest failures to list (default 10)."),
});

const groupRow = z.object({
  server_group_id: z.string(),
  name: z.string(),
  status: z.string(),
  health_status: z.string().nullable(),
  failures: z.number().int(),
  by_failure_status: countsOutput,
});
const failureRow = z.object({
  server_group_id: z.string().nullable(),
  group_name: z.string().nullable(),
  job_id: z.string(),
  failure_status: z.string(),
  resource_type: z.string(),
  resource_name: z.string(),
  error_code: z.string(),
  fail_reason: z.string(),
  begin_time: z.string(),
});

const outputSchema = z.object({
  summary: z.string(),
  project_id: z.string(),
  filters: z.record(z.string(), z.string()),
  totals: z.object({
    failures: z.number().int(),
    group_level: z.number().int(),
    inside_groups: z.number().int(),
    groups: z.number().int(),
    groups_with_failures: z.number().int(),
    groups_needing_attention: z.number().int(),
  }),
  by_failure_status: countsOutput,
  by_resource_type: countsOutput,
  by_error_code: countsOutput,
  error_meanings: z.record(z.string(), z.string()),
  groups: z.array(groupRow),
  groups_omitted: z.number().int(),
  newest: z.array(failureRow),
  incomplete: z.array(
    z.object({ server_group_id: z.string(), name: z.string(), error: z.string() }),
  ),
  next_steps: z.array(z.string()),
});

type Summary = z.infer<typeof outputSchema>;
type GroupRow = z.infer<typeof groupRow>;

interface Located {
  group: ServerGroup | null;
  job: FailureJob;
}

export const summarizeSdrsFailures = defineTool({
  name: "summarize_sdrs_failures",
  title: "Summarize SDRS failures project-wide",
  description: [
    "The project-wide picture of failed SDRS tasks in one call: the protection-group-level failures plus the failures inside every protection group (all pages, fetched concurrently), with totals, per-group counts with group name and health, breakdowns by failure status, resource type and error code (SDRS codes explained), and the newest failures.",
    "Use it for questions like 'what failed in DR?' or 'is anything failing in group X?'. Then use list_failed_sdrs_tasks with a server_group_id for every row of one group, and get_sdrs_job with a job_id for the steps of one failure.",
    "Sends progress notifications when the caller passes a progress token; may take some seconds for projects with many groups.",
  ].join(" "),
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async handler(args, { deps, signal, progress }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const filters: Record<string, string> = {};
    if (args.failure_status) filters.failure_status = args.failure_status;
    if (args.resource_type) filters.resource_type = args.resource_type;

    const groups = await allServerGroups(deps.client, projectId, signal);
    const total = groups.length + 2;
    let done = 1;
    const step = async (message: string) => {
      done++;
      await progress?.(done, total, message);
    };
    await progress?.(done, total, `found ${groups.length} protection groups`);

    const incomplete: Summary["incomplete"] = [];
    // The group-level listing is one more task of the same pool (null), not a step before it.
    const [groupLevel = [], ...inside] = await concurrencyLimited(
      [null, ...groups],
      deps.concurrency,
      async (group) => {
        if (group === null) {
          const jobs = await allFailureJobs(deps.client, projectId, filters, signal);
          await step("read the group-level failures");
          return jobs;
        }
        try {
          return await allFailureJobs(
            deps.client,
            projectId,
            { ...filters, server_group_id: group.id },
            signal,
          );
        } catch (error) {
          if (signal.aborted) throw error;
          incomplete.push({
            server_group_id: cleanText(group.id, 64),
            name: cleanText(group.name, 128),
            error: cleanText(describeError(error), 300),
          });
          return [];
        } finally {
          await step(`read the failures of ${cleanText(group.name, 64)}`);
        }
      },
      signal,
    );

    // SDRS has no time filter: `since` is applied here, to every page read.
    const since = args.since ? parseSince(args.since) : undefined;
    const recent = (job: FailureJob) => since === undefined || Date.parse(job.begin_time) >= since;
    if (args.since) filters.since = args.since;
    const groupLevelRecent = groupLevel.filter(recent);
    const perGroup = inside.map((jobs) => jobs.filter(recent));
    const located: Located[] = [
      ...groupLevelRecent.map((job) => ({ group: null, job })),
      ...perGroup.flatMap((jobs, i) =>
        jobs.map((job) => ({ group: groups[i] as ServerGroup, job })),
      ),
    ];
    return buildResult({
      projectId,
      filters,
      groups,
      perGroup,
      groupLevel: groupLevelRecent.length,
      located,
      incomplete,
      newest: args.newest ?? 10,
    });
  },
});

interface Collected {
  projectId: string;
  filters: Record<string, string>;
  groups: ServerGroup[];
  perGroup: FailureJob[][];
  groupLevel: number;
  located: Located[];
  incomplete: Summary["incomplete"];
  newest: number;
}

function buildResult(c: Collected) {
  const jobs = c.located.map((l) => l.job);
  const byErrorCode = countBy(jobs, (j) => j.error_code, 20);
  const rows: GroupRow[] = c.groups
    .map((g, i) => ({
      server_group_id: cleanText(g.id, 64),
      name: cleanText(g.name, 128),
      status: cleanText(g.status, 40),
      health_status: g.health_status ? cleanText(g.health_status, 40) : null,
      failures: c.perGroup[i]?.length ?? 0,
      by_failure_status: countBy(c.perGroup[i] ?? [], (j) => j.failure_status, 5),
    }))
    .filter((row) => row.failures > 0 || isTroubled(row))
    .sort((a, b) => b.failures - a.failures || a.name.localeCompare(b.name));
  const newest = [...c.located]
    .sort((a, b) =>
      a.job.begin_time < b.job.begin_time ? 1 : a.job.begin_time > b.job.begin_time ? -1 : 0,
    )
    .slice(0, c.newest)
    .map(({ group, job }) => ({
      server_group_id: group ? cleanText(group.id, 64) : null,
      group_name: group ? cleanText(group.name, 128) : null,
      job_id: cleanText(job.job_id, 64),
      failure_status: cleanText(job.failure_status, 40),
      resource_type: cleanText(job.resource_type, 40),
      resource_name: cleanText(job.resource_name, 128),
      error_code: cleanText(job.error_code, 40),
      fail_reason: cleanText(job.fail_reason, 200),
      begin_time: cleanText(job.begin_time, 40),
    }));

  // Computed once: the budget loop below builds the result several times.
  const totals = {
    failures: jobs.length,
    group_level: c.groupLevel,
    inside_groups: jobs.length - c.groupLevel,
    groups: c.groups.length,
    groups_with_failures: c.perGroup.filter((p) => p.length > 0).length,
    groups_needing_attention: c.groups.filter(isTroubled).length,
  };
  const byFailureStatus = countBy(jobs, (j) => j.failure_status, 20);
  const byResourceType = countBy(jobs, (j) => j.resource_type, 20);
  const build = (shown: number) => {
    const s: Summary = {
      summary: "",
      project_id: c.projectId,
      filters: c.filters,
      totals,
      by_failure_status: byFailureStatus,
      by_resource_type: byResourceType,
      by_error_code: byErrorCode,
      error_meanings: explainCodes(Object.keys(byErrorCode)),
      groups: rows.slice(0, shown),
      groups_omitted: rows.length - shown,
      newest,
      incomplete: c.incomplete.slice(0, 20),
      next_steps: [],
    };
    s.next_steps = nextSteps(s);
    s.summary = summarize(s);
    return { content: [{ type: "text" as const, text: renderText(s) }], structuredContent: s };
  };
  return build(rowsWithinBudget(rows.length, (i) => 2 * jsonLength(rows[i]), build));
}

function nextSteps(s: Summary): string[] {
  const steps: string[] = [];
  const top = s.groups.find((g) => g.failures > 0);
  if (top) {
    steps.push(
      `list_failed_sdrs_tasks with server_group_id=${top.server_group_id} for every failure of ${top.name}`,
    );
  }
  const first = s.newest[0];
  if (first)
    steps.push(`get_sdrs_job with job_id=${first.job_id} for the steps of the newest failure`);
  if (s.totals.group_level > 0)
    steps.push("list_failed_sdrs_tasks without server_group_id for the group-level failures");
  if (s.incomplete.length > 0)
    steps.push("retry later: some groups could not be read (see incomplete)");
  return steps;
}

function summarize(s: Summary): string {
  const t = s.totals;
  const filter = Object.entries(s.filters)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const matching = filter ? ` matching ${filter}` : "";
  if (t.failures === 0) {
    const partial = s.incomplete.length ? ` (${s.incomplete.length} groups could not be read)` : "";
    return `No failed SDRS tasks${matching} in project ${s.project_id} across ${t.groups} protection groups${partial}; ${t.groups_needing_attention} groups are in an error state or unhealthy.`;
  }
  const worst = s.groups
    .filter((g) => g.failures > 0)
    .slice(0, 3)
    .map((g) => `${g.name} ${g.failures}`);
  const newest = s.newest[0];
  const newestText = newest
    ? ` Newest: ${newest.failure_status} of "${newest.resource_name}"${newest.group_name ? ` in ${newest.group_name}` : ""} at ${newest.begin_time}${newest.error_code ? ` (${newest.error_code})` : ""}.`
    : "";
  const partial = s.incomplete.length ? ` ${s.incomplete.length} groups could not be read.` : "";
  return (
    `${t.failures} failed SDRS tasks${matching} in project ${s.project_id}: ${t.group_level} at protection-group level, ` +
    `${t.inside_groups} inside ${t.groups_with_failures} of ${t.groups} groups${worst.length ? ` (most: ${worst.join(", ")})` : ""}; ` +
    `${describeCounts(s.by_failure_status)}.${newestText}${partial}`
  );
}

function renderText(s: Summary): string {
  const lines = [
    s.summary,
    "",
    `By error code: ${Object.entries(s.by_error_code)
      .map(([k, n]) => `${k} ${n}${s.error_meanings[k] ? ` (${s.error_meanings[k]})` : ""}`)
      .join(", ")}`,
  ];
  if (s.groups.length) {
    lines.push("", "Groups:");
    for (const g of s.groups)
      lines.push(
        `- ${g.name} (${g.server_group_id}): ${g.failures} failures, ${g.status}, health ${g.health_status ?? "n/a"}`,
      );
  }
  if (s.newest.length) {
    lines.push("", "Newest failures:");
    for (const f of s.newest)
      lines.push(
        `- ${f.begin_time} ${f.failure_status} "${f.resource_name}"${f.group_name ? ` in ${f.group_name}` : ""} job ${f.job_id}: ${f.error_code} ${JSON.stringify(f.fail_reason)}`,
      );
  }
  if (s.next_steps.length) lines.push("", `Next: ${s.next_steps.join("; ")}.`);
  return lines.join("\n");
}

/** A bare date is midnight UTC; a time without offset is UTC too, not the server's zone. */
function parseSince(value: string): number {
  if (value.length === 10) return Date.parse(`${value}T00:00:00Z`);
  return Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}
