/**
 * A write tool, registered only with --allow-write. The batch delete is sent once and never
 * retried: one that timed out may still have been applied.
 */

import { deleteOutput } from "../../format/outputs.js";
import { CONFIRM_FIRST, projectIdField, serverGroupIdField, strictInput } from "../inputs.js";
import { resolveProjectId } from "../project.js";
import { defineTool } from "./types.js";

export const deleteAllFailedSdrsTasks = defineTool({
  name: "delete_all_failed_sdrs_tasks",
  title: "Delete all failed SDRS task records",
  description: [
    "Deletes every failed-task record at protection-group level, or with server_group_id every failed-task record inside that protection group.",
    CONFIRM_FIRST,
    "Check what would go first with list_failed_sdrs_tasks using the same server_group_id. To delete a single record use delete_failed_sdrs_task.",
  ].join(" "),
  inputSchema: strictInput({
    project_id: projectIdField.optional(),
    server_group_id: serverGroupIdField(
      "Delete the failures inside this protection group; omit to delete the group-level failures.",
    ).optional(),
  }),
  outputSchema: deleteOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  },
  write: true,
  async handler(args, { deps, signal }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    await deps.client.deleteAllFailureJobs(projectId, args.server_group_id, signal);
    const scope = args.server_group_id
      ? `inside protection group ${args.server_group_id}`
      : "at protection-group level";
    deps.logger.info(
      { projectId, serverGroupId: args.server_group_id },
      "deleted failed-task records",
    );
    const summary = `Deleted every failed-task record ${scope} in project ${projectId}.`;
    return {
      content: [{ type: "text", text: summary }],
      structuredContent: {
        summary,
        project_id: projectId,
        deleted: args.server_group_id ?? "group-level",
      },
    };
  },
});
