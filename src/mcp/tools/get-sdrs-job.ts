import { z } from "zod";
import { buildJobResult, jobOutput } from "../../format/job.js";
import { JOB_ID } from "../../sdrs/ids.js";
import { projectIdField, resolveProjectId, strictInput } from "../inputs.js";
import { defineTool, READ_ONLY } from "./types.js";

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  job_id: z
    .string({ error: "job_id must be a job ID: 32 hex characters" })
    .regex(JOB_ID, { error: "job_id must be a job ID: 32 hex characters" })
    .describe("A job_id from list_failed_sdrs_tasks or summarize_sdrs_failures."),
});

export const getSdrsJob = defineTool({
  name: "get_sdrs_job",
  title: "SDRS job: status and failed step",
  description: [
    "Explain one job by its job_id: what happened to the SDRS job, its status, is the job still running or stuck, is it done yet, did it finish or succeed, why the job failed.",
    "For a failover, drill, replication or protection group job, e.g. the job of a failed task, one the console or API returned or one that seems stuck: its status (running or done), start and end, which step or sub-step failed (the earliest sub-job marked FAIL) with error code, meaning and reason, and the server, volumes (disks) and NIC a step worked on.",
    "(German: Jobstatus, Auftrag, Teilschritt, Stand, warum.)",
  ].join(" "),
  inputSchema,
  outputSchema: jobOutput,
  annotations: READ_ONLY,
  async handler(args, { deps, signal }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const { data } = await deps.client.getJob(projectId, args.job_id, signal);
    return buildJobResult(projectId, data);
  },
});
