import { z } from "zod";
import { clip } from "../../format/fields.js";
import { buildSummaryResult } from "../../format/summary.js";
import { summaryOutput } from "../../format/summary-output.js";
import { parseIsoTime } from "../../format/time.js";
import { collectFailures } from "../../sdrs/failure-collection.js";
import { allServerGroups } from "../../sdrs/paging.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../../sdrs/vocabulary.js";
import { describeError } from "../errors.js";
import {
  givenFilters,
  oneOf,
  projectIdField,
  resolveProjectId,
  strictInput,
  wholeNumber,
} from "../inputs.js";
import { READINESS_VIEW_META } from "../view.js";
import { defineTool, READ_ONLY } from "./types.js";

/**
 * Read once, here: the handler gets the time as given (for the answer) and as ms (for the
 * window). One message naming the bad part (2026-02-30: no such day), never two for one mistake.
 * The listed input schema stays a string: the SDK lists a schema's input side.
 */
const since = z
  .string({ error: "since must be an ISO 8601 date or time string" })
  .transform((given, ctx) => {
    const parsed = parseIsoTime(given);
    if ("ms" in parsed) return { given, ms: parsed.ms };
    ctx.addIssue({ code: "custom", message: `since ${parsed.problem}` });
    return z.NEVER;
  });

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  failure_status: oneOf("failure_status", FAILURE_STATUSES).optional(),
  resource_type: oneOf("resource_type", RESOURCE_TYPES).optional(),
  since: since
    .optional()
    .describe("Only failures begun at or after this ISO 8601 date/time (UTC if no offset)."),
  newest: wholeNumber("newest", 0, 50).optional().describe("Newest failures to list (default 10)."),
});

export const summarizeSdrsFailures = defineTool({
  name: "summarize_sdrs_failures",
  title: "Summarize SDRS failures project-wide",
  description: [
    "What failed in disaster recovery (DR) and why, did anything fail since a date or time (this week, since Monday): a failure report, summary and overview of all failed SDRS tasks (errors), project-wide (across the whole tenant) on Open Telekom Cloud (OTC), at protection group level and inside every group.",
    "Gives the numbers: how many tasks failed (total count) and a breakdown (counts per group, per operation and per error code with its meaning: statistics, stats, where failures are concentrated), the worst groups (top, the most failures), the most common error codes and the newest failures.",
    "Start here for 'what failed this week' or 'is anything failing'; row by row: list_failed_sdrs_tasks. Slow with many groups. (German: Überblick, Statistik, Anzahl, wie viele Fehler insgesamt, häufigsten Fehlercodes, seit.)",
  ].join(" "),
  inputSchema,
  outputSchema: summaryOutput,
  annotations: READ_ONLY,
  _meta: READINESS_VIEW_META,
  async handler(args, { deps, signal, pages, progress }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const filters = givenFilters(args, ["failure_status", "resource_type"]);

    const groups = await allServerGroups(deps.client, projectId, { signal, pages });
    const total = groups.length + 2;
    let done = 1;
    await progress?.(done, total, `found ${groups.length} protection groups`);
    // The same collector as assess_sdrs_readiness, so both count the same failed tasks.
    const collected = await collectFailures(deps.client, projectId, groups, {
      filters,
      concurrency: deps.concurrency,
      signal,
      pages,
      onListing: async (group) => {
        done++;
        const what = group
          ? `the failures of ${clip("summary_name", group.name)}`
          : "the group-level failures";
        await progress?.(done, total, `read ${what}`);
      },
    });
    // Without the group-level listing there is no project-wide answer: the call fails, as
    // any read does; a group that cannot be read only makes the answer incomplete.
    if (collected.groupLevelError !== undefined) throw collected.groupLevelError;

    return buildSummaryResult({
      projectId,
      filters: args.since === undefined ? filters : { ...filters, since: args.since.given },
      since: args.since?.ms,
      groups,
      groupLevel: collected.groupLevel,
      perGroup: collected.perGroup,
      incomplete: collected.unreadable.map(({ group, error }) => ({
        group,
        error: describeError(error, deps.endpointNote),
      })),
      newest: args.newest ?? 10,
    });
  },
});
