/**
 * A write tool, registered only with --allow-write. The records (one, or up to 50: "clear the
 * failures we fixed" in one confirmation) are found by listing (group level, then inside the
 * protection groups, or in the group named) and confirmed by the user as a set before anything
 * is sent. Each record is deleted once by the single-record DELETE. Which ID that DELETE takes
 * is not documented; every official example passes the row's resource_id, so that goes first,
 * and the job_id only after SDRS answers that the record does not exist. The DELETE names no
 * scope, so the resource_id goes only when no other record of the project is listed with it;
 * else only the job_id. Nothing else is ever resent: a record whose DELETE failed is reported,
 * and a new preview is the way to try again.
 */
import { z } from "zod";
import {
  buildPreview,
  type DeleteScope,
  deleteAnswer,
  placesOf,
  type RecordOutput,
  records,
  type Sent,
  scopeText,
  soleGroup,
} from "../../format/delete-preview.js";
import { clip } from "../../format/fields.js";
import { SdrsError } from "../../sdrs/errors.js";
import { JOB_ID } from "../../sdrs/ids.js";
import { cleanText } from "../../text/clean.js";
import {
  CONFIRMED_BY_USER,
  confirmThenDelete,
  deletedIds,
  deleteFailure,
  deleteToolTraits,
} from "../confirm/confirm.js";
import {
  type FoundSet,
  findFailureJobs,
  MAX_DELETE_IDS,
  sendable,
  type Target,
} from "../confirm/find.js";
import { confirmTokenField } from "../confirm/tokens.js";
import type { ServerDeps, ToolContext } from "../deps.js";
import { classify, ToolInputError, textError } from "../errors.js";
import { projectIdField, resolveProjectId, serverGroupIdField, strictInput } from "../inputs.js";
import { defineTool } from "./types.js";

const NAME = "delete_failed_sdrs_task";
const ID_ERROR =
  "failure_job_id must be a row's job_id (32 hex characters) or resource_id (a UUID) from list_failed_sdrs_tasks";
const IDS_ERROR = `failure_job_ids must be a list of 1 to ${MAX_DELETE_IDS} IDs, each a row's job_id (32 hex characters) or resource_id (a UUID) from list_failed_sdrs_tasks`;

const failureJobId = (error: string) =>
  z.string({ error }).regex(JOB_ID, { error }).describe("A row's job_id or resource_id.");

export const deleteFailedSdrsTask = defineTool({
  name: NAME,
  title: "Delete failed SDRS task records",
  description: [
    "Deletes chosen failed-task records from the SDRS task center, e.g. after their cause was fixed; the resources themselves are not touched.",
    `Pass failure_job_id (one record) or failure_job_ids (1 to ${MAX_DELETE_IDS} records, one preview and one confirmation for all), each a row's job_id or resource_id from list_failed_sdrs_tasks; for rows listed inside one protection group also pass its server_group_id (else every group is searched).`,
    CONFIRMED_BY_USER,
    "The result says for each record whether it was deleted, already gone, or failed; a record that failed is not retried with the same confirm_token (call again for a new preview). To clear a whole scope use delete_all_failed_sdrs_tasks.",
  ].join(" "),
  inputSchema: strictInput({
    project_id: projectIdField.optional(),
    failure_job_id: failureJobId(ID_ERROR)
      .optional()
      .describe("The failed task to delete: the row's job_id or resource_id."),
    failure_job_ids: z
      .array(failureJobId(IDS_ERROR), { error: IDS_ERROR })
      .min(1, { error: IDS_ERROR })
      .max(MAX_DELETE_IDS, { error: IDS_ERROR })
      .optional()
      .describe(
        `Several failed tasks to delete at once (1 to ${MAX_DELETE_IDS}): job_ids or resource_ids.`,
      ),
    server_group_id: serverGroupIdField(
      "The protection group the rows were listed under; omit for group-level rows, rows of several groups, or if unknown.",
    ).optional(),
    confirm_token: confirmTokenField.optional(),
  }),
  ...deleteToolTraits({ idempotent: true }),
  async handler(args, ctx) {
    const { deps } = ctx;
    const ids = requestedIds(args.failure_job_id, args.failure_job_ids);
    const projectId = await resolveProjectId(args.project_id, deps);
    const group = args.server_group_id?.toLowerCase() ?? null;
    return confirmThenDelete<FoundSet>(
      {
        tool: NAME,
        projectId,
        // failure_job_id "x" and failure_job_ids ["x"] ask for the same thing.
        args: JSON.stringify([ids, group]),
        read: (call) => findFailureJobs(deps, projectId, ids, group, call),
        nothing: (scan, afterPreview) =>
          deleteAnswer({
            project_id: projectId,
            // Called only when nothing was found: no place to name.
            server_group_id: null,
            outcome: "already_gone",
            summary: afterPreview
              ? `The ${ids.length === 1 ? `failed-task record ${ids[0]} is` : "failed-task records the user confirmed are"} no longer listed ${scan.searched}: already gone, and nothing was deleted.`
              : `No failed-task record has ${ids.length === 1 ? `job_id or resource_id ${ids[0]}` : `any of the ${ids.length} IDs as its job_id or resource_id`} ${scan.searched}: already gone, or not an ID of this project (list_failed_sdrs_tasks shows the current ones). Nothing was deleted.`,
          }),
        extras: (scan) =>
          scan.notFound.length === 0
            ? undefined
            : {
                note: `Not listed, so not part of this deletion (already gone, or not an ID of this project): ${scan.notFound.join(", ")}.`,
                fields: { not_found: scan.notFound },
              },
        send: (scan, scope, signal) => sendDeletes(ctx, scan, scope, signal),
      },
      args.confirm_token,
      ctx,
    );
  },
});

