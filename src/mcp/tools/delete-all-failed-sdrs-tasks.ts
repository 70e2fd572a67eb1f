/**
 * A write tool, registered only with --allow-write. Every record of the scope is read (all
 * pages) and confirmed by the user before the batch DELETE goes out, once: the API deletes the
 * whole scope and does not say how many, so the count comes from the preview and a re-read
 * afterwards says what is left.
 */
import {
  buildPreview,
  type DeleteScope,
  deleteAnswer,
  previewSentence,
  records,
  scopeText,
} from "../../format/delete-preview.js";
import { allFailureJobs, type CallReads } from "../../sdrs/paging.js";
import {
  CONFIRMED_BY_USER,
  confirmThenDelete,
  deleteFailed,
  deleteToolTraits,
  type Scan,
} from "../confirm/confirm.js";
import { confirmTokenField } from "../confirm/tokens.js";
import { projectIdField, resolveProjectId, serverGroupIdField, strictInput } from "../inputs.js";
import { defineTool } from "./types.js";

const NAME = "delete_all_failed_sdrs_tasks";
/** The re-read after the DELETE runs outside the tool deadline; this bounds it instead. */
const REREAD_MS = 10_000;

export const deleteAllFailedSdrsTasks = defineTool({
  name: NAME,
  title: "Delete all failed SDRS task records",
  description: [
    "Deletes every failed-task record at protection-group level, or with server_group_id every failed-task record inside that protection group; the resources themselves are not touched.",
    CONFIRMED_BY_USER,
    "The result gives the count deleted by failure status and how many records a re-read finds afterwards. To delete a single record use delete_failed_sdrs_task.",
  ].join(" "),
  inputSchema: strictInput({
    project_id: projectIdField.optional(),
    server_group_id: serverGroupIdField(
      "Delete the failures inside this protection group; omit to delete the group-level failures.",
    ).optional(),
    confirm_token: confirmTokenField.optional(),
  }),
  ...deleteToolTraits({ idempotent: false }),
  async handler(args, ctx) {
    const { deps } = ctx;
    const projectId = await resolveProjectId(args.project_id, deps);
    const scope: DeleteScope = { projectId, serverGroupId: args.server_group_id ?? null };
    const filter = args.server_group_id ? { server_group_id: args.server_group_id } : {};
    const readScope = (call: CallReads) => allFailureJobs(deps.client, projectId, filter, call);
    const base = { project_id: projectId, server_group_id: scope.serverGroupId };
    return confirmThenDelete(
      {
        tool: NAME,
        projectId,
        args: JSON.stringify([scope.serverGroupId]),
        read: async (call) => ({
          records: await readScope(call),
          where: scope.serverGroupId,
          searched: scopeText(scope),
        }),
        nothing: (_scan, afterPreview) =>
          deleteAnswer({
            ...base,
            outcome: afterPreview ? "already_gone" : "nothing_to_delete",
            summary: afterPreview
              ? `The failed-task records the user confirmed ${scopeText(scope)} are already gone: nothing was deleted.`
              : `No failed-task records ${scopeText(scope)}: nothing was deleted.`,
          }),
        async send(scan: Scan, signal) {
          try {
            await deps.client.deleteAllFailureJobs(projectId, args.server_group_id, signal);
          } catch (error) {
            return deleteFailed(
              error,
              `The batch DELETE of the failed-task records ${scopeText(scope)}`,
            );
          }
          deps.logger.info(
            { projectId, serverGroupId: scope.serverGroupId, count: scan.records.length },
            "deleted failed-task records",
          );
          const preview = buildPreview(scan.records);
          const left = await readScope({
            signal: AbortSignal.any([signal, AbortSignal.timeout(REREAD_MS)]),
            pages: ctx.pages,
          }).then(
            (jobs) => jobs.length,
            () => null,
          );
          return deleteAnswer({
            ...base,
            outcome: "deleted",
            summary: `Deleted ${previewSentence(scope, preview)}. The resources themselves were not touched. ${leftText(left)}`,
            preview,
            deleted: { count: preview.count, by_failure_status: preview.by_failure_status },
            left,
          });
        },
      },
      args.confirm_token,
      ctx,
    );
  },
});

function leftText(left: number | null): string {
  if (left === null)
    return "Reading the scope again afterwards failed: list again to see what is left.";
  if (left === 0) return "A re-read afterwards finds none left.";
  return `A re-read afterwards finds ${records(left)} there: failures that arrived meanwhile or that SDRS kept (list them with list_failed_sdrs_tasks).`;
}
