import { badRequest, itemNotFound } from "../errors.js";
import { json, type SimResponse } from "../responses.js";
import type { HandlerContext } from "../types.js";

const JOB_ID = /^[A-Za-z0-9-]+$/;

/** GET jobs/{job_id}. */
export function getJob(jobId: string, context: HandlerContext): SimResponse {
  if (!JOB_ID.test(jobId))
    return badRequest("Invalid job_id: only letters, digits and '-' are allowed.");
  const job = context.data.jobs.get(jobId);
  if (job === undefined) return itemNotFound(`Job ${jobId} could not be found.`);
  return json(200, job);
}
