/**
 * A write tool, registered only with --allow-write. The record is found by listing (group
 * level, then inside the protection groups, or in the group named) and confirmed by the user
 * before anything is sent. Which ID the API's DELETE takes is not documented; every official
 * example passes the row's resource_id, so that goes first, and the job_id only after SDRS
 * answers that the record does not exist. Nothing else is ever resent.
 */
import { z } from "zod";
import {
  buildPreview,
  deleteAnswer,
  type deleteOutput,
  describeRow,
  type Preview,
  records,
  scopeText,
} from "../../format/delete-preview.js";
import { SdrsError } from "../../sdrs/errors.js";
import { JOB_ID } from "../../sdrs/ids.js";
import type { FailureJob } from "../../sdrs/schemas.js";
import {
  CONFIRMED_BY_USER,
  confirmThenDelete,
  deleteFailed,
  deleteToolTraits,
} from "../confirm/confirm.js";
import { type FoundRecord, findFailureJob } from "../confirm/find.js";
import { confirmTokenField } from "../confirm/tokens.js";
import type { ServerDeps } from "../deps.js";
import { classify, textError } from "../errors.js";
import { projectIdField, resolveProjectId, serverGroupIdField, strictInput } from "../inputs.js";
import { defineTool } from "./types.js";

const NAME = "delete_failed_sdrs_task";
const ID_ERROR =
  "failure_job_id must be a row's job_id (32 hex characters) or resource_id (a UUID) from list_failed_sdrs_tasks";

type Sent = NonNullable<z.infer<typeof deleteOutput>["sent"]>[number];

export const deleteFailedSdrsTask = defineTool({
  name: NAME,
  title: "Delete one failed SDRS task record",
  description: [
    "Deletes one failed-task record from the SDRS task center, e.g. after its cause was fixed; the resource itself is not touched.",
    "failure_job_id is the row's job_id or resource_id from list_failed_sdrs_tasks; for a row listed inside a protection group also pass its server_group_id (else every group is searched).",
    CONFIRMED_BY_USER,
    "A record already gone is reported as such, not as an error. To clear many at once use delete_all_failed_sdrs_tasks.",
  ].join(" "),
  inputSchema: strictInput({
    project_id: projectIdField.optional(),
    failure_job_id: z
      .string({ error: ID_ERROR })
      .regex(JOB_ID, { error: ID_ERROR })
      .describe("The failed task to delete: the row's job_id or resource_id."),
    server_group_id: serverGroupIdField(
      "The protection group the row was listed under; omit for a group-level row or if unknown.",
    ).optional(),
    confirm_token: confirmTokenField.optional(),
  }),
  ...deleteToolTraits({ idempotent: true }),
  async handler(args, ctx) {
    const { deps } = ctx;
    const projectId = await resolveProjectId(args.project_id, deps);
    const id = args.failure_job_id.toLowerCase();
    const group = args.server_group_id?.toLowerCase() ?? null;
    return confirmThenDelete(
      {
        tool: NAME,
        projectId,
        args: JSON.stringify([id, group]),
        read: (call, where) =>
          findFailureJob(
            deps,
            projectId,
            id,
            where === undefined ? { search: group } : { at: where },
            call,
          ),
        nothing: (scan, afterPreview) =>
          deleteAnswer({
            project_id: projectId,
            server_group_id: scan.where,
            outcome: "already_gone",
            summary: afterPreview
              ? `The failed-task record ${id} is no longer listed ${scopeText({ projectId, serverGroupId: scan.where })}: it is already gone, and nothing was deleted.`
              : `No failed-task record has job_id or resource_id ${id} ${scan.searched}: it is already gone, or not an ID of this project (list_failed_sdrs_tasks shows the current ones). Nothing was deleted.`,
          }),
        send: (scan, signal) => sendDelete(deps, projectId, scan, signal),
      },
      args.confirm_token,
      ctx,
    );
  },
});

/**
 * resource_id first (as the official examples), job_id only after "does not exist". When other
 * records of the scope share the resource_id, a DELETE by it could remove one of them instead
 * (SDRS does not say which it takes), so then only the job_id is sent.
 */
async function sendDelete(
  deps: ServerDeps,
  projectId: string,
  scan: FoundRecord,
  signal: AbortSignal,
) {
  const record = scan.records[0] as FailureJob;
  const preview = buildPreview([record]);
  const row = describeRow(preview.first[0] as Preview["first"][number]);
  const base = { project_id: projectId, server_group_id: scan.where, preview };
  const sent: Sent[] = [];
  for (const attempt of deleteIds(record, scan.sharingResourceId)) {
    try {
      await deps.client.deleteFailureJob(projectId, attempt.id, signal);
    } catch (error) {
      if (!doesNotExist(error)) {
        return deleteFailed(
          error,
          `The DELETE of the failed-task record (${row}) by its ${attempt.id_kind} ${attempt.id}`,
        );
      }
      sent.push({ ...attempt, answer: "does not exist" });
      continue;
    }
    sent.push({ ...attempt, answer: "deleted" });
    deps.logger.info({ projectId, sent }, "deleted a failed-task record");
    return deleteAnswer({
      ...base,
      outcome: "deleted",
      summary: `Deleted ${records(1)} ${scopeText({ projectId, serverGroupId: scan.where })}. ${sentText(sent)} The resource itself was not touched.`,
      deleted: { count: 1, by_failure_status: preview.by_failure_status },
      sent,
    });
  }
  if (scan.sharingResourceId > 0) {
    return textError(
      `SDRS answered that no failed task with job_id ${sent[0]?.id} exists, and the record's resource_id is shared by ${scan.sharingResourceId} other listed record(s), so deleting by it could remove one of those instead: nothing was deleted. To clear them together use delete_all_failed_sdrs_tasks for the same scope.`,
    );
  }
  return deleteAnswer({
    ...base,
    outcome: "already_gone",
    summary: `SDRS answered that no failed task ${sent.map((s) => `with ${s.id_kind} ${s.id}`).join(" or ")} exists: the record is already gone (list again to check). Nothing was deleted.`,
    deleted: { count: 0, by_failure_status: {} },
    sent,
  });
}

/** The IDs to send, in order; one that is not an ID at all is never put in a path. */
function deleteIds(record: FailureJob, sharingResourceId: number): Omit<Sent, "answer">[] {
  const ids: Omit<Sent, "answer">[] = [];
  if (sharingResourceId === 0 && JOB_ID.test(record.resource_id)) {
    ids.push({ id: record.resource_id, id_kind: "resource_id" });
  }
  if (JOB_ID.test(record.job_id) && record.job_id !== record.resource_id) {
    ids.push({ id: record.job_id, id_kind: "job_id" });
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

function sentText(sent: readonly Sent[]): string {
  const [first, second] = sent;
  if (!first) return "";
  if (!second) return `SDRS took its ${first.id_kind} ${first.id}.`;
  return `SDRS did not know its ${first.id_kind} ${first.id} and took its ${second.id_kind} ${second.id}.`;
}
