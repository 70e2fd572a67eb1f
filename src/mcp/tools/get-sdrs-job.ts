import { z } from "zod";
import { countBy, describeCounts } from "../../format/breakdown.js";
import { countsOutput } from "../../format/outputs.js";
import { explainErrorCode } from "../../sdrs/explain.js";
import { JOB_ID } from "../../sdrs/ids.js";
import type { SubJob } from "../../sdrs/schemas.js";
import { cleanText } from "../../text.js";
import { projectIdField, strictInput } from "../inputs.js";
import { resolveProjectId } from "../project.js";
import { defineTool, READ_ONLY } from "./types.js";

const MAX_SUB_JOBS = 50;

const inputSchema = strictInput({
  project_id: projectIdField.optional(),
  job_id: z
    .string({ error: "job_id must be a job ID: 32 hex characters" })
    .regex(JOB_ID, { error: "job_id must be a job ID: 32 hex characters" })
    .describe("The job ID, e.g. a job_id from list_failed_sdrs_tasks."),
});

const jobFields = {
  job_id: z.string(),
  job_type: z.string(),
  status: z.string(),
  begin_time: z.string(),
  end_time: z.string(),
  error_code: z.string(),
  fail_reason: z.string(),
};

const outputSchema = z.object({
  summary: z.string(),
  project_id: z.string(),
  job: z.object({
    ...jobFields,
    error_meaning: z.string().nullable(),
    server_group_id: z.string().nullable(),
  }),
  sub_jobs: z.array(z.object({ ...jobFields, error_meaning: z.string().nullable() })),
  sub_jobs_by_status: countsOutput,
  sub_jobs_omitted: z.number().int(),
});

type JobRow = z.infer<typeof outputSchema>["sub_jobs"][number];

function toRow(job: SubJob): JobRow {
  return {
    job_id: cleanText(job.job_id, 64),
    job_type: cleanText(job.job_type, 64),
    status: cleanText(job.status, 16),
    begin_time: cleanText(job.begin_time, 40),
    end_time: cleanText(job.end_time, 40),
    error_code: cleanText(job.error_code, 40),
    fail_reason: cleanText(job.fail_reason, 600),
    error_meaning: explainErrorCode(job.error_code) ?? null,
  };
}

export const getSdrsJob = defineTool({
  name: "get_sdrs_job",
  title: "Get an SDRS job",
  description: [
    "Shows one SDRS job: status (SUCCESS, RUNNING, FAIL, INIT), type, start and end time, error code with its documented meaning, failure reason, protection group, and its sub-jobs (which step failed and why).",
    "Use it after list_failed_sdrs_tasks or summarize_sdrs_failures to explain a failed task: pass that task's job_id. It does not list failures; for that use list_failed_sdrs_tasks.",
  ].join(" "),
  inputSchema,
  outputSchema,
  annotations: READ_ONLY,
  async handler(args, { deps, signal }) {
    const projectId = await resolveProjectId(args.project_id, deps);
    const { data } = await deps.client.getJob(projectId, args.job_id, signal);
    const subJobs = data.entities?.sub_jobs ?? [];
    const serverGroupId = data.entities?.server_group_id
      ? cleanText(data.entities.server_group_id, 64)
      : null;
    const structured = {
      summary: "",
      project_id: projectId,
      job: { ...toRow(data), server_group_id: serverGroupId },
      sub_jobs: subJobs.slice(0, MAX_SUB_JOBS).map(toRow),
      sub_jobs_by_status: countBy(subJobs, (j) => j.status, 10),
      sub_jobs_omitted: Math.max(0, subJobs.length - MAX_SUB_JOBS),
    };
    structured.summary = summarize(structured);
    return {
      content: [{ type: "text", text: renderText(structured) }],
      structuredContent: structured,
    };
  },
});

type JobResult = z.infer<typeof outputSchema>;

function summarize(r: JobResult): string {
  const j = r.job;
  const when = j.end_time ? `from ${j.begin_time} to ${j.end_time}` : `started ${j.begin_time}`;
  const error = j.error_code
    ? ` with ${j.error_code}${j.error_meaning ? ` (${j.error_meaning})` : ""}${j.fail_reason ? `: ${cleanText(j.fail_reason, 200)}` : ""}`
    : "";
  const failedSub = r.sub_jobs.find((s) => s.status === "FAIL");
  const subs = r.sub_jobs.length
    ? ` Sub-jobs: ${describeCounts(r.sub_jobs_by_status)}${failedSub ? `; failed step ${failedSub.job_type}${failedSub.error_code ? ` (${failedSub.error_code})` : ""}` : ""}.`
    : "";
  const next = j.server_group_id
    ? ` Other failures of its protection group: list_failed_sdrs_tasks with server_group_id=${j.server_group_id}.`
    : "";
  return `Job ${j.job_id} (${j.job_type || "unknown type"}) is ${j.status || "of unknown status"}, ${when}${error}.${subs}${next}`;
}

function renderText(r: JobResult): string {
  const lines = [r.summary, ""];
  for (const s of r.sub_jobs) {
    const code = s.error_code
      ? ` ${s.error_code}${s.error_meaning ? ` (${s.error_meaning})` : ""}`
      : "";
    lines.push(
      `- ${s.status} ${s.job_type} ${s.job_id} ${s.begin_time}${code}${s.fail_reason ? ` ${JSON.stringify(s.fail_reason)}` : ""}`,
    );
  }
  if (r.sub_jobs_omitted) lines.push(`… ${r.sub_jobs_omitted} more sub-jobs`);
  return lines.join("\n").trim();
}
