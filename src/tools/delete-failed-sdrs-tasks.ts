/**
 * The write tools, registered only with --allow-write. Each delete is sent once: a delete that
 * timed out may still have been applied, so it is never retried blindly.
 */
import { z } from "zod";
import { JOB_ID } from "../sdrs/ids.js";
import { projectIdField, serverGroupIdField, strictInput } from "./fields.js";
import { resolveProjectId } from "./project.js";
import { defineTool } from "./types.js";

const outputSchema = z.object({
  summary: z.string(),
  project_id: z.string(),
  deleted: z.string(),
});

const CONFIRM =
  "This permanently removes failed-task records (not the resources themselves). Before calling it, tell the user exactly what will be deleted and get their explicit confirmation.";

export const deleteFailedSdrsTask = defineTool({
  name: "delete_failed_sdrs_task",
  title: "Delete one failed SDRS task record",
  description: [
    "Deletes one failed-task record from the SDRS task center, e.g. after the cause was fixed.",
    CONFIRM,
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
  outputSchema,
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

export const deleteAllFailedSdrsTasks = defineTool({
  name: "delete_all_failed_sdrs_tasks",
  title: "Delete all failed SDRS task records",
  description: [
    "Deletes every failed-task record at protection-group level, or with server_group_id every failed-task record inside that protection group.",
    CONFIRM,
    "Check what would go first with list_failed_sdrs_tasks using the same server_group_id. To delete a single record use delete_failed_sdrs_task.",
  ].join(" "),
  inputSchema: strictInput({
    project_id: projectIdField.optional(),
    server_group_id: serverGroupIdField(
      "Delete the failures inside this protection group; omit to delete the group-level failures.",
    ).optional(),
  }),
  outputSchema,
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
