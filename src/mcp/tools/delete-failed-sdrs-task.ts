/**
 * A write tool, registered only with --allow-write. The delete is sent once: one that timed out
 * may still have been applied, so it is never retried blindly.
 */
import { z } from "zod";
import { deleteOutput } from "../../format/outputs.js";
import { JOB_ID } from "../../sdrs/ids.js";
import { CONFIRM_FIRST, projectIdField, strictInput } from "../inputs.js";
import { resolveProjectId } from "../project.js";
import { defineTool } from "./types.js";

export const deleteFailedSdrsTask = defineTool({
  name: "delete_failed_sdrs_task",
  title: "Delete one failed SDRS task record",
  description: [
    "Deletes one failed-task record from the SDRS task center, e.g. after the cause was fixed.",
    CONFIRM_FIRST,
    "failure_job_id is the task's job_id from list_failed_sdrs_tasks (some API versions expect its resource_id; both are accepted). To clear many at once use delete_all_failed_sdrs_tasks.",
  ].join(" "),
  inputSchema: strictInput({
    project_id: projectIdField.optional(),
    failure_job_id: z
      .string({
        error: "failure_job_id must be 32 hex characters (a job_id) or a UUID (a resource_id)",
      })
      .regex(JOB_ID, {
        error: "failure_job_id must be 32 hex characters (a job_id) or a UUID (a resource_id)",
      })
      .describe("The failed task to delete: its job_id from list_failed_sdrs_tasks."),
  }),
  outputSchema: deleteOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  write: true,
  async handler(args, { deps, signal }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    await deps.client.deleteFailureJob(projectId, args.failure_job_id, signal);
    deps.logger.info(
      { projectId, failureJobId: args.failure_job_id },
      "deleted a failed-task record",
    );
    const summary = `Deleted the failed-task record ${args.failure_job_id} in project ${projectId}.`;
    return {
      content: [{ type: "text", text: summary }],
      structuredContent: { summary, project_id: projectId, deleted: args.failure_job_id },
    };
  },
});
