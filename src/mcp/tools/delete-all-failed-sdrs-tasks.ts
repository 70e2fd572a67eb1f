/**
 * A write tool, registered only with --allow-write. The batch DELETE removes every record SDRS
 * holds in the scope and does not say how many, so it is sent only when the preview counted
 * exactly that: the scope read to its end, the end proven by a read past the last record that
 * came back empty (a short page proves nothing when `count` may be the page size), no page's
 * `count` claiming more than was read, and every record with an ID (else the user's set cannot
 * be told apart from another of the same size). Otherwise nothing is deleted, and the records
 * that have an ID are offered to delete_failed_sdrs_task by failure_job_ids. A re-read afterwards
 * says what is left.
 */
import {
  buildPreview,
  type DeleteScope,
  deleteAnswer,
  previewSentence,
  records,
  scopeText,
  soleGroup,
} from "../../format/delete-preview.js";
import { type CallReads, failureJobListing, type Listing } from "../../sdrs/paging.js";
import type { FailureJob } from "../../sdrs/schemas.js";
import {
  CONFIRMED_BY_USER,
  confirmThenDelete,
  deletedIds,
  deleteFailed,
  deleteToolTraits,
  type Scan,
} from "../confirm/confirm.js";
import { MAX_DELETE_IDS, sendable } from "../confirm/find.js";
import { lacksId } from "../confirm/identity.js";
import { confirmTokenField } from "../confirm/tokens.js";
import { projectIdField, resolveProjectId, serverGroupIdField, strictInput } from "../inputs.js";
import { defineTool } from "./types.js";

const NAME = "delete_all_failed_sdrs_tasks";
/** The re-read after the DELETE runs outside the tool deadline; this bounds it instead. */
const REREAD_MS = 10_000;
/** What a listing stopped by a page cap means here. */
const CAPPED = `Nothing was deleted: the batch DELETE would remove records no preview counted. Delete chosen records with delete_failed_sdrs_task and failure_job_ids (up to ${MAX_DELETE_IDS} a call)`;

interface ScopeScan extends Scan {
  /** Why the preview did not count exactly what SDRS holds; undefined when it did. */
  inexact?: string;
}

export const deleteAllFailedSdrsTasks = defineTool({
  name: NAME,
  title: "Delete all failed SDRS task records",
  description: [
    "Deletes every failed-task record at protection-group level, or with server_group_id every failed-task record inside that protection group; the resources themselves are not touched.",
    CONFIRMED_BY_USER,
    "It deletes only when every record in the scope could be counted and identified; otherwise it deletes nothing, says why, and offers the records' IDs for delete_failed_sdrs_task. The result gives the count deleted by failure status and how many records a re-read finds afterwards. To delete chosen records use delete_failed_sdrs_task.",
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
    const group = args.server_group_id ?? null;
    const filter = group ? { server_group_id: group } : {};
    const readScope = (call: CallReads) =>
      failureJobListing(deps.client, projectId, filter, call, { untilEmpty: true, advice: CAPPED });
    const base = { project_id: projectId, server_group_id: group };
    const plainScope = { projectId, where: [group] };
    return confirmThenDelete<ScopeScan>(
      {
        tool: NAME,
        projectId,
        args: JSON.stringify([group]),
        read: async (call) => {
          const listing = await readScope(call);
          const why = inexact(listing);
          return {
            found: listing.items.map((job) => ({ job, where: group })),
            searched: scopeText(plainScope),
            ...(why && { inexact: why }),
          };
        },
        nothing: (_scan, afterPreview) =>
          deleteAnswer({
            ...base,
            outcome: afterPreview ? "already_gone" : "nothing_to_delete",
            summary: afterPreview
              ? `The failed-task records the user confirmed ${scopeText(plainScope)} are already gone: nothing was deleted.`
              : `No failed-task records ${scopeText(plainScope)}: nothing was deleted.`,
          }),
        blocked: (scan, scope) => (scan.inexact ? refusal(scan, scope, scan.inexact) : undefined),
        async send(scan, scope, signal) {
          try {
            await deps.client.deleteAllFailureJobs(projectId, args.server_group_id, signal);
          } catch (error) {
            return deleteFailed(
              error,
              `The batch DELETE of the failed-task records ${scopeText(scope)}`,
            );
          }
          deps.logger.info(
            { projectId, serverGroupId: group, count: scan.found.length },
            "deleted failed-task records",
          );
          ctx.audit?.deleted(deletedIds(scan.found));
          const preview = buildPreview(scan.found);
          const left = await readScope({
            signal: AbortSignal.any([signal, AbortSignal.timeout(REREAD_MS)]),
            pages: ctx.pages,
          }).then(
            (listing) => listing.items.length,
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

/** Why a listing does not prove it holds everything SDRS has in the scope; undefined if it does. */
function inexact(listing: Listing<FailureJob>): string | undefined {
  const read = listing.items.length;
  if (listing.end !== "empty") return "the end of the listing was not confirmed by an empty page";
  if (listing.maxCount !== undefined && listing.maxCount > read) {
    return `SDRS's count says ${listing.maxCount} records while reading to the end gave ${read}`;
  }
  const unnamed = listing.items.filter(lacksId).length;
  if (unnamed > 0) {
    return `${records(unnamed)} of the ${read} ${unnamed === 1 ? "has" : "have"} neither a job_id nor a resource_id, so the set the user confirms could not be told from another of its size`;
  }
  return undefined;
}

/** Nothing deleted, why, and the records that can go one by one. */
function refusal(scan: ScopeScan, scope: DeleteScope, why: string) {
  const ids = scan.found.flatMap(({ job }) => {
    const id = job.job_id || job.resource_id;
    return sendable(id) ? [id] : [];
  });
  const without = scan.found.length - ids.length;
  const cannot = without
    ? ` ${records(without)} without a usable ID cannot be deleted by sdrs-mcp (SDRS gives nothing to name ${without === 1 ? "it" : "them"} by).`
    : "";
  const offer =
    ids.length === 0
      ? ""
      : ids.length <= MAX_DELETE_IDS
        ? ` delete_failed_sdrs_task with failure_job_ids (in structuredContent.failure_job_ids) deletes the ${records(ids.length)} that have an ID, after its own preview.`
        : ` delete_failed_sdrs_task with failure_job_ids deletes up to ${MAX_DELETE_IDS} records a call, after its own preview (list them with list_failed_sdrs_tasks).`;
  return deleteAnswer({
    project_id: scope.projectId,
    server_group_id: soleGroup(scope.where),
    outcome: "batch_refused",
    summary: `Nothing was deleted: the batch DELETE removes every failed-task record SDRS holds ${scopeText(scope)}, and sdrs-mcp could not count them exactly (${why}).${offer}${cannot}`,
    preview: buildPreview(scan.found),
    ...(ids.length > 0 && ids.length <= MAX_DELETE_IDS && { failure_job_ids: ids }),
  });
}

function leftText(left: number | null): string {
  if (left === null)
    return "Reading the scope again afterwards failed: list again to see what is left.";
  if (left === 0) return "A re-read afterwards finds none left.";
  return `A re-read afterwards finds ${records(left)} there: failures that arrived meanwhile or that SDRS kept (list them with list_failed_sdrs_tasks).`;
}