/** The IDs asked for, lowercase and each once; exactly one of the two fields. */
function requestedIds(one: string | undefined, many: readonly string[] | undefined): string[] {
  if (one !== undefined && many !== undefined) {
    throw new ToolInputError(
      "pass failure_job_id (one record) or failure_job_ids (several), not both",
    );
  }
  const given = one !== undefined ? [one] : many;
  if (given === undefined) {
    throw new ToolInputError(
      `pass failure_job_id (one record) or failure_job_ids (1 to ${MAX_DELETE_IDS} records): a row's job_id or resource_id from list_failed_sdrs_tasks`,
    );
  }
  return [...new Set(given.map((id) => id.toLowerCase()))].sort();
}

/** Each record once, in the order found; after a DELETE of unknown outcome the rest wait. */
async function sendDeletes(
  { deps, audit }: ToolContext,
  scan: FoundSet,
  scope: DeleteScope,
  signal: AbortSignal,
) {
  const rows: RecordOutput[] = [];
  const sent: Sent[] = [];
  let stopped: string | undefined;
  for (const target of scan.found) {
    const row = recordRow(target);
    if (stopped) {
      rows.push({ ...row, result: "not_sent", error: stopped });
      continue;
    }
    const outcome = await deleteOne(deps, scope.projectId, target, signal);
    sent.push(...outcome.sent);
    const error = outcome.error && cleanText(outcome.error, errorLength(scan.found.length));
    rows.push({ ...row, result: outcome.result, ...(error && { error }) });
    // SDRS did not answer: it may be down, and 49 more DELETEs would each wait for it.
    if (outcome.uncertain) {
      stopped =
        "an earlier DELETE of this set got no clear answer, so the rest waits for a new preview";
    }
  }
  const deleted = scan.found.filter((_, i) => rows[i]?.result === "deleted");
  if (deleted.length > 0) {
    deps.logger.info(
      { projectId: scope.projectId, count: deleted.length, sent },
      "deleted failed-task records",
    );
    audit?.deleted(deletedIds(deleted));
  }
  return answerFor(scan, scope, rows, sent, deleted);
}

/**
 * How much of each record's error a set's answer keeps: all 50 records may fail with errors of
 * their own, said in structuredContent and again in the text, inside the output budget.
 */
function errorLength(records: number): number {
  if (records === 1) return 2_000;
  return records <= 10 ? 600 : 100;
}

interface OneOutcome {
  result: RecordOutput["result"];
  sent: Sent[];
  error?: string;
  /** The DELETE may have been applied, or SDRS did not answer. */
  uncertain?: boolean;
}

/**
 * resource_id first (as the official examples), job_id only after "does not exist". The DELETE
 * names no scope, so the resource_id goes only when no other record of the project shares it
 * (find.ts read every scope to know): else a DELETE by it could remove a record the user was
 * not shown, and only the job_id is sent.
 */
async function deleteOne(
  deps: ServerDeps,
  projectId: string,
  target: Target,
  signal: AbortSignal,
): Promise<OneOutcome> {
  const sent: Sent[] = [];
  for (const attempt of deleteIds(target)) {
    try {
      await deps.client.deleteFailureJob(projectId, attempt.id, signal);
    } catch (error) {
      if (!doesNotExist(error)) {
        const what = `The DELETE of the failed-task record ${describe(target)} by its ${attempt.id_kind} ${attempt.id}`;
        const failure = deleteFailure(error, what);
        return { result: "failed", sent, error: failure.text, uncertain: failure.uncertain };
      }
      sent.push({ ...attempt, answer: "does not exist" });
      continue;
    }
    sent.push({ ...attempt, answer: "deleted" });
    return { result: "deleted", sent };
  }
  const withheld = withheldResourceId(target);
  if (withheld === undefined) return { result: "already_gone", sent };
  // SDRS may know the record by its resource_id alone: "does not exist" does not say it is gone.
  const refused = sent[0]
    ? `SDRS answered that no failed task with job_id ${sent[0].id} exists`
    : "The record has no job_id of its own to delete it by";
  const error = `${refused}, and its resource_id ${clip("resource_id", target.job.resource_id)} was not sent: ${withheld}, and the DELETE names no scope, so it could remove another record than the one the user saw. Nothing was deleted. delete_all_failed_sdrs_tasks clears the record's whole scope, after its own preview.`;
  return { result: "failed", sent, error };
}

