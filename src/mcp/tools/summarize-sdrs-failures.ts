import { z } from "zod";
import { concurrencyLimited } from "../../concurrency.js";
import { clip } from "../../format/fields.js";
import { buildSummaryResult, type SummaryInput, summaryOutput } from "../../format/summary.js";
import { parseIsoTime } from "../../format/time.js";
import { allFailureJobs, allServerGroups } from "../../sdrs/paging.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../../sdrs/vocabulary.js";
import { describeError } from "../errors.js";
import { oneOf, projectIdField, strictInput, wholeNumber } from "../inputs.js";
import { resolveProjectId } from "../project.js";
import { defineTool, READ_ONLY } from "./types.js";

/** One message naming the bad part (2026-02-30: no such day), never two for one mistake. */
const since = z
  .string({ error: "since must be an ISO 8601 date or time string" })
  .superRefine((value, ctx) => {
    const parsed = parseIsoTime(value);
    if ("problem" in parsed) ctx.addIssue({ code: "custom", message: `since ${parsed.problem}` });
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
    "What failed in disaster recovery (DR) and why, project-wide: an overview of all failed SDRS tasks on Open Telekom Cloud (OTC), at protection group level and inside every group, in one call, optionally since a date.",
    "Gives totals, which groups have the most failures, error codes explained and the newest failures. Start here for 'what failed this week' or 'is anything failing'. Sends progress; may take seconds with many groups.",
  ].join(" "),
  inputSchema,
  outputSchema: summaryOutput,
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

    const incomplete: SummaryInput["incomplete"][number][] = [];
    // The group-level listing is one more task of the same pool (null), not a step before it.
    const [groupLevel = [], ...perGroup] = await concurrencyLimited(
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
          incomplete.push({ group, error: describeError(error) });
          return [];
        } finally {
          await step(`read the failures of ${clip("summary_name", group.name)}`);
        }
      },
      signal,
    );

    const window = args.since === undefined ? undefined : parseIsoTime(args.since);
    return buildSummaryResult({
      projectId,
      filters: args.since === undefined ? filters : { ...filters, since: args.since },
      since: window && "ms" in window ? window.ms : undefined,
      groups,
      groupLevel,
      perGroup,
      incomplete,
      newest: args.newest ?? 10,
    });
  },
});