/** Why the record's resource_id must not be sent, or undefined when it may be. */
function withheldResourceId({ job, sharingResourceId, everyScopeRead }: Target) {
  if (!sendable(job.resource_id)) return undefined;
  if (sharingResourceId > 0) {
    return `${sharingResourceId === 1 ? "1 other record" : `${sharingResourceId} other records`} of the project ${sharingResourceId === 1 ? "is" : "are"} listed with it`;
  }
  if (!everyScopeRead) {
    return "not every scope of the project could be read within one call's read limits to make sure no other record is listed with it";
  }
  return undefined;
}

/** The IDs to send, in order; one that is not an ID at all is never put in a path. */
function deleteIds(target: Target): Omit<Sent, "answer">[] {
  const { job } = target;
  const ids: Omit<Sent, "answer">[] = [];
  const byResourceId = sendable(job.resource_id) && withheldResourceId(target) === undefined;
  if (byResourceId) ids.push({ id: job.resource_id, id_kind: "resource_id" });
  // A job_id spelled as the resource_id is the same DELETE: sent once, and only when that is safe.
  if (sendable(job.job_id) && job.job_id.toLowerCase() !== job.resource_id.toLowerCase()) {
    ids.push({ id: job.job_id, id_kind: "job_id" });
  }
  return ids;
}

function doesNotExist(error: unknown): boolean {
  return (
    error instanceof SdrsError &&
    error.kind === "http" &&
    (error.status === 404 || classify(error) === "not-found")
  );
}

function recordRow({ job, where }: Target): Omit<RecordOutput, "result"> {
  return {
    job_id: clip("job_id", job.job_id),
    resource_id: clip("resource_id", job.resource_id),
    resource_name: clip("summary_name", job.resource_name),
    failure_status: clip("failure_status", job.failure_status),
    server_group_id: where === null ? null : clip("server_group_id", where),
  };
}

function describe(target: Target): string {
  const row = recordRow(target);
  return `(${row.failure_status || "(no status)"} of ${JSON.stringify(row.resource_name)})`;
}

/** What the set's DELETEs did, in one answer. */
function answerFor(
  scan: FoundSet,
  scope: DeleteScope,
  rows: RecordOutput[],
  sent: Sent[],
  deleted: readonly Target[],
) {
  const failed = rows.filter((r) => r.result === "failed" || r.result === "not_sent");
  const preview = buildPreview(deleted);
  const base = {
    project_id: scope.projectId,
    server_group_id: soleGroup(scope.where),
    records: rows,
    sent,
    deleted: { count: deleted.length, by_failure_status: preview.by_failure_status },
    ...(scan.notFound.length > 0 && { not_found: scan.notFound }),
  };
  // One record: the answer it always had (an error result when its DELETE failed).
  if (rows.length === 1 && failed.length === 1) return textError(failed[0]?.error ?? "");
  if (deleted.length === 0 && failed.length > 0) {
    return textError(
      [
        `No record of the ${records(rows.length)} ${scopeText(scope)} is known to be deleted (${tally(rows)}). ${NOT_RETRIED}`,
        ...rows.map(
          (r) =>
            `- ${r.job_id || r.resource_id}: ${r.result.replace("_", " ")}${r.error ? ` (${r.error})` : ""}`,
        ),
      ].join("\n"),
    );
  }
  if (deleted.length === 0) {
    const ids = sent.map((s) => `with ${s.id_kind} ${s.id}`);
    return deleteAnswer({
      ...base,
      outcome: "already_gone",
      summary:
        rows.length === 1
          ? `SDRS answered that no failed task ${ids.join(" or ")} exists: the record is already gone (list again to check). Nothing was deleted.`
          : `SDRS answered that none of the ${records(rows.length)} exists any more: already gone (list again to check). Nothing was deleted.`,
    });
  }
  const where = scopeText({ ...scope, where: placesOf(deleted) });
  const untouched =
    deleted.length === 1
      ? "The resource itself was not touched."
      : "The resources themselves were not touched.";
  const tookText = rows.length === 1 ? ` ${sentText(sent)}` : "";
  const rest =
    rows.length > deleted.length ? ` Of the ${rows.length}: ${tally(rows)} (see records).` : "";
  return deleteAnswer({
    ...base,
    outcome: failed.length ? "partly_deleted" : "deleted",
    summary: `Deleted ${records(deleted.length)} ${where}.${tookText} ${untouched}${rest}${failed.length ? ` ${NOT_RETRIED}` : ""}`,
  });
}

const NOT_RETRIED = `A record that failed is not retried with this confirm_token: call ${NAME} again without it for a new preview of what is left.`;

/** "2 deleted, 1 failed, 1 not sent" */
function tally(rows: readonly RecordOutput[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.result, (counts.get(r.result) ?? 0) + 1);
  return [...counts].map(([result, n]) => `${n} ${result.replace("_", " ")}`).join(", ");
}

function sentText(sent: readonly Sent[]): string {
  const [first, second] = sent;
  if (!first) return "";
  if (!second) return `SDRS took its ${first.id_kind} ${first.id}.`;
  return `SDRS did not know its ${first.id_kind} ${first.id} and took its ${second.id_kind} ${second.id}.`;
}
